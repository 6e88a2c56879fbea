// Payment gateways behind one interface: the adapter for an org's connected provider, built from its vault credentials.
import type { EgressPolicy } from '../../channels/index.ts';
import type { Queryable } from '../../db/index.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { verifyEach } from '../../compliance/index.ts';
import { acceptedSecretsOf, getCredentials, listCredentials, noteSecretUse, vaultKey, type RotatingProvider } from '../../vault/index.ts';
import { adyenGateway, type AdyenConfig } from './adyen.ts';
import { mercadoPagoGateway, type MercadoPagoConfig } from './mercadopago.ts';
import { paypalGateway, type PayPalConfig } from './paypal.ts';
import { stripeGateway, type StripeConfig } from './stripe.ts';
import { GATEWAYS, type GatewayAdapter, type GatewayName } from './types.ts';

export * from './types.ts';
export { stripeGateway, sessionForm, interpretStripeEvent, STRIPE_API } from './stripe.ts';
export { mercadoPagoGateway, preferenceBody, mercadoPagoFacts, mercadoPagoDate, MERCADOPAGO_API } from './mercadopago.ts';
export { toStripeAmount, fromStripeAmount, stripeExponent, toMercadoPagoPrice, fromMercadoPagoAmount } from './amounts.ts';
export { checkoutUrlAllowed } from './allowlist.ts';
export { adyenGateway, interpretAdyenItem, paymentLinkBody, adyenEventId, adyenBase, ADYEN_TEST_API } from './adyen.ts';
export { toAdyenValue, fromAdyenValue, toPayPalValue, fromPayPalValue } from './amounts.ts';
export { paypalGateway, interpretPayPalEvent, orderBody, paypalBase, PAYPAL_API } from './paypal.ts';
export { PAYPAL_HOLD_DAYS, PAYPAL_PENDING } from './paypal-pending.ts';
export { retrieveStripePayout, type StripePayoutSeen } from './stripe-payout.ts';

/** An org's API base, guarded by the operator's egress policy (the provider's own API is not). */
const apiBase = (a: GatewayAccess, base: string | undefined): { apiBase?: string; egress?: EgressPolicy } =>
  (base ? { apiBase: base, ...(a.egress ? { egress: a.egress } : {}) } : {});

export interface GatewayAccess {
  db: Queryable; secretKey?: string;
  /** The operator's egress policy (COBRO_EGRESS_ALLOW): where an `api_base` an org set may connect; none: unchecked. */
  egress?: EgressPolicy;
}

/** The gateways the org has stored credentials for, Stripe first. */
export async function connectedGateways(q: Queryable, orgId: string): Promise<GatewayName[]> {
  const stored = new Set((await listCredentials(q, orgId)).map((c) => c.provider as string));
  return GATEWAYS.filter((g) => stored.has(g));
}

/** The org's Stripe key, webhook secret and API base (under the operator's egress policy); a failure when not connected. */
export async function stripeConfigFor(a: GatewayAccess, orgId: string): Promise<Result<StripeConfig>> {
  const c = await getCredentials(a.db, await vaultKey(a.db, a.secretKey), orgId, 'stripe');
  if (!c.ok) return c;
  if (!c.value) return fail('INVALID_STATE', 'Stripe is not connected for this org (PUT /v1/providers/stripe)', 'provider');
  return ok({ secretKey: c.value.secrets.secret_key, webhookSecret: c.value.secrets.webhook_secret ?? '', ...apiBase(a, c.value.settings.api_base) });
}

/** The org's Adyen API key, merchant account, HMAC keys and endpoint; a failure when not connected. */
export async function adyenConfigFor(a: GatewayAccess, orgId: string): Promise<Result<AdyenConfig>> {
  const c = await getCredentials(a.db, await vaultKey(a.db, a.secretKey), orgId, 'adyen');
  if (!c.ok) return c;
  if (!c.value) return fail('INVALID_STATE', 'Adyen is not connected for this org (PUT /v1/providers/adyen)', 'provider');
  const { settings: s, secrets: k } = c.value;
  return ok({ apiKey: k.api_key, merchantAccount: s.merchant_account, hmacKeys: [k.hmac_key, k.previous_hmac_key].filter((h): h is string => h !== undefined),
    environment: s.environment === 'live' ? 'live' : 'test', ...(s.live_url_prefix ? { liveUrlPrefix: s.live_url_prefix } : {}),
    ...(s.basic_auth_username && k.basic_auth_password ? { basicAuth: { username: s.basic_auth_username, password: k.basic_auth_password } } : {}),
    ...(s.report_username && k.report_password ? { reportUser: { username: s.report_username, password: k.report_password } } : {}),
    ...(k.report_api_key ? { reportApiKey: k.report_api_key } : {}),
    ...apiBase(a, s.api_base) });
}

