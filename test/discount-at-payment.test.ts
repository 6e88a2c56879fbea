// A prompt-payment discount applied by the payment that earns it, in the payment's own request: the invoice settled and the
// case closed at once (nothing planned left), the worker's round then finding nothing to apply; a payment dated after the
// pay-by date earns nothing; partial payments earn it together; a reversal afterwards leaves the discount in place. A bank
// statement line for the discounted amount, applied automatically or booked by a person from the queue, and a CSV import
// of payments do the same.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { mt940, type Mt940Entry } from '../src/reconciliation/testing/mt940-builder.ts';

let t: TestApi;
let clock = new Date('2026-03-15T12:00:00Z');
before(async () => { t = await testApi(() => clock); });
after(async () => { await t.close(); });

const send = (method: 'POST' | 'PUT', url: string, payload: unknown, key = t.keys.admin) =>
  t.app.inject({ method, url, payload: payload as object, headers: bearer(key) });
const get = (url: string) => t.app.inject({ method: 'GET', url, headers: bearer(t.keys.admin) });

/** A Mexico City customer owing one MXN invoice, its case planned, and a 2% offer to pay by 2026-03-20 (98,000 of 100,000). */
async function offered(name: string) {
  const c = await send('POST', '/v1/customers', { name, email: `${name.toLowerCase()}@example.com`, country: 'MX', timezone: 'America/Mexico_City' });
  assert.equal(c.statusCode, 201, c.body);
  const id = c.json().id as string;
  const i = await send('POST', '/v1/invoices', { customer_id: id, number: `${name}-1`, currency: 'MXN', amount: 100_000, issue_date: '2026-02-01', due_date: '2026-03-10' });
  assert.equal(i.statusCode, 201, i.body);
  const d = await send('POST', '/v1/discounts', { customer_id: id, basis_points: 200, pay_by: '2026-03-20' }, t.keys.manager);
  assert.deepEqual([d.statusCode, d.json().pay_amount], [201, 98_000], d.body);
  return { id, offer: d.json().id as string };
}

const pay = async (customerId: string, amount: number, date: string, currency = 'MXN') => {
  const r = await send('POST', '/v1/payments', { customer_id: customerId, amount, currency, date });
  assert.equal(r.statusCode, 201, r.body);
  return r.json().id as string;
};
const invoice = async (number: string) => (await get(`/v1/invoices/${number}`)).json();
const offer = async (customerId: string) => (await get(`/v1/discounts?customer_id=${customerId}`)).json().data[0];
const discounts = async (invoiceId: string) => (await get(`/v1/adjustments?invoice_id=${invoiceId}`)).json().data
  .filter((a: { kind: string }) => a.kind === 'discount').map((a: { amount: number }) => a.amount);
const caseOf = async (customerId: string) => {
  const [c] = (await get(`/v1/cases?customer_id=${customerId}`)).json().data;
  return { ...c, ...(await get(`/v1/cases/${c.id}`)).json() };
};
const evaluate = async () => (await send('POST', '/v1/arrangements/evaluate', {}, t.keys.manager)).json().discounts;

/** Uploads an MXN MT940 statement of these entries through POST /v1/statements. */
function upload(entries: Mt940Entry[]) {
  const b = 'cobro-stmt';
  const payload = [`--${b}`, 'Content-Disposition: form-data; name="file"; filename="march.sta"', 'Content-Type: application/octet-stream', '',
    mt940(entries, { currency: 'MXN' }), `--${b}--`, ''].join('\r\n');
  return t.app.inject({ method: 'POST', url: '/v1/statements', payload, headers: { ...bearer(t.keys.admin), 'content-type': `multipart/form-data; boundary=${b}` } });
}

