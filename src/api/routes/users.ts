// /v1/users: admins invite users (a one-time password is in the response only) and list them.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createUser, listUsers, ROLES } from '../../orgs/index.ts';
import { recordAudit } from '../../audit/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendFailure } from '../errors.ts';

export const userSchema = z.object({
  id: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES), must_change_password: z.boolean(),
  created_at: z.string(), last_sign_in_at: z.string().nullable(),
}).meta({ id: 'User' });

export const userRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['users'];
  app.post('/v1/users', {
    schema: { tags, summary: 'Invite a user; the one-time password is in this response only',
      body: z.object({ email: z.string().min(3).max(320), role: z.enum(ROLES), name: z.string().max(200).optional() }),
      response: { 201: userSchema.extend({ password: z.string().meta({ description: 'one-time password; the user changes it after signing in' }) }),
        ...errorResponses } },
    config: { roles: ['admin'] },
  }, async (req, reply) => {
    const r = await createUser(deps.db, orgOf(req), { email: req.body.email, role: req.body.role, ...(req.body.name ? { name: req.body.name } : {}),
      ...(deps.passwordCost ? { passwordCost: deps.passwordCost } : {}) });
    if (!r.ok) return sendFailure(reply, r.error);
    const { user, password } = r.value;
    await recordAudit(deps.db, { orgId: orgOf(req), actor: actorOf(req), action: 'user.created', entity: 'user', entityId: user.id, data: { role: user.role } });
    return reply.code(201).send({ ...user, password });
  });

  app.get('/v1/users', {
    schema: { tags, summary: 'List the org\'s users', response: { 200: z.object({ data: z.array(userSchema) }), ...errorResponses } },
    config: { roles: ['admin', 'manager'] },
  }, async (req) => ({ data: await listUsers(deps.db, orgOf(req)) }));
};
