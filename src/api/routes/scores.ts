// /v1/scores: the latest stored risk scores, scoring runs, model versions and backtests.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getCustomer, dateSchema } from '../../ledger/index.ts';
import { dateInZone } from '../../domain/dates.ts';
import { backtestInDb, bandThresholds, latestScores, listModels, runScoring, setBandThresholds, trainAndSave, MODEL_KINDS,
  type PredictionRow } from '../../scoring/index.ts';
import { FEATURES } from '../../scoring/types.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendFailure, sendResult } from '../errors.ts';

const managers = { roles: ['admin', 'manager'] as ('admin' | 'manager')[] };
const reason = z.object({ feature: z.enum(FEATURES), effect: z.number().meta({ description: 'push on the log-odds of paying late; positive raises it' }), text: z.string() });
const score = z.object({ invoice_id: z.string(), number: z.string(), customer_id: z.string(), currency: z.string(), balance: z.number().int(),
  probability_late: z.number(), expected_days_late: z.number(), expected_recovery: z.number().int().meta({ description: 'minor units of the balance expected to come in' }),
  reasons: z.array(reason) }).meta({ id: 'Score' });
const run = z.object({ id: z.string(), model_id: z.string(), as_of: z.string(), status: z.string(), invoices: z.number().int(), started_at: z.string(), finished_at: z.string().nullable() });
const candidate = z.object({ kind: z.enum(MODEL_KINDS), auc: z.number().nullable(), brier: z.number().nullable() });
const evaluation = z.object({ rows: z.number().int(), late: z.number().int(), method: z.enum(['holdout', 'in_sample']), holdoutRows: z.number().int(),
  candidates: z.array(candidate), chosen: z.enum(MODEL_KINDS), reason: z.string() });
const modelVersion = z.object({ id: z.string(), version: z.number().int(), kind: z.enum(MODEL_KINDS), trained_as_of: z.string(), trained_at: z.string(),
  active: z.boolean(), evaluation }).meta({ id: 'ScoreModel' });
const trainBody = z.object({ as_of: dateSchema.optional(), model: z.enum(['auto', ...MODEL_KINDS]).default('auto'),
  undated_disputes: z.enum(['known', 'unknown']).default('known').meta({ description: 'dispute flags with no date: known when the invoice is scored, or left out' }) });
const bin = z.object({ decile: z.number().int(), count: z.number().int(), predicted: z.number(), observed: z.number(), min: z.number(), max: z.number() });
const backtestResult = z.object({ as_of: z.string(), model: z.enum(MODEL_KINDS), undated_disputes: z.enum(['known', 'unknown']), training: evaluation,
  scored: z.number().int(), late: z.number().int(), auc: z.number(), brier: z.number(), log_loss: z.number(),
  baseline: z.object({ name: z.string(), auc: z.number(), brier: z.number() }), days_late_mae: z.number(), calibration: z.array(bin),
  predictions: z.array(z.object({ invoice_id: z.string(), number: z.string(), customer: z.string(), issue_date: z.string(), due_date: z.string(),
    probability_late: z.number(), expected_days_late: z.number(), baseline_late_share: z.number(), late: z.boolean(), days_late: z.number(),
    still_open: z.boolean(), reasons: z.array(reason) })).optional() }).meta({ id: 'Backtest' });

export const scoreRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/v1/scores', {
    schema: { tags: ['scores'], summary: 'The latest run\'s scores, riskiest first',
      querystring: z.object({ customer: z.string().optional().meta({ description: 'customer id or external id' }), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
      response: { 200: z.object({ run: run.nullable(), data: z.array(score) }), ...errorResponses } },
  }, async (req, reply) => {
    const org = orgOf(req);
    let customerId: string | undefined;
    if (req.query.customer) {
      const c = await getCustomer(deps.db, org, req.query.customer);
      if (!c.ok) return sendResult(reply, c);
      customerId = c.value.id;
    }
    return latestScores(deps.db, org, { limit: req.query.limit, ...(customerId ? { customerId } : {}) });
  });

  app.post('/v1/scores/runs', {
    config: managers,
    schema: { tags: ['scores'], summary: 'Score every open invoice with the active model (training one first when there is none)',
      body: z.object({ as_of: dateSchema.optional() }).default({}),
      response: { 200: z.object({ run_id: z.string(), as_of: z.string(), invoices: z.number().int(), trained: z.boolean(), seconds: z.number(),
        model: z.object({ id: z.string(), version: z.number().int(), kind: z.string(), trained_as_of: z.string() }) }), ...errorResponses } },
  }, async (req) => runScoring(deps.db, orgOf(req), req.body.as_of ?? dateInZone(deps.now(), 'UTC'), deps.now()));

  const bands = z.object({ medium_from: z.number().meta({ description: 'a probability of paying late from this one on is medium risk' }),
    high_from: z.number().meta({ description: 'from this one on, high risk' }) }).meta({ id: 'RiskBands' });
  app.get('/v1/scores/bands', {
    schema: { tags: ['scores'], summary: 'The thresholds that cut customers\' risk into low, medium and high (for segments and step conditions)',
      response: { 200: bands, ...errorResponses } },
  }, async (req) => bandThresholds(deps.db, orgOf(req)));

  app.put('/v1/scores/bands', {
    config: managers,
    schema: { tags: ['scores'], summary: 'Change the risk band thresholds; they apply from the next score run', body: bands.partial(), response: { 200: bands, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await setBandThresholds(deps.db, orgOf(req), actorOf(req), req.body, deps.now())));

  app.get('/v1/scores/models', {
    schema: { tags: ['scores'], summary: 'Model versions with their evaluation, newest first', response: { 200: z.object({ data: z.array(modelVersion) }), ...errorResponses } },
  }, async (req) => ({ data: await listModels(deps.db, orgOf(req)) }));

  app.post('/v1/scores/models', {
    config: managers,
    schema: { tags: ['scores'], summary: 'Train a new model version on the history known before a day and make it the active one',
      body: trainBody, response: { 201: modelVersion, ...errorResponses } },
  }, async (req, reply) => {
    const b = req.body;
    return reply.code(201).send(await trainAndSave(deps.db, orgOf(req), b.as_of ?? dateInZone(deps.now(), 'UTC'), deps.now(), { kind: b.model, undatedDisputes: b.undated_disputes }));
  });

  app.post('/v1/scores/backtest', {
    config: managers,
    schema: { tags: ['scores'], summary: 'Train on what was known before as_of and score the invoices issued from it on, beside the past-late-share baseline',
      body: trainBody.extend({ as_of: dateSchema, predictions: z.boolean().default(false).meta({ description: 'include every prediction' }) }),
      response: { 200: backtestResult, ...errorResponses } },
  }, async (req, reply) => {
    const org = orgOf(req);
    const b = req.body;
    const predictions: PredictionRow[] = [];
    const r = await backtestInDb(deps.db, org, { asOf: b.as_of, today: dateInZone(deps.now(), 'UTC'), kind: b.model, undatedDisputes: b.undated_disputes },
      b.predictions ? (rows) => { for (const p of rows) predictions.push(p); } : undefined);
    if (!r.scored) return sendFailure(reply, { code: 'VALIDATION_FAILED', message: `no invoice issued on or after ${b.as_of} has a known outcome yet`, field: 'as_of' });
    return b.predictions ? { ...r, predictions } : r;
  });
};
