// /v1/sso: admins configure the org's OpenID Connect provider; the sign-in page finds it (by org id or email domain),
// sends the browser to the provider (/v1/sso/start) and the provider sends it back (/v1/sso/callback) to a normal session.
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createSession, ROLES } from '../../orgs/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { vaultKey } from '../../vault/index.ts';
import { deleteSso, finishSsoSignIn, LOGIN_MINUTES, putSso, showSso, ssoButtonForOrg, ssoButtonsForEmail, startSsoSignIn } from '../../sso/index.ts';
import { RateLimiter } from '../../ops/index.ts';
import type { ApiDeps } from '../context.ts';
import { asSystem, withOrg } from '../../db/index.ts';
import { inNamedOrg } from '../org-scope.ts';
import { actorOf, orgOf, readCookie } from '../auth.ts';
import { errorResponses, errorSchema, sendFailure, sendResult } from '../errors.ts';
import { cookie as sessionCookie } from './sessions.ts';

export const SSO_LOGIN_COOKIE = 'cobro_sso_login';
const CALLBACK = '/v1/sso/callback';

const summarySchema = z.object({
  label: z.string(), issuer: z.string(), client_id: z.string(),
  client_secret_hint: z.string().meta({ description: 'the last four characters of the stored client secret' }),
  allowed_domains: z.array(z.string()), default_role: z.enum(ROLES).nullable(), role_claim: z.string().nullable(),
  role_map: z.record(z.string(), z.enum(ROLES)), create_users: z.boolean(), enabled: z.boolean(), updated_at: z.string(), updated_by: z.string(),
  redirect_uri: z.string().meta({ description: 'register this as the redirect URI at the provider' }),
}).meta({ id: 'SsoSettings' });

const buttonSchema = z.object({ org_id: z.string(), label: z.string(), start_url: z.string() });

/** The address the provider sends the browser back to: COBRO_PUBLIC_URL's, or this request's own host. */
function redirectUri(deps: ApiDeps, req: FastifyRequest): string {
  const base = deps.messaging?.publicUrl ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;
  return `${base.replace(/\/+$/, '')}${CALLBACK}`;
}

function loginCookie(req: FastifyRequest, value: string, maxAgeSeconds: number): string {
  const https = req.protocol === 'https' || req.headers['x-forwarded-proto'] === 'https';
  // Lax, not Strict: the provider's redirect back is a cross-site navigation, and the cookie must come with it
  return `${SSO_LOGIN_COOKIE}=${value}; Path=/v1/sso; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${https ? '; Secure' : ''}`;
}

/** Failures go back to the sign-in page, which explains the code in the person's language. */
function backToSignIn(reply: FastifyReply, code: string, extraCookies: string[] = []) {
  if (extraCookies.length) reply.header('set-cookie', extraCookies);
  return reply.code(302).header('location', `/?sso_error=${encodeURIComponent(code)}`).header('cache-control', 'no-store').send(null);
}

