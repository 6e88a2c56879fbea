import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { averageDaysDelinquent, bestPossibleDso, countBackDso, standardDso } from './dso.ts';
import { collectionEffectiveness } from './cei.ts';
import { monthSlices, monthsBefore, periodDays } from './period.ts';

describe('DSO', () => {
  it('is receivables over net credit sales times the days of the period', () => {
    // 45,000.00 owed at the end of a 90-day quarter that sold 90,000.00: 45,000 / 90,000 x 90 = 45 days
    assert.equal(standardDso(4_500_000, 9_000_000, 90), 45);
    // 272,500 / 202,500 x 31 = 41.716... -> 41.72
    assert.equal(standardDso(272_500, 202_500, 31), 41.72);
  });

  it('has no figure for a period that sold nothing, or less than nothing', () => {
    assert.equal(standardDso(50_000, 0, 31), null);
    assert.equal(standardDso(50_000, -1_000, 31), null);
    assert.equal(averageDaysDelinquent(50_000, 0, 0, 31), null);
  });

  it('takes only what is not yet due for the best possible DSO, and the rest is days delinquent', () => {
    // current 210,000 of 272,500; sales 202,500 over 31 days: 210,000 / 202,500 x 31 = 32.148 -> 32.15
    assert.equal(bestPossibleDso(210_000, 202_500, 31), 32.15);
    // overdue 62,500 / 202,500 x 31 = 9.568 -> 9.57 (from the unrounded parts, not 41.72 - 32.15)
    assert.equal(averageDaysDelinquent(272_500, 210_000, 202_500, 31), 9.57);
  });
});

describe('count-back DSO', () => {
  it('walks back month by month until the receivables are used up', () => {
    // 272,500 owed: March sold 202,500 (31 days, 70,000 left), February 60,000 (28 days, 10,000 left),
    // January 100,000 of which 10,000 is 1/10 of its 31 days: 31 + 28 + 3.1 = 62.1
    const r = countBackDso(272_500, [{ days: 31, sales: 202_500 }, { days: 28, sales: 60_000 }, { days: 31, sales: 100_000 }]);
    assert.deepEqual(r, { days: 62.1, complete: true });
  });

  it('adds a month with no sales (or net credit) whole, and says when the months run out', () => {
    // nothing sold in the newest month: its 30 days, then 50 of 200 in the next: 30 + 0.25 x 31 = 37.75
    assert.deepEqual(countBackDso(50, [{ days: 30, sales: -20 }, { days: 31, sales: 200 }]), { days: 37.75, complete: true });
    // 500 owed against 100 + 100 sold: both months whole, 300 still unexplained
    assert.deepEqual(countBackDso(500, [{ days: 30, sales: 100 }, { days: 31, sales: 100 }]), { days: 61, complete: false });
    assert.deepEqual(countBackDso(0, [{ days: 30, sales: 100 }]), { days: 0, complete: true });
  });

  it('slices calendar months back from the period end, keeping the day inside each month', () => {
    assert.equal(monthsBefore('2026-03-31', 1), '2026-02-28');
    assert.equal(monthsBefore('2024-03-31', 1), '2024-02-29');
    assert.equal(monthsBefore('2026-01-15', 2), '2025-11-15');
    assert.deepEqual(monthSlices('2026-03-31', 3), [
      { after: '2026-02-28', through: '2026-03-31', days: 31 },
      { after: '2026-01-31', through: '2026-02-28', days: 28 },
      { after: '2025-12-31', through: '2026-01-31', days: 31 },
    ]);
    assert.equal(periodDays({ from: '2026-03-01', to: '2026-03-31' }), 31);
  });
});

describe('collection effectiveness index', () => {
  it('is what was collected over what could have been, as a percentage', () => {
    // opening 170,000 + sales 202,500 - closing 272,500 - write-offs 10,000 = 90,000 collected;
    // opening + sales - closing current 210,000 = 162,500 collectable; 90,000 / 162,500 = 55.38%
    assert.equal(collectionEffectiveness({ opening: 170_000, netSales: 202_500, closing: 272_500, closingCurrent: 210_000, writeOffs: 10_000 }), 55.38);
  });

  it('does not count a write-off as collected', () => {
    // 1,000 owed, nothing sold, all of it written off: 0 collected of 1,000 collectable
    assert.equal(collectionEffectiveness({ opening: 1_000, netSales: 0, closing: 0, closingCurrent: 0, writeOffs: 1_000 }), 0);
    assert.equal(collectionEffectiveness({ opening: 1_000, netSales: 0, closing: 0, closingCurrent: 0, writeOffs: 0 }), 100);
  });

  it('has no figure when nothing was collectable', () => {
    assert.equal(collectionEffectiveness({ opening: 0, netSales: 500, closing: 500, closingCurrent: 500, writeOffs: 0 }), null);
  });
});
