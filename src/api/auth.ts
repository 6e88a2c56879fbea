// Authentication by API key (Authorization: Bearer) or by the workspace's session cookie, and the role check of every route.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate, canWrite, sessionFor, type Session } from '../orgs/index.ts';
import { hasPrefix } from '../domain/ids.ts';
import { asSystem } from '../db/index.ts';
import type { ApiDeps } from './context.ts';
import { sendFailure } from './errors.ts';

export function registerAuth(app: FastifyInstance, deps: ApiDeps): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (req, reply) => {
    const config = req.routeOptions.config;
    if (config?.public || !req.routeOptions.url || req.routeOptions.url.startsWith('/docs')) return;
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const cookie = m ? undefined : readCookie(req, SESSION_COOKIE);
    if (cookie) return authenticateSession(deps, req, reply, cookie);
    if (!m) return sendFailure(reply, { code: 'UNAUTHORIZED', message: 'send an API key as "Authorization: Bearer <key>", or sign in' });
    const key = await asSystem('an API key names its org', () => authenticate(deps.db, m[1]!));
    if (!key) return sendFailure(reply, { code: 'UNAUTHORIZED', message: 'the API key is unknown or revoked' });
    req.auth = { orgId: key.org_id, role: key.role, keyId: key.id };
    if (!allowed(req)) {
      return sendFailure(reply, { code: 'FORBIDDEN', message: `the ${key.role} role cannot ${req.method} ${req.routeOptions.url}` });
    }
  });
}

/** The workspace's session cookie, and the header that must repeat the session's CSRF token on every write. */
export const SESSION_COOKIE = 'cobro_session';
export const CSRF_HEADER = 'x-cobro-csrf';
const sessions = new WeakMap<FastifyRequest, Session>();

/** The session a request was authenticated by, when it came with the cookie rather than an API key. */
export function sessionOf(req: FastifyRequest): Session | undefined {
  return sessions.get(req);
}

export function readCookie(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

// A cookie is sent by the browser on its own, so a write must also prove the page read /v1/me (a cross-site form cannot).
async function authenticateSession(deps: ApiDeps, req: FastifyRequest, reply: FastifyReply, token: string) {
  const session = await asSystem('a session cookie names its org', () => sessionFor(deps.db, token, deps.now()));
  if (!session) return sendFailure(reply, { code: 'UNAUTHORIZED', message: 'the session has ended or expired; sign in again' });
  if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method) && !sameToken(req.headers[CSRF_HEADER], session.csrf_token)) {
    return sendFailure(reply, { code: 'FORBIDDEN', message: `a write with the session cookie needs the ${CSRF_HEADER} header from GET /v1/me`, field: CSRF_HEADER });
  }
  req.auth = { orgId: session.org_id, role: session.user.role, keyId: session.user.id };
  sessions.set(req, session);
  if (!allowed(req)) {
    return sendFailure(reply, { code: 'FORBIDDEN', message: `the ${session.user.role} role cannot ${req.method} ${req.routeOptions.url}` });
  }
}

function sameToken(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function allowed(req: FastifyRequest): boolean {
  const role = req.auth!.role;
  const roles = req.routeOptions.config?.roles;
  if (roles) return roles.includes(role);
  return req.method === 'GET' || req.method === 'HEAD' || canWrite(role);
}

export function orgOf(req: FastifyRequest): string {
  if (!req.auth) throw new Error('route reached without authentication');
  return req.auth.orgId;
}

export function actorOf(req: FastifyRequest): string {
  if (!req.auth) return 'anonymous';
  return hasPrefix(req.auth.keyId, 'user') ? `user:${req.auth.keyId}` : `key:${req.auth.keyId}`;
}
