// `score run`: every open invoice scored as of a day with the org's active model (trained first when there is none),
// written to the scores table with COPY in batches; and retraining, by hand or on a schedule.
import type { Db } from '../db/index.ts';
import { dayNumber } from '../domain/dates.ts';
import { FEATURE_COUNT, type Portfolio, type Reason } from './types.ts';
import { customerState, invoiceFeatures } from './features.ts';
import { Priors } from './priors.ts';
import { loadPortfolio } from './load.ts';
import { predict, reasonsFor } from './predict.ts';
import { trainModel, type TrainOptions } from './train.ts';
import { activeModel, failRun, finishRun, latestRun, saveModel, startRun, type ModelVersion } from './store.ts';
import type { ScoringModel } from './model.ts';

const BATCH = 50_000;
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

/** Scores the portfolio's open invoices as of the day; `write` receives CSV lines for the scores table in batches. */
export async function scorePortfolio(p: Portfolio, model: ScoringModel, asOf: string, prefix: string,
  write: (csv: string) => Promise<void>): Promise<number> {
  const day = dayNumber(asOf);
  const priors = new Priors(p).at(day);
  const x = new Float64Array(FEATURE_COUNT);
  let lines: string[] = [];
  let count = 0;
  for (const c of p.customers) {
    if (!c.invoices.some((i) => i.open)) continue;
    const state = customerState(c, day, model.undatedDisputes);
    for (const inv of c.invoices) {
      if (!inv.open) continue;
      const ctx = invoiceFeatures(inv, c, state, day, priors, model.undatedDisputes, x);
      const pr = predict(model, x);
      const reasons = reasonsFor(pr, x, ctx);
      lines.push(`${prefix},${inv.id},${c.id},${inv.currency},${inv.balance},${pr.probabilityLate.toFixed(4)},${pr.expectedDaysLate.toFixed(1)},`
        + `${Math.round(inv.balance * pr.recoveryShare)},${reasonsField(reasons)}`);
      count++;
      if (lines.length >= BATCH) { await write(`${lines.join('\n')}\n`); lines = []; }
    }
  }
  if (lines.length) await write(`${lines.join('\n')}\n`);
  return count;
}

export interface RunResult { run_id: string; as_of: string; model: { id: string; version: number; kind: string; trained_as_of: string }; invoices: number; trained: boolean; seconds: number }

export async function trainAndSave(db: Db, org: string, asOf: string, now: Date, opts: TrainOptions = {}, portfolio?: Portfolio): Promise<ModelVersion> {
  const p = portfolio ?? await loadPortfolio(db, org);
  const { model, evaluation } = trainModel(p, dayNumber(asOf), opts);
  return saveModel(db, org, model, evaluation, now);
}

export async function runScoring(db: Db, org: string, asOf: string, now: Date): Promise<RunResult> {
  const started = performance.now();
  const portfolio = await loadPortfolio(db, org);
  let active = await activeModel(db, org);
  let trained = false;
  if (!active) {
    await trainAndSave(db, org, asOf, now, {}, portfolio);
    active = await activeModel(db, org);
    trained = true;
  }
  if (!active) throw new Error('no active model after training');
  const runId = await startRun(db, org, active.id, asOf, now);
  try {
    const n = await scorePortfolio(portfolio, active.model, asOf, `${runId},${org}`, (csv) => db.copyCsv('scores', COLUMNS, csv));
    await finishRun(db, org, runId, n, now);
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
