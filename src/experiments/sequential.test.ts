import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { alwaysValidRadius, mixtureRatio } from './sequential.ts';
import { alwaysValidDifference, differenceInterval, sample, type Sample } from './stats.ts';

/** The mixture of likelihood ratios by numeric integration (Simpson's rule over theta), independent of the closed form. */
function integratedRatio(d: number, v: number, theta0: number, tau: number): number {
  const normal = (x: number, mean: number, variance: number) => Math.exp(-((x - mean) ** 2) / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);
  const lo = theta0 - 12 * tau, hi = theta0 + 12 * tau, steps = 20_000, h = (hi - lo) / steps;
  let sum = 0;
  for (let i = 0; i <= steps; i++) {
    const theta = lo + i * h;
    const w = i === 0 || i === steps ? 1 : i % 2 ? 4 : 2;
    sum += w * normal(d, theta, v) * normal(theta, theta0, tau * tau);
  }
  return (sum * h / 3) / normal(d, theta0, v);
}

describe('the always-valid interval', () => {
  it('has the hand-computed half-width', () => {
    // v = 0.01, tau = 0.1, alpha = 0.05: sqrt(0.01 x 0.02 / 0.01 x ln(0.02 / (0.01 x 0.0025))) = sqrt(0.02 x ln 800)
    // = sqrt(0.02 x 6.684612) = 0.365640
    assert.ok(Math.abs(alwaysValidRadius(0.01, 0.05, 0.1) - 0.365640) < 1e-6, String(alwaysValidRadius(0.01, 0.05, 0.1)));
    // v = 0.0004 (a standard error of 2 points): sqrt(0.0004 x 0.0104 / 0.01 x ln(0.0104 / (0.0004 x 0.0025))) = sqrt(0.000416 x ln 10400)
    // = sqrt(0.000416 x 9.249561) = 0.062030, wider than the fixed 1.96 x 0.02 = 0.0392
    assert.ok(Math.abs(alwaysValidRadius(0.0004) - 0.062030) < 1e-6, String(alwaysValidRadius(0.0004)));
  });

  it('ends where the mixture ratio, integrated numerically, reaches 1 / alpha', () => {
    for (const [d, v, tau] of [[0.12, 0.0004, 0.1], [-0.05, 0.0025, 0.1], [0.3, 0.01, 0.2]] as const) {
      const r = alwaysValidRadius(v, 0.05, tau);
      for (const edge of [d - r, d + r]) {
        const numeric = integratedRatio(d, v, edge, tau);
        assert.ok(Math.abs(numeric - 20) < 1e-4, `L at the edge ${numeric}`);
        assert.ok(Math.abs(mixtureRatio(d, v, edge, tau) - numeric) < 1e-4);
      }
      assert.ok(integratedRatio(d, v, d + r * 0.9, tau) < 20 && integratedRatio(d, v, d + r * 1.1, tau) > 20);
    }
  });

  it('finds a difference that is not there in under 5% of experiments however often it is looked at; the fixed interval far more often', () => {
    let seed = 20261207;
    const random = () => { // mulberry32
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    // both arms the same: a customer pays all (40%), nothing (30%) or some share of what they owe
    const share = () => { const u = random(); return u < 0.4 ? 1 : u < 0.7 ? 0 : random(); };
    const runs = 400, peeks = 60, perPeek = 10;
    let naive = 0, valid = 0;
    for (let run = 0; run < runs; run++) {
      const arms = [{ n: 0, s: 0, ss: 0 }, { n: 0, s: 0, ss: 0 }];
      let naiveHit = false, validHit = false;
      for (let peek = 0; peek < peeks; peek++) {
        for (const a of arms) for (let i = 0; i < perPeek; i++) { const x = share(); a.n++; a.s += x; a.ss += x * x; }
        const [champion, challenger] = arms.map((a): Sample => ({ n: a.n, mean: a.s / a.n, variance: (a.ss - a.s * a.s / a.n) / (a.n - 1) }));
        const f = differenceInterval(champion!, challenger!)!, v = alwaysValidDifference(champion!, challenger!)!;
        if (f.low > 0 || f.high < 0) naiveHit = true;
        if (v.low > 0 || v.high < 0) validHit = true;
      }
      if (naiveHit) naive++;
      if (validHit) valid++;
    }
    assert.ok(valid / runs < 0.05, `always-valid: ${valid} of ${runs}`);
    assert.ok(naive / runs > 0.2, `fixed: ${naive} of ${runs}`);
    assert.ok(naive > 4 * valid);
  });

  it('is wider than the fixed interval and centred on the same difference', () => {
    const a = sample([0.5, 0.5, 0.6, 0.4]), b = sample([0.7, 0.9, 0.6, 0.8]);
    const f = differenceInterval(a, b)!, v = alwaysValidDifference(a, b)!;
    assert.equal(v.difference, f.difference);
    assert.ok(v.low < f.low && v.high > f.high);
  });
});
