// /v1/kpi: the KPI report of a period (receivables per currency, aging and roll rates, contact, promises, recovery and cost).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { kpiQuerySchema, kpiReport, kpiReportSchema } from '../../kpi/index.ts';
import type { ApiDeps } from '../context.ts';
import { orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';

export const kpiRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/v1/kpi', {
    schema: { tags: ['kpi'], summary: 'KPIs of the period from..to (both included), point-in-time figures as of the end of `to`, per currency',
      querystring: kpiQuerySchema, response: { 200: kpiReportSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await kpiReport(deps.db, orgOf(req), req.query)));
};
