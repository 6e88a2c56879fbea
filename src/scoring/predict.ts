// One invoice's score from its features: probability of paying late, expected days late, expected recovery, reasons.
import { F, type FeatureContext, type Reason } from './types.ts';
import { sigmoid } from './matrix.ts';
import { gbtMargin } from './gbt.ts';
import { excessAt, explainLate, recoveryAt, type ScoringModel } from './model.ts';
import { topReasons } from './reasons.ts';

export interface Prediction {
  probabilityLate: number; expectedDaysLate: number; recoveryShare: number; contributions: Float64Array;
  /** The model's own probability, before an invoice already past due counts as late for certain: the customer's risk as a payer. */
  modelProbability: number;
}

export function predict(m: ScoringModel, x: ArrayLike<number>): Prediction {
  const late = explainLate(m.late, x);
  const overdue = x[F.days_past_due]!;
  const whenLate = m.daysLate ? Math.max(1, Math.expm1(gbtMargin(m.daysLate, x))) : m.meanDaysLateWhenLate;
  // an invoice already past due is late for certain; what is left to learn is by how much
  const modelProbability = sigmoid(late.margin);
  const probabilityLate = overdue > 0 ? 1 : modelProbability;
  const expectedDaysLate = overdue > 0 ? Math.max(overdue + excessAt(m, overdue), whenLate) : probabilityLate * whenLate;
  return { probabilityLate, expectedDaysLate, recoveryShare: recoveryAt(m, overdue), contributions: late.contributions, modelProbability };
}

/** The prediction's top reasons in words; an overdue invoice's first reason is how long it has been overdue. */
export function reasonsFor(p: Prediction, x: ArrayLike<number>, c: FeatureContext, top = 3): Reason[] {
  const reasons = topReasons(p.contributions, x, c, top);
  const overdue = x[F.days_past_due]!;
  if (overdue > 0) return [{ feature: 'days_past_due', effect: 1, text: `already ${overdue} day${overdue === 1 ? '' : 's'} past due` }, ...reasons.slice(0, top - 1)];
  return reasons;
}
