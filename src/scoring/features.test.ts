import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dayNumber } from '../domain/dates.ts';
import { featuresAsOf, openAmountAt } from './features.ts';
import { outcomeAt } from './labels.ts';
import { Priors } from './priors.ts';
import { trainingSet } from './dataset.ts';
import { aCustomerFact, anInvoiceFact, aPortfolio } from './fixtures.ts';
import { F, UNDATED, type CustomerFact, type Portfolio } from './types.ts';

const D = dayNumber('2025-06-01');

/** A customer with history before D: two paid late, one on time, one open and overdue, the invoice to score. */
function world(): { p: Portfolio; cust: CustomerFact; other: CustomerFact } {
  const cust = aCustomerFact([
    anInvoiceFact({ issue: '2025-01-01', settled: '2025-02-10' }), // 10 days late
    anInvoiceFact({ issue: '2025-02-01', settled: '2025-03-20' }), // 17 days late
    anInvoiceFact({ issue: '2025-03-01', settled: '2025-03-25', paperless: true }), // early
    anInvoiceFact({ id: 'inv_overdue', issue: '2025-04-01', amount: 5_000 }), // due 2025-05-01, open
    anInvoiceFact({ id: 'inv_scored', issue: '2025-05-20', amount: 20_000 }),
  ], { promises: [{ judged: dayNumber('2025-05-10'), broken: true }], sent: [dayNumber('2025-05-02')], replies: [] });
  const other = aCustomerFact([anInvoiceFact({ issue: '2025-01-05', settled: '2025-03-01' })]);
  return { p: aPortfolio([cust, other]), cust, other };
}

const scored = (c: CustomerFact) => c.invoices.find((i) => i.id === 'inv_scored')!;
const asOf = (w: ReturnType<typeof world>, day = D) => Array.from(featuresAsOf(scored(w.cust), w.cust, day, new Priors(w.p).at(day), 'known'));

describe('features as of a day', () => {
  it('reads the history settled before the day, what is open and overdue, promises and messages', () => {
    const w = world();
    const x = asOf(w);
    assert.equal(x[F.history_count], Math.log1p(3));
    assert.equal(x[F.open_count], 1);
    assert.equal(x[F.overdue_count], 1);
    assert.equal(x[F.max_days_overdue], D - dayNumber('2025-05-01'));
    assert.equal(x[F.broken_promises], 1);
    assert.equal(x[F.responsiveness], 0);
    assert.equal(x[F.days_past_due], 0);
    assert.equal(x[F.terms_days], 30);
    assert.equal(x[F.tenure_days], D - dayNumber('2025-01-01'));
    // 2 of 3 late, pulled towards the org's share with a weight of one invoice
    const prior = new Priors(w.p).at(D).lateShare;
    assert.equal(x[F.late_share], (2 + prior) / 4);
  });

  it('does not change when anything happens from the day on: payments, new invoices, disputes, promises, replies', () => {
    const w = world();
    const before = asOf(w);
    const overdue = w.cust.invoices.find((i) => i.id === 'inv_overdue')!;
    overdue.settled = D; // paid on the day itself
    overdue.paid = [[D, 5_000]];
    scored(w.cust).disputedOn = D + 3;
    w.cust.invoices.push(anInvoiceFact({ issue: '2025-06-01', settled: '2025-06-02' }), anInvoiceFact({ issue: '2025-07-01' }));
    w.cust.promises.push({ judged: D, broken: true }, { judged: D + 20, broken: false });
    w.cust.replies.push(D, D + 1);
    w.cust.sent.push(D + 2);
    w.other.invoices.push(anInvoiceFact({ issue: '2025-05-01', settled: '2025-06-15' }), anInvoiceFact({ issue: '2025-06-10', settled: '2025-06-20' }));
    assert.deepEqual(asOf(w), before);
  });

  it('does change when something happened before the day (so the test above can fail)', () => {
    const w = world();
    const before = asOf(w);
    const overdue = w.cust.invoices.find((i) => i.id === 'inv_overdue')!;
    overdue.settled = D - 1;
    w.cust.promises.push({ judged: D - 1, broken: true });
    w.cust.replies.push(D - 1);
    const after = asOf(w);
    assert.notDeepEqual(after, before);
    assert.equal(after[F.overdue_count], 0);
    assert.equal(after[F.broken_promises], 2);
    assert.equal(after[F.responsiveness], 1);
  });

  it('counts what is owed from payments before the day only', () => {
    const inv = anInvoiceFact({ issue: '2025-01-01', amount: 10_000 });
    inv.paid = [[dayNumber('2025-02-01'), 4_000], [D, 6_000]];
    assert.equal(openAmountAt(inv, D), 6_000);
    assert.equal(openAmountAt(inv, dayNumber('2025-01-01')), 0, 'nothing owed before it is issued');
  });

  it('takes a dated dispute from its day, and an undated flag as the policy says', () => {
    const w = world();
    const inv = scored(w.cust);
    inv.disputedOn = D - 1;
    assert.equal(asOf(w)[F.disputed], 1);
    inv.disputedOn = D;
    assert.equal(asOf(w)[F.disputed], 0);
    inv.disputedOn = UNDATED;
    assert.equal(asOf(w)[F.disputed], 1);
    assert.equal(featuresAsOf(inv, w.cust, D, new Priors(w.p).at(D), 'unknown')[F.disputed], 0);
  });

  it('learns only from outcomes known at the cut-off, each invoice described as of its issue day', () => {
    const w = world();
    const cutoff = dayNumber('2025-03-22');
    assert.deepEqual(outcomeAt(w.cust.invoices[1]!, cutoff), { late: true, daysLate: 17, censored: false, recovered: true });
    assert.equal(outcomeAt(w.cust.invoices[2]!, cutoff), null, 'paid on 25 March: not known on the 22nd, and not yet due');
    const ts = trainingSet(w.p, new Priors(w.p), cutoff, 'known');
    assert.deepEqual(ts.items.map((i) => i.inv.id).sort(), [w.cust.invoices[0]!.id, w.cust.invoices[1]!.id, w.other.invoices[0]!.id].sort());
    assert.ok(ts.items.every((i) => i.day === i.inv.issue));
    // the open overdue invoice is known late by the time it is 10 days past due, with a lower bound on its days late
    const later = outcomeAt(w.cust.invoices[3]!, dayNumber('2025-05-11'));
    assert.deepEqual(later, { late: true, daysLate: 10, censored: true, recovered: true });
  });
});
