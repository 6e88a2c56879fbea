// Reviewing the agent through the API: its settings (who may change them, what is refused), its decisions in the list and
// the case timeline, the handover queue, corrections kept as training data and exported as JSONL. And the optional LLM,
// against a local OpenAI-compatible fake: a valid reading is used (the policy still holds the limits), an invalid or
// failed one falls back to the built-in reading, and a compliance opt-out never reaches it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Queryable } from '../src/db/index.ts';
import { newId } from '../src/domain/ids.ts';
import {
  askLlm, correctIntent, listHandovers, queueAgentTurn, runAgentTurns, setAgentSettings, understand, understandWithLlm,
} from '../src/agent/index.ts';
import { requestErasure } from '../src/compliance/index.ts';
import { aPayment } from './support/factories.ts';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { aDebtor } from './support/messaging.ts';
import { fakeLlm } from './support/fake-llm.ts';

const now = new Date('2026-03-10T17:00:00Z');
let api: TestApi;

/** A reply as the inbound path records it, and the agent's turn for it. */
async function aReply(db: Queryable, org: string, customerId: string, text: string, at = now, from = '+5215500000000'): Promise<string> {
  const id = newId('inboundMessage', at.getTime());
  await db.query(`INSERT INTO inbound_messages (id, org_id, customer_id, channel, provider, provider_message_id, from_address, text, received_at, created_at)
    VALUES ($1, $2, $3, 'sms', 'twilio', $1, $4, $5, $6, $6)`, [id, org, customerId, from, text, at]);
  await queueAgentTurn(db, org, { inboundId: id, customerId, channel: 'sms' }, at);
  return id;
}

before(async () => { api = await testApi(() => now); });
after(async () => { await api.close(); });

