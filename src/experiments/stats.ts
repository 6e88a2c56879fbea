// The statistics of an experiment's results, pure: means, and the fixed and always-valid 95% intervals of a difference of two means.
import { alwaysValidRadius } from './sequential.ts';

const Z95 = 1.959964;

export interface Sample { n: number; mean: number; variance: number }

/** Mean and (sample, n - 1) variance. */
export function sample(xs: number[]): Sample {
  const n = xs.length;
  if (n === 0) return { n: 0, mean: 0, variance: 0 };
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const variance = n > 1 ? xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) : 0;
  return { n, mean, variance };
}

/** challenger - champion with its 95% normal interval (unequal variances); null when an arm has fewer than 2. */
export function differenceInterval(champion: Sample, challenger: Sample): { difference: number; low: number; high: number } | null {
  if (champion.n < 2 || challenger.n < 2) return null;
  const difference = challenger.mean - champion.mean;
  const se = Math.sqrt(champion.variance / champion.n + challenger.variance / challenger.n);
  return { difference, low: difference - Z95 * se, high: difference + Z95 * se };
}

/** The same difference with its always-valid 95% interval (sequential.ts), which stays right however often it is looked at. */
export function alwaysValidDifference(champion: Sample, challenger: Sample): { difference: number; low: number; high: number } | null {
  if (champion.n < 2 || challenger.n < 2) return null;
  const difference = challenger.mean - champion.mean;
  const r = alwaysValidRadius(champion.variance / champion.n + challenger.variance / challenger.n);
  return { difference, low: difference - r, high: difference + r };
}
