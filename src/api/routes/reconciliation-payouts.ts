// /v1/reconciliation/payouts and a line's payout decisions: credits settled as a payment gateway's payout, with the
// gateway, the payout id and why; a person undoes a wrong one (the line is then matched as before) or marks one missed.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listPayoutLines, listReportedPayouts, markPayout, undoPayout, MATCH_STATES, PAYOUT_GATEWAYS, REPORTED_PAYOUT_STATUSES } from '../../reconciliation/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { idParams, pageOf, pageQuery } from '../schemas.ts';
import { summarySchema } from './statements.ts';

const WRITERS = { roles: ['admin', 'manager', 'collector'] as ('admin' | 'manager' | 'collector')[] };
const minor = z.number().int().meta({ description: 'integer minor units of the currency' });
const basis = z.enum(['text', 'reported', 'person', 'return']);

const payoutLine = z.object({
  id: z.string(), statement_id: z.string(), statement_filename: z.string().nullable(), position: z.number().int(),
  booking_date: z.string().nullable(), value_date: z.string().nullable(), amount: minor, currency: z.string(),
  counterparty_name: z.string().nullable(), counterparty_account: z.string().nullable(), remittance_text: z.string().nullable(),
  structured_reference: z.string().nullable(), end_to_end_id: z.string().nullable(), match_state: z.enum(MATCH_STATES),
  payout: z.object({ gateway: z.string(), payout_id: z.string().nullable().meta({ description: 'the gateway\'s payout id, when the line gives it (Stripe po_...)' }),
    reasons: z.array(z.string()), decided_by: z.string().nullable().meta({ description: 'null: recognised by cobro; else who marked it' }),
    decided_at: z.string().nullable(),
    basis: basis.meta({ description: 'text: by its own name and text; reported: the amount and date of a payout the gateway reported; person: marked by hand; return: a debit giving back a payout that failed' }) }),
}).meta({ id: 'PayoutLine' });

const lineState = z.object({ id: z.string(), match_state: z.enum(MATCH_STATES) });

export const reportedPayoutSchema = z.object({
  id: z.string().meta({ description: 'gateway:payout_id' }), gateway: z.string(), payout_id: z.string(), amount: minor, currency: z.string(),
  arrival_date: z.string(), statement_descriptor: z.string().nullable(),
  status: z.enum(REPORTED_PAYOUT_STATUSES).meta({ description: 'paid: reached the bank; failed, canceled: did not (final, a later paid event does not change it)' }),
  failure_code: z.string().nullable(), status_at: z.string().nullable().meta({ description: 'created time of the event that gave the status' }),
  received_at: z.string(),
  lines: z.array(z.object({ line_id: z.string(), status: z.enum(['payout', 'withdrawn', 'undone']).meta({ description: 'withdrawn: sent back to matching as the payout did not arrive' }),
    basis, match_state: z.string() })),
}).meta({ id: 'ReportedPayout' });

export const reconciliationPayoutRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['reconciliation'];
  app.get('/v1/reconciliation/payouts', {
    schema: { tags, summary: 'Credits settled as a payment gateway\'s payout: they credit no invoice and are not in the review queue (R-6)',
      querystring: pageQuery.extend({ statement_id: z.string().min(1).optional(), gateway: z.enum(PAYOUT_GATEWAYS).optional() }),
      response: { 200: pageOf(payoutLine), ...errorResponses } },
  }, async (req) => listPayoutLines(deps.db, orgOf(req), req.query));

  app.get('/v1/reconciliation/reported-payouts', {
    schema: { tags, summary: 'Payouts the gateways reported (Stripe payout.paid, payout.failed, payout.canceled), with their latest state and the bank lines tied to them',
      querystring: pageQuery.extend({ status: z.enum(REPORTED_PAYOUT_STATUSES).optional(), gateway: z.enum(PAYOUT_GATEWAYS).optional() }),
      response: { 200: pageOf(reportedPayoutSchema), ...errorResponses } },
  }, async (req) => listReportedPayouts(deps.db, orgOf(req), req.query));

  app.post('/v1/reconciliation/lines/:id/not-payout', {
    schema: { tags, summary: 'A line taken for a gateway\'s payout is not one: it is matched as before, and not taken for a payout again',
      params: idParams, body: z.object({ note: z.string().max(500).optional() }).default({}),
      response: { 200: z.object({ line: lineState, reconciliation: summarySchema }), ...errorResponses } },
    config: WRITERS,
  }, async (req, reply) => {
    const r = await undoPayout(deps.db, orgOf(req), actorOf(req), req.params.id, req.body.note ?? null, deps.now);
    return sendResult(reply, r.ok ? { ok: true as const, value: { line: { id: r.value.line.id, match_state: r.value.line.match_state },
      reconciliation: r.value.reconciliation } } : r);
  });

  app.post('/v1/reconciliation/lines/:id/payout', {
    schema: { tags, summary: 'Mark a waiting credit as a gateway\'s payout the rules did not recognise: it leaves the queue and credits no invoice',
      params: idParams, body: z.object({ gateway: z.enum(PAYOUT_GATEWAYS), payout_id: z.string().max(200).optional(), note: z.string().max(500).optional() }),
      response: { 200: lineState, ...errorResponses } },
    config: WRITERS,
  }, async (req, reply) => {
    const r = await markPayout(deps.db, orgOf(req), actorOf(req), req.params.id, { gateway: req.body.gateway,
      payout_id: req.body.payout_id ?? null, note: req.body.note ?? null }, deps.now);
    return sendResult(reply, r.ok ? { ok: true as const, value: { id: r.value.id, match_state: r.value.match_state } } : r);
  });
};
