// The payouts API: credits settled as a gateway's payout are listed with the gateway and payout id, shown on their
// statement as 'payout' and not on the review queue; a person (not a viewer) undoes one or marks one; another org sees none.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiCalls, testApi, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { importStatement } from '../src/reconciliation/index.ts';
import { mt940 } from '../src/reconciliation/testing/mt940-builder.ts';

interface Payout { id: string; amount: number; match_state: string; payout: { gateway: string; payout_id: string | null; decided_by: string | null; reasons: string[] } }

let t: TestApi;
let statementId = '';
before(async () => {
  t = await testApi();
  const c = await aCustomer(t.db, t.org, { name: 'Ribera Cafés' });
  const paid = await anInvoice(t.db, t.org, { customer_id: c.id, number: 'RP-1', currency: 'EUR', amount: 9_900 });
  await anInvoice(t.db, t.org, { customer_id: c.id, number: 'RP-2', currency: 'EUR', amount: 9_900 });
  await aPayment(t.db, t.org, { customer_id: c.id, amount: 9_900, currency: 'EUR', source: 'mercadopago', external_id: 'mercadopago:1',
    allocations: [{ invoice_id: paid.id, amount: 9_900 }] });
  const r = await importStatement(t.db, t.org, Buffer.from(mt940([
    { date: '260305', mark: 'C', amount: '99,00', name: 'MERCADO PAGO INSTITUCION DE PAGO', text: 'RETIRO DE DINERO 88123' },
    { date: '260306', mark: 'C', amount: '12,00', name: 'Someone', text: 'hello' }])),
  { filename: 'march.sta', actor: 'test', now: () => new Date('2026-03-15T12:00:00Z') });
  assert.ok(r.ok);
  assert.equal(r.value.reconciliation.payout, 1);
  statementId = r.value.statements[0]!.id;
});
after(async () => { await t.close(); });

const { get, post } = apiCalls(() => t);

describe('the payouts API', () => {
  it('lists the payout with its gateway, shows it on its statement and keeps it off the queue; another org sees none', async () => {
    const page = await get<{ data: Payout[] }>('/v1/reconciliation/payouts');
    assert.deepEqual(page.data.map((l) => [l.amount, l.match_state, l.payout.gateway, l.payout.decided_by]), [[9_900, 'payout', 'mercadopago', null]]);
    assert.ok(page.data[0]!.payout.reasons.some((r) => /Mercado Pago/.test(r)));
    assert.equal((await get<{ data: Payout[] }>('/v1/reconciliation/payouts?gateway=stripe')).data.length, 0);
    assert.equal((await get<{ data: Payout[] }>(`/v1/reconciliation/payouts?statement_id=${statementId}`)).data.length, 1);
    const statement = await get<{ lines: { amount: number; match_state: string }[] }>(`/v1/statements/${statementId}`);
    assert.deepEqual(statement.lines.map((l) => [l.amount, l.match_state]), [[9_900, 'payout'], [1_200, 'unmatched']]);
    const queue = await get<{ data: { amount: number }[] }>('/v1/reconciliation/queue');
    assert.deepEqual(queue.data.map((l) => l.amount), [1_200]);
    assert.equal((await get<{ data: Payout[] }>('/v1/reconciliation/payouts', t.otherKey)).data.length, 0);
  });

  it('a viewer cannot undo; a collector undoes it (matched as before) and marks it again; another org cannot touch it', async () => {
    const [line] = (await get<{ data: Payout[] }>('/v1/reconciliation/payouts')).data;
    assert.equal((await post(`/v1/reconciliation/lines/${line!.id}/not-payout`, {}, t.keys.viewer)).statusCode, 403);
    assert.equal((await post(`/v1/reconciliation/lines/${line!.id}/not-payout`, {}, t.otherKey)).statusCode, 404);
    const undone = await post(`/v1/reconciliation/lines/${line!.id}/not-payout`, { note: 'a customer\'s own transfer' }, t.keys.collector);
    assert.equal(undone.statusCode, 200, undone.body);
    assert.deepEqual([undone.json().line.match_state, undone.json().reconciliation.payout, undone.json().reconciliation.review], ['review', 0, 1]);
    assert.equal((await get<{ data: Payout[] }>('/v1/reconciliation/payouts')).data.length, 0);
    assert.equal((await post(`/v1/reconciliation/lines/${line!.id}/not-payout`, {}, t.keys.collector)).statusCode, 409);
    const marked = await post(`/v1/reconciliation/lines/${line!.id}/payout`, { gateway: 'mercadopago', payout_id: '88123' }, t.keys.collector);
    assert.equal(marked.statusCode, 200, marked.body);
    assert.equal(marked.json().match_state, 'payout');
    const page = await get<{ data: Payout[] }>('/v1/reconciliation/payouts');
    assert.deepEqual(page.data.map((l) => [l.payout.payout_id, l.payout.decided_by === null]), [['88123', false]]);
    assert.equal((await post(`/v1/reconciliation/lines/${line!.id}/payout`, { gateway: 'venmo' }, t.keys.collector)).statusCode, 400);
  });
});
