// /v1/sessions and /v1/me: the workspace signs in with email and password and gets an HttpOnly session cookie.
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { changePassword, checkCredentials, createSession, getOrg, MIN_PASSWORD_LENGTH, recordSignIn, revokeSession, ROLES, signInGate } from '../../orgs/index.ts';
import { recordAudit } from '../../audit/index.ts';
import type { ApiDeps } from '../context.ts';
import { asSystem, withOrg } from '../../db/index.ts';
import { actorOf, orgOf, readCookie, sessionOf, SESSION_COOKIE } from '../auth.ts';
import { errorResponses, errorSchema, sendFailure } from '../errors.ts';
import { userSchema } from './users.ts';

const meSchema = z.object({
  org: z.object({ id: z.string(), name: z.string(), default_currency: z.string(), default_language: z.string() }),
  role: z.enum(ROLES),
  user: userSchema.nullable().meta({ description: 'the signed-in user; null for an API key' }),
  csrf_token: z.string().nullable().meta({ description: 'send it as the x-cobro-csrf header on every write made with the session cookie' }),
}).meta({ id: 'Me' });

export function cookie(req: FastifyRequest, value: string, maxAgeSeconds: number): string {
  const https = req.protocol === 'https' || req.headers['x-forwarded-proto'] === 'https';
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${https ? '; Secure' : ''}`;
}

function onlyWithSession(reply: FastifyReply) {
  return sendFailure(reply, { code: 'INVALID_STATE', message: 'this needs a signed-in user, not an API key' });
}

export const sessionRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['sessions'];
  app.post('/v1/sessions', {
    schema: { tags, summary: 'Sign in with email and password; sets the HttpOnly session cookie', security: [],
      body: z.object({ email: z.string().min(3).max(320), password: z.string().min(1).max(1000), org_id: z.string().optional() }),
      response: { 201: z.object({ user: userSchema, expires_at: z.string() }), ...errorResponses, 429: errorSchema } },
    config: { public: true },
  }, async (req, reply) => {
    const now = deps.now();
    // checked before the password, so a locked email costs no password hashing either
    const gate = await signInGate(deps.db, req.body.email, req.ip, now);
    if (!gate.allowed) {
      reply.header('retry-after', String(gate.retryAfterSeconds));
      return sendFailure(reply, { code: 'RATE_LIMITED', message: gate.reason ?? 'too many sign-in attempts' });
    }
    const { email, password, org_id: orgId } = req.body;
    const user = await asSystem('sign-in finds the user by email in any org', () => checkCredentials(deps.db, email, password, orgId, deps.passwordCost));
    await recordSignIn(deps.db, req.body.email, req.ip, Boolean(user), now);
    if (!user) return sendFailure(reply, { code: 'UNAUTHORIZED', message: 'the email or the password is wrong' });
    const { token, expiresAt } = await withOrg(user.org_id, async () => {
      const made = await createSession(deps.db, user, now);
      await recordAudit(deps.db, { orgId: user.org_id, actor: `user:${user.id}`, action: 'session.created', entity: 'user', entityId: user.id }, now);
      return made;
    });
    reply.header('set-cookie', cookie(req, token, Math.round((expiresAt.getTime() - now.getTime()) / 1000)));
    return reply.code(201).send({ user: { ...user, last_sign_in_at: now.toISOString() }, expires_at: expiresAt.toISOString() });
  });

  app.delete('/v1/sessions/current', {
    schema: { tags, summary: 'Sign out: ends the session of the cookie and clears it', response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    const token = readCookie(req, SESSION_COOKIE);
    if (!sessionOf(req) || !token) return onlyWithSession(reply);
    await revokeSession(deps.db, token, deps.now());
    reply.header('set-cookie', cookie(req, '', 0));
    return reply.code(204).send(null);
  });

  app.get('/v1/me', {
    schema: { tags, summary: 'Who is asking: the org, the role, the user and the CSRF token of the session', response: { 200: meSchema, ...errorResponses } },
  }, async (req) => {
    const org = (await getOrg(deps.db, orgOf(req)))!;
    const session = sessionOf(req);
    return { org: { id: org.id, name: org.name, default_currency: org.default_currency, default_language: org.default_language },
      role: req.auth!.role, user: session?.user ?? null, csrf_token: session?.csrf_token ?? null };
  });

  app.post('/v1/me/password', {
    schema: { tags, summary: 'Change the signed-in user\'s password; ends their other sessions',
      body: z.object({ current_password: z.string().min(1).max(1000), new_password: z.string().min(MIN_PASSWORD_LENGTH).max(1000) }),
      response: { 204: z.null(), ...errorResponses } },
    config: { roles: [...ROLES] },
  }, async (req, reply) => {
    const session = sessionOf(req);
    if (!session) return onlyWithSession(reply);
    const r = await changePassword(deps.db, session, req.body.current_password, req.body.new_password, deps.now(), deps.passwordCost);
    if (!r.ok) return sendFailure(reply, r.error);
    await recordAudit(deps.db, { orgId: session.org_id, actor: actorOf(req), action: 'user.password_changed', entity: 'user', entityId: session.user.id });
    return reply.code(204).send(null);
  });
};
