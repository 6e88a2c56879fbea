// API key authentication (Authorization: Bearer) and the role check of every route.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, canWrite } from '../orgs/index.ts';
import type { ApiDeps } from './context.ts';
import { sendFailure } from './errors.ts';

export function registerAuth(app: FastifyInstance, deps: ApiDeps): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (req, reply) => {
    const config = req.routeOptions.config;
    if (config?.public || !req.routeOptions.url || req.routeOptions.url.startsWith('/docs')) return;
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) return sendFailure(reply, { code: 'UNAUTHORIZED', message: 'send an API key as "Authorization: Bearer <key>"' });
    const key = await authenticate(deps.db, m[1]!);
    if (!key) return sendFailure(reply, { code: 'UNAUTHORIZED', message: 'the API key is unknown or revoked' });
    req.auth = { orgId: key.org_id, role: key.role, keyId: key.id };
    if (!allowed(req)) {
      return sendFailure(reply, { code: 'FORBIDDEN', message: `the ${key.role} role cannot ${req.method} ${req.routeOptions.url}` });
    }
  });
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
  return req.auth ? `key:${req.auth.keyId}` : 'anonymous';
}
