// The secrets a provider's webhooks are verified with (WH-5): the one in force in the org's credentials, the one it
// replaced while that is still accepted (retired by hand or expired), and the count of deliveries each verified.
import type { Queryable } from '../db/index.ts';
import { randomBytes } from 'node:crypto';
import { getCredentials } from './credentials.ts';
import { open, type VaultKey } from './seal.ts';

/** The providers cobro verifies with a shared secret, and the credentials field holding it. */
export const WEBHOOK_SECRET_FIELD = {
  stripe: 'webhook_secret', mercadopago: 'webhook_secret', adyen: 'hmac_key', twilio: 'auth_token',
  meta_whatsapp: 'app_secret', mailgun: 'webhook_signing_key', smtp: 'webhook_secret',
} as const;
export type RotatingProvider = keyof typeof WEBHOOK_SECRET_FIELD;
export const ROTATING_PROVIDERS = Object.keys(WEBHOOK_SECRET_FIELD) as RotatingProvider[];

/** The older second secret some providers' credentials hold, set by hand through the credentials (accepted, not counted). */
export const CREDENTIALS_PREVIOUS_FIELD: Readonly<Partial<Record<RotatingProvider, string>>> = {
  adyen: 'previous_hmac_key', twilio: 'previous_auth_token', meta_whatsapp: 'previous_app_secret', mailgun: 'previous_webhook_signing_key',
};

export const isRotatingProvider = (p: string): p is RotatingProvider => p in WEBHOOK_SECRET_FIELD;

/**
 * SendGrid verifies its event webhook with public keys kept in settings (set through PUT /v1/providers/sendgrid, not
 * rotated here): their use is counted and listed as the secrets' is.
 */
export const PUBLIC_KEY_FIELDS = { sendgrid: ['webhook_public_key', 'previous_webhook_public_key'] } as const;
export type CountedProvider = RotatingProvider | keyof typeof PUBLIC_KEY_FIELDS;
export const COUNTED_PROVIDERS = [...Object.keys(WEBHOOK_SECRET_FIELD), ...Object.keys(PUBLIC_KEY_FIELDS)] as CountedProvider[];
/** A public key's hint: its last four characters before base64's padding (the padding says nothing of the key). */
export const publicKeyHint = (key: string): string => hintOf(key.replace(/=+$/, ''));

/** One secret a delivery may be signed with: `ref` is 'current', a credentials field, or the id of a kept previous secret. */
export interface WebhookSecret { ref: string; value: string; hint: string }

/** A kept secret's id: whs_, the time in base 36 and 12 random hex digits. */
export const newSecretId = (now: Date): string => `whs_${now.getTime().toString(36)}${randomBytes(6).toString('hex')}`;

export const hintOf = (secret: string): string => `…${secret.slice(-4)}`;
export const previousAad = (orgId: string, provider: string, id: string): string => `${orgId}/${provider}/webhook-secret/${id}`;

/**
 * The secrets accepted now, the one in force first: from the opened credentials `secrets`, and the kept previous secrets
 * not retired nor expired at `now`. A kept secret that no longer opens (another vault key) is left out.
 */
export async function acceptedSecrets(q: Queryable, key: VaultKey, orgId: string, provider: RotatingProvider,
  secrets: Readonly<Record<string, unknown>>, now: Date): Promise<WebhookSecret[]> {
  const out: WebhookSecret[] = [];
  const current = secrets[WEBHOOK_SECRET_FIELD[provider]];
  if (typeof current === 'string' && current) out.push({ ref: 'current', value: current, hint: hintOf(current) });
  const legacy = CREDENTIALS_PREVIOUS_FIELD[provider];
  const old = legacy ? secrets[legacy] : undefined;
  if (legacy && typeof old === 'string' && old) out.push({ ref: legacy, value: old, hint: hintOf(old) });
  const kept = await q.query<{ id: string; sealed: string; hint: string }>(
    `SELECT id, sealed, hint FROM webhook_secrets WHERE org_id = $1 AND provider = $2 AND role = 'previous' AND retired_at IS NULL
       AND sealed IS NOT NULL AND (expires_at IS NULL OR expires_at > $3) ORDER BY added_at DESC, id`, [orgId, provider, now]);
  for (const k of kept) {
    const value = open(key, k.sealed, previousAad(orgId, provider, k.id));
    if (value !== null) out.push({ ref: k.id, value, hint: k.hint });
  }
  return out;
}

/** The accepted secrets of an org's provider, read from the vault; null when not connected or not opening. */
export async function acceptedSecretsOf(q: Queryable, key: VaultKey, orgId: string, provider: RotatingProvider, now: Date): Promise<WebhookSecret[] | null> {
  const c = await getCredentials(q, key, orgId, provider);
  if (!c.ok || !c.value) return null;
  return acceptedSecrets(q, key, orgId, provider, c.value.secrets as Record<string, unknown>, now);
}
