// The portal chat's pushed answers (GET /portal/api/chat/stream, Server-Sent Events): a person's answer from the handover
// screen and the agent's answer reach the debtor's open stream as they are recorded; a reconnect resumes after its
// Last-Event-ID; another debtor's stream never gets a word of it; heartbeats; the open streams capped per session and in
// all; the stream closed once the second factor's session or the link is over.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { listHandovers, setAgentSettings } from '../src/agent/index.ts';
import { writeChatAnswer } from '../src/agent/chat-answer.ts';
import { API_CSP } from '../src/api/headers.ts';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { openSse, type SseEvent, type SseStream } from './support/sse.ts';

const start = new Date('2026-03-20T15:00:00Z');
let clock = start;
let t: TestApi;
let base: string;
const streams: SseStream[] = [];
before(async () => {
  t = await testApi(() => clock, { chatStream: { heartbeatMs: 100, perSession: 2, overall: 6 } });
  assert.ok((await setAgentSettings(t.db, t.org, 'test', { enabled: true }, start)).ok);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
after(async () => {
  for (const s of streams) s.close();
  await t.close();
});

const staff = (method: 'POST' | 'PUT', url: string, payload: unknown) => t.app.inject({ method, url, headers: bearer(t.keys.admin), payload: payload as object });
const portal = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown, cookie?: string) => t.app.inject({ method, url,
  headers: { 'x-portal-token': token, ...(cookie ? { cookie } : {}) }, ...(payload !== undefined ? { payload: payload as object } : {}) });

let n = 0;
async function debtor(metadata: Record<string, string> = {}) {
  n += 1;
  const c = await staff('POST', '/v1/customers', { name: `Cliente Push ${n}`, email: `push${n}@example.com`, country: 'US', timezone: 'America/Chicago',
    language: 'es', metadata });
  assert.equal(c.statusCode, 201, c.body);
  const id = c.json().id as string;
  assert.equal((await staff('POST', '/v1/invoices', { customer_id: id, number: `PU-${n}`, currency: 'USD', amount: 50_000, issue_date: '2026-01-15', due_date: '2026-03-01' })).statusCode, 201);
  const link = await staff('POST', `/v1/customers/${id}/portal-link`, {});
  assert.equal(link.statusCode, 201, link.body);
  return { id, token: link.json().token as string, link: link.json().id as string };
}

async function stream(token: string, headers: Record<string, string> = {}, query = '') {
  const s = await openSse(base, `/portal/api/chat/stream${query}`, { 'x-portal-token': token, ...headers });
  streams.push(s);
  return s;
}

interface Chat { lines: { id: string; author: string; text: string }[]; reset: boolean; with_person: boolean; last: string | null }
const chat = (e: SseEvent) => e.data as Chat;
const says = (text: string) => (e: SseEvent) => e.event === 'chat' && chat(e).lines.some((l) => l.text.includes(text));

/** A debtor who asked for a person: the handover's id. */
async function withPerson(d: { id: string; token: string }) {
  clock = new Date(clock.getTime() + 60_000);
  assert.equal((await portal(d.token, 'POST', '/portal/api/chat', { text: 'quiero hablar con alguien' })).statusCode, 201);
  const h = (await listHandovers(t.db, t.org, { status: 'open' })).find((x) => x.customer_id === d.id);
  assert.ok(h, 'a handover is open');
  return h.id;
}

describe('the portal chat stream', () => {
  it('pushes a person\'s answer from the handover screen to the open stream, and nothing of it to another debtor\'s', async () => {
    const d = await debtor();
    const other = await debtor();
    const handover = await withPerson(d);
    const s = await stream(d.token);
    assert.equal(s.status, 200);
    assert.match(String(s.headers['content-type']), /^text\/event-stream/);
    assert.equal(s.headers['content-security-policy'], API_CSP, 'the API\'s policy, as on every JSON answer');
    assert.equal(s.headers['cache-control'], 'private, no-store');
    const theirs = await stream(other.token);
    await s.next(() => s.comments > 0, 2_000).catch(() => undefined);
    // the page opened without naming its last line: the chat so far comes first, whole
    const first = await s.next((e) => e.event === 'chat');
    assert.equal(chat(first).reset, true);
    assert.equal(chat(first).with_person, true);
    const seen = s.events.length;
    clock = new Date(clock.getTime() + 60_000);
    const r = await staff('POST', `/v1/agent/handovers/${handover}/reply`, { text: 'Hola, soy Ana. ¿En qué le ayudo?' });
    assert.equal(r.statusCode, 201, r.body);
    const pushed = await s.next(says('soy Ana'), 3_000, seen);
    assert.equal(chat(pushed).reset, false);
    assert.deepEqual(chat(pushed).lines.map((l) => [l.author, l.text]), [['person', 'Hola, soy Ana. ¿En qué le ayudo?']], 'only the new line');
    assert.match(String(pushed.id), /^\d+@\d+:\d+:/, 'the event\'s id is the cursor: the line\'s place in the order and the snapshot it was read under');
    await new Promise((ok) => setTimeout(ok, 300));
    assert.ok(s.comments >= 1, 'heartbeats');
    assert.deepEqual(theirs.events.filter((e) => e.event !== 'chat' || chat(e).lines.length > 0), [], 'the other debtor\'s stream got nothing');
    assert.ok(!theirs.body().includes('Ana') && !theirs.body().includes(d.id), 'not a word, not an id');
    s.close();
    theirs.close();
  });

  it('pushes the agent\'s answer, resumes after Last-Event-ID, and never resumes into another customer\'s chat', async () => {
    const d = await debtor();
    const other = await debtor();
    clock = new Date(clock.getTime() + 60_000);
    const posted = await portal(d.token, 'POST', '/portal/api/chat', { text: 'pago el viernes' });
    assert.equal(posted.statusCode, 201, posted.body);
    const firstId = posted.json().message.id as string;
    const lastId = posted.json().answers[0].id as string;
    // the page names its last line: nothing is sent until something new comes
    const s = await stream(d.token, {}, `?after=${lastId}`);
    await new Promise((ok) => setTimeout(ok, 250));
    assert.deepEqual(s.events, [], 'nothing new');
    clock = new Date(clock.getTime() + 60_000);
    const again = await portal(d.token, 'POST', '/portal/api/chat', { text: 'todo' });
    assert.equal(again.statusCode, 201, again.body);
    const pushed = await s.next(says('compromiso'), 3_000);
    const got: SseEvent[] = s.events;
    assert.deepEqual(got.slice(0, got.indexOf(pushed) + 1).flatMap((e) => chat(e).lines.map((l) => l.author)), ['debtor', 'agent'],
      'the message (pushed too, as another tab of the debtor shows it) and its answer, once each');
    // a reconnect with the cursor it had: nothing again
    const cursor = await stream(d.token, { 'last-event-id': String(pushed.id) });
    await new Promise((ok) => setTimeout(ok, 250));
    assert.deepEqual(cursor.events, [], 'nothing new after the cursor');
    cursor.close();
    s.close();
    // a reconnect sends back the id it had: what came after it, nothing before
    const resumed = await stream(d.token, { 'last-event-id': firstId });
    const caught = await resumed.next((e) => e.event === 'chat');
    assert.equal(chat(caught).reset, false);
    assert.deepEqual(chat(caught).lines.map((l) => l.author), ['agent', 'debtor', 'agent']);
    resumed.close();
    // another debtor naming this chat's line gets their own chat only (empty), never a line after it
    const theirs = await stream(other.token, { 'last-event-id': firstId });
    const own = await theirs.next((e) => e.event === 'chat');
    assert.deepEqual([chat(own).reset, chat(own).lines], [true, []]);
    theirs.close();
  });

  it('orders lines as recorded, not by instant: an answer recorded after another but stamped earlier follows it and is pushed', async () => {
    const d = await debtor();
    clock = new Date(clock.getTime() + 60_000);
    assert.equal((await portal(d.token, 'POST', '/portal/api/chat', { text: 'hola' })).statusCode, 201);
    const opened = await portal(d.token, 'GET', '/portal/api/chat');
    const s = await stream(d.token, { 'last-event-id': opened.json().cursor as string });
    await new Promise((ok) => setTimeout(ok, 150));
    assert.deepEqual(s.events, [], 'the chat\'s cursor: nothing again');
    // two answers, the second stamped a second before the first (two processes, one clock behind the other)
    const later = new Date(clock.getTime() + 1_000);
    await writeChatAnswer(t.db, t.org, { customerId: d.id, turnId: null, author: 'person', language: 'es', text: 'primera respuesta' }, later);
    await writeChatAnswer(t.db, t.org, { customerId: d.id, turnId: null, author: 'person', language: 'es', text: 'segunda respuesta' }, clock);
    await s.next(says('segunda'), 3_000);
    const pushed = s.events.flatMap((e) => chat(e).lines.map((l) => l.text));
    assert.deepEqual(pushed, ['primera respuesta', 'segunda respuesta'], 'both, once each, in the order recorded');
    const shown = (await portal(d.token, 'GET', '/portal/api/chat')).json().data.map((l: { text: string }) => l.text);
    assert.deepEqual(shown.slice(-2), ['primera respuesta', 'segunda respuesta'], 'the chat in the same order');
    s.close();
  });

  it('pushes the debtor\'s own message from another tab, and a person giving the chat back', async () => {
    const d = await debtor();
    const handover = await withPerson(d);
    const s = await stream(d.token);
    const first = await s.next((e) => e.event === 'chat');
    assert.equal(chat(first).with_person, true);
    const seen = s.events.length;
    // another tab writes: a person has the chat, so no answer comes, only the message itself
    assert.equal((await portal(d.token, 'POST', '/portal/api/chat', { text: 'escribo desde el teléfono' })).statusCode, 201);
    const own = await s.next(says('desde el teléfono'), 3_000, seen);
    assert.deepEqual(chat(own).lines.map((l) => l.author), ['debtor']);
    const back = await staff('POST', `/v1/agent/handovers/${handover}/hand-back`, {});
    assert.equal(back.statusCode, 200, back.body);
    const closed = await s.next((e) => e.event === 'chat' && !chat(e).with_person, 3_000, seen);
    assert.deepEqual(chat(closed).lines, [], 'the flag alone');
    s.close();
  });

  it('refuses a stream without the link, and past the streams allowed per session and in all', async () => {
    const none = await openSse(base, '/portal/api/chat/stream', {});
    assert.equal(none.status, 401);
    const d = await debtor();
    const a = await stream(d.token);
    const b = await stream(d.token);
    const c = await stream(d.token);
    assert.deepEqual([a.status, b.status, c.status], [200, 200, 429]);
    await c.ended();
    assert.equal(JSON.parse(c.body()).error.field, 'stream');
    a.close();
    await new Promise((ok) => setTimeout(ok, 100));
    const d2 = await stream(d.token);
    assert.equal(d2.status, 200, 'a closed stream frees its place');
    const others = [];
    for (let i = 0; i < 5; i += 1) others.push(await stream((await debtor()).token));
    assert.deepEqual(others.map((x) => x.status), [200, 200, 200, 200, 429], 'six open in all (two of the first debtor\'s, four others)');
    for (const x of [b, d2, ...others]) x.close();
  });

  it('closes the stream once the second factor\'s session is over, and once the link is withdrawn', async () => {
    const set = await staff('PUT', '/v1/portal/settings', { second_factor: 'postcode', session_minutes: 60, session_max_hours: 3 });
    assert.equal(set.statusCode, 200, set.body);
    try {
      const d = await debtor({ postcode: '60601' });
      assert.equal((await stream(d.token)).status, 403, 'no stream before the second factor');
      const v = await portal(d.token, 'POST', '/portal/api/verify', { answer: '60601' });
      assert.equal(v.statusCode, 200, v.body);
      const cookie = String(v.headers['set-cookie']).split(';')[0]!;
      const s = await stream(d.token, { cookie });
      assert.equal(s.status, 200);
      await new Promise((ok) => setTimeout(ok, 350));
      assert.equal(s.closed, false, 'open while the session lasts (heartbeats do not extend it)');
      clock = new Date(clock.getTime() + 61 * 60_000);
      await s.ended(2_000);
      assert.deepEqual(s.events.at(-1), { event: 'end', id: null, data: { reason: 'session' } });

      clock = new Date(clock.getTime() + 60_000);
      const v2 = await portal(d.token, 'POST', '/portal/api/verify', { answer: '60601' });
      const s2 = await stream(d.token, { cookie: String(v2.headers['set-cookie']).split(';')[0]! });
      assert.equal(s2.status, 200);
      assert.equal((await staff('POST', `/v1/portal-links/${d.link}/revoke`, {})).statusCode, 200);
      await s2.ended(2_000);
      assert.equal((s2.events.at(-1)?.data as { reason: string }).reason, 'link');
    } finally {
      await staff('PUT', '/v1/portal/settings', { second_factor: 'none', session_max_hours: 12 });
    }
  });
});
