// /v1/experiments: champion/challenger experiments between two versions of a strategy, and their results per arm.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dateSchema } from '../../ledger/index.ts';
import { dateInZone } from '../../domain/dates.ts';
import { createExperiment, experimentResults, listExperiments, stopExperiment } from '../../experiments/index.ts';
import type { ApiDeps } from '../context.ts';
import { orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';

const managers = { roles: ['admin', 'manager'] as ('admin' | 'manager')[] };
const experiment = z.object({ id: z.string(), name: z.string(), strategy_id: z.string(), champion_version: z.number().int(), challenger_version: z.number().int(),
  share: z.number(), min_per_arm: z.number().int(), started_on: z.string(), status: z.enum(['running', 'stopped']), created_at: z.string(),
  stopped_at: z.string().nullable() }).meta({ id: 'Experiment' });
const body = z.object({ name: z.string().min(1).max(200).optional(), strategy_id: z.string().min(1), champion_version: z.number().int().min(1),
  challenger_version: z.number().int().min(1), share: z.number().gt(0).lt(1).default(0.5).meta({ description: 'share of customers planned with the challenger' }),
  min_per_arm: z.number().int().min(2).default(30).meta({ description: 'customers each arm needs before a difference is reported' }) });
const amounts = z.array(z.object({ currency: z.string(), amount: z.number().int() }));
const arm = z.object({ arm: z.enum(['champion', 'challenger']), version: z.number().int(), customers: z.number().int(), collected: amounts,
  collected_share: z.number().nullable().meta({ description: 'the collected share when every customer owes in one currency; null with several (see by_currency)' }),
  by_currency: z.array(z.object({ currency: z.string(), customers: z.number().int(), collected_share: z.number() })), average_days_to_pay: z.number().nullable(), contacts: z.number().int(), opt_outs: z.number().int(),
  cost: z.array(z.object({ currency: z.string(), micros: z.number().int() })) });
const difference = z.object({ currency: z.string(), collected_share: z.number().meta({ description: 'challenger minus champion' }),
  low: z.number(), high: z.number(), always_valid_low: z.number(), always_valid_high: z.number(),
  significant: z.boolean().meta({ description: 'the always-valid 95% interval (right however often results are looked at) excludes 0' }) });
const results = z.object({ experiment, as_of: z.string(), arms: z.array(arm), enough_data: z.boolean(), message: z.string(),
  difference: difference.nullable().meta({ description: 'the one difference when every customer owes in one currency' }),
  differences: z.array(difference).meta({ description: 'each currency whose arms both reach the minimum sample' }) }).meta({ id: 'ExperimentResults' });
const toJson = <T extends { share: unknown; created_at: unknown; stopped_at: unknown }>(e: T) =>
  ({ ...e, share: Number(e.share), created_at: new Date(e.created_at as string).toISOString(), stopped_at: e.stopped_at ? new Date(e.stopped_at as string).toISOString() : null });

export const experimentRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/v1/experiments', {
    schema: { tags: ['experiments'], summary: 'Experiments, newest first', response: { 200: z.object({ data: z.array(experiment) }), ...errorResponses } },
  }, async (req) => ({ data: (await listExperiments(deps.db, orgOf(req))).map(toJson) }));

  app.post('/v1/experiments', {
    config: managers,
    schema: { tags: ['experiments'], summary: 'Start a champion/challenger experiment: customers on the strategy are split by a stable hash', body,
      response: { 201: experiment, ...errorResponses } },
  }, async (req, reply) => {
    const b = req.body;
    const now = deps.now();
    const r = await createExperiment(deps.db, orgOf(req), { ...b, name: b.name ?? `${b.strategy_id} v${b.champion_version} vs v${b.challenger_version}` }, dateInZone(now, 'UTC'), now);
    return sendResult(reply, r.ok ? { ok: true, value: toJson(r.value) } : r, 201);
  });

  app.get('/v1/experiments/:id/results', {
    schema: { tags: ['experiments'], summary: 'Results per arm (every customer assigned, intent to treat) and per currency: the difference in collected share with its fixed and always-valid 95% intervals, or "not enough data yet"',
      params: z.object({ id: z.string() }), querystring: z.object({ as_of: dateSchema.optional() }), response: { 200: results, ...errorResponses } },
  }, async (req, reply) => {
    const r = await experimentResults(deps.db, orgOf(req), req.params.id, req.query.as_of ?? dateInZone(deps.now(), 'UTC'));
    return sendResult(reply, r.ok ? { ok: true, value: { ...r.value, experiment: toJson(r.value.experiment) } } : r);
  });

  app.post('/v1/experiments/:id/stop', {
    config: managers,
    schema: { tags: ['experiments'], summary: 'Stop an experiment: every customer goes back to the active version', params: z.object({ id: z.string() }),
      response: { 200: experiment, ...errorResponses } },
  }, async (req, reply) => {
    const r = await stopExperiment(deps.db, orgOf(req), req.params.id, deps.now());
    return sendResult(reply, r.ok ? { ok: true, value: toJson(r.value) } : r);
  });
};
