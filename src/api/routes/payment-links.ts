// /v1/payment-links: hosted checkouts (Stripe, Mercado Pago, Adyen or PayPal, whichever the org connected) for a customer's invoices.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { currencySchema } from '../../ledger/index.ts';
import { createPaymentLink, getPaymentLink, listPaymentLinks, type GatewayContext } from '../../payments/index.ts';
import type { ApiDeps } from '../context.ts';
import { actorOf, orgOf } from '../auth.ts';
import { errorResponses, sendResult } from '../errors.ts';
import { idParams } from '../schemas.ts';

export const paymentLinkSchema = z.object({
  id: z.string(), customer_id: z.string(), provider: z.enum(['stripe', 'mercadopago', 'adyen', 'paypal']),
  url: z.string().meta({ description: 'the provider\'s hosted payment page: cobro never sees card data' }),
  amount: z.number().int().meta({ description: 'integer minor units of the currency' }), currency: z.string(), invoice_ids: z.array(z.string()),
  status: z.enum(['open', 'completed', 'expired']), expires_at: z.string(), created_at: z.string(),
}).meta({ id: 'PaymentLink' });

/** The gateways' context for a request: the database, the vault key and the public URL webhooks and returns point to. */
export function gatewayContext(deps: ApiDeps): GatewayContext {
  return { db: deps.db, publicUrl: deps.messaging?.publicUrl ?? 'http://localhost:3000', ...(deps.secretKey ? { secretKey: deps.secretKey } : {}),
    ...(deps.egress ? { egress: deps.egress } : {}) };
}

export const paymentLinkRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['payment links'];
  app.post('/v1/payment-links', {
    schema: { tags, summary: 'Create a payment link (or get the identical open one back)',
      description: 'A hosted checkout for the whole open balance of the invoices named (default: every open invoice of the customer in the currency most is owed in), or for `amount` as a part payment. An identical link still open is returned instead of a new one.',
      body: z.object({ customer_id: z.string().min(1), invoice_ids: z.array(z.string().min(1)).max(200).optional(),
        amount: z.number().int().positive().optional(), currency: currencySchema.optional(), return_url: z.string().url().optional() }),
      response: { 201: paymentLinkSchema, ...errorResponses } },
  }, async (req, reply) => {
    const b = req.body;
    return sendResult(reply, await createPaymentLink(gatewayContext(deps), orgOf(req), actorOf(req), {
      customerId: b.customer_id, source: 'api', ...(b.invoice_ids ? { invoiceIds: b.invoice_ids } : {}), ...(b.amount !== undefined ? { amount: b.amount } : {}),
      ...(b.currency ? { currency: b.currency } : {}), ...(b.return_url ? { returnUrl: b.return_url } : {}) }, deps.now()), 201);
  });

  app.get('/v1/payment-links', {
    schema: { tags, summary: 'Payment links, newest first',
      querystring: z.object({ customer_id: z.string().optional(), status: z.enum(['open', 'completed', 'expired']).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional() }),
      response: { 200: z.object({ data: z.array(paymentLinkSchema) }), ...errorResponses } },
  }, async (req) => ({ data: await listPaymentLinks(deps.db, orgOf(req), { ...(req.query.customer_id ? { customerId: req.query.customer_id } : {}),
    ...(req.query.status ? { status: req.query.status } : {}), ...(req.query.limit ? { limit: req.query.limit } : {}) }, deps.now()) }));

  app.get('/v1/payment-links/:id', {
    schema: { tags, summary: 'One payment link', params: idParams, response: { 200: paymentLinkSchema, ...errorResponses } },
  }, async (req, reply) => sendResult(reply, await getPaymentLink(deps.db, orgOf(req), req.params.id, deps.now())));
};
