// Each request that acts for one org runs its handler in that org's scope, so on PostgreSQL with COBRO_PG_RLS=on row-level security holds it to that org.
import type { FastifyInstance, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { withNoOrg, withOrg } from '../db/index.ts';

const PLAIN_ID = /^[A-Za-z0-9_-]{1,64}$/;

const acting = new WeakMap<FastifyRequest, string>();

/** Names the org a request without a key acts for once a hook found it (the portal's link token): its handler runs as that org. */
export function actFor(req: FastifyRequest, orgId: string): void {
  acting.set(req, orgId);
}

/** Runs fn as the org a request names (a query's org id): as that org when the id is a plain one, else as no org. */
export function inNamedOrg<T>(orgId: string, fn: () => Promise<T>): Promise<T> {
  return PLAIN_ID.test(orgId) ? withOrg(orgId, fn) : withNoOrg(fn);
}

/** The org a request acts for: its key's or session's, the one a hook found, or the one a provider webhook is addressed to (/webhooks/.../:org_id). */
function orgFor(req: FastifyRequest, webhook: boolean): string | undefined {
  if (req.auth) return req.auth.orgId;
  const found = acting.get(req);
  if (found) return found;
  if (!webhook) return undefined;
  const addressed = (req.params as { org_id?: unknown } | undefined)?.org_id;
  // an address that is not a plain id names no org: the handler still answers it, seeing no org's rows ('-' is no org's id)
  return typeof addressed === 'string' && PLAIN_ID.test(addressed) ? addressed : '-';
}

/**
 * Wraps every route's handler declared after this call: it runs as the request's org, or as no org (seeing no org's rows)
 * when none is known; what must look across orgs first (a sign-in by email, an unsubscribe link) says so with asSystem.
 * The key, session and portal-link lookups (onRequest hooks) find the org with asSystem. A webhook's handler runs in the
 * scope of the org in its address, before its signature is checked with that org's secret.
 */
export function registerOrgScope(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const handler = route.handler as RouteHandlerMethod;
    const webhook = route.url.startsWith('/webhooks/') && route.url.includes(':org_id');
    route.handler = function scoped(req, reply) {
      const org = orgFor(req, webhook);
      const run = async () => handler.call(this, req, reply);
      return org ? withOrg(org, run) : withNoOrg(run);
    };
  });
}