describe('a prompt-payment discount applied by the payment', () => {
  it('settles the invoice and closes the case in the payment\'s request; the round after changes nothing', async () => {
    const { id } = await offered('Pronto');
    const open = await caseOf(id);
    assert.deepEqual([open.status, open.next_action_at !== null], ['open', true], 'a reminder is due before the payment');
    await pay(id, 98_000, '2026-03-15');
    const inv = await invoice('Pronto-1');
    assert.deepEqual([inv.balance, inv.status], [0, 'paid']);
    assert.deepEqual(await discounts(inv.id), [-2_000]);
    const o = await offer(id);
    assert.deepEqual([o.status, o.applied_amount, o.adjustment_ids.length], ['applied', 2_000, 1]);
    const kase = await caseOf(id);
    assert.deepEqual([kase.status, kase.next_action_at], ['closed', null]);
    assert.ok(kase.actions.every((a: { status: string }) => a.status !== 'planned'), 'no reminder for the discounted remainder');
    const audit = (await get(`/v1/audit?customer_id=${id}`)).json().data.map((e: { action: string }) => e.action);
    assert.ok(audit.includes('discount.applied') && audit.includes('payment.recorded'), 'the audit entry as the round gave it');
    assert.deepEqual(await evaluate(), {}, 'the round finds nothing left to apply');
    assert.deepEqual(await discounts(inv.id), [-2_000], 'applied once');
  });

  it('settles the invoice from a bank statement line for the discounted amount, applied automatically; the round after changes nothing', async () => {
    const { id } = await offered('Banco');
    const put = await send('PUT', '/v1/reconciliation/settings', { fee_tolerance_bps: 0 }, t.keys.manager);
    assert.equal(put.statusCode, 200, put.body); // no bank-fee write-off: the 2,000 short is the offer's to take
    const res = await upload([{ date: '260315', mark: 'C', amount: '980,00', text: 'Invoice Banco-1', name: 'Banco' }]);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().new_lines, res.json().reconciliation.matched], [1, 1], 'the line is matched and applied, not queued');
    const inv = await invoice('Banco-1');
    assert.deepEqual([inv.balance, inv.status], [0, 'paid']);
    assert.deepEqual(await discounts(inv.id), [-2_000]);
    const o = await offer(id);
    assert.deepEqual([o.status, o.applied_amount, o.adjustment_ids.length], ['applied', 2_000, 1]);
    assert.deepEqual([(await caseOf(id)).status, (await caseOf(id)).next_action_at], ['closed', null]);
    assert.deepEqual(await evaluate(), {}, 'the round finds nothing left to apply');
    assert.deepEqual(await discounts(inv.id), [-2_000], 'applied once');
  });

  it('takes no bank fee for a statement line short by the discount under the default fee allowance', async () => {
    const { id } = await offered('Tolera');
    const put = await send('PUT', '/v1/reconciliation/settings', { fee_tolerance_bps: 200, fee_tolerance_max: 2_500 }, t.keys.manager);
    assert.equal(put.statusCode, 200, put.body); // the default allowance (an earlier test set it to 0)
    const res = await upload([{ date: '260315', mark: 'C', amount: '980,00', text: 'Invoice Tolera-1', name: 'Tolera' }]);
    assert.deepEqual([res.statusCode, res.json().reconciliation?.matched], [200, 1], res.body);
    const inv = await invoice('Tolera-1');
    assert.deepEqual([inv.balance, inv.status], [0, 'paid']);
    assert.deepEqual(await discounts(inv.id), [-2_000], 'the offer\'s discount, no bank-fee write-off');
    const o = await offer(id);
    assert.deepEqual([o.status, o.applied_amount, o.adjustment_ids.length], ['applied', 2_000, 1]);
    assert.deepEqual(await evaluate(), {}, 'the round finds nothing left to apply');
  });

  it('writes off a bank fee beyond the discount, the fee counting toward the offer', async () => {
    const { id } = await offered('Comision');
    // 2,500 short is more than the default 2% of 100,000: allow 3% (the 25.00 cap keeps) so the matcher proposes it as a fee
    const put = await send('PUT', '/v1/reconciliation/settings', { fee_tolerance_bps: 300 }, t.keys.manager);
    assert.equal(put.statusCode, 200, put.body);
    const res = await upload([{ date: '260315', mark: 'C', amount: '975,00', text: 'Invoice Comision-1', name: 'Comision' }]);
    assert.deepEqual([res.statusCode, res.json().reconciliation?.matched], [200, 1], res.body);
    const inv = await invoice('Comision-1');
    assert.deepEqual([inv.balance, inv.status], [0, 'paid']);
    assert.deepEqual((await discounts(inv.id)).sort((a: number, b: number) => a - b), [-2_000, -500], 'the discount and the fee beyond it');
    const o = await offer(id);
    assert.deepEqual([o.status, o.applied_amount], ['applied', 2_000]);
    const restore = await send('PUT', '/v1/reconciliation/settings', { fee_tolerance_bps: 200 }, t.keys.manager);
    assert.equal(restore.statusCode, 200, restore.body);
  });

  it('settles the invoice from a statement line a person books from the queue for the discounted amount', async () => {
    const { id } = await offered('Manual');
    const put = await send('PUT', '/v1/reconciliation/settings', { fee_tolerance_bps: 0 }, t.keys.manager);
    assert.equal(put.statusCode, 200, put.body); // no amount-with-fee proposal: the line waits for a person
    const res = await upload([{ date: '260316', mark: 'C', amount: '980,00', text: 'Transfer 55817', name: 'Zeta Holdings' }]);
    assert.deepEqual([res.statusCode, res.json().reconciliation?.matched], [200, 0], res.body);
    const line = (await get('/v1/reconciliation/queue')).json().data.find((l: { remittance_text: string | null }) => l.remittance_text?.includes('55817'));
    assert.ok(line, 'the line waits in the queue');
    assert.equal((await offer(id)).status, 'offered', 'nothing earned before it is booked');
    const booked = await send('POST', `/v1/reconciliation/lines/${line.id}/assign`, { customer_id: id, allocations: [{ invoice_id: 'Manual-1', amount: 98_000 }] });
    assert.equal(booked.statusCode, 200, booked.body);
    const inv = await invoice('Manual-1');
    assert.deepEqual([inv.balance, inv.status, await discounts(inv.id)], [0, 'paid', [-2_000]]);
    const o = await offer(id);
    assert.deepEqual([o.status, o.applied_amount, o.adjustment_ids.length], ['applied', 2_000, 1]);
    assert.deepEqual(await evaluate(), {}, 'the round finds nothing left to apply');
    const restore = await send('PUT', '/v1/reconciliation/settings', { fee_tolerance_bps: 200 }, t.keys.manager);
    assert.equal(restore.statusCode, 200, restore.body);
  });

  it('settles the invoice from a CSV import of payments, in the import\'s transaction; the round after changes nothing', async () => {
    const { id } = await offered('Archivo');
    const external = (await get(`/v1/customers/${id}`)).json().external_id as string;
    const b = 'cobro-import';
    const csv = `customer_external_id,amount,currency,date\n${external},980.00,MXN,2026-03-15\n`;
    const payload = [`--${b}`, 'Content-Disposition: form-data; name="kind"', '', 'payments', `--${b}`,
      'Content-Disposition: form-data; name="file"; filename="payments.csv"', 'Content-Type: text/csv', '', csv, `--${b}--`, ''].join('\r\n');
    const r = await t.app.inject({ method: 'POST', url: '/v1/imports', payload, headers: { ...bearer(t.keys.admin), 'content-type': `multipart/form-data; boundary=${b}` } });
    assert.deepEqual([r.statusCode, r.json().inserted], [200, 1], r.body);
    const inv = await invoice('Archivo-1');
    assert.deepEqual([inv.balance, inv.status, await discounts(inv.id)], [0, 'paid', [-2_000]]);
    const o = await offer(id);
    assert.deepEqual([o.status, o.applied_amount, o.adjustment_ids.length], ['applied', 2_000, 1]);
    const audit = (await get(`/v1/audit?customer_id=${id}`)).json().data.map((e: { action: string }) => e.action);
    assert.ok(audit.includes('discount.applied'), 'audited as the round would');
    assert.deepEqual(await evaluate(), {}, 'the round finds nothing left to apply');
  });

  it('earns nothing with a payment dated after the pay-by date: the offer stays open, the case too', async () => {
    const { id } = await offered('Tarde');
    await pay(id, 98_000, '2026-03-21');
    const inv = await invoice('Tarde-1');
    assert.deepEqual([inv.balance, inv.status], [2_000, 'partially_paid']);
    assert.equal((await offer(id)).status, 'offered');
    assert.deepEqual(await discounts(inv.id), []);
    assert.notEqual((await caseOf(id)).status, 'closed');
  });

  it('earns it with partial payments together, not with one in another currency', async () => {
    const { id } = await offered('Partes');
    await pay(id, 50_000, '2026-03-15');
    await pay(id, 48_000, '2026-03-16', 'USD');
    assert.equal((await offer(id)).status, 'offered', 'a USD payment does not count toward an MXN offer');
    assert.deepEqual((await invoice('Partes-1')).balance, 50_000);
    await pay(id, 48_000, '2026-03-16');
    const inv = await invoice('Partes-1');
    assert.deepEqual([inv.balance, inv.status, await discounts(inv.id)], [0, 'paid', [-2_000]]);
    assert.equal((await offer(id)).status, 'applied');
  });

  it('leaves the applied discount in place when a payment that earned it is reversed', async () => {
    const { id } = await offered('Rebote');
    const p = await pay(id, 98_000, '2026-03-15');
    const r = await send('POST', `/v1/payments/${p}/reverse`, { reason: 'returned transfer' }, t.keys.manager);
    assert.equal(r.statusCode, 200, r.body);
    const inv = await invoice('Rebote-1');
    assert.deepEqual([inv.balance, await discounts(inv.id), (await offer(id)).status], [98_000, [-2_000], 'applied']);
    assert.notEqual((await caseOf(id)).status, 'closed', 'the case is open again for what is owed');
  });
});
