// /v1/audit: the audit log of a customer or an entity, and a check of the whole chain.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditTrail, customerAudit, verifyAudit } from '../../audit/index.ts';
import { getCustomer } from '../../ledger/index.ts';
import type { ApiDeps } from '../context.ts';
import { orgOf } from '../auth.ts';
import { errorResponses, sendFailure } from '../errors.ts';

const entry = z.object({ id: z.string(), seq: z.number(), at: z.string(), actor: z.string(), action: z.string(), entity: z.string(),
  entity_id: z.string(), data: z.unknown(), hash: z.string() }).meta({ id: 'AuditEntry' });

export const auditRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['audit'];
  app.get('/v1/audit', {
    schema: { tags, summary: 'Audit entries of one customer (with its invoices and payments) or of one entity',
      querystring: z.object({ customer_id: z.string().optional(), entity: z.string().optional(), entity_id: z.string().optional() }),
      response: { 200: z.object({ data: z.array(entry) }), ...errorResponses } },
    config: { roles: ['admin', 'manager'] },
  }, async (req, reply) => {
    const orgId = orgOf(req);
    if (req.query.customer_id) {
      const c = await getCustomer(deps.db, orgId, req.query.customer_id);
      if (!c.ok) return sendFailure(reply, c.error);
      return { data: await customerAudit(deps.db, orgId, c.value.id) };
    }
    if (req.query.entity && req.query.entity_id) return { data: await auditTrail(deps.db, orgId, req.query.entity, req.query.entity_id) };
    return sendFailure(reply, { code: 'VALIDATION_FAILED', message: 'give customer_id, or entity and entity_id', field: 'customer_id' });
  });

  app.get('/v1/audit/verify', {
    schema: { tags, summary: 'Check that no audit entry was changed or deleted',
      response: { 200: z.object({ ok: z.boolean(), entries: z.number(), head: z.string().nullable().optional(), seq: z.number().optional(),
        id: z.string().nullable().optional(), reason: z.string().optional() }), ...errorResponses } },
    config: { roles: ['admin'] },
  }, async (req) => verifyAudit(deps.db, orgOf(req)));
};
