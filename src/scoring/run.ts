// `score run`: every open invoice scored as of a day with the org's active model (trained first when there is none), in
// slices of customers (read, scored, written with COPY, the next slice read while this one is scored) so memory stays
// that of a slice; each scored customer's risk band is stored beside. Retraining, by hand or on a schedule.
import type { Db } from '../db/index.ts';
import { dayNumber } from '../domain/dates.ts';
import { FEATURE_COUNT, type CustomerFact, type Portfolio, type Reason } from './types.ts';
import { customerState, invoiceFeatures } from './features.ts';
import { Priors, type PriorsAt } from './priors.ts';
import { priorsInDb } from './priors-db.ts';
import { loadSlice, type Slice } from './load.ts';
import { trainInDb } from './train-db.ts';
import { predict, reasonsFor } from './predict.ts';
import { trainModel, type TrainOptions } from './train.ts';
import { activeModel, failRun, finishRun, latestRun, saveModel, startRun, type ModelVersion } from './store.ts';
import { bandThresholds, CustomerRisk, dropStaleBands, storeBands } from './bands.ts';
import { keepBandTotals } from './band-balances.ts';
import type { ScoringModel } from './model.ts';

/** Customers per slice: a few tens of thousands of invoices, a few megabytes of CSV. */
export const SLICE_CUSTOMERS = 5_000;
const COLUMNS = ['run_id', 'org_id', 'invoice_id', 'customer_id', 'currency', 'balance', 'probability_late', 'expected_days_late', 'expected_recovery', 'reasons'];

/** The reasons as a CSV field holding JSON: quotes, backslashes and control characters are taken out of
 * the texts (a country name is the only outside text in them), so only the JSON's own quotes need doubling. */
function reasonsField(reasons: Reason[]): string {
  let s = '"[';
  for (let i = 0; i < reasons.length; i++) {
    const r = reasons[i]!;
    s += `${i ? ',' : ''}{""feature"":""${r.feature}"",""effect"":${r.effect},""text"":""${r.text.replace(/["\\\u0000-\u001f]/g, '')}""}`;
  }
  return `${s}]"`;
}

/** The customers' open invoices scored as of the day: CSV lines for the scores table, and each customer's risk. */
export function scoreCustomers(customers: readonly CustomerFact[], model: ScoringModel, day: number, priors: PriorsAt, prefix: string):
  { csv: string; count: number; risk: CustomerRisk } {
  const x = new Float64Array(FEATURE_COUNT);
  const risk = new CustomerRisk();
  let csv = '';
  let count = 0;
  for (const c of customers) {
    if (!c.invoices.some((i) => i.open)) continue;
    const state = customerState(c, day, model.undatedDisputes);
    for (const inv of c.invoices) {
      if (!inv.open) continue;
      const ctx = invoiceFeatures(inv, c, state, day, priors, model.undatedDisputes, x);
      const pr = predict(model, x);
      const reasons = reasonsFor(pr, x, ctx);
      csv += `${prefix},${inv.id},${c.id},${inv.currency},${inv.balance},${pr.probabilityLate.toFixed(4)},${pr.expectedDaysLate.toFixed(1)},`
        + `${Math.round(inv.balance * pr.recoveryShare)},${reasonsField(reasons)}\n`;
      risk.add(c.id, pr.modelProbability);
      count++;
    }
  }
  return { csv, count, risk };
}

/** Scores a portfolio held in memory (tests, and the yardstick the sliced run must equal); `write` receives CSV per 5,000 customers. */
export async function scorePortfolio(p: Portfolio, model: ScoringModel, asOf: string, prefix: string,
  write: (csv: string) => Promise<void>): Promise<number> {
  const day = dayNumber(asOf);
  const priors = new Priors(p).at(day);
  let count = 0;
  for (let i = 0; i < p.customers.length; i += SLICE_CUSTOMERS) {
    const s = scoreCustomers(p.customers.slice(i, i + SLICE_CUSTOMERS), model, day, priors, prefix);
    if (s.count) await write(s.csv);
    count += s.count;
  }
  return count;
}

