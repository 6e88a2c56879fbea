// A customer's unapplied credit netted in the cash forecast, on a real database (PGlite, and PostgreSQL with DATABASE_URL):
// payments left unallocated lower what is expected from that customer in that currency, the likeliest invoices first.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { testOrg } from './support/db.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { makeForecast } from '../src/forecast/index.ts';
import { reversePayment } from '../src/ledger/index.ts';

let t: TestApi;
before(async () => { t = await testApi(); }); // the API's clock: 2026-03-15
after(async () => { await t.close(); });

describe('unapplied credit in the forecast', () => {
  it('comes off what the customer is expected to pay in its currency, their likeliest invoice first', async () => {
    const org = await testOrg(t.db, 'Credit');
    const a = await aCustomer(t.db, org, { external_id: 'CR-1' });
    const b = await aCustomer(t.db, org, { external_id: 'CR-2' });
    // nothing scored: the fixed heuristic. As of 15 March (week 1 is 16-22 March):
    // A's not yet due 10,000 at 90% on the 20th, A's 73 days overdue 20,000 at 50% a week out (the 22nd), B's 10,000 at 90%
    await anInvoice(t.db, org, { customer_id: a.id, issue_date: '2026-02-20', due_date: '2026-03-20', amount: 10_000 });
    await anInvoice(t.db, org, { customer_id: a.id, issue_date: '2025-12-01', due_date: '2026-01-01', amount: 20_000 });
    await anInvoice(t.db, org, { customer_id: b.id, issue_date: '2026-02-20', due_date: '2026-03-20', amount: 10_000 });
    const forecast = () => makeForecast(t.db, org, '2026-03-15', new Date('2026-03-15T12:00:00Z'));
    const week1 = async () => (await forecast()).currencies.find((c) => c.currency === 'USD')?.weeks[0]?.expected;
    assert.equal(await week1(), 9_000 + 10_000 + 9_000);

    // 6,000 paid by A and left unallocated: A's 90% invoice now 4,000, 5,400 less expected
    await aPayment(t.db, org, { customer_id: a.id, amount: 6_000, date: '2026-03-10', allocations: [] });
    assert.equal(await week1(), 3_600 + 10_000 + 9_000);
    const f = await forecast();
    assert.deepEqual(f.credit, [{ currency: 'USD', customers: 1, credit: 6_000, netted: 6_000 }]);
    assert.equal(f.invoices.unscored, 3, 'A\'s two taken one by one, B\'s in the totals');
    assert.ok(f.notes.some((n) => n === '1 customer(s) held USD 60.00 of unapplied credit: 60.00 netted against what they owe, their likeliest amounts first'), f.notes.join('\n'));

    // 9,000 more: 15,000 takes the 10,000 and 5,000 of the overdue one (15,000 left at 50%)
    const more = await aPayment(t.db, org, { customer_id: a.id, amount: 9_000, date: '2026-03-11', allocations: [] });
    assert.equal(await week1(), 7_500 + 9_000);
    // credit in another currency nets nothing in USD
    await aPayment(t.db, org, { customer_id: a.id, amount: 50_000, currency: 'MXN', date: '2026-03-11', allocations: [] });
    assert.equal(await week1(), 7_500 + 9_000);
    assert.deepEqual((await forecast()).credit?.map((c) => [c.currency, c.credit, c.netted]), [['MXN', 50_000, 0], ['USD', 15_000, 15_000]]);
    // a reversed payment leaves no credit: back to 6,000
    const r = await reversePayment(t.db, org, 'test', more.id, 'bounced');
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(await week1(), 3_600 + 10_000 + 9_000);
  });

  it('is in the API\'s answer', async () => {
    const c = await aCustomer(t.db, t.org, { external_id: 'CR-API' });
    await anInvoice(t.db, t.org, { customer_id: c.id, issue_date: '2026-02-20', due_date: '2026-03-20', amount: 10_000 });
    await aPayment(t.db, t.org, { customer_id: c.id, amount: 2_500, date: '2026-03-10', allocations: [] });
    const res = await t.app.inject({ method: 'GET', url: '/v1/forecast?as_of=2026-03-15', headers: bearer(t.keys.viewer) });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().credit, [{ currency: 'USD', customers: 1, credit: 2_500, netted: 2_500 }]);
    // 90% of the 7,500 left
    assert.equal(res.json().currencies[0].weeks[0].expected, 6_750);
  });
});
