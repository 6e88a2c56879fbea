// A reply played through the sandbox (POST /v1/sandbox/replies and `cobro sandbox reply`'s API twin): stored as an inbox
// event, read like a provider's (the conversation, a promise by the agent, STOP to the suppressions) at once; refused
// on a channel the org has a real provider on, for roles that may not, and naming the field of bad input.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkContact } from '../src/compliance/index.ts';
import { setAgentSettings } from '../src/agent/index.ts';
import { playSandboxReply, sandboxAdapters } from '../src/worker/index.ts';
import type { ChannelAdapter } from '../src/channels/index.ts';
import { testApi, bearer, type TestApi } from './support/api.ts';

const now = new Date('2026-03-18T15:00:00Z');
let t: TestApi;
let id = '';
before(async () => {
  t = await testApi(() => now);
  assert.ok((await setAgentSettings(t.db, t.org, 'test', { enabled: true }, now)).ok);
  const c = await post('/v1/customers', { name: 'Cliente Sandbox', external_id: 'SBX-1', phone: '+5215512345678', country: 'MX',
    timezone: 'America/Mexico_City', language: 'es' });
  assert.equal(c.statusCode, 201, c.body);
  id = c.json().id;
  const inv = await post('/v1/invoices', { customer_id: id, number: 'SBX-100', currency: 'MXN', amount: 250_000, issue_date: '2026-02-01', due_date: '2026-03-01' });
  assert.equal(inv.statusCode, 201, inv.body);
});
after(async () => { await t.close(); });

function post(url: string, payload: unknown, key = t.keys.admin) {
  return t.app.inject({ method: 'POST', url, headers: bearer(key), payload: payload as object });
}

describe('a reply played through the sandbox', () => {
  it('joins the conversation and gets the agent\'s answer at once: a promise from "pago los 2500 el viernes"', async () => {
    const r = await post('/v1/sandbox/replies', { customer_id: 'SBX-1', channel: 'sms', text: 'pago los 2500 el viernes' });
    assert.equal(r.statusCode, 201, r.body);
    const body = r.json();
    assert.deepEqual([body.status, body.from], ['processed', '+5215512345678']);
    assert.ok(body.inbound_message_id);
    assert.equal(body.answers, 1, r.body);
    const [inbound] = await t.db.query<{ customer_id: string; channel: string; text: string; provider: string }>(
      'SELECT customer_id, channel, text, provider FROM inbound_messages WHERE id = $1', [body.inbound_message_id]);
    assert.deepEqual(inbound, { customer_id: id, channel: 'sms', text: 'pago los 2500 el viernes', provider: 'sandbox' });
    const promises = await t.db.query<{ amount: number; due_date: string; source: string }>(
      `SELECT amount::int AS amount, to_char(due_date, 'YYYY-MM-DD') AS due_date, source FROM promises WHERE org_id = $1 AND customer_id = $2`, [t.org, id]);
    assert.deepEqual(promises, [{ amount: 250_000, due_date: '2026-03-20', source: 'agent' }]);
    const [answer] = await t.db.query<{ channel: string; status: string }>(
      `SELECT channel, status FROM messages WHERE org_id = $1 AND customer_id = $2 ORDER BY created_at DESC LIMIT 1`, [t.org, id]);
    assert.equal(answer?.channel, 'sms', 'the answer goes back on the channel the reply came on, through the dispatcher and its gate');
  });

  it('reads STOP into the suppressions, so the gate blocks the next SMS', async () => {
    const r = await post('/v1/sandbox/replies', { customer_id: id, channel: 'sms', text: 'STOP' });
    assert.equal(r.statusCode, 201, r.body);
    assert.match(String(r.json().note), /opt_out/);
    const gate = await checkContact(t.db, t.org, { customerId: id, channel: 'sms', purpose: { kind: 'collection', tags: [] } }, now);
    assert.ok(gate.ok);
    assert.equal(gate.ok && gate.value.kind, 'block', JSON.stringify(gate));
  });

  it('refuses viewers and collectors, another org, bad input by field, and a channel with no address', async () => {
    assert.equal((await post('/v1/sandbox/replies', { customer_id: id, channel: 'sms', text: 'hola' }, t.keys.viewer)).statusCode, 403);
    assert.equal((await post('/v1/sandbox/replies', { customer_id: id, channel: 'sms', text: 'hola' }, t.keys.collector)).statusCode, 403);
    const other = await post('/v1/sandbox/replies', { customer_id: id, channel: 'sms', text: 'hola' }, t.otherKey);
    assert.equal(other.statusCode, 404);
    assert.equal(other.json().error.field, 'customer_id');
    const bad = await post('/v1/sandbox/replies', { customer_id: id, channel: 'voice', text: 'hola' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /channel/);
    const empty = await post('/v1/sandbox/replies', { customer_id: id, channel: 'sms', text: '   ' });
    assert.equal(empty.json().error.field, 'text');
    const noEmail = await post('/v1/sandbox/replies', { customer_id: id, channel: 'email', text: 'hola' });
    assert.equal(noEmail.statusCode, 400);
    assert.equal(noEmail.json().error.field, 'channel');
  });

  it('is refused for a channel the org sends through a real provider', async () => {
    const set = sandboxAdapters();
    const twilio: ChannelAdapter = { ...set.sms, provider: 'twilio' };
    const r = await playSandboxReply(t.db, t.org, 'test', { ...set, sms: twilio }, { customer: id, channel: 'sms', text: 'hola' }, now);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.field, 'channel');
    assert.match(!r.ok ? r.error.message : '', /twilio/);
  });
});