export const ssoRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['sso'];
  const admin = { roles: ['admin'] as 'admin'[] };
  const key = () => vaultKey(deps.db, deps.secretKey);
  // each start asks the provider for its discovery document: an address may start 60 sign-ins a minute (a callback
  // reaches the provider only with a login cookie sealed by a start, so starts are what need counting)
  const perIp = new RateLimiter({ name: 'SSO sign-ins per address', limit: 60, windowMs: 60_000 });

  app.get('/v1/sso/settings', {
    schema: { tags, summary: 'The org\'s OpenID Connect provider (the client secret only as its last four characters)',
      response: { 200: summarySchema, ...errorResponses } }, config: admin,
  }, async (req, reply) => {
    const s = await showSso(deps.db, orgOf(req));
    if (!s) return sendFailure(reply, { code: 'NOT_FOUND', message: 'no SSO provider is configured' });
    return { ...s, redirect_uri: redirectUri(deps, req) };
  });

  app.put('/v1/sso/settings', {
    schema: { tags, summary: 'Configure the org\'s OpenID Connect provider; the client secret is sealed at rest',
      body: z.record(z.string(), z.unknown()), response: { 200: summarySchema, ...errorResponses } }, config: admin,
  }, async (req, reply) => {
    const r = await putSso(deps.db, await key(), orgOf(req), actorOf(req), req.body, deps.now());
    return sendResult(reply, r.ok ? { ok: true, value: { ...r.value, redirect_uri: redirectUri(deps, req) } } : r);
  });

  app.delete('/v1/sso/settings', {
    schema: { tags, summary: 'Remove the org\'s provider (users keep their accounts and may be given passwords)', response: { 204: z.null(), ...errorResponses } },
    config: admin,
  }, async (req, reply) => {
    if (!(await deleteSso(deps.db, orgOf(req), actorOf(req), deps.now()))) return sendFailure(reply, { code: 'NOT_FOUND', message: 'no SSO provider is configured' });
    return reply.code(204).send(null);
  });

  app.get('/v1/sso/lookup', {
    schema: { tags, summary: 'The sign-in buttons for an org id or for the domain of an email (no sign-in needed)', security: [],
      querystring: z.object({ org: z.string().max(100).optional(), email: z.string().max(320).optional() }),
      response: { 200: z.object({ data: z.array(buttonSchema) }), ...errorResponses } },
    config: { public: true },
  }, async (req) => {
    const { org, email } = req.query;
    const buttons = org ? await inNamedOrg(org, () => ssoButtonForOrg(deps.db, org))
      : email ? await asSystem('sign-in buttons are found by an email\'s domain in any org', () => ssoButtonsForEmail(deps.db, email)) : [];
    return { data: buttons.map((b) => ({ ...b, start_url: `/v1/sso/start?org=${encodeURIComponent(b.org_id)}` })) };
  });

  app.get('/v1/sso/start', {
    schema: { tags, summary: 'Sends the browser to the org\'s provider to sign in (authorization code with PKCE)', security: [],
      querystring: z.object({ org: z.string().min(1).max(100), login_hint: z.string().max(320).optional() }),
      response: { 302: z.null(), 429: errorSchema, ...errorResponses } },
    config: { public: true },
  }, async (req, reply) => {
    const v = perIp.take(req.ip, Date.now());
    if (!v.allowed) return reply.code(429).header('retry-after', String(v.retryAfterSeconds)).send({ error: { code: 'RATE_LIMITED', message: v.reason ?? 'too many requests' } });
    const vault = await key();
    const r = await inNamedOrg(req.query.org, () => startSsoSignIn(deps.db, vault, { orgId: req.query.org, redirectUri: redirectUri(deps, req), now: deps.now(),
      ...(req.query.login_hint ? { loginHint: req.query.login_hint } : {}) }));
    if (!r.ok) {
      req.log.warn({ org_id: req.query.org, sso_error: r.code, detail: r.detail }, 'SSO sign-in not started');
      return backToSignIn(reply, r.code);
    }
    reply.header('set-cookie', loginCookie(req, r.value.cookie, LOGIN_MINUTES * 60));
    return reply.code(302).header('location', r.value.url).header('cache-control', 'no-store').send(null);
  });

  app.get(CALLBACK, {
    schema: { tags, summary: 'Where the provider sends the browser back: checks state, code and id_token, then starts the session', security: [],
      querystring: z.object({ code: z.string().max(4000).optional(), state: z.string().max(500).optional(), error: z.string().max(200).optional() }).loose(),
      response: { 302: z.null(), ...errorResponses } },
    config: { public: true },
  }, async (req, reply) => {
    const now = deps.now();
    const clear = loginCookie(req, '', 0);
    const vault = await key();
    const r = await asSystem('an SSO callback\'s org is inside its sealed login cookie', () => finishSsoSignIn(deps.db, vault,
      { cookie: readCookie(req, SSO_LOGIN_COOKIE), state: req.query.state, code: req.query.code, error: req.query.error, now,
        ...(deps.passwordCost ? { passwordCost: deps.passwordCost } : {}) }));
    if (!r.ok) {
      req.log.warn({ sso_error: r.code, detail: r.detail }, 'SSO sign-in refused');
      return backToSignIn(reply, r.code, [clear]);
    }
    const { user, created } = r.value;
    const { token, expiresAt } = await withOrg(user.org_id, async () => {
      const made = await createSession(deps.db, user, now);
      await recordAudit(deps.db, { orgId: user.org_id, actor: `user:${user.id}`, action: 'session.created', entity: 'user', entityId: user.id,
        data: { method: 'sso', ...(created ? { user_created: true } : {}) } }, now);
      return made;
    });
    reply.header('set-cookie', [clear, sessionCookie(req, token, Math.round((expiresAt.getTime() - now.getTime()) / 1000))]);
    return reply.code(302).header('location', '/').header('cache-control', 'no-store').send(null);
  });
};
