// /v1/adjustments: late fees, interest, discounts, write-offs and credit notes, and their reversal.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { applyAdjustment, listAdjustments, reverseAdjustment } from '../../ledger/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { adjustmentSchema, idParams, newAdjustmentSchema } from '../schemas.ts';
import { inTransaction } from '../tx.ts';

export const adjustmentRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['adjustments'];
  const managers = { roles: ['admin', 'manager'] as ('admin' | 'manager')[] };
  app.post('/v1/adjustments', {
    schema: { tags, summary: 'Apply an adjustment to an invoice', body: newAdjustmentSchema, response: { 201: adjustmentSchema, ...errorResponses } },
    config: managers,
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db, (tx) => applyAdjustment(tx, orgOf(req), actorOf(req), req.body)), 201));

  app.get('/v1/adjustments', {
    schema: { tags, summary: 'List adjustments, of one invoice or all', querystring: z.object({ invoice_id: z.string().optional() }),
      response: { 200: z.object({ data: z.array(adjustmentSchema) }), ...errorResponses } },
  }, async (req) => ({ data: await listAdjustments(deps.db, orgOf(req), req.query.invoice_id) }));

  app.post('/v1/adjustments/:id/reverse', {
    schema: { tags, summary: 'Reverse an adjustment', params: idParams, response: { 200: adjustmentSchema, ...errorResponses } },
    config: managers,
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db, (tx) => reverseAdjustment(tx, orgOf(req), actorOf(req), req.params.id))));
};
