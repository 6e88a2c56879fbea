// /v1/reconciliation/queue and /v1/reconciliation/lines: the review screen's reads (waiting credits with their proposals,
// open invoices to choose from) and a person's decisions on a line (apply it to chosen invoices, mark it not ours).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assignLine, dismissLine, restoreLine, reviewQueue, searchOpenInvoices, MATCH_STATES } from '../../reconciliation/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { idParams, pageOf, pageQuery } from '../schemas.ts';
import { proposalSchema } from './reconciliation-schemas.ts';

const WRITERS = { roles: ['admin', 'manager', 'collector'] as ('admin' | 'manager' | 'collector')[] };
const minor = z.number().int().meta({ description: 'integer minor units of the currency' });

const queueInvoice = z.object({ id: z.string(), number: z.string(), customer_id: z.string(), customer_name: z.string(), currency: z.string(),
  amount: minor, balance: minor, due_date: z.string(), status: z.string() }).meta({ id: 'QueueInvoice' });

const waitingLine = z.object({
  id: z.string(), statement_id: z.string(), statement_filename: z.string().nullable(), position: z.number().int(),
  booking_date: z.string().nullable(), value_date: z.string().nullable(), amount: minor, currency: z.string(),
  counterparty_name: z.string().nullable(), counterparty_account: z.string().nullable(), remittance_text: z.string().nullable(),
  structured_reference: z.string().nullable(), end_to_end_id: z.string().nullable(), match_state: z.enum(MATCH_STATES),
  proposal: proposalSchema.omit({ line: true }).nullable(), customer_name: z.string().nullable(),
  invoices: z.array(queueInvoice).meta({ description: 'the invoices the proposal names, as they stand now' }),
}).meta({ id: 'WaitingLine' });

const allocations = z.array(z.object({ invoice_id: z.string().min(1),
  amount: z.number().int().min(0).meta({ description: 'minor units of the line paid to this invoice' }),
  fee: z.number().int().min(0).optional().meta({ description: 'minor units the bank kept, written off this invoice as a bank fee' }) })).max(500);

export const reconciliationQueueRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['reconciliation'];
  app.get('/v1/reconciliation/queue', {
    schema: { tags, summary: 'Credits waiting for a person: in review with a proposal, or unmatched with none, oldest first (state=not_receivable: those marked not ours)',
      querystring: pageQuery.extend({ statement_id: z.string().min(1).optional(), state: z.enum(['review', 'unmatched', 'not_receivable']).optional() }),
      response: { 200: pageOf(waitingLine), ...errorResponses } },
  }, async (req) => reviewQueue(deps.db, orgOf(req), req.query));

  app.get('/v1/reconciliation/invoices', {
    schema: { tags, summary: 'Open invoices to apply a line to, by number, customer name or exact customer external id',
      querystring: z.object({ q: z.string().max(200).optional(), currency: z.string().length(3).optional(), customer_id: z.string().optional(),
        limit: z.coerce.number().int().min(1).max(100).optional() }),
      response: { 200: z.object({ data: z.array(queueInvoice) }), ...errorResponses } },
  }, async (req) => ({ data: await searchOpenInvoices(deps.db, orgOf(req), req.query) }));

  app.post('/v1/reconciliation/lines/:id/assign', {
    schema: { tags, summary: 'Apply a waiting line to the invoices and amounts a person chose (split across several); what is left stays as customer credit',
      params: idParams, body: z.object({ allocations, customer_id: z.string().min(1).optional() }), response: { 200: proposalSchema, ...errorResponses } },
    config: WRITERS,
  }, async (req, reply) => sendResult(reply, await assignLine(deps.db, orgOf(req), actorOf(req), req.params.id,
    { allocations: req.body.allocations.map((a) => ({ invoice_id: a.invoice_id, amount: a.amount, fee: a.fee ?? 0 })),
      ...(req.body.customer_id ? { customer_id: req.body.customer_id } : {}) }, deps.now)));

  app.post('/v1/reconciliation/lines/:id/not-ours', {
    schema: { tags, summary: 'Mark a waiting credit as not a customer payment: nothing is booked and it leaves the queue',
      params: idParams, body: z.object({ note: z.string().max(500).optional() }).default({}),
      response: { 200: z.object({ id: z.string(), match_state: z.enum(MATCH_STATES) }), ...errorResponses } },
    config: WRITERS,
  }, async (req, reply) => {
    const r = await dismissLine(deps.db, orgOf(req), actorOf(req), req.params.id, req.body.note ?? null);
    return sendResult(reply, r.ok ? { ok: true as const, value: { id: r.value.id, match_state: r.value.match_state } } : r);
  });

  app.post('/v1/reconciliation/lines/:id/restore', {
    schema: { tags, summary: 'Put a credit marked not ours back on the queue, unmatched',
      params: idParams, body: z.object({ note: z.string().max(500).optional() }).default({}),
      response: { 200: z.object({ id: z.string(), match_state: z.enum(MATCH_STATES) }), ...errorResponses } },
    config: WRITERS,
  }, async (req, reply) => {
    const r = await restoreLine(deps.db, orgOf(req), actorOf(req), req.params.id, req.body.note ?? null);
    return sendResult(reply, r.ok ? { ok: true as const, value: { id: r.value.id, match_state: r.value.match_state } } : r);
  });
};
