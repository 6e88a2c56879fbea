// Each authenticated request's handler runs in its org's scope, so on PostgreSQL with COBRO_PG_RLS=on row-level security holds it to that org.
import type { FastifyInstance, RouteHandlerMethod } from 'fastify';
import { withOrg } from '../db/index.ts';

/**
 * Wraps every route's handler declared after this call. The key or session lookup (onRequest) and the idempotency
 * record (hooks) stay outside, as the owner: they find the org rather than act for it. Public routes (portal, webhooks)
 * find their org inside the handler and may call withOrg themselves.
 */
export function registerOrgScope(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const handler = route.handler as RouteHandlerMethod;
    route.handler = function scoped(req, reply) {
      const org = req.auth?.orgId;
      return org ? withOrg(org, async () => handler.call(this, req, reply)) : handler.call(this, req, reply);
    };
  });
}
