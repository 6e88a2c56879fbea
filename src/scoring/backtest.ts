// The temporal backtest: a model trained on what was known before a day scores every invoice issued from that day on
// (each as of its own issue day), beside the baseline "the customer's past late share", against what really happened.
import { F, type CustomerFact, type Outcome, type Portfolio, type Reason, type UndatedDisputes } from './types.ts';
import { dayNumber, fromDayNumber } from '../domain/dates.ts';
import { Priors } from './priors.ts';
import { featureRows, type Item } from './dataset.ts';
import { outcomeAt } from './labels.ts';
import { row } from './matrix.ts';
import { trainModel, type Evaluation, type TrainOptions } from './train.ts';
import { predict, reasonsFor } from './predict.ts';
import { auc, brier, calibrationByDecile, logLoss, meanAbsoluteError, type CalibrationBin } from './metrics.ts';
import type { ModelKind, ScoringModel } from './model.ts';

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

/** The backtest's figures without the predictions (what `backtestInDb` returns; the predictions go to its callback). */
export type BacktestSummary = Omit<BacktestResult, 'predictions'>;

/** What the figures need of every invoice scored, in the order scored: a few numbers each, not the invoices. */
export class Tally {
  prob: number[] = [];
  base: number[] = [];
  expDays: number[] = [];
  late: boolean[] = [];
  daysLate: number[] = [];
  censored: boolean[] = [];

  /** Scores the items (each as of its own day) against their outcomes; their prediction rows when `rows` is true. */
  score(items: Item[], outcomes: Outcome[], priors: Priors, model: ScoringModel, rows: boolean): PredictionRow[] {
    const f = featureRows(items, priors, model.undatedDisputes);
    const predictions: PredictionRow[] = [];
    for (let i = 0; i < items.length; i++) {
      const x = row(f.x, i);
      const pr = predict(model, x);
      const out = outcomes[i]!;
      this.prob.push(pr.probabilityLate);
      this.base.push(x[F.late_share]!);
      this.expDays.push(pr.expectedDaysLate);
      this.late.push(out.late);
      this.daysLate.push(out.daysLate);
      this.censored.push(out.censored);
      if (!rows) continue;
      const { inv, cust } = items[i]!;
      predictions.push({ invoice_id: inv.id, number: inv.number, customer: cust.externalId, issue_date: fromDayNumber(inv.issue),
        due_date: fromDayNumber(inv.due), probability_late: r4(pr.probabilityLate), expected_days_late: Math.round(pr.expectedDaysLate * 10) / 10,
        baseline_late_share: r4(x[F.late_share]!), late: out.late, days_late: out.daysLate, still_open: out.censored, reasons: reasonsFor(pr, x, f.context[i]!) });
    }
    return predictions;
  }

  /** The figures of everything scored. */
  summary(o: BacktestOptions, model: ScoringModel, evaluation: Evaluation): BacktestSummary {
    const { prob, base, late: labels } = this;
    const settled: number[] = [];
    for (let i = 0; i < this.censored.length; i++) if (!this.censored[i]) settled.push(i);
    return {
      as_of: o.asOf, model: model.late.kind, undated_disputes: model.undatedDisputes, training: evaluation,
      scored: prob.length, late: labels.filter(Boolean).length,
      auc: r4(auc(prob, labels)), brier: r4(brier(prob, labels)), log_loss: r4(logLoss(prob, labels)),
      baseline: { name: "customer's past late share", auc: r4(auc(base, labels)), brier: r4(brier(base, labels)) },
      days_late_mae: Math.round(meanAbsoluteError(settled.map((i) => this.expDays[i]!), settled.map((i) => this.daysLate[i]!)) * 100) / 100,
      calibration: calibrationByDecile(prob, labels).map((b) => ({ ...b, predicted: r4(b.predicted), observed: r4(b.observed), min: r4(b.min), max: r4(b.max) })),
    };
  }
}

/** The customer's invoices issued on or after the cut-off whose outcome is known by the end of today, with those outcomes. */
export function scoredInvoices(cust: CustomerFact, cutoff: number, today: number, items: Item[], outcomes: Outcome[]): void {
  for (const inv of cust.invoices) {
    if (inv.issue < cutoff) continue;
    const known = outcomeAt(inv, today + 1);
    if (!known) continue; // not yet due today: nothing to compare with
    items.push({ inv, cust, day: inv.issue });
    outcomes.push(known);
  }
}

/** The options training takes from a backtest's. */
export const trainOptions = (o: BacktestOptions): TrainOptions => ({ ...(o.kind ? { kind: o.kind } : {}), ...(o.undatedDisputes ? { undatedDisputes: o.undatedDisputes } : {}) });

/** The backtest of a portfolio held in memory (tests, and the yardstick `backtestInDb` must equal). */
export function backtest(p: Portfolio, o: BacktestOptions): BacktestResult {
  const cutoff = dayNumber(o.asOf);
  const today = dayNumber(o.today);
  const priors = new Priors(p);
  const { model, evaluation } = trainModel(p, cutoff, trainOptions(o), priors);
  const items: Item[] = [];
  const outcomes: Outcome[] = [];
  for (const cust of p.customers) scoredInvoices(cust, cutoff, today, items, outcomes);
  const tally = new Tally();
  const predictions = tally.score(items, outcomes, priors, model, true);
  return { ...tally.summary(o, model, evaluation), predictions };
}