/** A promise whose failure is seen when awaited later, not reported as unhandled while other work goes on. */
function later<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

/** The sliced run: priors counted in SQL for the whole org, then slice after slice, one read ahead and one write behind. */
async function scoreInSlices(db: Db, org: string, model: ScoringModel, asOf: string, runId: string, size: number): Promise<number> {
  const day = dayNumber(asOf);
  const priors = await priorsInDb(db, org, asOf);
  const thresholds = await bandThresholds(db, org);
  const prefix = `${runId},${org}`;
  let pending: Promise<Slice> | null = later(loadSlice(db, org, '', size));
  let writing: Promise<unknown> = Promise.resolve();
  let count = 0;
  try {
    while (pending) {
      const slice: Slice = await pending;
      pending = slice.full ? later(loadSlice(db, org, slice.last!, size)) : null;
      const s = scoreCustomers(slice.portfolio.customers, model, day, priors, prefix);
      count += s.count;
      await writing;
      if (s.count) writing = later(Promise.all([db.copyCsv('scores', COLUMNS, s.csv), storeBands(db, org, runId, asOf, s.risk, thresholds)]));
    }
    await writing;
    return count;
  } finally {
    // on a failure, nothing of this run is still being read or written when the caller cleans up
    await Promise.allSettled([pending, writing]);
  }
}

export interface RunResult { run_id: string; as_of: string; model: { id: string; version: number; kind: string; trained_as_of: string }; invoices: number; trained: boolean; seconds: number }

/** A new model version trained on what was known at `asOf`: from the database a sample at a time, or from a portfolio given. */
export async function trainAndSave(db: Db, org: string, asOf: string, now: Date, opts: TrainOptions = {}, portfolio?: Portfolio): Promise<ModelVersion> {
  const { model, evaluation } = portfolio ? trainModel(portfolio, dayNumber(asOf), opts) : await trainInDb(db, org, dayNumber(asOf), opts);
  return saveModel(db, org, model, evaluation, now);
}

export async function runScoring(db: Db, org: string, asOf: string, now: Date, sliceCustomers = SLICE_CUSTOMERS): Promise<RunResult> {
  const started = performance.now();
  let active = await activeModel(db, org);
  let trained = false;
  if (!active) {
    await trainAndSave(db, org, asOf, now);
    active = await activeModel(db, org);
    trained = true;
  }
  if (!active) throw new Error('no active model after training');
  const runId = await startRun(db, org, active.id, asOf, now);
  try {
    const n = await scoreInSlices(db, org, active.model, asOf, runId, sliceCustomers);
    await keepBandTotals(db, org, { id: runId, as_of: asOf, started_at: now.toISOString() });
    await finishRun(db, org, runId, n, now);
    await dropStaleBands(db, org, runId);
    return { run_id: runId, as_of: asOf, model: { id: active.id, version: active.version, kind: active.kind, trained_as_of: active.trained_as_of },
      invoices: n, trained, seconds: Math.round((performance.now() - started) / 100) / 10 };
  } catch (e) {
    await failRun(db, org, runId, now);
    throw e;
  }
}

/** The worker's daily turn: retrain when the active model is a week old (or missing), then score once per day. */
export async function scoringRound(db: Db, org: string, today: string, now: Date, maxModelAgeDays = 7): Promise<RunResult | null> {
  const last = await latestRun(db, org);
  if (last && last.as_of >= today) return null;
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM invoices WHERE org_id = $1 AND balance > 0 AND NOT cancelled', [org]);
  if (!n) return null;
  const active = await activeModel(db, org);
  if (active && dayNumber(today) - dayNumber(active.trained_as_of) >= maxModelAgeDays) await trainAndSave(db, org, today, now);
  return runScoring(db, org, today, now);
}
