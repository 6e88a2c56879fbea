// "Register webhooks": cobro sets its own webhook URLs at a connected provider through the provider's API (Twilio's
// numbers, Stripe's endpoint, PayPal's webhook, Adyen's Standard webhook, Mailgun's domain webhooks), keeps what the
// provider gives back for checking them (Stripe's signing secret and Adyen's HMAC key sealed, PayPal's webhook id), and
// audits each run with its result. Running it again finds everything already set and changes nothing.
import type { Db } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { EgressPolicy } from '../channels/index.ts';
import { getCredentials, replaceSecret, vaultKey, type ProviderName, type VaultKey } from '../vault/index.ts';
import { NO_PUBLIC_URL_NOTE, WEBHOOK_PATHS, webhookUrlsOf } from '../api/webhook-urls.ts';
import { paypalBase } from '../payments/gateways/paypal.ts';
import { registerAdyen } from './adyen.ts';
import { registerMailgun } from './mailgun.ts';
import { registerPayPal } from './paypal.ts';
import { registerStripe } from './stripe.ts';
import { registerTwilio, twilioNumbers } from './twilio.ts';
import { failed, outcomeOf, setupCall, type Registered, type Registration, type SetupCall } from './types.ts';

export interface SetupDeps { db: Db; secretKey?: string | undefined; egress?: EgressPolicy | undefined; publicUrl?: string | undefined; now: Date }

/** Why cobro leaves a provider's webhooks to its console: the URLs GET /v1/providers lists are registered there. */
export const NOT_REGISTERED_BY_COBRO: Readonly<Record<string, string>> = {
  meta_whatsapp: 'Meta checks the callback URL with the verify_token as it is saved in the App Dashboard',
  sendgrid: 'the Event Webhook\'s signing key is made by SendGrid and its verification key is stored in the settings by hand',
  smtp: 'the events come from your own mail system',
  mercadopago: 'cobro gives Mercado Pago the URL on each payment link',
};

/** The providers cobro registers its webhooks at. */
export const REGISTERED_BY_COBRO = ['twilio', 'stripe', 'paypal', 'adyen', 'mailgun'] as const;
type Registrable = (typeof REGISTERED_BY_COBRO)[number];
const isRegistrable = (p: string): p is Registrable => (REGISTERED_BY_COBRO as readonly string[]).includes(p);

/** The provider's name refused with the reason, or null when cobro registers its webhooks. */
export function refusal(provider: string): string | null {
  if (!(provider in WEBHOOK_PATHS)) return `provider: ${provider} has no webhooks (one of ${Object.keys(WEBHOOK_PATHS).join(', ')})`;
  if (isRegistrable(provider)) return null;
  return `provider: cobro does not register ${provider}'s webhooks itself (${NOT_REGISTERED_BY_COBRO[provider] ?? 'not supported'}): register the URLs GET /v1/providers lists (one of ${REGISTERED_BY_COBRO.join(', ')})`;
}

export async function registerWebhooks(d: SetupDeps, orgId: string, actor: string, provider: string): Promise<Result<Registration>> {
  const refused = refusal(provider);
  if (refused) return fail('VALIDATION_FAILED', refused, 'provider');
  if (!d.publicUrl) return fail('INVALID_STATE', NO_PUBLIC_URL_NOTE, 'COBRO_PUBLIC_URL');
  const p = provider as Registrable;
  const key = await vaultKey(d.db, d.secretKey);
  const creds = await getCredentials(d.db, key, orgId, p);
  if (!creds.ok) return creds;
  if (!creds.value) return fail('NOT_FOUND', `no ${p} credentials are stored: connect ${p} first (PUT /v1/providers/${p})`, 'provider');
  const urls = Object.fromEntries((webhookUrlsOf(d.publicUrl, orgId, p) ?? []).map((u) => [u.purpose, u.url]));
  const done = await registrar(setupCall(d.egress, d.now), d.egress, p, creds.value as never, (purpose) => urls[purpose] ?? '');
  const steps = await keep(d, key, orgId, p, creds.value.secrets as Record<string, unknown>, done);
  const result: Registration = { provider: p, outcome: outcomeOf(steps), steps };
  await recordAudit(d.db, { orgId, actor, action: 'webhooks.registered', entity: 'provider_credentials', entityId: p,
    data: { outcome: result.outcome, steps, ...(done.secret ? { secret_kept: done.secret.field } : {}), ...(done.setting ? { setting_kept: done.setting } : {}) } }, d.now);
  return ok(result);
}

