import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auc, brier, calibrationByDecile, logLoss } from './metrics.ts';

describe('metrics', () => {
  it('computes AUC as the share of late/on-time pairs ranked right, ties counting half', () => {
    // late: 0.9, 0.6, 0.4; on time: 0.8, 0.4, 0.1 -> pairs: 0.9 beats all 3; 0.6 beats 0.4 and 0.1; 0.4 ties 0.4 (half) and beats 0.1
    // (3 + 2 + 1.5) / 9 = 0.7222...
    assert.equal(auc([0.9, 0.6, 0.4, 0.8, 0.4, 0.1], [1, 1, 1, 0, 0, 0]).toFixed(6), (6.5 / 9).toFixed(6));
    assert.equal(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]), 1);
    assert.equal(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1]), 0);
    assert.equal(auc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1]), 0.5);
    assert.ok(Number.isNaN(auc([0.3, 0.4], [1, 1])), 'undefined with one class only');
  });

  it('computes the Brier score as the mean squared error of the probabilities', () => {
    // (0.9-1)^2 + (0.2-0)^2 + (0.6-0)^2 + (0.5-1)^2 = 0.01 + 0.04 + 0.36 + 0.25 = 0.66 -> / 4 = 0.165
    assert.equal(brier([0.9, 0.2, 0.6, 0.5], [true, false, false, true]).toFixed(6), '0.165000');
    assert.equal(brier([1, 0], [1, 0]), 0);
  });

  it('computes the log loss', () => {
    // -(ln 0.8 + ln 0.75) / 2
    assert.equal(logLoss([0.8, 0.25], [1, 0]).toFixed(6), (-(Math.log(0.8) + Math.log(0.75)) / 2).toFixed(6));
  });

  it('cuts calibration into ten groups by probability, with the mean predicted beside the share late', () => {
    const p = Array.from({ length: 20 }, (_, i) => i / 20);
    const y = p.map((_, i) => (i % 2 === 1 ? 1 : 0));
    const bins = calibrationByDecile(p, y);
    assert.equal(bins.length, 10);
    assert.deepEqual(bins.map((b) => b.count), new Array(10).fill(2));
    assert.equal(bins[0]!.predicted, 0.025); // (0 + 0.05) / 2
    assert.equal(bins[9]!.predicted, (0.9 + 0.95) / 2);
    assert.ok(bins.every((b) => b.observed === 0.5));
  });
});
