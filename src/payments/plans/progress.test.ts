import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { earnedInterest, instalmentProgress, judgePlan } from './progress.ts';

const plan = [
  { seq: 0, due_date: '2026-03-02', amount: 10_000, interest: 0 },
  { seq: 1, due_date: '2026-04-02', amount: 30_500, interest: 500 },
  { seq: 2, due_date: '2026-05-02', amount: 30_250, interest: 250 },
];

describe('a plan\'s progress', () => {
  it('pays instalments in order', () => {
    assert.deepEqual(instalmentProgress(plan, 25_000).map((i) => [i.paid_amount, i.paid]), [[10_000, true], [15_000, false], [0, false]]);
  });

  it('is broken on the day after an unpaid instalment\'s date + grace, completed when all is paid', () => {
    assert.equal(judgePlan(plan, 10_000, 3, '2026-04-05').status, 'active');
    const broken = judgePlan(plan, 10_000, 3, '2026-04-06');
    assert.deepEqual(broken.status === 'broken' && broken.missed.seq, 1);
    assert.equal(judgePlan(plan, 70_750, 3, '2026-04-06').status, 'completed');
  });

  it('has earned the interest of the instalments already due', () => {
    assert.deepEqual([earnedInterest(plan, '2026-04-01'), earnedInterest(plan, '2026-04-02'), earnedInterest(plan, '2026-06-01')], [0, 500, 750]);
  });
});