type Creds = { settings: Record<string, unknown>; secrets: Record<string, unknown> };
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function registrar(s: SetupCall, egress: EgressPolicy | undefined, p: Registrable, c: Creds, url: (purpose: string) => string): Promise<Registered> {
  const { settings: o, secrets: k } = c;
  switch (p) {
    case 'stripe': return registerStripe(s, { secretKey: str(k['secret_key']) ?? '', apiBase: str(o['api_base']), hasSecret: Boolean(k['webhook_secret']) },
      url('stripe.events'));
    case 'paypal': return registerPayPal(s, { base: paypalBase({ environment: o['environment'] === 'live' ? 'live' : 'sandbox', apiBase: str(o['api_base']) }),
      clientId: str(o['client_id']) ?? '', clientSecret: str(k['client_secret']) ?? '', egress }, str(o['webhook_id']), url('paypal.events'));
    case 'twilio': return registerTwilio(s, { accountSid: str(o['account_sid']) ?? '', authToken: str(k['auth_token']) ?? '', apiBase: str(o['api_base']),
      numbers: twilioNumbers(o) }, { incoming: url('twilio.incoming'), messages: url('twilio.messages'), voice: url('twilio.voice') });
    case 'adyen': {
      const user = str(o['basic_auth_username']);
      const password = str(k['basic_auth_password']);
      return registerAdyen(s, { apiKey: str(k['api_key']) ?? '', merchantAccount: str(o['merchant_account']) ?? '', environment: o['environment'] === 'live' ? 'live' : 'test',
        apiBase: str(o['api_base']), basicAuth: user && password ? { username: user, password } : undefined, hasKey: Boolean(k['hmac_key']) },
        url('adyen.events'));
    }
    case 'mailgun': {
      const apiKey = str(k['api_key']);
      const domain = str(o['domain']);
      if (!apiKey) return Promise.resolve({ steps: [failed('events', 'secrets.api_key: Mailgun\'s API key is needed to set the domain\'s webhooks (PUT /v1/providers/mailgun)')] });
      if (!domain) return Promise.resolve({ steps: [failed('events', 'settings.domain: the sending domain whose webhooks are set (PUT /v1/providers/mailgun)')] });
      return registerMailgun(s, { apiKey, domain, region: o['region'] === 'eu' ? 'eu' : 'us', apiBase: str(o['api_base']) }, url('mailgun.events'));
    }
  }
}

/** Keeps what the provider gave: a secret sealed in the credentials (compare-and-set), a setting; a step fails when it could not be kept. */
async function keep(d: SetupDeps, key: VaultKey, orgId: string, p: ProviderName, secrets: Record<string, unknown>, done: Registered) {
  const steps = [...done.steps];
  if (done.secret) {
    // compared with what was read (none when the secret was never set: the field is optional until registered)
    const from = str(secrets[done.secret.field]);
    const r = await replaceSecret(d.db, key, orgId, p, done.secret.field as never, from as string, done.secret.value);
    if (!r.ok || r.value !== 'stored') {
      steps.push(failed(`${done.secret.field}`, `the ${p} credentials changed meanwhile, so the new ${done.secret.field} was not kept: ${r.ok ? 'store it by hand' : r.error.message}`));
    }
  }
  if (done.setting) {
    await d.db.query(`UPDATE provider_credentials SET settings = settings || jsonb_build_object($3::text, $4::text) WHERE org_id = $1 AND provider = $2`,
      [orgId, p, done.setting.field, done.setting.value]);
  }
  return steps;
}
