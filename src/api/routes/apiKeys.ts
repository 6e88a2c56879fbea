// /v1/api-keys: admins create keys (the secret is shown once), list them with last use, and revoke them.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createApiKey, listApiKeys, revokeApiKey, ROLES } from '../../orgs/index.ts';
import { recordAudit } from '../../audit/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendFailure } from '../errors.ts';
import { idParams } from '../schemas.ts';

const keySchema = z.object({
  id: z.string(), name: z.string(), role: z.enum(ROLES), prefix: z.string(), created_at: z.string(),
  last_used_at: z.string().nullable(), revoked_at: z.string().nullable(),
}).meta({ id: 'ApiKey' });

export const apiKeyRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['api keys'];
  const config = { roles: ['admin'] as 'admin'[] };
  app.post('/v1/api-keys', {
    schema: { tags, summary: 'Create an API key; its secret is in this response only', body: z.object({ role: z.enum(ROLES), name: z.string().min(1).max(100).default('api') }),
      response: { 201: keySchema.extend({ secret: z.string() }), ...errorResponses } },
    config,
  }, async (req, reply) => {
    const { key, secret } = await createApiKey(deps.db, orgOf(req), req.body.role, req.body.name);
    await recordAudit(deps.db, { orgId: orgOf(req), actor: actorOf(req), action: 'api_key.created', entity: 'api_key', entityId: key.id, data: { role: key.role } });
    return reply.code(201).send({ ...key, secret });
  });

  app.get('/v1/api-keys', {
    schema: { tags, summary: 'List API keys', response: { 200: z.object({ data: z.array(keySchema) }), ...errorResponses } }, config,
  }, async (req) => ({ data: await listApiKeys(deps.db, orgOf(req)) }));

  app.delete('/v1/api-keys/:id', {
    schema: { tags, summary: 'Revoke an API key', params: idParams, response: { 204: z.null(), ...errorResponses } }, config,
  }, async (req, reply) => {
    if (!(await revokeApiKey(deps.db, orgOf(req), req.params.id))) return sendFailure(reply, { code: 'NOT_FOUND', message: `no live key ${req.params.id}`, field: 'id' });
    await recordAudit(deps.db, { orgId: orgOf(req), actor: actorOf(req), action: 'api_key.revoked', entity: 'api_key', entityId: req.params.id });
    return reply.code(204).send(null);
  });
};
