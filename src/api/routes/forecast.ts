// /v1/forecast: expected collections per week and currency for the next 13 weeks (stored), and a stored forecast beside what came in.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dateSchema } from '../../ledger/index.ts';
import { dateInZone } from '../../domain/dates.ts';
import { compareForecast, makeForecast, saveForecast } from '../../forecast/index.ts';
import type { ApiDeps } from '../context.ts';
import { orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';

const week = z.object({ week: z.number().int(), from: z.string(), to: z.string(), expected: z.number().int(), low: z.number().int().meta({ description: '10th percentile' }),
  high: z.number().int().meta({ description: '90th percentile' }), from_invoices: z.number().int(), from_promises: z.number().int(), from_instalments: z.number().int() });
const forecast = z.object({ id: z.string(), as_of: z.string(), created_at: z.string(), method: z.enum(['scores', 'heuristic', 'mixed']), kept_rate: z.number(),
  kept_rate_default: z.boolean(), invoices: z.object({ scored: z.number().int(), unscored: z.number().int() }), notes: z.array(z.string()),
  currencies: z.array(z.object({ currency: z.string(), expected_total: z.number().int(), weeks: z.array(week) })) }).meta({ id: 'Forecast' });
const compared = z.object({ forecast_id: z.string(), as_of: z.string(), made_at: z.string(), through: z.string(),
  currencies: z.array(z.object({ currency: z.string(), weeks: z.array(z.object({ week: z.number().int(), from: z.string(), to: z.string(), expected: z.number().int(),
    low: z.number().int(), high: z.number().int(), actual: z.number().int().nullable(), within_range: z.boolean().nullable() })) })) }).meta({ id: 'ForecastComparison' });

export const forecastRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/v1/forecast', {
    schema: { tags: ['forecast'], summary: 'Expected collections per week for the next 13 weeks, per currency, with a 10th-90th percentile range; stored for comparison',
      querystring: z.object({ as_of: dateSchema.optional() }), response: { 200: forecast, ...errorResponses } },
  }, async (req) => {
    const org = orgOf(req);
    const f = await makeForecast(deps.db, org, req.query.as_of ?? dateInZone(deps.now(), 'UTC'), deps.now());
    await saveForecast(deps.db, org, f);
    return f;
  });

  app.get('/v1/forecast/compare', {
    schema: { tags: ['forecast'], summary: 'The first forecast stored as of a day beside the payments received in each of its weeks',
      querystring: z.object({ as_of: dateSchema }), response: { 200: compared, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await compareForecast(deps.db, orgOf(req), req.query.as_of, dateInZone(deps.now(), 'UTC'))));
};
