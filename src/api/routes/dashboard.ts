// /v1/dashboard: the home dashboard's figures that no other route answers (overdue trend, collected, strategy performance),
// and /v1/dashboard/risk: open balance and expected recovery by risk band; their days are the org's calendar (its time zone).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dashboardQuerySchema, dashboardReport, dashboardRiskSchema, dashboardSchema, riskByBand, riskQuerySchema } from '../../dashboard/index.ts';
import { orgToday, ROLES } from '../../orgs/index.ts';
import type { ApiDeps } from '../context.ts';
import { orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';

export const dashboardRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/v1/dashboard', {
    schema: { tags: ['kpi'], summary: 'Overdue at the end of each of the last weeks, collected this week and month, and performance per strategy version',
      querystring: dashboardQuerySchema, response: { 200: dashboardSchema, ...errorResponses } },
    // reading changes nothing: every role of the org sees its dashboard
    config: { roles: [...ROLES] },
  }, async (req, reply) => sendResult(reply, await dashboardReport(deps.db, orgOf(req), req.query, deps.now())));

  app.get('/v1/dashboard/risk', {
    schema: { tags: ['kpi'], summary: 'Open balance by the latest score run\'s risk bands: customers, balance per currency and share, expected recovery, and moves since the run before',
      querystring: riskQuerySchema, response: { 200: dashboardRiskSchema, ...errorResponses } },
    config: { roles: [...ROLES] },
  }, async (req, reply) => sendResult(reply, await riskByBand(deps.db, orgOf(req), req.query, await orgToday(deps.db, orgOf(req), deps.now()))));
};
