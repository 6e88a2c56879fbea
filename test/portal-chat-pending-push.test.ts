// The portal chat's "pending" pushed when it goes false without an answer: a debtor's message waits behind an earlier
// reply (the page shows "typing..."), then the worker leaves it unanswered; the open streams get pending: false at once,
// not with the next line or a reload (migration 140), a stream opened after the message (nothing to send at first) too. PGlite here; PostgreSQL with DATABASE_URL set.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { queueAgentTurn, setAgentSettings } from '../src/agent/index.ts';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { openSse, type SseEvent, type SseStream } from './support/sse.ts';

let clock = new Date('2026-03-20T15:00:00Z');
let t: TestApi;
let base: string;
const streams: SseStream[] = [];
before(async () => {
  // heartbeats only check the link and session: without a notification the flag would wait for the next line
  t = await testApi(() => clock, { chatStream: { heartbeatMs: 100 } });
  assert.ok((await setAgentSettings(t.db, t.org, 'test', { enabled: true }, clock)).ok);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
after(async () => {
  for (const s of streams) s.close();
  await t.close();
});

const staff = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: bearer(t.keys.admin), payload: payload as object });

interface Chat { lines: { text: string }[]; pending: boolean }
const chat = (e: SseEvent) => e.data as Chat;

describe('the portal chat stream and a turn left unanswered', () => {
  it('pushes pending: false when the waiting turn is decided without an answer, and nothing for another channel\'s turn', async () => {
    const c = await staff('/v1/customers', { name: 'Cliente Espera', email: 'espera@example.com', country: 'US', timezone: 'America/Chicago', language: 'es' });
    assert.equal(c.statusCode, 201, c.body);
    const customer = c.json().id as string;
    assert.equal((await staff('/v1/invoices', { customer_id: customer, number: 'ESP-1', currency: 'USD', amount: 50_000, issue_date: '2026-01-15', due_date: '2026-03-01' })).statusCode, 201);
    const link = await staff(`/v1/customers/${customer}/portal-link`, {});
    assert.equal(link.statusCode, 201, link.body);
    const token = link.json().token as string;
    // an earlier SMS reply still waiting: the portal message's turn waits behind it (a conversation is answered in order)
    await t.db.query(`INSERT INTO inbound_messages (id, org_id, customer_id, channel, provider, provider_message_id, from_address, text, received_at, created_at)
      VALUES ('in_wait_sms', $1, $2, 'sms', 'test', 'in_wait_sms', '+15550100', 'ok', $3, $3)`, [t.org, customer, clock]);
    assert.ok(await queueAgentTurn(t.db, t.org, { inboundId: 'in_wait_sms', customerId: customer, channel: 'sms' }, clock));
    clock = new Date(clock.getTime() + 60_000);

    const s = await openSse(base, '/portal/api/chat/stream', { 'x-portal-token': token });
    streams.push(s);
    assert.equal(s.status, 200);
    const posted = await t.app.inject({ method: 'POST', url: '/portal/api/chat', headers: { 'x-portal-token': token }, payload: { text: 'hola, ¿cuánto debo?' } });
    assert.equal(posted.statusCode, 201, posted.body);
    assert.equal(posted.json().pending, true, 'the message waits for the agent');
    await s.next((e) => e.event === 'chat' && chat(e).lines.some((l) => l.text.includes('cuánto debo')));
    // the flags are read a moment before the lines: a read racing the message's commit may send the line first and the
    // flag with the notification's read, so the stream is waited on for pending: true
    await s.next((e) => e.event === 'chat' && chat(e).pending);
    // a page opened now (the chat read, then its stream from the chat's cursor): nothing new to send, but its flags kept
    const opened = await t.app.inject({ method: 'GET', url: '/portal/api/chat', headers: { 'x-portal-token': token } });
    assert.equal(opened.json().pending, true);
    const late = await openSse(base, `/portal/api/chat/stream?after=${encodeURIComponent(opened.json().cursor as string)}`, { 'x-portal-token': token });
    streams.push(late);
    assert.equal(late.status, 200);
    await new Promise((ok) => { setTimeout(ok, 300); });
    assert.deepEqual(late.events, [], 'nothing new after the cursor');
    const from = s.events.length;

    // the SMS turn decided: a turn of another channel says nothing to the portal's stream
    await t.db.query(`UPDATE agent_turns SET status = 'decided', action = 'nothing', decided_at = $3 WHERE org_id = $1 AND customer_id = $2 AND channel = 'sms'`,
      [t.org, customer, clock]);
    await new Promise((ok) => { setTimeout(ok, 400); });
    assert.equal(s.events.length, from, 'no event for an SMS turn');

    // the worker leaves the portal turn unanswered (its decision "nothing", as when its reply is gone)
    const left = Date.now();
    await t.db.query(`UPDATE agent_turns SET status = 'decided', action = 'nothing', detail = 'left unanswered', decided_at = $3, next_attempt_at = NULL
      WHERE org_id = $1 AND customer_id = $2 AND channel = 'portal' AND status = 'pending'`, [t.org, customer, clock]);
    const done = await s.next((e) => e.event === 'chat' && chat(e).pending === false, 3_000, from);
    assert.deepEqual(chat(done).lines, [], 'the flag alone, no line');
    assert.ok(Date.now() - left < 3_000);
    // the stream opened after the message sends the flag too, with the page's last line
    const lateDone = await late.next((e) => e.event === 'chat', 3_000);
    assert.deepEqual([chat(lateDone).pending, chat(lateDone).lines, (lateDone.data as { last: string }).last], [false, [], posted.json().message.id]);
    const view = await t.app.inject({ method: 'GET', url: '/portal/api/chat', headers: { 'x-portal-token': token } });
    assert.equal(view.json().pending, false, 'as a reload shows it');
  });
});
