// The customers behind a point of the dashboard's overdue trend: GET /v1/customers?overdue_on=D lists the customers with an
// invoice overdue at the end of D by that day's balances (not today's), each with what it owed then, adding up to the trend's
// point; its parameters are checked, each refusal naming its field.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { applyAdjustment, reversePayment } from '../src/ledger/index.ts';
import type { Queryable } from '../src/db/index.ts';

/**
 * The test clock is 2026-03-15. Week ends 1, 8 and 15 March, and the 13th:
 * A: a1 USD 1,000.00 due 31 Jan, 300.00 paid 5 Mar; a2 USD 500.00 due 3 Mar, credit note 100.00 on the 10th
 * B: b1 USD 200.00 due 20 Feb, paid on the 12th, the payment reversed on the 14th; b2 EUR 800.00 due 10 Mar, 300.00 paid 11th
 * C: c1 USD 100.00 issued and due 14 Mar; D: d1 USD 50.00 due 1 Feb, paid in full on 2 Mar
 */
async function seed(q: Queryable, org: string) {
  const [a, b, c, d] = [await aCustomer(q, org, { name: 'A' }), await aCustomer(q, org, { name: 'B' }), await aCustomer(q, org, { name: 'C' }),
    await aCustomer(q, org, { name: 'D' })];
  const a1 = await anInvoice(q, org, { customer_id: a.id, amount: 100_000, issue_date: '2026-01-01', due_date: '2026-01-31' });
  const a2 = await anInvoice(q, org, { customer_id: a.id, amount: 50_000, issue_date: '2026-02-01', due_date: '2026-03-03' });
  const b1 = await anInvoice(q, org, { customer_id: b.id, amount: 20_000, issue_date: '2026-02-01', due_date: '2026-02-20' });
  const b2 = await anInvoice(q, org, { customer_id: b.id, currency: 'EUR', amount: 80_000, issue_date: '2026-03-01', due_date: '2026-03-10' });
  await anInvoice(q, org, { customer_id: c.id, amount: 10_000, issue_date: '2026-03-14', due_date: '2026-03-14' });
  const d1 = await anInvoice(q, org, { customer_id: d.id, amount: 5_000, issue_date: '2026-01-01', due_date: '2026-02-01' });
  const pay = (customer: string, invoice: string, amount: number, date: string, currency = 'USD') =>
    aPayment(q, org, { customer_id: customer, amount, date, currency, allocations: [{ invoice_id: invoice, amount }] });
  await pay(a.id, a1.id, 30_000, '2026-03-05');
  assert.ok((await applyAdjustment(q, org, 'test', { invoice_id: a2.id, kind: 'credit_note', amount: 10_000, date: '2026-03-10' })).ok);
  const bounced = await pay(b.id, b1.id, 20_000, '2026-03-12');
  assert.ok((await reversePayment(q, org, 'test', bounced.id, 'returned')).ok);
  await q.query(`UPDATE payments SET reversed_at = '2026-03-14T12:00:00Z' WHERE id = $1`, [bounced.id]);
  await q.query(`UPDATE allocations SET reversed_at = '2026-03-14T12:00:00Z' WHERE payment_id = $1`, [bounced.id]);
  await pay(b.id, b2.id, 30_000, '2026-03-11', 'EUR');
  await pay(d.id, d1.id, 5_000, '2026-03-02');
  return { A: a.id, B: b.id, C: c.id, D: d.id };
}

