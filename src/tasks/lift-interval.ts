// Intervals for the learned lifts, pure: Wilson's score interval for a proportion, and the MOVER-R interval (Donner and
// Zou) for a ratio of two proportions built from their own intervals.

export const Z95 = 1.959964;

export interface Interval { low: number; high: number }

/** Wilson's score interval for `x` successes in `n` (n may be an effective, non-integer sample size); [0, 1] when n is 0. */
export function wilson(x: number, n: number, z = Z95): Interval {
  if (!(n > 0)) return { low: 0, high: 1 };
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * The interval of x / y from the intervals of x and y (MOVER-R): y must be above 0. The high end is Infinity when y's
 * interval reaches 0 (the ratio is not bounded above by the data).
 */
export function ratioInterval(x: number, xi: Interval, y: number, yi: Interval): Interval {
  const xy = x * y;
  const lowDisc = xy * xy - xi.low * yi.high * (2 * x - xi.low) * (2 * y - yi.high);
  const lowDen = yi.high * (2 * y - yi.high);
  const low = lowDen > 0 ? (xy - Math.sqrt(Math.max(0, lowDisc))) / lowDen : 0;
  const highDisc = xy * xy - xi.high * yi.low * (2 * x - xi.high) * (2 * y - yi.low);
  const highDen = yi.low * (2 * y - yi.low);
  const high = highDen > 0 ? (xy + Math.sqrt(Math.max(0, highDisc))) / highDen : Infinity;
  return { low: Math.max(0, low), high };
}
