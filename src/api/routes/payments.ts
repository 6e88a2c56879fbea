// /v1/payments: record (with explicit or oldest-first allocations), list, read, reverse.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getPayment, listPayments, recordPayment, reversePayment, dateSchema } from '../../ledger/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { idParams, newPaymentSchema, pageOf, pageQuery, paymentSchema } from '../schemas.ts';
import { inTransaction } from '../tx.ts';
import { replanAfter } from '../replan.ts';
import { applyEarnedDiscounts } from '../../payments/index.ts';

export const paymentRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['payments'];
  app.post('/v1/payments', {
    schema: { tags, summary: 'Record a payment', description: 'Without allocations the payment pays the oldest due invoices of its currency first; what is left stays as customer credit.',
      body: newPaymentSchema, response: { 201: paymentSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db,
    async (tx) => {
      const now = deps.now();
      const r = await recordPayment(tx, orgOf(req), actorOf(req), { ...req.body, source: 'api' });
      // a payment meeting an open prompt-payment offer settles the invoices before the case is re-planned
      if (r.ok) await applyEarnedDiscounts(tx, orgOf(req), [r.value.customer_id], now);
      return replanAfter(tx, orgOf(req), now, Promise.resolve(r));
    }), 201));

  app.get('/v1/payments', {
    schema: { tags, summary: 'List payments', querystring: pageQuery.extend({ customer_id: z.string().optional(), from: dateSchema.optional(),
      to: dateSchema.optional() }), response: { 200: pageOf(paymentSchema), ...errorResponses } },
  }, async (req) => listPayments(deps.db, orgOf(req), req.query));

  app.get('/v1/payments/:id', {
    schema: { tags, summary: 'Get a payment with its allocations', params: idParams, response: { 200: paymentSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await getPayment(deps.db, orgOf(req), req.params.id)));

  app.post('/v1/payments/:id/reverse', {
    schema: { tags, summary: 'Reverse a payment (returned transfer, refund, chargeback)', params: idParams,
      body: z.object({ reason: z.string().min(1).max(500) }), response: { 200: paymentSchema, ...errorResponses } },
    config: { roles: ['admin', 'manager'] },
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db,
    (tx) => replanAfter(tx, orgOf(req), deps.now(), reversePayment(tx, orgOf(req), actorOf(req), req.params.id, req.body.reason)))));
};
