// Arrangements through the API: negotiation limits, promises, extensions, plans (preview, create, options, cancel),
// discounts, disputes with an attachment served back, the kept-promise report, roles, and another org kept out.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';

let t: TestApi;
before(async () => { t = await testApi(); }); // the clock: 2026-03-15T12:00:00Z
after(async () => { await t.close(); });

const send = (method: 'POST' | 'PUT', url: string, payload: unknown, key = t.keys.admin, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, payload: payload as object, headers: { ...bearer(key), ...headers } });
const get = (url: string, key = t.keys.admin) => t.app.inject({ method: 'GET', url, headers: bearer(key) });

async function customerOwing(amount: number, name: string) {
  const c = await send('POST', '/v1/customers', { name, email: `${name.toLowerCase()}@example.com`, country: 'MX', timezone: 'America/Mexico_City' });
  assert.equal(c.statusCode, 201, c.body);
  const id = c.json().id as string;
  const i = await send('POST', '/v1/invoices', { customer_id: id, number: `${name}-1`, currency: 'MXN', amount, issue_date: '2026-02-01', due_date: '2026-03-10' });
  assert.equal(i.statusCode, 201, i.body);
  return { id, invoiceId: i.json().id as string };
}

describe('the arrangements API', () => {
  it('reads the limits (defaults) and lets managers change them, naming a bad setting', async () => {
    const r = await get('/v1/negotiation-limits', t.keys.viewer);
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual([r.json().promiseMaxDays, r.json().planMaxInstalments, r.json().interestAnnualBp], [14, 6, 0]);
    assert.equal((await send('PUT', '/v1/negotiation-limits', { promiseMaxDays: 20 }, t.keys.collector)).statusCode, 403);
    const bad = await send('PUT', '/v1/negotiation-limits', { planMaxInstalments: 0 }, t.keys.manager);
    assert.deepEqual([bad.statusCode, bad.json().error.field], [400, 'planMaxInstalments']);
    const unknown = await send('PUT', '/v1/negotiation-limits', { maxBananas: 3 }, t.keys.manager);
    assert.equal(unknown.statusCode, 400);
    const ok = await send('PUT', '/v1/negotiation-limits', { promiseMaxDays: 20 }, t.keys.manager);
    assert.deepEqual([ok.statusCode, ok.json().promiseMaxDays, ok.json().planMaxInstalments], [200, 20, 6]);
    assert.equal((await get('/v1/negotiation-limits', t.otherKey)).json().promiseMaxDays, 14, 'another org keeps its own');
    await send('PUT', '/v1/negotiation-limits?replace=true', {}, t.keys.manager);
  });

  it('records a promise from a collector, stopping the case, and refuses one outside the limits with the API\'s field name', async () => {
    const { id } = await customerOwing(200_000, 'Promesa');
    const bad = await send('POST', '/v1/promises', { customer_id: id, amount: 100_000, currency: 'MXN', due_date: '2026-04-30' }, t.keys.collector);
    assert.deepEqual([bad.statusCode, bad.json().error.field], [400, 'due_date']);
    const body = { customer_id: id, amount: 100_000, currency: 'MXN', due_date: '2026-03-20', channel: 'phone', source: 'collector' };
    const r = await send('POST', '/v1/promises', body, t.keys.collector, { 'idempotency-key': 'prm-1' });
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual([r.json().status, r.json().made_on, r.json().source], ['pending', '2026-03-15', 'collector']);
    const replay = await send('POST', '/v1/promises', body, t.keys.collector, { 'idempotency-key': 'prm-1' });
    assert.deepEqual([replay.statusCode, replay.json().id], [201, r.json().id]);
    assert.equal((await get(`/v1/promises?customer_id=${id}`)).json().data.length, 1);
    const kase = (await get(`/v1/cases/${id}`)).json();
    assert.equal(kase.stop_code, 'promise_active');
    assert.equal((await send('POST', '/v1/promises', body, t.keys.viewer)).statusCode, 403);
    assert.equal((await get(`/v1/promises?customer_id=${id}`, t.otherKey)).json().data.length, 0);
    const report = await get('/v1/reports/promises?from=2026-03-01&to=2026-03-31');
    assert.deepEqual(report.json().total.pending, 1);
  });

  it('gives an extension as a promise of the whole balance', async () => {
    const { id } = await customerOwing(80_000, 'Prorroga');
    const r = await send('POST', '/v1/extensions', { customer_id: id, days: 7, reason: 'payroll is late' }, t.keys.collector);
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual([r.json().new_due_date, r.json().promise.amount, r.json().promise.kind], ['2026-03-22', 80_000, 'extension']);
    const again = await send('POST', '/v1/extensions', { customer_id: id, days: 3 }, t.keys.collector);
    assert.deepEqual([again.statusCode, again.json().error.code], [409, 'INVALID_STATE']);
    const tooLong = await send('POST', '/v1/extensions', { customer_id: (await customerOwing(10_000, 'Larga')).id, days: 30 });
    assert.deepEqual([tooLong.statusCode, tooLong.json().error.field], [400, 'days']);
  });

  it('previews, creates, lists, offers and cancels plans (cancelling is for managers)', async () => {
    const { id } = await customerOwing(600_000, 'Plan');
    const preview = await send('POST', '/v1/plans/preview', { customer_id: id, instalments: 3 }, t.keys.collector);
    assert.equal(preview.statusCode, 200, preview.body);
    assert.deepEqual(preview.json().instalments.map((i: { seq: number; due_date: string; amount: number }) => [i.seq, i.due_date, i.amount]),
      [[0, '2026-03-15', 60_000], [1, '2026-04-15', 180_000], [2, '2026-05-15', 180_000], [3, '2026-06-15', 180_000]]);
    // a first instalment chosen on Saturday 11 April falls due on Monday the 13th, and says so
    const weekend = await send('POST', '/v1/plans/preview', { customer_id: id, instalments: 2, first_due_date: '2026-04-11' }, t.keys.collector);
    assert.equal(weekend.statusCode, 200, weekend.body);
    assert.deepEqual(weekend.json().instalments.map((i: { due_date: string; moved_from?: string }) => [i.due_date, i.moved_from ?? null]),
      [['2026-03-15', null], ['2026-04-13', '2026-04-11'], ['2026-05-11', null]]);
    assert.equal(weekend.json().first_due_date, '2026-04-13');
    const options = await get(`/v1/plans/options?customer_id=${id}`);
    assert.deepEqual(options.json().data.filter((o: { frequency: string }) => o.frequency === 'monthly').map((o: { count: number }) => o.count), [2, 3, 4, 6],
      'six monthly instalments of 900.00 MXN are over the minimum of 500.00; nine would be more than the limit');
    const refused = await send('POST', '/v1/plans', { customer_id: id, instalments: 12 }, t.keys.collector);
    assert.deepEqual([refused.statusCode, refused.json().error.field], [400, 'instalments']);
    assert.match(refused.json().error.message, /more than the limit of 6/);
    const created = await send('POST', '/v1/plans', { customer_id: id, instalments: 3, down_payment: 120_000, frequency: 'biweekly' }, t.keys.collector);
    assert.equal(created.statusCode, 201, created.body);
    assert.deepEqual([created.json().status, created.json().total, created.json().instalments.length], ['active', 600_000, 4]);
    assert.equal((await get(`/v1/plans?customer_id=${id}&status=active`)).json().data.length, 1);
    assert.equal((await get(`/v1/cases/${id}`)).json().stop_code, 'plan_current');
    const planId = created.json().id as string;
    assert.equal((await get(`/v1/plans/${planId}`, t.keys.viewer)).json().id, planId);
    assert.equal((await get(`/v1/plans/${planId}`, t.otherKey)).statusCode, 404);
    assert.equal((await send('POST', `/v1/plans/${planId}/cancel`, {}, t.keys.collector)).statusCode, 403);
    const cancelled = await send('POST', `/v1/plans/${planId}/cancel`, { reason: 'asked for a promise instead' }, t.keys.manager);
    assert.deepEqual([cancelled.statusCode, cancelled.json().status], [200, 'cancelled']);
  });

  it('offers a prompt-payment discount within the limit, for managers', async () => {
    const { id } = await customerOwing(100_000, 'Descuento');
    assert.equal((await send('POST', '/v1/discounts', { customer_id: id, basis_points: 200, pay_by: '2026-03-20' }, t.keys.collector)).statusCode, 403);
    const tooMuch = await send('POST', '/v1/discounts', { customer_id: id, basis_points: 500, pay_by: '2026-03-20' }, t.keys.manager);
    assert.deepEqual([tooMuch.statusCode, tooMuch.json().error.field], [400, 'basis_points']);
    const r = await send('POST', '/v1/discounts', { customer_id: id, basis_points: 200, pay_by: '2026-03-20' }, t.keys.manager);
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual([r.json().discount, r.json().pay_amount, r.json().status], [2_000, 98_000, 'offered']);
    const pay = await send('POST', '/v1/payments', { customer_id: id, amount: 98_000, currency: 'MXN', date: '2026-03-15' });
    assert.equal(pay.statusCode, 201, pay.body);
    const inv = (await get(`/v1/invoices/Descuento-1`)).json();
    assert.deepEqual([inv.balance, inv.status], [0, 'paid'], 'applied by the payment itself');
    const evaluated = await send('POST', '/v1/arrangements/evaluate', {}, t.keys.manager);
    assert.deepEqual(evaluated.json().discounts, {}, 'nothing left for the round');
    const adj = (await get(`/v1/adjustments?invoice_id=${inv.id}`)).json().data;
    assert.deepEqual(adj.map((a: { kind: string; amount: number }) => [a.kind, a.amount]), [['discount', -2_000]]);
  });

  it('opens a dispute with an attachment, serves it back, and resolves it (valid for managers only)', async () => {
    const { id, invoiceId } = await customerOwing(50_000, 'Disputa');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const bad = await send('POST', '/v1/disputes', { customer_id: id, reason: 'because' }, t.keys.collector);
    assert.deepEqual([bad.statusCode, bad.json().error.field], [400, 'reason']);
    const r = await send('POST', '/v1/disputes', { customer_id: id, invoice_ids: ['Disputa-1'], reason: 'goods_or_service', text: 'Half the boxes arrived broken',
      attachment: { filename: 'photos.pdf', content_type: 'application/pdf', data_base64: pdf.toString('base64') } }, t.keys.collector);
    assert.equal(r.statusCode, 201, r.body);
    const dispute = r.json();
    assert.deepEqual([dispute.invoice_ids, dispute.attachment.content_type, dispute.attachment.size], [[invoiceId], 'application/pdf', pdf.length]);
    assert.equal((await get('/v1/disputes?status=open')).json().data.length, 1);
    const file = await get(`/v1/disputes/${dispute.id}/attachment`, t.keys.viewer);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.equal(file.headers['x-content-type-options'], 'nosniff');
    assert.match(String(file.headers['content-disposition']), /attachment; filename="photos.pdf"/);
    assert.ok(file.rawPayload.equals(pdf));
    assert.equal((await get(`/v1/disputes/${dispute.id}/attachment`, t.otherKey)).statusCode, 404);
    assert.equal((await get(`/v1/cases/${id}`)).json().stop_code, 'disputed');
    const tasks = (await get(`/v1/tasks?customer_id=${id}&status=open`)).json().data;
    assert.deepEqual(tasks.map((x: { kind: string }) => x.kind), ['review']);
    const collector = await send('POST', `/v1/disputes/${dispute.id}/resolve`, { outcome: 'valid' }, t.keys.collector);
    assert.deepEqual([collector.statusCode, collector.json().error.field], [403, 'outcome']);
    const resolved = await send('POST', `/v1/disputes/${dispute.id}/resolve`, { outcome: 'valid', note: 'carrier damage confirmed' }, t.keys.manager);
    assert.deepEqual([resolved.statusCode, resolved.json().status, resolved.json().credit_note_ids.length], [200, 'valid', 1]);
    assert.equal((await get(`/v1/invoices/${invoiceId}`)).json().status, 'paid');
  });

  it('shows a customer\'s arrangements with their timeline', async () => {
    const { id } = await customerOwing(400_000, 'Linea');
    await send('POST', '/v1/promises', { customer_id: id, amount: 400_000, currency: 'MXN', due_date: '2026-03-18' }, t.keys.collector);
    await send('POST', '/v1/plans', { customer_id: id, instalments: 2 }, t.keys.collector);
    const r = await get(`/v1/customers/${id}/arrangements`, t.keys.viewer);
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual([r.json().promises.length, r.json().plans.length], [1, 1]);
    assert.deepEqual(r.json().timeline.map((e: { kind: string }) => e.kind), ['promise_made', 'promise_replaced', 'plan_created']);
    assert.equal((await get(`/v1/customers/${id}/arrangements`, t.otherKey)).statusCode, 404);
  });
});
