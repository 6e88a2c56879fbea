// Claimed payments through the API (listed; rejected by a collector, which lets the held reminder go at once; a viewer
// refused; another org kept out), the hold's length as an org setting, and the GDPR access export holding what the agent
// decided about the person (turns, handovers, claims, corrections) with card numbers removed.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Queryable } from '../src/db/index.ts';
import { newId } from '../src/domain/ids.ts';
import { correctIntent, queueAgentTurn, runAgentTurns, setAgentSettings } from '../src/agent/index.ts';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { aDebtor } from './support/messaging.ts';

const now = new Date('2026-03-12T17:00:00Z'); // Thursday 11:00 in Mexico City
let api: TestApi;

async function aReply(db: Queryable, org: string, customerId: string, text: string, from: string, at = now): Promise<string> {
  const id = newId('inboundMessage', at.getTime());
  await db.query(`INSERT INTO inbound_messages (id, org_id, customer_id, channel, provider, provider_message_id, from_address, text, received_at, created_at)
    VALUES ($1, $2, $3, 'sms', 'twilio', $1, $4, $5, $6, $6)`, [id, org, customerId, from, text, at]);
  await queueAgentTurn(db, org, { inboundId: id, customerId, channel: 'sms' }, at);
  return id;
}

/** A debtor whose invoice fell due on 5 March, so the default strategy's 'after-7' is due today. */
async function claimant(phone: string) {
  const d = await aDebtor(api.db, api.org, { phone, email: `${phone.slice(1)}@example.mx` }, ['sms', 'email']);
  await api.db.query(`UPDATE invoices SET due_date = '2026-03-05' WHERE id = $1`, [d.invoice.id]);
  const replyId = await aReply(api.db, api.org, d.customer.id, 'ya pagué todo el martes', phone);
  assert.equal((await runAgentTurns(api.db, api.org, now)).decided, 1);
  return { ...d, replyId };
}
const planned = async (caseId: string) => (await api.db.query<{ step_id: string }>(
  `SELECT step_id FROM actions WHERE case_id = $1 AND status = 'planned' ORDER BY created_at`, [caseId])).map((r) => r.step_id);

before(async () => {
  api = await testApi(() => now);
  assert.ok((await setAgentSettings(api.db, api.org, 'test', { enabled: true, claim_hold_days: 3 }, now)).ok);
});
after(async () => { await api.close(); });

