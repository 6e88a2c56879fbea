// What every request leaves behind: its id echoed in X-Request-Id, its log lines carrying the org and case ids once known,
// the process's counters (requests by route group and status class, 5xx errors, inbound webhooks by provider), and, once
// the server is stopping, its connection closed after the answer.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { metrics } from '../domain/metrics.ts';

/** The case a request is about, when its route names one. */
function caseIdOf(req: FastifyRequest): string | undefined {
  const params = (req.params ?? {}) as Record<string, unknown>;
  if (typeof params.case_id === 'string') return params.case_id;
  if (req.routeOptions.url?.startsWith('/v1/cases/:id') && typeof params.id === 'string') return params.id;
  return undefined;
}

const groupOf = (route: string | undefined) => (route ? (route.split('/')[1] || 'root').replace(/^:.*/, 'param') : 'unmatched');

export function registerObserve(app: FastifyInstance): void {
  app.addHook('preHandler', async (req, reply) => {
    const caseId = caseIdOf(req);
    const bind = { ...(req.auth ? { org_id: req.auth.orgId } : {}), ...(caseId ? { case_id: caseId } : {}) };
    if (Object.keys(bind).length) {
      const child = req.log.child(bind);
      req.log = child;
      reply.log = child;
    }
  });
  // once closing, each answer closes its connection: a keep-alive client (a load balancer) would otherwise hold the close
  // open for the keep-alive timeout after its last request finished
  let closing = false;
  app.addHook('preClose', async () => { closing = true; });
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-request-id', req.id);
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url;
    const status = reply.statusCode;
    metrics.httpRequests.inc({ group: groupOf(route), status: `${Math.floor(status / 100)}xx` });
    if (status >= 500) metrics.errors.inc({ source: 'http' });
    if (route?.startsWith('/webhooks/')) metrics.webhooksReceived.inc({ provider: req.url.split('/')[2] ?? 'unknown', status: String(status) });
  });
}
