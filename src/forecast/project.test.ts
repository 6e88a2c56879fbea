import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { heuristicInflow, invoiceInflow, promisedInflow, sharedDrawVariance, weeklyForecast, type Inflow } from './project.ts';
import { netOfPromises } from './forecast.ts';

const AS_OF = '2026-03-15'; // week 1 is 16-22 March, week 2 23-29, week 3 30 March - 5 April

describe('the cash forecast', () => {
  it('puts a scored invoice on its due date plus the expected days late, weighted by its expected recovery', () => {
    const f = invoiceInflow({ currency: 'MXN', balance: 100_000, dueDate: '2026-03-20', probabilityLate: 0.7, expectedDaysLate: 10.4, expectedRecovery: 80_000 }, AS_OF);
    assert.deepEqual(f, { source: 'invoice', currency: 'MXN', amount: 100_000, date: '2026-03-30', p: 0.8 });
  });

  it('falls back on the heuristic by age for an invoice with no score', () => {
    assert.deepEqual(heuristicInflow({ currency: 'USD', balance: 10_000, dueDate: '2026-01-29' }, AS_OF), // 45 days overdue
      { source: 'invoice', currency: 'USD', amount: 10_000, date: '2026-03-22', p: 0.5 });
    assert.equal(heuristicInflow({ currency: 'USD', balance: 10_000, dueDate: '2026-03-01' }, AS_OF)?.p, 0.7);
    assert.equal(heuristicInflow({ currency: 'USD', balance: 10_000, dueDate: '2025-10-01' }, AS_OF)?.p, 0.2);
    assert.deepEqual(heuristicInflow({ currency: 'USD', balance: 10_000, dueDate: '2026-04-01' }, AS_OF)?.date, '2026-04-01');
  });

  it('sums each week per currency with a 10th-90th percentile range from the Bernoulli variance', () => {
    const inflows: Inflow[] = [
      invoiceInflow({ currency: 'MXN', balance: 100_000, dueDate: '2026-03-20', probabilityLate: 0.7, expectedDaysLate: 10, expectedRecovery: 80_000 }, AS_OF)!,
      promisedInflow('promise', { currency: 'MXN', amount: 30_000, date: '2026-03-18' }, 0.5, AS_OF),
      promisedInflow('instalment', { currency: 'MXN', amount: 20_000, date: '2026-03-19' }, 0.5, AS_OF),
      heuristicInflow({ currency: 'USD', balance: 10_000, dueDate: '2026-01-29' }, AS_OF)!,
      heuristicInflow({ currency: 'USD', balance: 99_000, dueDate: '2026-07-01' }, AS_OF)!, // past the 13 weeks
    ];
    const [mxn, usd] = weeklyForecast(inflows, AS_OF);
    // week 1: 0.5 x 30,000 + 0.5 x 20,000 = 25,000; variance 0.25 x 30,000² + 0.25 x 20,000² = 325,000,000, sd 18,027.76;
    // 25,000 -/+ 1.2816 x 18,027.76 = 1,896 .. 48,104
    assert.deepEqual(mxn?.weeks[0], { week: 1, from: '2026-03-16', to: '2026-03-22', expected: 25_000, low: 1_896, high: 48_104,
      from_invoices: 0, from_promises: 15_000, from_instalments: 10_000 });
    assert.equal(mxn?.weeks[1]?.expected, 0);
    // week 3: 0.8 x 100,000 = 80,000; sd sqrt(0.16) x 100,000 = 40,000; 80,000 -/+ 51,264
    assert.deepEqual([mxn?.weeks[2]?.expected, mxn?.weeks[2]?.low, mxn?.weeks[2]?.high], [80_000, 28_736, 131_264]);
    assert.equal(mxn?.expected_total, 105_000);
    assert.equal(mxn?.weeks.length, 13);
    assert.equal(mxn?.weeks[12]?.to, '2026-06-14');
    // USD: 0.5 x 10,000 in week 1, sd 5,000: the low end floors at zero
    assert.deepEqual([usd?.currency, usd?.weeks[0]?.expected, usd?.weeks[0]?.low, usd?.weeks[0]?.high, usd?.expected_total], ['USD', 5_000, 0, 11_408, 5_000]);
  });

  it('takes a pending promise out of the customer\'s oldest invoices so the money is not counted twice', () => {
    const row = (id: string, balance: number, recovery: number | null) => ({ id, customer_id: 'c1', currency: 'MXN', balance, due_date: '2026-03-01',
      probability_late: 0.5, expected_days_late: 5, expected_recovery: recovery });
    const out = netOfPromises([row('a', 20_000, 10_000), row('b', 50_000, 25_000), { ...row('c', 5_000, 5_000), customer_id: 'c2' }],
      [{ customer_id: 'c1', currency: 'MXN', amount: 30_000 }]);
    assert.deepEqual(out.map((i) => [i.id, i.balance, i.expected_recovery]), [['b', 40_000, 20_000], ['c', 5_000, 5_000]]);
  });

  it('widens the range when one customer owes many invoices (they share one outcome draw) and keeps the point estimate', () => {
    const amounts = [40_000, 25_000, 10_000, 5_000, 20_000];
    const ps = [0.8, 0.6, 0.6, 0.3, 0.9];
    const of = (customer: (i: number) => string): Inflow[] => amounts.map((amount, i) => ({ source: 'invoice', currency: 'MXN', amount, date: '2026-03-18', p: ps[i]!, customer: customer(i) }));
    const [one] = weeklyForecast(of(() => 'c1'), AS_OF);
    const [many] = weeklyForecast(of((i) => `c${i}`), AS_OF);
    assert.equal(one?.weeks[0]?.expected, many?.weeks[0]?.expected);
    assert.equal(one?.weeks[0]?.expected, 72_500);
    // independent (many customers): the sum of p(1-p)a² = 256,000,000 + 150,000,000 + 24,000,000 + 5,250,000 + 36,000,000 = 471,250,000
    assert.equal(many?.weeks[0]?.high, Math.round(72_500 + 1.2816 * Math.sqrt(471_250_000)));
    // one customer: the sum over pairs of a_i a_j (min(p_i, p_j) - p_i p_j), counted by hand for the five
    let v = 0;
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) v += amounts[i]! * amounts[j]! * (Math.min(ps[i]!, ps[j]!) - ps[i]! * ps[j]!);
    assert.ok(v > 471_250_000 * 2, `within-customer covariance adds to the variance (${v})`);
    assert.equal(one?.weeks[0]?.high, Math.round(72_500 + 1.2816 * Math.sqrt(v)));
    assert.equal(one?.weeks[0]?.low, Math.max(0, Math.round(72_500 - 1.2816 * Math.sqrt(v))));
    assert.ok(one!.weeks[0]!.high - one!.weeks[0]!.low > many!.weeks[0]!.high - many!.weeks[0]!.low);
    // equal chances: p(1-p)(sum a)² exactly; one amount: p(1-p)a²
    assert.equal(Math.round(sharedDrawVariance([{ amount: 30_000, p: 0.5 }, { amount: 10_000, p: 0.5 }])), 0.25 * 40_000 ** 2);
    assert.equal(Math.round(sharedDrawVariance([{ amount: 30_000, p: 0.2 }])), Math.round(0.16 * 30_000 ** 2));
  });

  it('gives an unscored invoice the chance of its bucket in a learned table', () => {
    const table = { as_of: '2026-03-14', buckets: [{ bucket: '1-30' as const, p: 0.35, learned: true, invoices: 40, open: 1, paid: 1 }] };
    assert.equal(heuristicInflow({ currency: 'MXN', balance: 1_000, dueDate: '2026-03-01' }, AS_OF, table)?.p, 0.35);
    // a bucket the table has not: the fixed chance
    assert.equal(heuristicInflow({ currency: 'MXN', balance: 1_000, dueDate: '2026-01-01' }, AS_OF, table)?.p, 0.5);
  });
});