describe('GET /v1/customers?overdue_on=', () => {
  let api: TestApi;
  let ids: Record<string, string>;
  let names: Map<string, string>;
  const get = (url: string) => api.app.inject({ method: 'GET', url, headers: bearer(api.keys.viewer) });
  /** [name, [currency, amount, invoices]...] of each customer listed, by name. */
  const listed = async (query: string) => {
    const r = await get(`/v1/customers?${query}`);
    assert.equal(r.statusCode, 200, r.body);
    const data = r.json().data as { id: string; overdue_on?: { date: string; balances: { currency: string; amount: number; invoices: number }[] } }[];
    return data.map((c) => [names.get(c.id), c.overdue_on?.date, c.overdue_on?.balances.map((b) => [b.currency, b.amount, b.invoices])]).sort();
  };
  before(async () => {
    api = await testApi();
    ids = await seed(api.db, api.org);
    names = new Map(Object.entries(ids).map(([n, id]) => [id, n]));
  });
  after(async () => { await api.close(); });

  it('lists the customers overdue at the end of each week end with what they owed then', async () => {
    assert.deepEqual(await listed('overdue_on=2026-03-01&currency=USD'), [
      ['A', '2026-03-01', [['USD', 100_000, 1]]], ['B', '2026-03-01', [['USD', 20_000, 1]]], ['D', '2026-03-01', [['USD', 5_000, 1]]]]);
    assert.deepEqual(await listed('overdue_on=2026-03-08&currency=USD'), [
      ['A', '2026-03-08', [['USD', 120_000, 2]]], ['B', '2026-03-08', [['USD', 20_000, 1]]]]);
    assert.deepEqual(await listed('overdue_on=2026-03-15'), [
      ['A', '2026-03-15', [['USD', 110_000, 2]]], ['B', '2026-03-15', [['EUR', 50_000, 1], ['USD', 20_000, 1]]], ['C', '2026-03-15', [['USD', 10_000, 1]]]]);
    assert.deepEqual(await listed('overdue_on=2026-03-15&currency=EUR'), [['B', '2026-03-15', [['EUR', 50_000, 1]]]]);
  });

  it('counts that day\'s balances, not today\'s: a payment later reversed took B off on the 13th', async () => {
    assert.deepEqual(await listed('overdue_on=2026-03-13&currency=USD'), [['A', '2026-03-13', [['USD', 110_000, 2]]]]);
    const today = await listed('overdue=true&currency=USD');
    assert.deepEqual(today.map((c) => c[0]), ['A', 'B', 'C'], 'today B owes again');
  });

  it('adds up, customer by customer, to each point of the dashboard\'s trend, page after page', async () => {
    const trend = (await get('/v1/dashboard?weeks=3')).json().overdue_trend as { currency: string; points: { date: string; overdue: number; invoices: number }[] }[];
    assert.ok(trend.length > 0);
    for (const { currency, points } of trend) {
      for (const p of points) {
        let total = 0; let invoices = 0; let cursor: string | null = null;
        do {
          const r = await get(`/v1/customers?overdue_on=${p.date}&currency=${currency}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
          const body = r.json() as { data: { overdue_on: { balances: { amount: number; invoices: number }[] } }[]; next_cursor: string | null };
          for (const c of body.data) for (const b of c.overdue_on.balances) { total += b.amount; invoices += b.invoices; }
          cursor = body.next_cursor;
        } while (cursor);
        assert.deepEqual([total, invoices], [p.overdue, p.invoices], `${currency} ${p.date}`);
      }
    }
  });

  it('refuses what it cannot read, naming the field', async () => {
    const refusal = async (query: string) => {
      const r = await get(`/v1/customers?${query}`);
      assert.equal(r.statusCode, 400, r.body);
      return r.json().error as { code: string; message: string; field?: string };
    };
    // the field as the API names a query parameter (its schema's refusals and this filter's own alike)
    assert.equal((await refusal('overdue_on=2026-02-30')).field, 'querystring.overdue_on');
    assert.equal((await refusal('overdue_on=last-week')).field, 'querystring.overdue_on');
    const later = await refusal('overdue_on=2026-03-20');
    assert.deepEqual([later.field, later.message], ['querystring.overdue_on', 'overdue_on 2026-03-20 is after today: balances of a later day are not known']);
    for (const other of ['overdue=true', 'dpd_min=3', 'dpd_max=30', 'as_of=2026-03-01']) {
      const e = await refusal(`overdue_on=2026-03-08&${other}`);
      assert.equal(e.field, `querystring.${other.split('=')[0]}`, e.message);
      assert.match(e.message, /cannot be combined/);
    }
  });
});
