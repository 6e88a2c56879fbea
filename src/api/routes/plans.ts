// /v1/plans: instalment plans within the negotiation limits: preview a schedule, create, list, the options the portal
// offers, cancel; and /v1/discounts, prompt-payment discount offers.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createPlan, getPlan, listDiscountOffers, listPlans, offerDiscount, planOptions, previewPlan, type PlanRequest } from '../../payments/index.ts';
import { ok } from '../../domain/result.ts';
import { confirmStaffArrangement, staffCancelPlan } from '../../portal/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { dateSchema } from '../../ledger/index.ts';
import { idParams } from '../schemas.ts';
import { inTransaction } from '../tx.ts';
import { apiFields, apiSource, cancelSchema, discountSchema, newPlanSchema, planOptionSchema, planSchema, recordedPlanSchema, schedulePreviewSchema, scheduleBody } from './arrangement-schemas.ts';

const managers = { roles: ['admin', 'manager'] as ('admin' | 'manager')[] };

function planRequest(b: z.infer<typeof newPlanSchema>): PlanRequest {
  return { customerId: b.customer_id, instalments: b.instalments, source: b.source, ...(b.down_payment !== undefined ? { downPayment: b.down_payment } : {}),
    ...(b.frequency ? { frequency: b.frequency } : {}), ...(b.first_due_date ? { firstDueDate: b.first_due_date } : {}), ...(b.currency ? { currency: b.currency } : {}) };
}

export const planRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['plans'];
  app.post('/v1/plans/preview', {
    schema: { tags, summary: 'The schedule a plan would have, without saving it', body: newPlanSchema, response: { 200: schedulePreviewSchema, ...errorResponses } },
  }, async (req, reply) => {
    const r = apiFields(await previewPlan(deps.db, orgOf(req), planRequest(req.body), deps.now()));
    return sendResult(reply, r.ok ? ok(scheduleBody(r.value)) : r);
  });

  app.post('/v1/plans', {
    schema: { tags, summary: 'Create an instalment plan',
      description: 'For what the customer owes in one currency on open, undisputed invoices. The schedule always sums to that balance plus interest (when the org charges it; it is added to the ledger as an `interest` adjustment) and respects every negotiation limit, or the request fails naming the limit (`field`, and the limit in the message). The plan replaces a pending promise and stops the strategy while it is current; each instalment gets a reminder 3 days before it falls due; an instalment unpaid after its grace breaks the plan and the strategy\'s `plan_instalment_missed` step fires.',
      body: newPlanSchema, response: { 201: recordedPlanSchema, ...errorResponses } },
  }, async (req, reply) => {
    const [org, actor, now] = [orgOf(req), actorOf(req), deps.now()];
    return sendResult(reply, apiFields(await inTransaction(deps.db, async (tx) => {
      const r = await createPlan(tx, org, actor, planRequest(req.body), now);
      if (!r.ok) return r;
      return ok({ ...r.value, confirmation: await confirmStaffArrangement(tx, org, actor, { kind: 'plan', plan: r.value }, req.body, now) });
    })), 201);
  });

  app.get('/v1/plans', {
    schema: { tags, summary: 'List plans with their instalments and what is paid',
      querystring: z.object({ customer_id: z.string().optional(), status: z.enum(['active', 'completed', 'broken', 'cancelled']).optional() }),
      response: { 200: z.object({ data: z.array(planSchema) }), ...errorResponses } },
  }, async (req) => ({ data: await listPlans(deps.db, orgOf(req), { ...(req.query.customer_id ? { customerId: req.query.customer_id } : {}),
    ...(req.query.status ? { status: req.query.status } : {}) }) }));

  app.get('/v1/plans/options', {
    schema: { tags, summary: 'The plans the portal offers a customer: each count and frequency the limits allow, with the minimum down payment',
      querystring: z.object({ customer_id: z.string().min(1) }), response: { 200: z.object({ data: z.array(planOptionSchema) }), ...errorResponses } },
  }, async (req, reply) => {
    const r = apiFields(await planOptions(deps.db, orgOf(req), req.query.customer_id, deps.now()));
    return sendResult(reply, r.ok ? ok({ data: r.value.map((o) => ({ ...scheduleBody(o), count: o.count })) }) : r);
  });

  app.get('/v1/plans/:id', {
    schema: { tags, summary: 'A plan with its instalments and what is paid', params: idParams, response: { 200: planSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await getPlan(deps.db, orgOf(req), req.params.id)));

  app.post('/v1/plans/:id/cancel', {
    schema: { tags, summary: 'Cancel an active plan: the case returns to its strategy; interest not yet earned is taken off the ledger',
      description: 'Paid instalments stay paid. Confirmed to the debtor in writing (saying the company cancelled it, what stays paid and that reminders resume; through the compliance gate) unless `confirm` is false or the org turned confirmations of staff arrangements off; `confirmation` says what came of it.',
      params: idParams, body: cancelSchema, response: { 200: recordedPlanSchema, ...errorResponses } },
    config: managers,
  }, async (req, reply) => sendResult(reply, apiFields(await inTransaction(deps.db,
    (tx) => staffCancelPlan(tx, orgOf(req), actorOf(req), req.params.id, req.body, deps.now())))));

  app.post('/v1/discounts', {
    schema: { tags, summary: 'Offer a prompt-payment discount',
      description: 'A share (basis points, at most the limit) off what is owed in one currency if the rest is paid by `pay_by`; applied as `discount` adjustments once payments dated from the offer to `pay_by` reach the rest.',
      body: z.object({ customer_id: z.string().min(1), basis_points: z.number().int().min(1).max(10_000), pay_by: dateSchema, currency: z.string().optional(), source: apiSource }),
      response: { 201: discountSchema, ...errorResponses } },
    config: managers,
  }, async (req, reply) => sendResult(reply, apiFields(await inTransaction(deps.db, (tx) => offerDiscount(tx, orgOf(req), actorOf(req), {
    customerId: req.body.customer_id, basisPoints: req.body.basis_points, payBy: req.body.pay_by, source: req.body.source,
    ...(req.body.currency ? { currency: req.body.currency.toUpperCase() } : {}) }, deps.now()))), 201));

  app.get('/v1/discounts', {
    schema: { tags, summary: 'List discount offers', querystring: z.object({ customer_id: z.string().optional() }),
      response: { 200: z.object({ data: z.array(discountSchema) }), ...errorResponses } },
  }, async (req) => ({ data: await listDiscountOffers(deps.db, orgOf(req), req.query.customer_id) }));
};
