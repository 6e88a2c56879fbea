// The heuristic scorecard for an org with too little history to learn from: the customer's own late share (pulled
// towards the org's) on the log-odds scale, plus fixed points for disputes, broken promises, overdue invoices and billing.
import { F, type FeatureName } from './types.ts';
import { logit } from './matrix.ts';

export interface ScorecardTerm { feature: FeatureName; weight: number; center: number; logit?: boolean; cap?: number }

export interface ScorecardModel {
  kind: 'scorecard';
  base: number;
  terms: ScorecardTerm[];
}

/** Points on the log-odds scale, set by hand from what collectors report; centred on a customer with nothing notable. */
export function scorecard(orgLateShare: number): ScorecardModel {
  const base = logit(orgLateShare);
  return {
    kind: 'scorecard',
    base,
    terms: [
      { feature: 'late_share', weight: 1, center: base, logit: true },
      { feature: 'disputed', weight: 1.2, center: 0 },
      { feature: 'broken_promises', weight: 0.4, center: 0, cap: 3 },
      { feature: 'kept_promises', weight: -0.15, center: 0, cap: 3 },
      { feature: 'overdue_count', weight: 0.25, center: 0, cap: 4 },
      { feature: 'paperless', weight: -0.6, center: 0.5 },
      { feature: 'responsiveness', weight: -0.8, center: 0.5 },
    ],
  };
}

function termValue(t: ScorecardTerm, x: ArrayLike<number>): number {
  let v = x[F[t.feature]]!;
  if (t.cap !== undefined) v = Math.min(v, t.cap);
  return t.weight * ((t.logit ? logit(v) : v) - t.center);
}

export function scorecardMargin(m: ScorecardModel, x: ArrayLike<number>): number {
  let z = m.base;
  for (const t of m.terms) z += termValue(t, x);
  return z;
}

export function scorecardContributions(m: ScorecardModel, x: ArrayLike<number>, features: number): Float64Array {
  const out = new Float64Array(features);
  for (const t of m.terms) out[F[t.feature]]! += termValue(t, x);
  return out;
}
