import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { netOfCredit } from './credit.ts';
import { weeklyForecast, type Inflow } from './project.ts';

const AS_OF = '2026-03-15'; // week 1 is 16-22 March, week 2 23-29
const an = (id: string, over: Partial<Inflow>): Inflow & { id: string } =>
  ({ id, source: 'invoice', currency: 'MXN', amount: 10_000, date: '2026-03-20', p: 0.5, customer: 'c1', ...over });

describe('a customer\'s unapplied credit in the forecast', () => {
  it('comes off their likeliest amounts in its currency first, an earlier date first on a tie', () => {
    const inflows = [
      an('old', { amount: 20_000, p: 0.2, date: '2026-03-22' }),
      an('likely', { amount: 30_000, p: 0.9, date: '2026-03-20' }),
      an('promise', { source: 'promise', amount: 10_000, p: 0.5, date: '2026-03-25' }),
      an('likely-earlier', { amount: 5_000, p: 0.9, date: '2026-03-18' }),
      an('usd', { currency: 'USD', amount: 8_000, p: 0.9 }),
      an('other-customer', { customer: 'c2', amount: 10_000, p: 0.9 }),
    ];
    const { inflows: out, netted } = netOfCredit(inflows, [{ customer_id: 'c1', currency: 'MXN', amount: 38_000 }]);
    // 38,000: the 5,000 at 90% due on the 18th, then the 30,000 at 90%, then 3,000 of the 10,000 promised at 50%;
    // the 20% invoice, the USD one and the other customer's are untouched
    assert.deepEqual(out.map((f) => [(f as typeof inflows[number]).id, f.amount]),
      [['old', 20_000], ['promise', 7_000], ['usd', 8_000], ['other-customer', 10_000]]);
    assert.deepEqual(netted, [{ currency: 'MXN', customers: 1, credit: 38_000, netted: 38_000 }]);
    // c1's MXN expectation: 0.2 x 20,000 + 0.9 x 30,000 + 0.5 x 10,000 + 0.9 x 5,000 = 40,500 before, 0.2 x 20,000 + 0.5 x
    // 7,000 = 7,500 after: 33,000 less for 38,000 of credit (pro rata would have taken 38,000 x 40,500 / 65,000 = 23,677)
    const mxn = (fs: Inflow[]) => weeklyForecast(fs.filter((f) => f.customer === 'c1'), AS_OF).find((c) => c.currency === 'MXN')?.expected_total;
    assert.equal(mxn(inflows), 40_500);
    assert.equal(mxn(out), 7_500);
  });

  it('nets only what the customer is expected to pay: the rest of a larger credit stays unnetted', () => {
    const { inflows, netted } = netOfCredit([an('a', { currency: 'USD', amount: 10_000 }), an('b', { customer: 'c2', currency: 'USD', amount: 4_000 })],
      [{ customer_id: 'c1', currency: 'USD', amount: 50_000 }, { customer_id: 'c3', currency: 'USD', amount: 1_000 }]);
    assert.deepEqual(inflows.map((f) => [f.customer, f.amount]), [['c2', 4_000]]);
    assert.deepEqual(netted, [{ currency: 'USD', customers: 2, credit: 51_000, netted: 10_000 }]);
  });

  it('leaves the range to the amounts left: one customer\'s cut invoices still share one draw', () => {
    const { inflows } = netOfCredit([an('a', { amount: 10_000, p: 0.9 }), an('b', { amount: 20_000, p: 0.5 })],
      [{ customer_id: 'c1', currency: 'MXN', amount: 6_000 }]);
    const [w] = weeklyForecast(inflows, AS_OF)[0]?.weeks ?? [];
    // 4,000 at 0.9 and 20,000 at 0.5 on one draw: 3,600 + 10,000 = 13,600; variance sum a_i a_j (min p - p_i p_j):
    // 4,000² x 0.09 + 20,000² x 0.25 + 2 x 4,000 x 20,000 x (0.5 - 0.45) = 1,440,000 + 100,000,000 + 8,000,000
    assert.equal(w?.expected, 13_600);
    assert.equal(w?.high, Math.round(13_600 + 1.2816 * Math.sqrt(109_440_000)));
  });
});
