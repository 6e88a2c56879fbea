// /v1/aging: the aging report as of any date, in total and per customer.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { agingReport, dateSchema, getCustomer } from '../../ledger/index.ts';
import { dateInZone } from '../../domain/dates.ts';
import type { ApiDeps } from '../context.ts';
import { orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { agingSchema } from '../schemas.ts';

export const agingRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/v1/aging', {
    schema: { tags: ['aging'], summary: 'Aging buckets (current, 1-30, 31-60, 61-90, 91-120, 120+) as of a date',
      querystring: z.object({ as_of: dateSchema.optional(), customer_id: z.string().optional(),
        customer_limit: z.coerce.number().int().min(0).max(10_000).optional() }),
      response: { 200: agingSchema, ...errorResponses } },
  }, async (req, reply) => {
    const orgId = orgOf(req);
    let customerId: string | undefined;
    if (req.query.customer_id) {
      const c = await getCustomer(deps.db, orgId, req.query.customer_id);
      if (!c.ok) return sendResult(reply, c);
      customerId = c.value.id;
    }
    const asOf = req.query.as_of ?? dateInZone(deps.now(), 'UTC');
    return agingReport(deps.db, orgId, asOf, { ...(customerId ? { customerId } : {}),
      ...(req.query.customer_limit !== undefined ? { customerLimit: req.query.customer_limit } : {}) });
  });
};
