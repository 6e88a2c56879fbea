// /v1/agent/claims: payments debtors say they made, holding their reminders while verified; a person confirms or rejects one.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listClaims, resolveClaim } from '../../agent/index.ts';
import { claimProof } from '../../agent/claim-proof.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';

const tags = ['agent'];
const status = z.enum(['open', 'confirmed', 'rejected', 'expired']);
const claim = z.object({
  id: z.string(), customer_id: z.string(), case_id: z.string(), turn_id: z.string(), task_id: z.string(), invoice_ids: z.array(z.string()),
  amount: z.number().nullable(), currency: z.string().nullable(), paid_on: z.string().nullable(), status, hold_until: z.string(), created_at: z.string(),
  resolved_at: z.string().nullable(), resolved_by: z.string().nullable(), note: z.string().nullable(),
  proof: z.array(z.object({ id: z.string(), inbound_id: z.string(), status: z.string() })).meta({ description:
    'files the debtor sent as its proof (a receipt\'s photo, a PDF): GET /v1/replies/{inbound_id}/attachments/{id}' }),
}).meta({ id: 'AgentClaim' });

export const agentClaimRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/v1/agent/claims', {
    schema: { tags, summary: 'Claimed payments (newest first): while one is open, the case\'s reminders are held until hold_until',
      querystring: z.object({ customer_id: z.string().optional(), status: status.optional() }),
      response: { 200: z.object({ data: z.array(claim) }), ...errorResponses } },
  }, async (req) => {
    const rows = await listClaims(deps.db, orgOf(req), { ...(req.query.customer_id ? { customerId: req.query.customer_id } : {}),
      ...(req.query.status ? { status: req.query.status } : {}) });
    const proof = await claimProof(deps.db, orgOf(req), rows.map((r) => r.id));
    return { data: rows.map((r) => ({ ...r, proof: proof.get(r.id) ?? [] })) };
  });

  app.post('/v1/agent/claims/:id/resolution', {
    schema: { tags, summary: 'Confirm a claimed payment (it was found) or reject it (it was not: reminders resume at once); its task is completed',
      params: z.object({ id: z.string() }), body: z.object({ outcome: z.enum(['confirm', 'reject']), note: z.string().max(1000).optional() }),
      response: { 200: claim, ...errorResponses } },
    config: { roles: ['admin', 'manager', 'collector'] },
  }, async (req, reply) => {
    const r = await deps.db.transaction((tx) => resolveClaim(tx, orgOf(req), actorOf(req), req.params.id, req.body.outcome, req.body.note ?? null, deps.now()));
    return sendResult(reply, r.ok ? { ok: true, value: { ...r.value, proof: (await claimProof(deps.db, orgOf(req), [r.value.id])).get(r.value.id) ?? [] } } : r);
  });
};
