// /v1/forecast: expected collections per week and currency for the next 13 weeks (computed, nothing written); POST
// /v1/forecasts stores one to compare later, and /v1/forecast/compare sets a stored forecast beside what came in;
// /v1/forecast/settings reads and sets how often the worker stores one by itself; POST /v1/forecast/learn learns the
// unscored heuristic now rather than at the worker's next daily round. A day left out is today in the org's time zone.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dateSchema } from '../../ledger/index.ts';
import { compareForecast, forecastFor, getForecastSettings, heuristicSource, learnHeuristicNow, makeForecast, setForecastSchedule, storeForecast, SCHEDULES } from '../../forecast/index.ts';
import { getOrg, orgToday } from '../../orgs/index.ts';
import { fail, ok } from '../../domain/result.ts';
import { inTransaction } from '../tx.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';

const week = z.object({ week: z.number().int(), from: z.string(), to: z.string(), expected: z.number().int(), low: z.number().int().meta({ description: '10th percentile' }),
  high: z.number().int().meta({ description: '90th percentile' }), from_invoices: z.number().int(), from_promises: z.number().int(), from_instalments: z.number().int() });
const heuristic = z.object({
  source: z.enum(['learned', 'fixed']).optional().meta({ description: 'learned: at least one bucket learned from the org\'s history; fixed: the fixed chances only' }),
  as_of: z.string().nullable().meta({ description: 'the day it was learned as of; null: never learned, the fixed table' }),
  learned_at: z.string().nullable().optional().meta({ description: 'when it was learned (the worker\'s daily round, or POST /v1/forecast/learn); null: never' }),
  buckets: z.array(z.object({ bucket: z.enum(['not_due', '1-30', '31-90', '91+']), p: z.number(), learned: z.boolean(),
    invoices: z.number().int(), open: z.number(), paid: z.number() })),
}).meta({ id: 'ForecastHeuristic', description: 'the chance given to unscored invoices per days-overdue bucket: learned from the org\'s history where there was enough, fixed elsewhere' });
const forecast = z.object({ id: z.string().meta({ description: 'the stored forecast\'s id when `stored`; otherwise an id nothing refers to' }),
  stored: z.boolean().meta({ description: 'true when this forecast was stored (POST /v1/forecasts); GET /v1/forecast writes nothing' }), as_of: z.string(), created_at: z.string(), method: z.enum(['scores', 'heuristic', 'mixed']), kept_rate: z.number(),
  kept_rate_default: z.boolean(), invoices: z.object({ scored: z.number().int(), unscored: z.number().int() }), notes: z.array(z.string()),
  currencies: z.array(z.object({ currency: z.string(), expected_total: z.number().int(), weeks: z.array(week) })),
  heuristic: heuristic,
  credit: z.array(z.object({ currency: z.string(), customers: z.number().int(), credit: z.number().int(), netted: z.number().int() })).optional()
    .meta({ description: 'customers\' unapplied credit per currency, and how much of it was netted against what they owe (their likeliest amounts first)' }),
  period: z.string().nullable().optional().meta({ description: 'the schedule\'s period a stored forecast was made for by the worker (`weekly 2026-03-16`); null when stored on request' }),
}).meta({ id: 'Forecast' });
const settings = z.object({ schedule: z.enum(SCHEDULES).meta({ description: 'how often the worker stores a forecast by itself (weekly: as of each Sunday, and as of a month\'s eve when it begins on another weekday; daily: as of each yesterday)' }),
  schedule_default: z.boolean(), heuristic_learned_as_of: z.string().nullable() }).meta({ id: 'ForecastSettings' });
const compared = z.object({ forecast_id: z.string(), as_of: z.string(), made_at: z.string(), through: z.string(),
  currencies: z.array(z.object({ currency: z.string(), weeks: z.array(z.object({ week: z.number().int(), from: z.string(), to: z.string(), expected: z.number().int(),
    low: z.number().int(), high: z.number().int(), actual: z.number().int().nullable(), within_range: z.boolean().nullable() })) })) }).meta({ id: 'ForecastComparison' });

export const forecastRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/v1/forecast', {
    schema: { tags: ['forecast'], summary: 'Expected collections per week for the next 13 weeks, per currency, with a 10th-90th percentile range; computed, not stored',
      description: 'Reads only. To keep a forecast for comparison with what comes in, POST /v1/forecasts.',
      querystring: z.object({ as_of: dateSchema.optional(), prefer_stored: z.enum(['true', 'false']).optional()
        .meta({ description: 'true: the first forecast stored as of the day when there is one (`stored: true`), else one computed now' }) }),
      response: { 200: forecast, ...errorResponses } },
  }, async (req) => {
    const asOf = req.query.as_of ?? await orgToday(deps.db, orgOf(req), deps.now());
    return (req.query.prefer_stored === 'true' ? forecastFor : makeForecast)(deps.db, orgOf(req), asOf, deps.now());
  });

  app.post('/v1/forecast/learn', {
    schema: { tags: ['forecast'], summary: 'Learn the heuristic for unscored invoices from the org\'s history now, as the worker does daily (as of yesterday unless given)',
      body: z.object({ as_of: dateSchema.optional() }).default({}), response: { 200: heuristic, ...errorResponses } },
  }, async (req, reply) => {
    const org = await getOrg(deps.db, orgOf(req));
    if (!org) return sendResult(reply, fail('NOT_FOUND', 'no such org', 'org'));
    const r = await inTransaction(deps.db, (tx) => learnHeuristicNow(tx, org, actorOf(req), req.body.as_of, deps.now()));
    return sendResult(reply, r.ok ? ok({ ...r.value, source: heuristicSource(r.value) }) : r);
  });

  app.post('/v1/forecasts', {
    schema: { tags: ['forecast'], summary: 'Make and store a forecast as of a day, to compare later with the payments that came in (GET /v1/forecast/compare)',
      body: z.object({ as_of: dateSchema.optional() }).default({}), response: { 201: forecast, ...errorResponses } },
  }, async (req, reply) => {
    const org = orgOf(req);
    const f = await storeForecast(deps.db, org, req.body.as_of ?? await orgToday(deps.db, org, deps.now()), deps.now());
    return reply.code(201).send(f);
  });

  app.get('/v1/forecast/settings', {
    schema: { tags: ['forecast'], summary: 'How often the worker stores a forecast by itself, and when the unscored heuristic was last learned',
      response: { 200: settings, ...errorResponses } },
  }, async (req) => getForecastSettings(deps.db, orgOf(req)));

  app.put('/v1/forecast/settings', {
    schema: { tags: ['forecast'], summary: 'Set how often the worker stores a forecast: weekly (the default), daily or off',
      body: z.object({ schedule: z.string() }), response: { 200: settings, ...errorResponses } },
    config: { roles: ['admin', 'manager'] },
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db, (tx) => setForecastSchedule(tx, orgOf(req), actorOf(req), req.body.schedule, deps.now()))));

  app.get('/v1/forecast/compare', {
    schema: { tags: ['forecast'], summary: 'The first forecast stored as of a day beside the payments received in each of its weeks',
      querystring: z.object({ as_of: dateSchema }), response: { 200: compared, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await compareForecast(deps.db, orgOf(req), req.query.as_of, await orgToday(deps.db, orgOf(req), deps.now()))));
};
