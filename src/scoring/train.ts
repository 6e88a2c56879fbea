// Training a scoring model on what was known before a day: trees and logistic regression compared on the latest fifth
// of that history, the better one refitted on all of it; the scorecard when there is too little to learn from.
import { FEATURES, type Portfolio, type UndatedDisputes } from './types.ts';
import { fromDayNumber } from '../domain/dates.ts';
import { trainingSet, type TrainingSet } from './dataset.ts';
import { Priors } from './priors.ts';
import { fitGbt, gbtMatrix, type GbtModel } from './gbt.ts';
import { fitLogistic, logisticMatrix } from './logistic.ts';
import { scorecard, scorecardMargin } from './scorecard.ts';
import { pick, row, sigmoid } from './matrix.ts';
import { auc, brier } from './metrics.ts';
import { EXCESS_STEP, RECOVERY_FROM, type LateModel, type ModelKind, type ScoringModel } from './model.ts';

/** Below these there is too little to learn from: the scorecard is used. */
export const MIN_ROWS = 200;
export const MIN_PER_CLASS = 20;
/** Past this many rows an even spread of them is learned from, so the fit stays within seconds. */
export const MAX_TRAINING_ROWS = 100_000;

export interface TrainOptions { kind?: 'auto' | ModelKind; undatedDisputes?: UndatedDisputes }

export interface Evaluation {
  rows: number;
  late: number;
  /** How the chosen kind was judged: on the latest fifth of the history, held out ("holdout") or on all of it ("in_sample"). */
  method: 'holdout' | 'in_sample';
  holdoutRows: number;
  candidates: { kind: ModelKind; auc: number | null; brier: number | null }[];
  chosen: ModelKind;
  reason: string;
}

const GBT = { depth: 2, learningRate: 0.1, lambda: 1, minLeaf: 20, bins: 32 };
const round = (v: number) => (Number.isFinite(v) ? Math.round(v * 10_000) / 10_000 : null);

function probabilities(m: LateModel, ts: TrainingSet, rows: ArrayLike<number>): Float64Array {
  const x = pick(ts.x, rows);
  if (m.kind === 'gbt') return gbtMatrix(m, x);
  if (m.kind === 'logistic') return logisticMatrix(m, x);
  return Float64Array.from({ length: x.rows }, (_, i) => sigmoid(scorecardMargin(m, row(x, i))));
}

/** The lateness model: the kind asked for, or with `auto` the better of trees and logistic regression on held-out rows. */
function fitLate(ts: TrainingSet, orgLateShare: number, kind: 'auto' | ModelKind): { model: LateModel; evaluation: Evaluation } {
  const n = ts.x.rows;
  const lateCount = ts.late.reduce((s, v) => s + v, 0);
  const tooFew = n < MIN_ROWS || lateCount < MIN_PER_CLASS || n - lateCount < MIN_PER_CLASS;
  const all = Int32Array.from({ length: n }, (_, i) => i);
  if (kind === 'scorecard' || tooFew) {
    const model = scorecard(orgLateShare);
    const p = probabilities(model, ts, all);
    return { model, evaluation: { rows: n, late: lateCount, method: 'in_sample', holdoutRows: 0,
      candidates: [{ kind: 'scorecard', auc: n ? round(auc(p, ts.late)) : null, brier: n ? round(brier(p, ts.late)) : null }], chosen: 'scorecard',
      reason: tooFew ? `too little history to learn from (${n} invoices with a known outcome, ${lateCount} late; at least ${MIN_ROWS} and ${MIN_PER_CLASS} of each needed)` : 'asked for' } };
  }
  // the latest fifth by issue day is held out, as the future would be
  const order = Array.from(all).sort((a, b) => ts.issue[a]! - ts.issue[b]! || a - b);
  const cut = Math.floor(n * 0.8);
  const fit = order.slice(0, cut);
  const hold = order.slice(cut);
  const y = (rows: number[]) => Float64Array.from(rows, (i) => ts.late[i]!);
  const gbt = fitGbt(pick(ts.x, fit), y(fit), { loss: 'logistic', trees: 200, ...GBT, valid: { x: pick(ts.x, hold), y: y(hold) } });
  const logistic = fitLogistic(pick(ts.x, fit), y(fit), { lambda: 1 });
  const judged = ([['gbt', gbt], ['logistic', logistic]] as const).map(([k, m]) => {
    const p = probabilities(m, ts, hold);
    return { kind: k as ModelKind, auc: round(auc(p, y(hold))), brier: round(brier(p, y(hold))) };
  });
  const [g, l] = judged as [typeof judged[0], typeof judged[0]];
  // Brier score judges ranking and calibration together; on a tie the trees stay
  const chosen: ModelKind = kind !== 'auto' ? kind : (l.brier ?? 1) < (g.brier ?? 1) ? 'logistic' : 'gbt';
  const model: LateModel = chosen === 'gbt'
    ? fitGbt(ts.x, ts.late, { loss: 'logistic', trees: gbt.trees.length, ...GBT })
    : fitLogistic(ts.x, ts.late, { lambda: 1 });
  return { model, evaluation: { rows: n, late: lateCount, method: 'holdout', holdoutRows: hold.length, candidates: judged, chosen,
    reason: kind !== 'auto' ? 'asked for' : chosen === 'gbt' ? 'trees had the lower Brier score on the held-out fifth' : 'logistic regression had the lower Brier score on the held-out fifth' } };
}

