// /v1/audit: the audit log of a customer or an entity, a search of the whole log, and a check of the whole chain.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditTrail, customerAudit, searchAudit, verifyAudit } from '../../audit/index.ts';
import { getCustomer } from '../../ledger/index.ts';
import type { ApiDeps } from '../context.ts';
import { orgOf } from '../auth.ts';
import { errorResponses, sendFailure } from '../errors.ts';

const entry = z.object({ id: z.string(), lane: z.number().optional().meta({ description: 'the chain (lane) the entry is in; seq is its place there' }), seq: z.number(), at: z.string(), actor: z.string(), action: z.string(), entity: z.string(),
  entity_id: z.string(), data: z.unknown(), hash: z.string() }).meta({ id: 'AuditEntry' });

const search = z.object({
  customer_id: z.string().optional(), entity: z.string().max(100).optional(), entity_id: z.string().max(200).optional(),
  actor: z.string().max(200).optional(), action: z.string().max(100).optional().meta({ description: 'an action, or a family ending with a dot (webhook.)' }),
  from: z.iso.date().optional(), to: z.iso.date().optional().meta({ description: 'the last day included (UTC)' }),
  q: z.string().max(200).optional().meta({ description: 'words in the actor, action, object id or data' }),
  limit: z.coerce.number().int().min(1).max(500).optional(), cursor: z.string().regex(/^\d+$/).optional(),
});

export const auditRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['audit'];
  app.get('/v1/audit', {
    schema: { tags, summary: 'Audit entries of one customer (with its invoices and payments), of one entity, or searched (newest first, by cursor)',
      querystring: search,
      response: { 200: z.object({ data: z.array(entry), has_more: z.boolean().optional(), next_cursor: z.string().nullable().optional() }), ...errorResponses } },
    config: { roles: ['admin', 'manager'] },
  }, async (req, reply) => {
    const orgId = orgOf(req);
    if (req.query.customer_id) {
      const c = await getCustomer(deps.db, orgId, req.query.customer_id);
      if (!c.ok) return sendFailure(reply, c.error);
      return { data: await customerAudit(deps.db, orgId, c.value.id) };
    }
    const f = req.query;
    const searching = f.actor || f.action || f.from || f.to || f.q || f.limit || f.cursor;
    if (f.entity && f.entity_id && !searching) return { data: await auditTrail(deps.db, orgId, f.entity, f.entity_id) };
    if (f.from && f.to && f.from > f.to) return sendFailure(reply, { code: 'VALIDATION_FAILED', message: 'from must not be after to', field: 'from' });
    return searchAudit(deps.db, orgId, { ...(f.actor ? { actor: f.actor } : {}), ...(f.action ? { action: f.action } : {}),
      ...(f.entity ? { entity: f.entity } : {}), ...(f.entity_id ? { entityId: f.entity_id } : {}), ...(f.q ? { text: f.q } : {}),
      ...(f.from ? { from: new Date(`${f.from}T00:00:00Z`) } : {}), ...(f.to ? { to: new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000) } : {}),
      ...(f.limit ? { limit: f.limit } : {}), ...(f.cursor ? { cursor: f.cursor } : {}) });
  });

  app.get('/v1/audit/verify', {
    schema: { tags, summary: 'Check that no audit entry was changed or deleted',
      response: { 200: z.object({ ok: z.boolean(), entries: z.number(), lanes: z.number().optional(), head: z.string().nullable().optional(), lane: z.number().optional(), seq: z.number().optional(),
        id: z.string().nullable().optional(), reason: z.string().optional() }), ...errorResponses } },
    config: { roles: ['admin'] },
  }, async (req) => verifyAudit(deps.db, orgOf(req)));
};
