// /v1/reconciliation (the review queue: accept, change, reject; learned payer aliases; the org's settings) and, registered
// from here, /v1/statements.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { acceptProposal, changeProposal, forgetPayerAliases, getSettings, listPayerAliases, listProposals, rejectProposal, updateSettings,
  ALIAS_KINDS, PROPOSAL_STATUSES } from '../../reconciliation/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { idParams, pageOf, pageQuery } from '../schemas.ts';
import { inTransaction } from '../tx.ts';
import { aliasSchema, proposalSchema, settingsSchema } from './reconciliation-schemas.ts';
import { statementRoutes } from './statements.ts';
import { reconciliationQueueRoutes } from './reconciliation-queue.ts';
import { reconciliationPayoutRoutes } from './reconciliation-payouts.ts';
import { reconciliationPayoutBreakdownRoutes } from './reconciliation-payout-breakdown.ts';
import { reconciliationMpReleaseRoutes } from './reconciliation-mp-release.ts';
import { reconciliationAdyenRoutes } from './reconciliation-adyen.ts';

const WRITERS = { roles: ['admin', 'manager', 'collector'] as ('admin' | 'manager' | 'collector')[] };

export const reconciliationRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['reconciliation'];
  await app.register(statementRoutes(deps));
  await app.register(reconciliationQueueRoutes(deps));
  await app.register(reconciliationPayoutRoutes(deps));
  await app.register(reconciliationPayoutBreakdownRoutes(deps));
  await app.register(reconciliationMpReleaseRoutes(deps));
  await app.register(reconciliationAdyenRoutes(deps));
  app.get('/v1/reconciliation/proposals', {
    schema: { tags, summary: 'Match proposals (the review queue is status=proposed)',
      querystring: pageQuery.extend({ status: z.enum(PROPOSAL_STATUSES).optional() }), response: { 200: pageOf(proposalSchema), ...errorResponses } },
  }, async (req) => listProposals(deps.db, orgOf(req), req.query));

  app.post('/v1/reconciliation/proposals/:id/accept', {
    schema: { tags, summary: 'Apply a proposal as it stands; the payer account and name are learned', params: idParams,
      response: { 200: proposalSchema, ...errorResponses } },
    config: WRITERS,
  }, async (req, reply) => sendResult(reply, await acceptProposal(deps.db, orgOf(req), actorOf(req), req.params.id, deps.now)));

  app.post('/v1/reconciliation/proposals/:id/reject', {
    schema: { tags, summary: 'Reject a proposal; the line goes back to unmatched', params: idParams, response: { 200: proposalSchema, ...errorResponses } },
    config: WRITERS,
  }, async (req, reply) => sendResult(reply, await rejectProposal(deps.db, orgOf(req), actorOf(req), req.params.id)));

  app.post('/v1/reconciliation/proposals/:id/change', {
    schema: { tags, summary: 'Apply the line to other invoices, amounts or bank fees; what is left stays as customer credit', params: idParams,
      body: z.object({ allocations: z.array(z.object({ invoice_id: z.string().min(1),
        amount: z.number().int().min(0).meta({ description: 'minor units of the line paid to this invoice' }),
        fee: z.number().int().min(0).optional().meta({ description: 'minor units the bank kept, written off this invoice as a bank fee' }) })).max(500),
        customer_id: z.string().min(1).optional() }),
      response: { 200: proposalSchema, ...errorResponses } },
    config: WRITERS,
  }, async (req, reply) => sendResult(reply, await changeProposal(deps.db, orgOf(req), actorOf(req), req.params.id,
    { allocations: req.body.allocations.map((a) => ({ invoice_id: a.invoice_id, amount: a.amount, fee: a.fee ?? 0 })),
      ...(req.body.customer_id ? { customer_id: req.body.customer_id } : {}) }, deps.now)));

  app.get('/v1/reconciliation/aliases', {
    schema: { tags, summary: 'Payer accounts and names learned from accepted matches',
      querystring: pageQuery.extend({ kind: z.enum(ALIAS_KINDS).optional(), customer_id: z.string().min(1).optional(),
        value: z.string().min(1).max(200).optional() }), response: { 200: pageOf(aliasSchema), ...errorResponses } },
  }, async (req) => listPayerAliases(deps.db, orgOf(req), req.query));

  app.delete('/v1/reconciliation/aliases/:id', {
    schema: { tags, summary: 'Forget one learned payer alias', params: idParams,
      response: { 200: z.object({ forgotten: z.number().int() }), ...errorResponses } },
    config: WRITERS,
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db, (tx) => forgetPayerAliases(tx, orgOf(req), actorOf(req), { id: req.params.id }))));

  app.post('/v1/reconciliation/aliases/forget', {
    schema: { tags, summary: 'Forget a learned payer account or name, for every customer or for one',
      body: z.object({ kind: z.enum(ALIAS_KINDS), value: z.string().min(1).max(200), customer_id: z.string().min(1).optional() }),
      response: { 200: z.object({ forgotten: z.number().int() }), ...errorResponses } },
    config: WRITERS,
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db, (tx) => forgetPayerAliases(tx, orgOf(req), actorOf(req), req.body))));

  app.get('/v1/reconciliation/settings', {
    schema: { tags, summary: 'The auto-apply threshold and bank fee tolerance', response: { 200: settingsSchema, ...errorResponses } },
  }, async (req) => getSettings(deps.db, orgOf(req)));

  app.put('/v1/reconciliation/settings', {
    schema: { tags, summary: 'Change the auto-apply threshold or fee tolerance', body: settingsSchema.partial(), response: { 200: settingsSchema, ...errorResponses } },
    config: { roles: ['admin', 'manager'] },
  }, async (req, reply) => sendResult(reply, await inTransaction(deps.db, async (tx) => ({ ok: true as const,
    value: await updateSettings(tx, orgOf(req), actorOf(req), Object.fromEntries(Object.entries(req.body).filter(([, v]) => v !== undefined))) }))));
};