describe('claimed payments through the API', () => {
  it('holds reminders for the org\'s number of business days; a collector rejects the claim and the held reminder is planned at once', async () => {
    const d = await claimant('+5215500000101');
    const list = (await api.app.inject({ method: 'GET', url: `/v1/agent/claims?customer_id=${d.customer.id}`, headers: bearer(api.keys.viewer) })).json().data;
    assert.equal(list.length, 1);
    assert.deepEqual([list[0].status, list[0].hold_until], ['open', '2026-03-18'], 'three business days from Thursday, Monday 16 March a holiday in Mexico');
    assert.deepEqual(await planned(d.caseId), [], 'nothing planned while the claim is verified');
    assert.deepEqual((await api.app.inject({ method: 'GET', url: '/v1/agent/claims', headers: bearer(api.otherKey) })).json().data, [], 'another org sees none');

    const url = `/v1/agent/claims/${list[0].id}/resolution`;
    assert.equal((await api.app.inject({ method: 'POST', url, headers: bearer(api.keys.viewer), payload: { outcome: 'reject' } })).statusCode, 403);
    const bad = await api.app.inject({ method: 'POST', url, headers: bearer(api.keys.collector), payload: { outcome: 'maybe' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /outcome/);
    const rejected = await api.app.inject({ method: 'POST', url, headers: bearer(api.keys.collector), payload: { outcome: 'reject', note: 'not in the bank statement' } });
    assert.equal(rejected.statusCode, 200, rejected.body);
    assert.equal(rejected.json().status, 'rejected');
    assert.deepEqual(await planned(d.caseId), ['after-7'], 'the reminder the claim held is planned as soon as it is rejected');
    const again = await api.app.inject({ method: 'POST', url, headers: bearer(api.keys.collector), payload: { outcome: 'confirm' } });
    assert.equal(again.statusCode, 409);
    const story = (await api.app.inject({ method: 'GET', url: `/v1/cases/${d.caseId}`, headers: bearer(api.keys.viewer) })).json();
    const kinds = story.timeline.map((e: { kind: string }) => e.kind);
    assert.ok(kinds.includes('payment_claimed') && kinds.includes('claim_rejected'), kinds.join(', '));
    const [task] = await api.db.query<{ status: string; outcome: string }>('SELECT status, outcome FROM tasks WHERE id = $1', [list[0].task_id]);
    assert.deepEqual(task, { status: 'done', outcome: 'payment not found' });
  });

  it('puts the agent\'s decisions, handovers, claims and corrections about the person in the access export, card numbers removed', async () => {
    const d = await claimant('+5215500000102');
    const later = new Date(now.getTime() + 60_000);
    await aReply(api.db, api.org, d.customer.id, 'quiero hablar con una persona', '+5215500000102', later);
    await runAgentTurns(api.db, api.org, later);
    await correctIntent(api.db, api.org, 'test', d.replyId, { intent: 'already_paid', note: 'right as read' }, now);
    // a summary written before card numbers were removed on the way in: the export removes them itself
    await api.db.query(`UPDATE agent_handovers SET summary = summary || ' card 4111 1111 1111 1111' WHERE customer_id = $1`, [d.customer.id]);
    const res = await api.app.inject({ method: 'GET', url: `/v1/customers/${d.customer.id}/export`, headers: bearer(api.keys.admin) });
    assert.equal(res.statusCode, 200, res.body);
    const agent = res.json().agent as { turns: { intent: string; action: string }[]; handovers: { summary: string }[]; claims: { status: string }[];
      corrections: { intent: string }[] };
    assert.deepEqual(agent.turns.map((t) => t.intent), ['already_paid', 'talk_to_human']);
    assert.equal(agent.turns[0]?.action, 'payment_claim_recorded');
    assert.equal(agent.handovers.length, 1);
    assert.match(agent.handovers[0]!.summary, /\[card number removed\]/);
    assert.doesNotMatch(res.body, /4111/);
    assert.deepEqual(agent.claims.map((c) => c.status), ['open']);
    assert.deepEqual(agent.corrections.map((c) => c.intent), ['already_paid']);
  });

  it('works a handover through the API: its conversation, an answer in a person\'s words, and the conversation handed back', async () => {
    const d = await aDebtor(api.db, api.org, { phone: '+5215500000103' }, ['sms']);
    await aReply(api.db, api.org, d.customer.id, 'quiero hablar con una persona', '+5215500000103');
    await runAgentTurns(api.db, api.org, now);
    const [h] = (await api.app.inject({ method: 'GET', url: `/v1/agent/handovers?customer_id=${d.customer.id}`, headers: bearer(api.keys.viewer) })).json().data;
    const detail = (await api.app.inject({ method: 'GET', url: `/v1/agent/handovers/${h.id}`, headers: bearer(api.keys.viewer) })).json();
    assert.deepEqual(detail.conversation.map((l: { by: string; intent: string | null }) => [l.by, l.intent]), [['debtor', 'talk_to_human'], ['agent', null]]);
    const url = (what: string) => `/v1/agent/handovers/${h.id}/${what}`;
    const byKey = await api.app.inject({ method: 'POST', url: url('take'), headers: bearer(api.keys.collector) });
    assert.equal(byKey.statusCode, 400, 'an API key has no worklist to take it onto');
    assert.equal((await api.app.inject({ method: 'POST', url: url('reply'), headers: bearer(api.keys.viewer), payload: { text: 'hola' } })).statusCode, 403);
    assert.equal((await api.app.inject({ method: 'POST', url: url('reply'), headers: bearer(api.keys.collector), payload: { text: '  ' } })).statusCode, 400);
    const sent = await api.app.inject({ method: 'POST', url: url('reply'), headers: bearer(api.keys.collector), payload: { text: 'Le llamo hoy, soy Ana.' } });
    assert.equal(sent.statusCode, 201, sent.body);
    const [m] = await api.db.query<{ status: string; channel: string; template: string }>('SELECT status, channel, template FROM messages WHERE id = $1', [sent.json().message_id]);
    assert.deepEqual(m, { status: 'queued', channel: 'sms', template: 'agent-reply' }, 'queued for the dispatcher and its gate');
    const back = await api.app.inject({ method: 'POST', url: url('hand-back'), headers: bearer(api.keys.collector), payload: {} });
    assert.equal(back.json().status, 'done');
    const later = new Date(now.getTime() + 120_000);
    await aReply(api.db, api.org, d.customer.id, 'cuanto debo?', '+5215500000103', later);
    await runAgentTurns(api.db, api.org, later);
    const [last] = await api.db.query<{ action: string }>('SELECT action FROM agent_turns WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 1', [d.customer.id]);
    assert.notEqual(last?.action, 'held_for_person', 'the agent answers again once the conversation is handed back');
  });
});
