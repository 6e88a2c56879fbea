// Property test of the schedule: over random balances in currencies with 0, 2 and 3 minor units, counts, down payments,
// dates, rates and limits, a schedule always sums to the balance plus its interest and respects every limit; a refusal
// always names a limit that is really broken; and without interest it is refused only then.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, daysBetween, exponentOf } from '../../domain/index.ts';
import { DEFAULT_LIMITS, FREQUENCIES, type NegotiationLimits } from '../limits.ts';
import { buildSchedule, defaultFirstDueDate, nthDueDate, type ScheduleInput } from './schedule.ts';

const CURRENCIES = ['CLP', 'JPY', 'USD', 'MXN', 'EUR', 'KWD', 'BHD'];

const ceilShare = (amount: number, bp: number) => Number((BigInt(amount) * BigInt(bp) + 9_999n) / 10_000n);

const limitsArb: fc.Arbitrary<NegotiationLimits> = fc.record({
  planMaxInstalments: fc.integer({ min: 1, max: 36 }),
  planMinDownPaymentBp: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5_000 })),
  planMinInstalmentBp: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3_000 })),
  minAmount: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: undefined }),
  planMaxDays: fc.integer({ min: 1, max: 1_200 }),
  planFirstDueMaxDays: fc.integer({ min: 1, max: 70 }),
  interestAnnualBp: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 4_000 })),
  frequencies: fc.subarray([...FREQUENCIES], { minLength: 1 }),
  currency: fc.constantFrom(...CURRENCIES),
}).map(({ minAmount, currency, ...l }) => ({ ...DEFAULT_LIMITS, ...l, planMinInstalmentAmounts: minAmount === undefined ? {} : { [currency]: minAmount } }));

const inputArb = (currency: fc.Arbitrary<string>): fc.Arbitrary<ScheduleInput> => fc.record({
  currency,
  amount: fc.oneof(fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 1_000_000_000_000 })),
  instalments: fc.integer({ min: 1, max: 40 }),
  downShare: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
  frequency: fc.constantFrom(...FREQUENCIES),
  startOffset: fc.integer({ min: 0, max: 3_000 }),
  firstOffset: fc.option(fc.integer({ min: -2, max: 80 }), { nil: undefined }),
  rate: fc.option(fc.integer({ min: 0, max: 4_000 }), { nil: undefined }),
}).map((r) => {
  const startDate = addDays('2024-01-01', r.startOffset);
  return {
    balance: { amount: r.amount, currency: r.currency }, instalments: r.instalments, frequency: r.frequency, startDate,
    ...(r.downShare === undefined ? {} : { downPayment: Math.floor((r.amount * r.downShare) / 10_000) }),
    ...(r.firstOffset === undefined ? {} : { firstDueDate: addDays(startDate, r.firstOffset) }),
    ...(r.rate === undefined ? {} : { interestAnnualBp: r.rate }),
  };
});

/** The limits an input breaks, computed apart from the builder (the instalment floor only holds exactly without interest). */
function broken(input: ScheduleInput, l: NegotiationLimits): string[] {
  const b = input.balance.amount;
  const n = input.instalments;
  const down = input.downPayment ?? ceilShare(b, l.planMinDownPaymentBp);
  const rate = input.interestAnnualBp ?? l.interestAnnualBp;
  const first = input.firstDueDate ?? defaultFirstDueDate(input.startDate, input.frequency, l);
  const out: string[] = [];
  if (n > l.planMaxInstalments) out.push('planMaxInstalments');
  if (!l.frequencies.includes(input.frequency)) out.push('frequencies');
  if (rate > l.interestAnnualBp) out.push('interestAnnualBp');
  if (down < ceilShare(b, l.planMinDownPaymentBp)) out.push('planMinDownPaymentBp');
  if (down >= b) out.push('downCoversBalance');
  if (first < input.startDate || (down > 0 && first === input.startDate)) out.push('firstAfterStart');
  if (first > addDays(input.startDate, l.planFirstDueMaxDays)) out.push('planFirstDueMaxDays');
  if (daysBetween(input.startDate, nthDueDate(first, input.frequency, n - 1)) > l.planMaxDays) out.push('planMaxDays');
  const floor = Math.max(1, l.planMinInstalmentAmounts[input.balance.currency] ?? 0, ceilShare(b, l.planMinInstalmentBp));
  if (down < b && Math.floor((b - down) / n) < floor) out.push('planMinInstalment');
  return out;
}

