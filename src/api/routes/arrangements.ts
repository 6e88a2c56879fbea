// /v1/negotiation-limits (what promises, plans, extensions and discounts may be), a customer's arrangements with their
// timeline, and /v1/arrangements/evaluate (judge promises and plans now; the worker does it every round).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { arrangementTimeline, customerArrangements, evaluateArrangements, getLimits, LimitsSchema, setLimits } from '../../payments/index.ts';
import { getCustomer } from '../../ledger/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendFailure, sendResult } from '../errors.ts';
import { idParams } from '../schemas.ts';
import { inTransaction } from '../tx.ts';
import { arrangementEntrySchema, discountSchema, disputeSchema, extensionSchema, planSchema, promiseSchema } from './arrangement-schemas.ts';

const limitsSchema = LimitsSchema.meta({ id: 'NegotiationLimits' });
const managers = { roles: ['admin', 'manager'] as ('admin' | 'manager')[] };

export const arrangementRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/v1/negotiation-limits', {
    schema: { tags: ['negotiation limits'], summary: 'The org\'s negotiation limits (the defaults where it set none)', response: { 200: limitsSchema, ...errorResponses } },
  }, async (req) => getLimits(deps.db, orgOf(req)));

  app.put('/v1/negotiation-limits', {
    schema: { tags: ['negotiation limits'], summary: 'Change negotiation limits: the settings given change, the others keep their values',
      body: z.record(z.string(), z.unknown()), querystring: z.object({ replace: z.enum(['true', 'false']).optional().meta({ description: 'start again from the defaults' }) }),
      response: { 200: limitsSchema, ...errorResponses } },
    config: managers,
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db,
    (tx) => setLimits(tx, orgOf(req), actorOf(req), req.body, deps.now(), req.query.replace === 'true'))));

  app.get('/v1/customers/:id/arrangements', {
    schema: { tags: ['promises'], summary: 'A customer\'s promises, plans, disputes, extensions and discount offers, with their timeline',
      params: idParams, response: { 200: z.object({ promises: z.array(promiseSchema), plans: z.array(planSchema), disputes: z.array(disputeSchema),
        extensions: z.array(extensionSchema), discounts: z.array(discountSchema), timeline: z.array(arrangementEntrySchema) }), ...errorResponses } },
  }, async (req, reply) => {
    const c = await getCustomer(deps.db, orgOf(req), req.params.id);
    if (!c.ok) return sendFailure(reply, c.error);
    return { ...(await customerArrangements(deps.db, orgOf(req), c.value.id)), timeline: await arrangementTimeline(deps.db, orgOf(req), c.value.id) };
  });

  app.post('/v1/arrangements/evaluate', {
    schema: { tags: ['promises'], summary: 'Judge due promises and plans and apply earned discounts now (the worker does it every round)',
      response: { 200: z.object({ promises: z.record(z.string(), z.number()), plans: z.record(z.string(), z.number()),
        discounts: z.record(z.string(), z.number()), replanned: z.number() }), ...errorResponses } },
    config: managers,
  }, async (req) => evaluateArrangements(deps.db, orgOf(req), deps.now()));
};
