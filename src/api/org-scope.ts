// Each request that acts for one org runs its handler in that org's scope, so on PostgreSQL with COBRO_PG_RLS=on row-level security holds it to that org.
import type { FastifyInstance, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { withOrg } from '../db/index.ts';

const PLAIN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The org a request acts for: its key's or session's, or the org a provider webhook is addressed to (/webhooks/.../:org_id). */
function orgFor(req: FastifyRequest, webhook: boolean): string | undefined {
  if (req.auth) return req.auth.orgId;
  if (!webhook) return undefined;
  const addressed = (req.params as { org_id?: unknown } | undefined)?.org_id;
  // an address that is not a plain id names no org: the handler still answers it, seeing no org's rows ('-' is no org's id)
  return typeof addressed === 'string' && PLAIN_ID.test(addressed) ? addressed : '-';
}

/**
 * Wraps every route's handler declared after this call. The key or session lookup (onRequest) and the idempotency
 * record (hooks) stay outside, as the owner: they find the org rather than act for it. A webhook's handler runs in the
 * scope of the org in its address, before its signature is checked with that org's secret. The portal's routes find
 * their org from the link token inside the handler and stay outside.
 */
export function registerOrgScope(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const handler = route.handler as RouteHandlerMethod;
    const webhook = route.url.startsWith('/webhooks/') && route.url.includes(':org_id');
    route.handler = function scoped(req, reply) {
      const org = orgFor(req, webhook);
      return org ? withOrg(org, async () => handler.call(this, req, reply)) : handler.call(this, req, reply);
    };
  });
}
