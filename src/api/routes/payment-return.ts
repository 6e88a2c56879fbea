// /p/return/{link}: where every payment link's hosted page (Stripe, Mercado Pago, Adyen, PayPal) sends the debtor back,
// paid or not. It names only the link; the portal that handed the link to this browser is found by the cookie the portal
// set for this path (src/portal/pay-return.ts), so a link a message made and the portal reused returns to the portal.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asSystem } from '../../db/index.ts';
import { paymentReturnTarget } from '../../portal/index.ts';
import type { ApiDeps } from '../context.ts';
import { readCookie } from '../auth.ts';
import { PAYMENT_RETURN_COOKIE } from './portal.ts';

export const paymentReturnRoutes = (deps: ApiDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/p/return/:link', {
    config: { public: true },
    schema: { hide: true, params: z.object({ link: z.string().min(1).max(100) }),
      // providers add their own parameters (PayPal's token, Mercado Pago's status...): only `payment` is read
      querystring: z.object({ payment: z.string().max(20).optional() }) },
  }, async (req, reply) => {
    const target = await asSystem('a payment page\'s return names only its link, not its org', () =>
      paymentReturnTarget(deps.db, req.params.link, readCookie(req, PAYMENT_RETURN_COOKIE), req.query.payment, deps.now()));
    // the portal's address holds its token: it is not cached, nor sent on as a referrer
    return reply.header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer').redirect(target, 303);
  });
};
