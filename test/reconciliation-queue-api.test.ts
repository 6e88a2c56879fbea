// The review screen's API: the queue of waiting credits, open invoice search, a person's assign and not-ours, the roles
// that may decide (viewers read only) and another org's lines kept apart.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiCalls, testApi, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { importStatement } from '../src/reconciliation/index.ts';
import { mt940 } from '../src/reconciliation/testing/mt940-builder.ts';

interface Waiting { id: string; amount: number; match_state: string; proposal: { id: string; confidence: number; reasons: string[] } | null; invoices: { number: string }[] }

let t: TestApi;
before(async () => {
  t = await testApi();
  const c = await aCustomer(t.db, t.org, { name: 'Ribera Cafés' });
  await anInvoice(t.db, t.org, { customer_id: c.id, number: 'RQ-1', currency: 'EUR', amount: 9_900 });
  await anInvoice(t.db, t.org, { customer_id: c.id, number: 'RQ-2', currency: 'EUR', amount: 4_000 });
  const r = await importStatement(t.db, t.org, Buffer.from(mt940([{ date: '260305', mark: 'C', amount: '99,00', text: 'hello' },
    { date: '260306', mark: 'C', amount: '30,00', text: 'part of something' }, { date: '260307', mark: 'C', amount: '5,00', text: 'refund' }])),
  { filename: 'march.sta', actor: 'test', now: () => new Date('2026-03-15T12:00:00Z') });
  assert.ok(r.ok);
});
after(async () => { await t.close(); });

const { get, post } = apiCalls(() => t);

describe('the review screen API', () => {
  it('lists waiting credits with their proposal and invoices, to every role, and nothing of another org', async () => {
    const q = await get<{ data: Waiting[] }>('/v1/reconciliation/queue');
    assert.deepEqual(q.data.map((l) => [l.amount, l.match_state, l.invoices.map((i) => i.number)]),
      [[9_900, 'review', ['RQ-1']], [3_000, 'unmatched', []], [500, 'unmatched', []]]);
    assert.ok(q.data[0]!.proposal!.reasons.length > 0);
    assert.equal((await get<{ data: Waiting[] }>('/v1/reconciliation/queue?state=unmatched')).data.length, 2);
    assert.equal((await get<{ data: Waiting[] }>('/v1/reconciliation/queue', t.otherKey)).data.length, 0);
    const found = await get<{ data: { number: string }[] }>('/v1/reconciliation/invoices?q=ribera&currency=EUR');
    assert.deepEqual(found.data.map((i) => i.number), ['RQ-1', 'RQ-2']);
  });

  it('refuses decisions from a viewer (403) and names the field of a bad allocation', async () => {
    const [, part, refund] = (await get<{ data: Waiting[] }>('/v1/reconciliation/queue')).data;
    assert.equal((await post(`/v1/reconciliation/lines/${refund!.id}/not-ours`, {}, t.keys.viewer)).statusCode, 403);
    assert.equal((await post(`/v1/reconciliation/lines/${part!.id}/assign`, { allocations: [{ invoice_id: 'RQ-2', amount: 3_000 }] }, t.keys.viewer)).statusCode, 403);
    const bad = await post(`/v1/reconciliation/lines/${part!.id}/assign`, { allocations: [{ invoice_id: 'RQ-404', amount: 3_000 }] }, t.keys.collector);
    assert.equal(bad.statusCode, 404);
    assert.equal(bad.json().error.field, 'allocations[0].invoice_id');
  });

  it('lets a collector apply a line to a chosen invoice and mark another as not ours', async () => {
    const [, part, refund] = (await get<{ data: Waiting[] }>('/v1/reconciliation/queue')).data;
    const assigned = await post(`/v1/reconciliation/lines/${part!.id}/assign`, { allocations: [{ invoice_id: 'RQ-2', amount: 3_000 }] }, t.keys.collector);
    assert.equal(assigned.statusCode, 200, assigned.body);
    assert.equal(assigned.json().status, 'applied');
    const invoice = await get<{ balance: number }>('/v1/invoices/RQ-2');
    assert.equal(invoice.balance, 1_000);
    const dismissed = await post(`/v1/reconciliation/lines/${refund!.id}/not-ours`, { note: 'tax refund' }, t.keys.collector);
    assert.deepEqual(dismissed.json(), { id: refund!.id, match_state: 'not_receivable' });
    assert.equal((await post(`/v1/reconciliation/lines/${refund!.id}/not-ours`, {}, t.keys.collector)).statusCode, 409);
    assert.deepEqual((await get<{ data: Waiting[] }>('/v1/reconciliation/queue')).data.map((l) => l.amount), [9_900]);
  });

  it('lists the credits marked not ours and puts one back on the queue (writers only; only such lines)', async () => {
    const notOurs = await get<{ data: Waiting[] }>('/v1/reconciliation/queue?state=not_receivable');
    assert.deepEqual(notOurs.data.map((l) => [l.amount, l.match_state]), [[500, 'not_receivable']]);
    const refund = notOurs.data[0]!;
    assert.equal((await post(`/v1/reconciliation/lines/${refund.id}/restore`, {}, t.keys.viewer)).statusCode, 403);
    assert.equal((await post(`/v1/reconciliation/lines/${refund.id}/restore`, {}, t.otherKey)).statusCode, 404);
    const back = await post(`/v1/reconciliation/lines/${refund.id}/restore`, { note: 'it was a payment after all' }, t.keys.collector);
    assert.deepEqual(back.json(), { id: refund.id, match_state: 'unmatched' });
    assert.equal((await post(`/v1/reconciliation/lines/${refund.id}/restore`, {}, t.keys.collector)).statusCode, 409, 'only a line marked not ours');
    assert.deepEqual((await get<{ data: Waiting[] }>('/v1/reconciliation/queue')).data.map((l) => l.amount), [9_900, 500]);
    assert.equal((await get<{ data: Waiting[] }>('/v1/reconciliation/queue?state=not_receivable')).data.length, 0);
    const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE org_id = $1 AND entity_id = $2`, [t.org, refund.id]);
    assert.deepEqual(audit.map((a) => a.action).sort(), ['statement_line.not_ours', 'statement_line.restored']);
  });
});
