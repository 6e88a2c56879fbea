import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildSchedule, nthDueDate, scheduleOptions, type ScheduleInput } from './schedule.ts';
import { DEFAULT_LIMITS, type NegotiationLimits } from '../limits.ts';

const limits = (over: Partial<NegotiationLimits> = {}): NegotiationLimits => ({ ...DEFAULT_LIMITS, ...over });
const usd = (amount: number) => ({ amount, currency: 'USD' });

describe('the instalment schedule', () => {
  it('splits 1,000.00 into a 10% down payment and three monthly instalments, the extra cent on the first', () => {
    const r = buildSchedule({ balance: usd(100_000), instalments: 3, frequency: 'monthly', startDate: '2026-03-15' }, limits());
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.value.instalments.map((i) => [i.seq, i.dueDate, i.amount]), [
      [0, '2026-03-15', 10_000], [1, '2026-04-15', 30_000], [2, '2026-05-15', 30_000], [3, '2026-06-15', 30_000]]);
    const odd = buildSchedule({ balance: usd(100_002), instalments: 3, downPayment: 10_001, frequency: 'monthly', startDate: '2026-03-15' }, limits());
    assert.ok(odd.ok);
    assert.deepEqual(odd.value.instalments.map((i) => i.amount), [10_001, 30_001, 30_000, 30_000]);
  });

  it('keeps a month-end due date on the last day of shorter months', () => {
    assert.deepEqual([0, 1, 2, 3].map((k) => nthDueDate('2026-01-31', 'monthly', k)), ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    assert.deepEqual([0, 1].map((k) => nthDueDate('2027-12-31', 'monthly', k + 1)), ['2028-01-31', '2028-02-29']);
    assert.equal(nthDueDate('2026-03-01', 'biweekly', 2), '2026-03-29');
  });

  it('states simple interest on what is still owed, and the schedule sums to balance plus interest', () => {
    const r = buildSchedule({ balance: usd(120_000), instalments: 2, downPayment: 20_000, frequency: 'monthly', startDate: '2026-01-01',
      interestAnnualBp: 1_200 }, limits({ interestAnnualBp: 1_200 }));
    assert.ok(r.ok, JSON.stringify(r));
    // 1,000.00 for 31 days at 12% = 10.19; then 500.00 for 28 days = 4.60
    assert.deepEqual(r.value.instalments.map((i) => [i.principal, i.interest]), [[20_000, 0], [50_000, 1_019], [50_000, 460]]);
    assert.equal(r.value.interest, 1_479);
    assert.equal(r.value.instalments.reduce((s, i) => s + i.amount, 0), 121_479);
  });

  it('names the limit it cannot meet', () => {
    const base: ScheduleInput = { balance: usd(100_000), instalments: 3, frequency: 'monthly', startDate: '2026-03-15' };
    const cases: [Partial<ScheduleInput>, Partial<NegotiationLimits>, string, string | undefined][] = [
      [{ instalments: 7 }, {}, 'instalments', 'planMaxInstalments'],
      [{ frequency: 'weekly' }, { frequencies: ['monthly'] }, 'frequency', 'frequencies'],
      [{ downPayment: 5_000 }, {}, 'downPayment', 'planMinDownPaymentBp'],
      [{ downPayment: 100_000 }, {}, 'downPayment', undefined],
      [{ firstDueDate: '2026-05-01' }, {}, 'firstDueDate', 'planFirstDueMaxDays'],
      [{ instalments: 6 }, { planMaxDays: 180 }, 'instalments', 'planMaxDays'],
      [{ instalments: 6 }, { planMinInstalmentAmounts: { USD: 20_000 } }, 'instalments', 'planMinInstalment'],
      [{ interestAnnualBp: 500 }, {}, 'interest', 'interestAnnualBp'],
    ];
    for (const [over, lim, field, limit] of cases) {
      const r = buildSchedule({ ...base, ...over }, limits(lim));
      assert.equal(r.ok, false, JSON.stringify(over));
      if (!r.ok) {
        assert.equal(r.error.field, field, JSON.stringify(over));
        assert.equal((r.error.details as { limit?: string }).limit, limit, JSON.stringify(over));
      }
    }
  });

  it('offers the counts the limits allow, for each allowed frequency', () => {
    const options = scheduleOptions(usd(300_000), '2026-03-15', limits({ frequencies: ['monthly'] }));
    assert.deepEqual(options.map((o) => `${o.count}x${o.frequency}`), ['2xmonthly', '3xmonthly', '4xmonthly', '6xmonthly']);
    assert.ok(options.every((o) => o.lastDueDate <= '2026-09-17' && o.instalments.every((i) => i.amount >= 2_500)));
    assert.deepEqual(scheduleOptions(usd(3_000), '2026-03-15', limits()), []);
  });

  it('moves an instalment counted on a closed day to the next business day, later only, and counts interest to the day it moved to', () => {
    // closed: weekends, 2026-05-15 (a Friday, a holiday here) and 2026-07-15..2026-08-20 (a long closure)
    const closed = (d: string) => ['2026-05-15'].includes(d) || (d >= '2026-07-15' && d <= '2026-08-20') || [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
    const dueOn = (d: string) => { let x = d; while (closed(x)) x = new Date(Date.parse(`${x}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10); return x; };
    const input: ScheduleInput = { balance: usd(120_000), instalments: 5, downPayment: 20_000, frequency: 'monthly', startDate: '2026-03-15',
      interestAnnualBp: 1_200, dueOn };
    const r = buildSchedule(input, limits({ interestAnnualBp: 1_200 }));
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.value.instalments.map((i) => [i.seq, i.dueDate, i.movedFrom ?? null]), [
      [0, '2026-03-15', null], [1, '2026-04-15', null], [2, '2026-05-18', '2026-05-15'], [3, '2026-06-15', null],
      // the 15 July and 15 August both fall in the closure: the first moves past it, the second after the first
      [4, '2026-08-21', '2026-07-15'], [5, '2026-08-24', '2026-08-15']]);
    assert.equal(r.value.firstDueDate, '2026-04-15');
    assert.equal(r.value.lastDueDate, '2026-08-24');
    // 800.00 owed from 15 April to 18 May (33 days, not 30) at 12%: 8.68 instead of 7.89; the next runs 28 days, not 31
    const plain = buildSchedule({ ...input, dueOn: undefined } as ScheduleInput, limits({ interestAnnualBp: 1_200 }));
    assert.ok(plain.ok);
    assert.deepEqual([r.value.instalments[2]!.interest, plain.value.instalments[2]!.interest], [868, 789]);
    assert.deepEqual([r.value.instalments[3]!.interest, plain.value.instalments[3]!.interest], [552, 612]);
    assert.equal(r.value.instalments.reduce((s, i) => s + i.amount, 0), r.value.total);
    assert.deepEqual(plain.value.instalments.map((i) => i.dueDate), ['2026-03-15', '2026-04-15', '2026-05-15', '2026-06-15', '2026-07-15', '2026-08-15']);
    assert.ok(plain.value.instalments.every((i) => i.movedFrom === undefined));
    // the options offered move the same way
    const options = scheduleOptions(usd(300_000), '2026-03-15', limits({ frequencies: ['monthly'] }), dueOn);
    assert.ok(options.length > 0 && options.every((o) => o.instalments.every((i) => !closed(i.dueDate) || i.seq === 0)));
  });
});