describe('the agent\'s settings, decisions, handovers and corrections through the API', () => {
  it('lets a manager turn the agent on and set its threshold; refuses a viewer and a threshold out of range', async () => {
    const off = await api.app.inject({ method: 'GET', url: '/v1/agent/settings', headers: bearer(api.keys.viewer) });
    assert.deepEqual(off.json(), { enabled: false, confidence_threshold: 0.5, use_llm: false, claim_hold_days: 5 });
    const viewer = await api.app.inject({ method: 'PUT', url: '/v1/agent/settings', headers: bearer(api.keys.viewer), payload: { enabled: true } });
    assert.equal(viewer.statusCode, 403);
    const bad = await api.app.inject({ method: 'PUT', url: '/v1/agent/settings', headers: bearer(api.keys.manager), payload: { confidence_threshold: 2 } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /confidence_threshold/);
    const on = await api.app.inject({ method: 'PUT', url: '/v1/agent/settings', headers: bearer(api.keys.manager), payload: { enabled: true, confidence_threshold: 0.55 } });
    assert.deepEqual(on.json(), { enabled: true, confidence_threshold: 0.55, use_llm: false, claim_hold_days: 5 });
  });

  it('lists a handover with its summary, shows the decision in the case timeline, and keeps a correction as JSONL', async () => {
    const d = await aDebtor(api.db, api.org, { phone: '+5215500000001' });
    const replyId = await aReply(api.db, api.org, d.customer.id, 'me quedé sin trabajo y no tengo cómo pagar', now, '+5215500000001');
    assert.deepEqual(await runAgentTurns(api.db, api.org, now), { decided: 1, waiting: 0, failed: 0 });
    const queue = (await api.app.inject({ method: 'GET', url: '/v1/agent/handovers', headers: bearer(api.keys.collector) })).json().data;
    assert.equal(queue.length, 1);
    assert.equal(queue[0].reason, 'hardship');
    assert.match(queue[0].summary, /Says they cannot pay because of their circumstances/);
    assert.match(queue[0].summary, /Owes 1500\.00 MXN on 1 open invoice/);
    assert.deepEqual([queue[0].status, queue[0].priority], ['open', 'high']);
    const decisions = (await api.app.inject({ method: 'GET', url: `/v1/agent/decisions?customer_id=${d.customer.id}`, headers: bearer(api.keys.viewer) })).json().data;
    assert.deepEqual(decisions.map((x: { intent: string; action: string; inbound_id: string }) => [x.intent, x.action, x.inbound_id]), [['hardship', 'handed_over', replyId]]);
    const story = (await api.app.inject({ method: 'GET', url: `/v1/cases/${d.caseId}`, headers: bearer(api.keys.viewer) })).json();
    assert.ok(story.timeline.some((e: { kind: string; reason: string }) => e.kind === 'agent_decision' && /as hardship \(\d\.\d\d\): handed_over/.test(e.reason)));

    const viewer = await api.app.inject({ method: 'POST', url: `/v1/agent/replies/${replyId}/correction`, headers: bearer(api.keys.viewer), payload: { intent: 'request_plan' } });
    assert.equal(viewer.statusCode, 403);
    const missing = await api.app.inject({ method: 'POST', url: '/v1/agent/replies/inm_nothing/correction', headers: bearer(api.keys.collector), payload: { intent: 'request_plan' } });
    assert.equal(missing.statusCode, 404);
    const fixed = await api.app.inject({ method: 'POST', url: `/v1/agent/replies/${replyId}/correction`, headers: bearer(api.keys.collector),
      payload: { intent: 'request_plan', note: 'asks how to pay it off' } });
    assert.equal(fixed.statusCode, 201);
    assert.deepEqual([fixed.json().understood_intent, fixed.json().intent, fixed.json().language], ['hardship', 'request_plan', 'es']);
    const jsonl = await api.app.inject({ method: 'GET', url: '/v1/agent/corrections?format=jsonl', headers: bearer(api.keys.viewer) });
    assert.match(String(jsonl.headers['content-type']), /ndjson/);
    assert.deepEqual(jsonl.body.trim().split('\n').map((l) => JSON.parse(l)),
      [{ text: 'me quedé sin trabajo y no tengo cómo pagar', intent: 'request_plan', language: 'es', understood: 'hardship' }]);
    const other = (await api.app.inject({ method: 'GET', url: '/v1/agent/corrections', headers: bearer(api.otherKey) })).json().data;
    assert.deepEqual(other, [], 'another org sees none of it');
  });
});

describe('personal data the agent keeps', () => {
  it('never copies a card number typed into a reply, and is emptied when the customer is erased', async () => {
    const d = await aDebtor(api.db, api.org, { phone: '+5215500000004' });
    // stored as a provider would never store it (the inbound path removes card numbers first): the agent removes them again
    const replyId = await aReply(api.db, api.org, d.customer.id, 'quiero hablar con alguien, mi tarjeta es 4111 1111 1111 1111', now, '+5215500000004');
    await runAgentTurns(api.db, api.org, now);
    const [h] = await listHandovers(api.db, api.org, { customerId: d.customer.id });
    assert.ok(h);
    const kept = JSON.stringify(await api.db.query(`SELECT t.entities, h.summary, h.details, k.note FROM agent_turns t JOIN agent_handovers h ON h.turn_id = t.id
      JOIN tasks k ON k.id = h.task_id WHERE t.inbound_id = $1`, [replyId]));
    assert.doesNotMatch(kept, /4111/);
    assert.match(kept, /\[card number removed\]/);
    await correctIntent(api.db, api.org, 'test', replyId, { intent: 'talk_to_human' }, now);
    await aPayment(api.db, api.org, { customer_id: d.customer.id, amount: 150_000, currency: 'MXN', allocations: [{ invoice_id: d.invoice.id, amount: 150_000 }] });
    const erased = await requestErasure(api.db, api.org, 'test', d.customer.id, now);
    assert.ok(erased.ok && erased.value.outcome === 'erased', JSON.stringify(erased));
    const [after] = await api.db.query<{ summary: string; details: unknown; entities: unknown }>(
      'SELECT h.summary, h.details, t.entities FROM agent_handovers h JOIN agent_turns t ON t.id = h.turn_id WHERE h.customer_id = $1', [d.customer.id]);
    assert.deepEqual(after, { summary: '', details: {}, entities: null });
    assert.equal((await api.db.query('SELECT 1 FROM agent_corrections WHERE inbound_id = $1', [replyId])).length, 0);
  });
});

describe('the optional LLM against a local OpenAI-compatible endpoint', () => {
  const hints = { today: '2026-03-10', timeZone: 'America/Mexico_City', currency: 'MXN', language: 'es' };
  const reading = (over: Record<string, unknown> = {}) => JSON.stringify({ intent: 'request_plan', confidence: 0.93, language: 'es', dates: [], amounts: [],
    instalments: [{ text: 'tres pagos', count: 3, frequency: 'monthly' }], ...over });

  it('sends the model, the key and the message, and validates the reading it gets back', async () => {
    const llm = await fakeLlm(() => ({ content: reading() }));
    try {
      const r = await askLlm(llm.cfg, 'lo puedo dividir en tres pagos?', hints);
      assert.ok(r.ok);
      assert.deepEqual(r.ok && [r.reading.intent, r.reading.instalments[0]?.count], ['request_plan', 3]);
      assert.equal(llm.requests[0]?.authorization, 'Bearer sk-test-key');
      assert.equal(llm.requests[0]?.body.model, 'tiny-test-model');
    } finally { await llm.close(); }
  });

  it('falls back to the built-in reading on an invalid answer, a failure, or text that is not JSON; never asks about a STOP', async () => {
    const answers = [
      { content: reading({ intent: 'pay_everything' }) }, { content: reading({ dates: [{ text: 'x', date: '2026-02-30' }] }) },
      { content: 'I think they want a plan' }, { status: 500, content: '{}' },
    ];
    let n = 0;
    const llm = await fakeLlm(() => answers[n++]!);
    try {
      const builtIn = understand('lo puedo dividir en tres pagos?', { now, timeZone: 'America/Mexico_City', language: 'es', currency: 'MXN' });
      for (let i = 0; i < answers.length; i++) {
        const r = await understandWithLlm(llm.cfg, builtIn, hints);
        assert.equal(r.understanding, builtIn, `answer ${i} is not used`);
        assert.ok(r.error, `answer ${i} is reported`);
      }
      const stop = understand('STOP', { now, timeZone: 'America/Mexico_City', channel: 'sms' });
      const asked = llm.requests.length;
      const r = await understandWithLlm(llm.cfg, stop, hints);
      assert.deepEqual([r.understanding.intent, r.understanding.decidedBy, llm.requests.length], ['opt_out', 'opt_out_rule', asked]);
    } finally { await llm.close(); }
  });

  it('reads an org\'s replies when the org allows it; the policy still keeps to the limits', async () => {
    const llm = await fakeLlm((message) => ({ content: message.includes('tres') ? reading()
      : reading({ intent: 'promise_to_pay', instalments: [], dates: [{ text: 'en dos meses', date: '2026-05-10' }],
        amounts: [{ text: 'todo', amount: 150_000, currency: 'MXN' }] }) }));
    try {
      const allow = await setAgentSettings(api.db, api.org, 'test', { enabled: true, use_llm: true }, now);
      assert.ok(allow.ok);
      const d = await aDebtor(api.db, api.org, { phone: '+5215500000002' });
      await aReply(api.db, api.org, d.customer.id, 'oiga y si lo voy dando en tres', now, '+5215500000002');
      await runAgentTurns(api.db, api.org, now, { llm: llm.cfg });
      const e = await aDebtor(api.db, api.org, { phone: '+5215500000003' });
      await aReply(api.db, api.org, e.customer.id, 'ya veré cuando pueda pagar todo', now, '+5215500000003');
      await runAgentTurns(api.db, api.org, now, { llm: llm.cfg });
      const turns = await api.db.query<{ customer_id: string; intent: string; understood_by: string; action: string }>(
        'SELECT customer_id, intent, understood_by, action FROM agent_turns WHERE customer_id = ANY($1::text[]) ORDER BY created_at, id', [[d.customer.id, e.customer.id]]);
      const of = (id: string) => turns.filter((t) => t.customer_id === id).map((t) => [t.intent, t.understood_by, t.action]);
      assert.deepEqual(of(d.customer.id), [['request_plan', 'llm', 'plan_refused']], 'three payments of 1,500 MXN fall under the minimum instalment: fewer are proposed');
      assert.deepEqual(of(e.customer.id), [['promise_to_pay', 'llm', 'promise_refused']], 'a promise 61 days out is refused');
      assert.equal((await api.db.query('SELECT 1 FROM plans WHERE customer_id = $1', [d.customer.id])).length, 0);
      assert.equal((await api.db.query('SELECT 1 FROM promises WHERE customer_id = $1', [e.customer.id])).length, 0);
    } finally {
      await setAgentSettings(api.db, api.org, 'test', { use_llm: false }, now);
      await llm.close();
    }
  });
});
