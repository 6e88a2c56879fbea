// A scoring model as stored: the lateness model (trees, logistic regression or the scorecard), the days-late model,
// and the org's curves for days still to come once overdue and for the share recovered.
import { FEATURE_COUNT, type FeatureName, type UndatedDisputes } from './types.ts';
import { gbtExplain, type GbtModel } from './gbt.ts';
import { logisticContributions, logisticMargin, type LogisticModel } from './logistic.ts';
import { scorecardContributions, scorecardMargin, type ScorecardModel } from './scorecard.ts';

export type LateModel = GbtModel | LogisticModel | ScorecardModel;
export type ModelKind = LateModel['kind'];
export const MODEL_KINDS = ['gbt', 'logistic', 'scorecard'] as const;

export interface ScoringModel {
  format: 1;
  trainedAsOf: string;
  undatedDisputes: UndatedDisputes;
  features: readonly FeatureName[];
  late: LateModel;
  /** log(1 + days late) of late invoices, or null when there were too few to learn from. */
  daysLate: GbtModel | null;
  meanDaysLateWhenLate: number;
  /** Days still to come for an invoice already overdue, by days overdue in steps of EXCESS_STEP. */
  excess: number[];
  /** Share recovered of invoices that reached each of RECOVERY_FROM days overdue. */
  recovery: number[];
}

export const EXCESS_STEP = 7;
export const RECOVERY_FROM = [0, 1, 31, 61, 91, 121, 181, 366] as const;

/** The margin (log-odds of paying late) and each feature's push on it, in one pass. */
export function explainLate(m: LateModel, x: ArrayLike<number>): { margin: number; contributions: Float64Array } {
  if (m.kind === 'gbt') {
    const contributions = new Float64Array(FEATURE_COUNT);
    return { margin: gbtExplain(m, x, contributions), contributions };
  }
  if (m.kind === 'logistic') return { margin: logisticMargin(m, x), contributions: logisticContributions(m, x) };
  return { margin: scorecardMargin(m, x), contributions: scorecardContributions(m, x, FEATURE_COUNT) };
}

export function excessAt(m: ScoringModel, daysOverdue: number): number {
  const i = Math.min(m.excess.length - 1, Math.floor(daysOverdue / EXCESS_STEP));
  return m.excess[Math.max(0, i)] ?? m.meanDaysLateWhenLate;
}

export function recoveryAt(m: ScoringModel, daysOverdue: number): number {
  let i = 0;
  while (i + 1 < RECOVERY_FROM.length && daysOverdue >= RECOVERY_FROM[i + 1]!) i++;
  return m.recovery[i] ?? 1;
}
