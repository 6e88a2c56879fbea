// Gateway webhooks (public, signed by the provider) at /webhooks/{stripe|mercadopago|adyen|paypal}/{org_id}, read as raw bytes in their
// own plugin scope so the signature is checked before anything is parsed; and /v1/gateways/check, the nightly re-read on demand.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CHECK_LOOKBACK_MS, checkGateways, GATEWAYS, receiveGatewayWebhook, type GatewayName } from '../../payments/index.ts';
import type { ApiDeps } from '../context.ts';
import { orgOf } from '../auth.ts';
import { errorResponses } from '../errors.ts';
import { gatewayContext } from './payment-links.ts';

const finding = z.object({ provider: z.string(), payment_ref: z.string(), link_id: z.string().nullable(), amount: z.number(), currency: z.string(),
  paid_at: z.string().nullable(), payment_id: z.string().nullable().optional(), reason: z.string().optional() });
const checkReport = z.object({
  id: z.string(), since: z.string(), ran_at: z.string(), providers: z.array(z.string()), checked: z.number(), in_ledger: z.number(),
  recovered: z.array(finding), adjusted: z.array(finding), unmatched: z.array(finding),
  errors: z.array(z.object({ provider: z.string(), message: z.string() })),
}).meta({ id: 'GatewayCheck' });

function flatten(h: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : v]));
}

export const gatewayWebhookRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  // this scope only: every body arrives as the bytes the provider signed
  await app.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));
    raw.post('/webhooks/:provider/:org_id', {
      schema: { tags: ['webhooks'], summary: 'Payment gateway notifications (Stripe events, Mercado Pago notifications, Adyen standard webhooks, PayPal webhook events), signed by the provider',
        params: z.object({ provider: z.enum(GATEWAYS as [GatewayName, ...GatewayName[]]), org_id: z.string().min(1).max(100) }) },
      config: { public: true },
    }, async (req, reply) => {
      const { provider, org_id: orgId } = req.params as { provider: GatewayName; org_id: string };
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const answer = await receiveGatewayWebhook(deps, provider, orgId, {
        body, headers: flatten(req.headers), query: flatten(req.query as Record<string, string | string[] | undefined>),
      }, deps.now());
      // Adyen wants `[accepted]` back, as text, for each delivery it stored
      if (answer.status === 200 && answer.text) return reply.code(200).type('text/plain').send(answer.text);
      return reply.code(answer.status).send(answer.body);
    });
  });

  app.post('/v1/gateways/check', {
    schema: { tags: ['payment links'], summary: 'Re-read the connected gateways\' recent payments now: record any cobro missed, report those it cannot match',
      body: z.object({ since: z.string().datetime({ offset: true }).or(z.string().regex(/^\d{4}-\d\d-\d\d$/)).optional() }).optional(),
      response: { 200: checkReport, ...errorResponses } },
    config: { roles: ['admin', 'manager'] },
  }, async (req) => {
    const now = deps.now();
    const since = req.body?.since ? new Date(req.body.since.length === 10 ? `${req.body.since}T00:00:00Z` : req.body.since) : new Date(now.getTime() - CHECK_LOOKBACK_MS);
    return checkGateways(gatewayContext(deps), orgOf(req), since, now, 'api');
  });
};
