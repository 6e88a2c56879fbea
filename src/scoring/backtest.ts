// The temporal backtest: a model trained on what was known before a day scores every invoice issued from that day on
// (each as of its own issue day), beside the baseline "the customer's past late share", against what really happened.
import { F, type Outcome, type Portfolio, type Reason, type UndatedDisputes } from './types.ts';
import { dayNumber, fromDayNumber } from '../domain/dates.ts';
import { Priors } from './priors.ts';
import { featureRows, type Item } from './dataset.ts';
import { outcomeAt } from './labels.ts';
import { row } from './matrix.ts';
import { trainModel, type Evaluation } from './train.ts';
import { predict, reasonsFor } from './predict.ts';
import { auc, brier, calibrationByDecile, logLoss, meanAbsoluteError, type CalibrationBin } from './metrics.ts';
import type { ModelKind } from './model.ts';

export interface BacktestOptions { asOf: string; today: string; kind?: 'auto' | ModelKind; undatedDisputes?: UndatedDisputes }

export interface PredictionRow {
  invoice_id: string; number: string; customer: string; issue_date: string; due_date: string;
  probability_late: number; expected_days_late: number; baseline_late_share: number;
  late: boolean; days_late: number; still_open: boolean; reasons: Reason[];
}

export interface BacktestResult {
  as_of: string;
  model: ModelKind;
  undated_disputes: UndatedDisputes;
  training: Evaluation;
  scored: number;
  late: number;
  auc: number;
  brier: number;
  log_loss: number;
  baseline: { name: string; auc: number; brier: number };
  days_late_mae: number;
  calibration: CalibrationBin[];
  predictions: PredictionRow[];
}

const r4 = (v: number) => Math.round(v * 10_000) / 10_000;

export function backtest(p: Portfolio, o: BacktestOptions): BacktestResult {
  const cutoff = dayNumber(o.asOf);
  const today = dayNumber(o.today);
  const priors = new Priors(p);
  const { model, evaluation } = trainModel(p, cutoff, { ...(o.kind ? { kind: o.kind } : {}), ...(o.undatedDisputes ? { undatedDisputes: o.undatedDisputes } : {}) }, priors);
  const items: Item[] = [];
  const outcomes: Outcome[] = [];
  for (const cust of p.customers) {
    for (const inv of cust.invoices) {
      if (inv.issue < cutoff) continue;
      const known = outcomeAt(inv, today + 1);
      if (!known) continue; // not yet due today: nothing to compare with
      items.push({ inv, cust, day: inv.issue });
      outcomes.push(known);
    }
  }
  const rows = featureRows(items, priors, model.undatedDisputes);
  const prob = new Float64Array(items.length);
  const base = new Float64Array(items.length);
  const expDays = new Float64Array(items.length);
  const predictions: PredictionRow[] = [];
  for (let i = 0; i < items.length; i++) {
    const x = row(rows.x, i);
    const pr = predict(model, x);
    prob[i] = pr.probabilityLate;
    base[i] = x[F.late_share]!;
    expDays[i] = pr.expectedDaysLate;
    const { inv, cust } = items[i]!;
    const out = outcomes[i]!;
    predictions.push({ invoice_id: inv.id, number: inv.number, customer: cust.externalId, issue_date: fromDayNumber(inv.issue),
      due_date: fromDayNumber(inv.due), probability_late: r4(pr.probabilityLate), expected_days_late: Math.round(pr.expectedDaysLate * 10) / 10,
      baseline_late_share: r4(base[i]!), late: out.late, days_late: out.daysLate, still_open: out.censored, reasons: reasonsFor(pr, x, rows.context[i]!) });
  }
  const labels = outcomes.map((x) => x.late);
  const settled = outcomes.map((x, i) => [x, i] as const).filter(([x]) => !x.censored).map(([, i]) => i);
  return {
    as_of: o.asOf, model: model.late.kind, undated_disputes: model.undatedDisputes, training: evaluation,
    scored: items.length, late: labels.filter(Boolean).length,
    auc: r4(auc(prob, labels)), brier: r4(brier(prob, labels)), log_loss: r4(logLoss(prob, labels)),
    baseline: { name: "customer's past late share", auc: r4(auc(base, labels)), brier: r4(brier(base, labels)) },
    days_late_mae: Math.round(meanAbsoluteError(settled.map((i) => expDays[i]!), settled.map((i) => outcomes[i]!.daysLate)) * 100) / 100,
    calibration: calibrationByDecile(prob, labels).map((b) => ({ ...b, predicted: r4(b.predicted), observed: r4(b.observed), min: r4(b.min), max: r4(b.max) })),
    predictions,
  };
}