/** The org's PayPal REST app (client id and secret), webhook id and endpoint; a failure when not connected. */
export async function paypalConfigFor(a: GatewayAccess, orgId: string): Promise<Result<PayPalConfig>> {
  const c = await getCredentials(a.db, await vaultKey(a.db, a.secretKey), orgId, 'paypal');
  if (!c.ok) return c;
  if (!c.value) return fail('INVALID_STATE', 'PayPal is not connected for this org (PUT /v1/providers/paypal)', 'provider');
  const { settings: s, secrets: k } = c.value;
  return ok({ clientId: s.client_id, clientSecret: k.client_secret, webhookId: s.webhook_id ?? '', environment: s.environment === 'live' ? 'live' : 'sandbox',
    ...apiBase(a, s.api_base) });
}

/**
 * The adapter whose webhook check tries each secret accepted now on its own (WH-5: the one in force, and one it replaced
 * while that is still accepted), the adapter made again with that one secret, and counts a delivery on the secret that
 * verified it (so the operator sees when the replaced one stops being used).
 */
function rotating(a: GatewayAccess, orgId: string, provider: RotatingProvider, adapter: GatewayAdapter, withSecret: (secret: string) => GatewayAdapter): GatewayAdapter {
  return {
    ...adapter,
    // a delivery signed with none of the accepted secrets is forbidden; the provider retries any non-2xx alike
    refusedStatus: 403,
    async verify(raw, now) {
      const accepted = await acceptedSecretsOf(a.db, await vaultKey(a.db, a.secretKey), orgId, provider, now) ?? [];
      const check = await verifyEach(accepted.map((s) => s.value), (one) => (one[0] === undefined ? adapter : withSecret(one[0])).verify(raw, now));
      const used = check.ok && check.secret !== undefined ? accepted[check.secret] : undefined;
      if (used) noteSecretUse(a.db, orgId, provider, used, now);
      return check;
    },
  };
}

/** The adapter for one of the org's gateways; a failure when it is not connected or its credentials do not open. */
export async function gatewayFor(a: GatewayAccess, orgId: string, provider: GatewayName): Promise<Result<GatewayAdapter>> {
  if (provider === 'stripe') {
    const config = await stripeConfigFor(a, orgId);
    return config.ok ? ok(rotating(a, orgId, 'stripe', stripeGateway(config.value), (s) => stripeGateway({ ...config.value, webhookSecret: s }))) : config;
  }
  if (provider === 'adyen') {
    const config = await adyenConfigFor(a, orgId);
    return config.ok ? ok(rotating(a, orgId, 'adyen', adyenGateway(config.value), (s) => adyenGateway({ ...config.value, hmacKeys: [s] }))) : config;
  }
  if (provider === 'paypal') {
    const config = await paypalConfigFor(a, orgId);
    return config.ok ? ok(paypalGateway(config.value)) : config;
  }
  const c = await mercadoPagoConfigFor(a, orgId);
  if (!c.ok) return c;
  const config = c.value;
  return ok(rotating(a, orgId, 'mercadopago', mercadoPagoGateway(config), (s) => mercadoPagoGateway({ ...config, webhookSecret: s })));
}

/** The org's Mercado Pago access token, webhook secret and API base; a failure when not connected. */
export async function mercadoPagoConfigFor(a: GatewayAccess, orgId: string): Promise<Result<MercadoPagoConfig>> {
  const c = await getCredentials(a.db, await vaultKey(a.db, a.secretKey), orgId, 'mercadopago');
  if (!c.ok) return c;
  if (!c.value) return fail('INVALID_STATE', 'Mercado Pago is not connected for this org (PUT /v1/providers/mercadopago)', 'provider');
  return ok({ accessToken: c.value.secrets.access_token, webhookSecret: c.value.secrets.webhook_secret ?? '', ...apiBase(a, c.value.settings.api_base) });
}