/** Days late of late invoices (log scale), when at least 50 such invoices were settled. */
function fitDaysLate(ts: TrainingSet): { model: GbtModel | null; mean: number } {
  const rows: number[] = [];
  for (let i = 0; i < ts.x.rows; i++) if (ts.late[i] && !ts.censored[i]) rows.push(i);
  const mean = rows.length ? rows.reduce((s, i) => s + ts.daysLate[i]!, 0) / rows.length : 10;
  if (rows.length < 50) return { model: null, mean };
  const y = Float64Array.from(rows, (i) => Math.log1p(ts.daysLate[i]!));
  return { model: fitGbt(pick(ts.x, rows), y, { loss: 'squared', trees: 80, ...GBT, minLeaf: 10 }), mean };
}

/** Mean days still to come once an invoice is d days overdue, from settled late invoices (the last value carries on). */
function excessCurve(ts: TrainingSet, mean: number): number[] {
  const late: number[] = [];
  for (let i = 0; i < ts.x.rows; i++) if (ts.late[i] && !ts.censored[i]) late.push(ts.daysLate[i]!);
  const out: number[] = [];
  for (let d = 0; d <= 364; d += EXCESS_STEP) {
    const beyond = late.filter((v) => v > d);
    out.push(beyond.length >= 5 ? beyond.reduce((s, v) => s + v - d, 0) / beyond.length : out[out.length - 1] ?? mean);
  }
  return out.map((v) => Math.round(v * 10) / 10);
}

/** Share recovered among invoices that reached each days-overdue mark, pulled towards the mark before (weight 5). */
function recoveryCurve(ts: TrainingSet): number[] {
  const out: number[] = [];
  let prior = 0.97;
  for (const from of RECOVERY_FROM) {
    let n = 0;
    let recovered = 0;
    for (let i = 0; i < ts.x.rows; i++) {
      if (ts.censored[i] || ts.daysLate[i]! < from) continue;
      n++;
      recovered += ts.recovered[i]!;
    }
    prior = (recovered + 5 * prior) / (n + 5);
    out.push(Math.round(prior * 10_000) / 10_000);
  }
  return out;
}

/** The models learnt from a training set; `orgLateShare` is the org's late share at the cut-off (the scorecard's base). */
export function trainOn(ts: TrainingSet, orgLateShare: number, cutoff: number, opts: TrainOptions = {}): { model: ScoringModel; evaluation: Evaluation } {
  const { model: late, evaluation } = fitLate(ts, orgLateShare, opts.kind ?? 'auto');
  const days = fitDaysLate(ts);
  return {
    model: { format: 1, trainedAsOf: fromDayNumber(cutoff), undatedDisputes: opts.undatedDisputes ?? 'known', features: FEATURES, late, daysLate: days.model,
      meanDaysLateWhenLate: Math.round(days.mean * 10) / 10, excess: excessCurve(ts, days.mean), recovery: recoveryCurve(ts) },
    evaluation,
  };
}

/** Trained on a portfolio held in memory (backtests, tests); `trainInDb` (train-db.ts) learns the same from the database. */
export function trainModel(p: Portfolio, cutoff: number, opts: TrainOptions = {}, priors = new Priors(p)): { model: ScoringModel; evaluation: Evaluation } {
  const ts = trainingSet(p, priors, cutoff, opts.undatedDisputes ?? 'known', MAX_TRAINING_ROWS);
  return trainOn(ts, priors.at(cutoff).lateShare, cutoff, opts);
}