it('always sums to the balance plus interest and respects every limit, or names a limit really broken', () => {
  fc.assert(fc.property(limitsArb, inputArb(fc.constantFrom(...CURRENCIES)), (l, input) => {
    const r = buildSchedule(input, l);
    const breaks = broken(input, l);
    const b = input.balance.amount;
    if (!r.ok) {
      const limit = (r.error.details as { limit?: string } | undefined)?.limit;
      const named = limit ?? (r.error.field === 'downPayment' ? 'downCoversBalance' : 'firstAfterStart');
      assert.ok(breaks.includes(named), `refused for ${named} (${r.error.message}) but only ${breaks.join(', ') || 'nothing'} is broken`);
      return;
    }
    const s = r.value;
    const items = s.instalments;
    const regular = items.filter((i) => i.seq > 0);
    assert.ok(items.every((i) => Number.isSafeInteger(i.amount) && Number.isSafeInteger(i.principal) && Number.isSafeInteger(i.interest)));
    assert.equal(items.reduce((sum, i) => sum + i.principal, 0), b, 'principal parts sum to the balance');
    assert.equal(items.reduce((sum, i) => sum + i.amount, 0), b + s.interest, 'instalments sum to balance plus interest');
    assert.equal(s.total, b + s.interest);
    assert.ok(items.every((i) => i.amount === i.principal + i.interest && i.interest >= 0 && i.amount > 0));
    if (s.interestAnnualBp === 0) assert.equal(s.interest, 0);
    assert.equal(regular.length, input.instalments);
    assert.ok(regular.length <= l.planMaxInstalments);
    assert.ok(l.frequencies.includes(s.frequency));
    assert.ok(s.interestAnnualBp <= l.interestAnnualBp);
    assert.ok(s.downPayment >= ceilShare(b, l.planMinDownPaymentBp) && s.downPayment < b);
    assert.equal(items[0]!.seq === 0, s.downPayment > 0);
    const floor = Math.max(1, l.planMinInstalmentAmounts[s.currency] ?? 0, ceilShare(b, l.planMinInstalmentBp));
    assert.ok(regular.every((i) => i.amount >= floor), `an instalment is under ${floor}`);
    assert.ok(regular[0]!.dueDate <= addDays(s.startDate, l.planFirstDueMaxDays));
    assert.ok(items.every((i, k) => k === 0 ? i.dueDate >= s.startDate : i.dueDate > items[k - 1]!.dueDate), 'dates increase');
    assert.ok(daysBetween(s.startDate, s.lastDueDate) <= l.planMaxDays);
    const parts = regular.map((i) => i.principal);
    assert.ok(parts.every((p, k) => k === 0 || (p <= parts[k - 1]! && parts[0]! - p <= 1)), 'the extra units sit on the first instalments');
    assert.ok(exponentOf(s.currency) >= 0);
  }), { numRuns: 3_000 });
});

it('without interest, refuses exactly when a limit is broken', () => {
  fc.assert(fc.property(limitsArb, inputArb(fc.constantFrom(...CURRENCIES)), (l, raw) => {
    const input = { ...raw, interestAnnualBp: 0 };
    const r = buildSchedule(input, l);
    assert.equal(r.ok, broken(input, l).length === 0, r.ok ? 'built' : r.error.message);
  }), { numRuns: 3_000 });
});
