// "Register webhooks": cobro sets its own webhook URLs at a connected provider through the provider's API (Twilio's
// numbers, Stripe's endpoint, PayPal's webhook, Adyen's Standard webhook of the merchant or company account, Mailgun's
// domain webhooks and inbound route, SendGrid's signed Event Webhook and Inbound Parse setting), keeps what the provider
// gives back for checking them (Stripe's signing secret and Adyen's HMAC key sealed, PayPal's webhook id, SendGrid's keys), and
// audits each run with its result. Running it again finds everything already set and changes nothing.
import type { Db } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { EgressPolicy } from '../channels/index.ts';
import { getCredentials, replaceSecret, vaultKey, type ProviderName, type VaultKey } from '../vault/index.ts';
import { NO_PUBLIC_URL_NOTE, WEBHOOK_PATHS, webhookUrlsOf } from '../api/webhook-urls.ts';
import { registrar, type Registrable } from './registrars.ts';
import { failed, outcomeOf, setupCall, type Registered, type Registration } from './types.ts';

export interface SetupDeps { db: Db; secretKey?: string | undefined; egress?: EgressPolicy | undefined; publicUrl?: string | undefined; now: Date }

/** Why cobro leaves a provider's webhooks to its console: the URLs GET /v1/providers lists are registered there. */
export const NOT_REGISTERED_BY_COBRO: Readonly<Record<string, string>> = {
  meta_whatsapp: 'Meta checks the callback URL with the verify_token as it is saved in the App Dashboard',
  smtp: 'the events come from your own mail system',
  mercadopago: 'cobro gives Mercado Pago the URL on each payment link',
};

/** The providers cobro registers its webhooks at. */
export const REGISTERED_BY_COBRO = ['twilio', 'stripe', 'paypal', 'adyen', 'mailgun', 'sendgrid'] as const satisfies readonly Registrable[];
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
  const done = await registrar(setupCall(d.egress, d.now), d.egress, orgId, p, creds.value as never, (purpose) => urls[purpose] ?? '');
  const steps = await keep(d, key, orgId, p, creds.value.secrets as Record<string, unknown>, done);
  const result: Registration = { provider: p, outcome: outcomeOf(steps), steps };
  await recordAudit(d.db, { orgId, actor, action: 'webhooks.registered', entity: 'provider_credentials', entityId: p,
    data: { outcome: result.outcome, steps, ...(done.secret ? { secret_kept: done.secret.field } : {}), ...(done.setting ? { setting_kept: done.setting } : {}),
      ...(done.settings ? { settings_kept: [done.settings].flat().flatMap((k) => Object.keys(k.values)) } : {}) } }, d.now);
  return ok(result);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Keeps what the provider gave: a secret sealed in the credentials (compare-and-set), a setting, settings (compare-and-set); a step fails when it could not be kept. */
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
  for (const { values, when } of [done.settings ?? []].flat()) {
    // compare-and-set: kept only while the field still holds what the registrar read (a key typed in meanwhile stays)
    const kept = await d.db.query(`UPDATE provider_credentials SET settings = settings || $3::jsonb WHERE org_id = $1 AND provider = $2
      AND (settings->>$4) IS NOT DISTINCT FROM $5::text RETURNING provider`, [orgId, p, JSON.stringify(values), when.field, when.is ?? null]);
    if (kept.length === 0) steps.push(failed(when.field, `the ${p} settings changed meanwhile, so the new ${when.field} was not kept: register again`));
  }
  if (done.setting) {
    await d.db.query(`UPDATE provider_credentials SET settings = settings || jsonb_build_object($3::text, $4::text) WHERE org_id = $1 AND provider = $2`,
      [orgId, p, done.setting.field, done.setting.value]);
  }
  return steps;
}
