// Rate limits on the public doors: the debtor portal per link token and per address, and inbound webhooks per provider
// and address. Counted in memory in each process (src/ops/rate-limit.ts); a refusal is 429 RATE_LIMITED with Retry-After.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { metrics } from '../domain/metrics.ts';
import { RateLimiter, type LimitVerdict } from '../ops/index.ts';
import { errorBody } from './errors.ts';

export interface RateLimitOptions {
  /** Portal requests per link token per minute (120 by default; 0: no limit). */
  portalPerToken?: number;
  /** Portal requests per client address per minute (600 by default: debtors behind one carrier NAT share an address). */
  portalPerIp?: number;
  /** Webhook requests per provider per client address per minute (3,000 by default: providers send in bursts). */
  webhookPerIp?: number;
  /** The clock in milliseconds (real time by default: limits guard the process, not the business day). */
  clockMs?: () => number;
}

export const RATE_LIMIT_DEFAULTS = { portalPerToken: 120, portalPerIp: 600, webhookPerIp: 3000 } as const;

const MINUTE = 60_000;
const PORTAL_ROUTES = ['/portal/api/', '/p/:token', '/u/:token'];

function portalToken(req: FastifyRequest): string | undefined {
  const header = req.headers['x-portal-token'];
  if (typeof header === 'string' && header) return header;
  const params = (req.params ?? {}) as Record<string, unknown>;
  return typeof params.token === 'string' ? params.token : undefined;
}

function refuse(reply: FastifyReply, v: LimitVerdict, limit: string) {
  metrics.rateLimited.inc({ limit });
  return reply.code(429).header('retry-after', String(v.retryAfterSeconds))
    .send(errorBody({ code: 'RATE_LIMITED', message: v.reason ?? 'too many requests' }));
}

export function registerRateLimits(app: FastifyInstance, o: RateLimitOptions = {}): void {
  const clock = o.clockMs ?? (() => Date.now());
  const perToken = new RateLimiter({ name: 'portal per link', limit: o.portalPerToken ?? RATE_LIMIT_DEFAULTS.portalPerToken, windowMs: MINUTE });
  const perIp = new RateLimiter({ name: 'portal per address', limit: o.portalPerIp ?? RATE_LIMIT_DEFAULTS.portalPerIp, windowMs: MINUTE });
  const webhooks = new RateLimiter({ name: 'webhooks per provider and address', limit: o.webhookPerIp ?? RATE_LIMIT_DEFAULTS.webhookPerIp, windowMs: MINUTE });
  app.addHook('onRequest', async (req, reply) => {
    const route = req.routeOptions.url ?? '';
    const now = clock();
    if (PORTAL_ROUTES.some((p) => route === p || (p.endsWith('/') && route.startsWith(p)))) {
      const byIp = perIp.take(req.ip, now);
      if (!byIp.allowed) return refuse(reply, byIp, 'portal_ip');
      const token = portalToken(req);
      if (token) {
        const byToken = perToken.take(token, now);
        if (!byToken.allowed) return refuse(reply, byToken, 'portal_token');
      }
    } else if (route.startsWith('/webhooks/')) {
      const v = webhooks.take(`${req.url.split('/')[2] ?? ''}|${req.ip}`, now);
      if (!v.allowed) return refuse(reply, v, 'webhook_ip');
    }
  });
}
