// Rotating a provider's webhook signing secret (WH-5): a new secret is put in force while the one it replaces stays
// accepted until retired or expired, so deliveries signed with either pass; both steps are audited without the secrets.
import { inTransaction, type Db, type Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { open, seal, type VaultKey } from './seal.ts';
import { PROVIDERS } from './providers.ts';
import { flushSecretUse } from './secret-use.ts';
import {
  CREDENTIALS_PREVIOUS_FIELD, hintOf, isRotatingProvider, newSecretId, previousAad, ROTATING_PROVIDERS, WEBHOOK_SECRET_FIELD, type CountedProvider,
} from './webhook-secrets.ts';
import { listPublicKeys } from './public-key-use.ts';

/** How long a replaced secret stays accepted unless said otherwise, and at most (hours). */
export const DEFAULT_KEEP_HOURS = 168;
export const MAX_KEEP_HOURS = 720;

export interface WebhookSecretView {
  /** The row's id (whs_…), null for a secret only the credentials hold. */
  id: string | null;
  role: 'current' | 'previous';
  /** The credentials field holding it, or null for a kept previous secret. */
  field: string | null;
  hint: string;
  state: 'active' | 'expired' | 'retired';
  added_at: string | null; added_by: string | null;
  expires_at: string | null; retired_at: string | null; retired_by: string | null;
  /** The last delivery it verified and how many (null and 0 when not counted: a credentials previous field). */
  last_verified_at: string | null; verified_count: number;
}

export interface WebhookSecretsList { provider: CountedProvider; field: string; secrets: WebhookSecretView[] }

interface Row {
  id: string; role: 'current' | 'previous'; hint: string; added_at: string; added_by: string; expires_at: string | null;
  retired_at: string | null; retired_by: string | null; last_verified_at: string | null; verified_count: string | number;
}

const notRotating = (provider: string) => fail<never>('VALIDATION_FAILED',
  `provider: one of ${ROTATING_PROVIDERS.join(', ')} (the providers whose webhooks cobro verifies with a shared secret)`, 'provider');

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

async function credentialsRow(q: Queryable, orgId: string, provider: string, lock: boolean) {
  const [row] = await q.query<{ sealed: string; key_id: string; hints: Record<string, string> }>(
    `SELECT sealed, key_id, hints FROM provider_credentials WHERE org_id = $1 AND provider = $2${lock ? ' FOR UPDATE' : ''}`, [orgId, provider]);
  return row;
}

/** The secrets of a provider's webhooks: the one in force (its use counted), a credentials previous field, the kept ones. */
export async function listWebhookSecrets(q: Queryable, orgId: string, provider: string, now: Date): Promise<Result<WebhookSecretsList>> {
  // SendGrid's public keys: listed with their counts, rotated through the provider's settings
  if (provider === 'sendgrid') return listPublicKeys(q, orgId, provider);
  if (!isRotatingProvider(provider)) return notRotating(provider);
  // this process's unwritten counts first (another's lag by FLUSH_MS at most)
  await flushSecretUse();
  const creds = await credentialsRow(q, orgId, provider, false);
  if (!creds) return fail('NOT_FOUND', `no ${provider} credentials are stored (PUT /v1/providers/${provider})`, 'provider');
  const field = WEBHOOK_SECRET_FIELD[provider];
  const rows = await q.query<Row>(
    `SELECT id, role, hint, added_at::text, added_by, expires_at::text, retired_at::text, retired_by, last_verified_at::text, verified_count
     FROM webhook_secrets WHERE org_id = $1 AND provider = $2 ORDER BY role, added_at DESC, id`, [orgId, provider]);
  const view = (r: Row, role: 'current' | 'previous', f: string | null): WebhookSecretView => ({
    id: r.id, role, field: f, hint: r.hint,
    state: r.retired_at ? 'retired' : r.expires_at && Date.parse(r.expires_at) <= now.getTime() ? 'expired' : 'active',
    added_at: iso(r.added_at), added_by: r.added_by, expires_at: iso(r.expires_at), retired_at: iso(r.retired_at), retired_by: r.retired_by,
    last_verified_at: iso(r.last_verified_at), verified_count: Number(r.verified_count),
  });
  const bare = (hint: string, role: 'current' | 'previous', f: string): WebhookSecretView => ({
    id: null, role, field: f, hint, state: 'active', added_at: null, added_by: null, expires_at: null, retired_at: null, retired_by: null,
    last_verified_at: null, verified_count: 0,
  });
  const out: WebhookSecretView[] = [];
  const hint = creds.hints[field];
  if (hint) {
    // the count belongs to the secret in force only while its last four are the ones counted
    const counted = rows.find((r) => r.role === 'current' && r.hint === hint);
    out.push(counted ? view(counted, 'current', field) : bare(hint, 'current', field));
  }
  const legacy = CREDENTIALS_PREVIOUS_FIELD[provider];
  const legacyHint = legacy ? creds.hints[legacy] : undefined;
  if (legacy && legacyHint) out.push(bare(legacyHint, 'previous', legacy));
  for (const r of rows) if (r.role === 'previous') out.push(view(r, 'previous', null));
  return ok({ provider, field, secrets: out });
}

export interface AddInput { secret: string; keepHours?: number }

/**
 * Puts `secret` in force for the provider's webhooks and keeps the one it replaces accepted for `keepHours` (or until
 * retired). Refused while another replaced secret is still accepted: two at most are.
 */
export async function addWebhookSecret(db: Db, key: VaultKey, orgId: string, actor: string, provider: string, input: AddInput, now: Date)
  : Promise<Result<WebhookSecretsList>> {
  if (!isRotatingProvider(provider)) return notRotating(provider);
  const keep = input.keepHours ?? DEFAULT_KEEP_HOURS;
  if (!Number.isInteger(keep) || keep < 1 || keep > MAX_KEEP_HOURS) return fail('VALIDATION_FAILED', `keep_hours: a whole number of hours from 1 to ${MAX_KEEP_HOURS}`, 'keep_hours');
  const field = WEBHOOK_SECRET_FIELD[provider];
  // counts of the secret in force written before it becomes the replaced one
  await flushSecretUse();
  const added = await inTransaction(db, async (tx) => {
    const creds = await credentialsRow(tx, orgId, provider, true);
    if (!creds) return fail('NOT_FOUND', `no ${provider} credentials are stored: connect ${provider} first (PUT /v1/providers/${provider})`, 'provider');
    const plain = open(key, creds.sealed, `${orgId}/${provider}`);
    if (plain === null) return fail('INVALID_STATE', `the ${provider} credentials were sealed with key ${creds.key_id} and do not open with key ${key.id}`);
    const secrets = JSON.parse(plain) as Record<string, unknown>;
    const checked = PROVIDERS[provider].secrets.safeParse({ ...secrets, [field]: input.secret });
    if (!checked.success) {
      const e = checked.error.issues.find((i) => i.path[0] === field) ?? checked.error.issues[0]!;
      return fail('VALIDATION_FAILED', `secret: ${e.message}`, 'secret');
    }
    const old = typeof secrets[field] === 'string' ? secrets[field] as string : undefined;
    if (old === input.secret) return fail('VALIDATION_FAILED', `secret: this is the ${field} in force already`, 'secret');
    const legacy = CREDENTIALS_PREVIOUS_FIELD[provider];
    if (legacy && secrets[legacy]) {
      return fail('INVALID_STATE', `the credentials still hold ${legacy}: store them without it (PUT /v1/providers/${provider}) before rotating, so that two secrets at most are accepted`);
    }
    const [kept] = await tx.query<{ id: string; hint: string; expires_at: string | null }>(
      `SELECT id, hint, expires_at::text FROM webhook_secrets WHERE org_id = $1 AND provider = $2 AND role = 'previous' AND retired_at IS NULL
         AND (expires_at IS NULL OR expires_at > $3) LIMIT 1`, [orgId, provider, now]);
    if (kept) {
      return fail('INVALID_STATE', `the replaced secret ${kept.hint} (${kept.id}) is still accepted${kept.expires_at ? ` until ${iso(kept.expires_at)}` : ''}: retire it first, so that two secrets at most are accepted`);
    }
    await tx.query(
      `UPDATE provider_credentials SET sealed = $3, key_id = $4, hints = hints || jsonb_build_object($5::text, $6::text), updated_at = $7, updated_by = $8
       WHERE org_id = $1 AND provider = $2`,
      [orgId, provider, seal(key, JSON.stringify({ ...secrets, [field]: input.secret }), `${orgId}/${provider}`), key.id, field, hintOf(input.secret), now, actor]);
    const previous = old ? await keepReplaced(tx, key, orgId, provider, old, creds.hints[field], new Date(now.getTime() + keep * 3_600_000), now) : null;
    await tx.query(`DELETE FROM webhook_secrets WHERE org_id = $1 AND provider = $2 AND role = 'current'`, [orgId, provider]);
    const id = newSecretId(now);
    await tx.query(`INSERT INTO webhook_secrets (org_id, id, provider, role, hint, added_at, added_by) VALUES ($1, $2, $3, 'current', $4, $5, $6)`,
      [orgId, id, provider, hintOf(input.secret), now, actor]);
    await recordAudit(tx, { orgId, actor, action: 'webhook_secret.added', entity: 'provider_credentials', entityId: provider,
      data: { id, field, hint: hintOf(input.secret), previous } }, now);
    return ok(null);
  });
  return added.ok ? listWebhookSecrets(db, orgId, provider, now) : added;
}

/** The replaced secret kept, sealed, as a previous one: the row that counted its use when there is one, else a new row. */
async function keepReplaced(tx: Queryable, key: VaultKey, orgId: string, provider: string, old: string, storedHint: string | undefined, expiresAt: Date, now: Date) {
  const hint = storedHint ?? hintOf(old);
  const [counted] = await tx.query<{ id: string }>(
    `SELECT id FROM webhook_secrets WHERE org_id = $1 AND provider = $2 AND role = 'current' AND hint = $3`, [orgId, provider, hint]);
  const id = counted?.id ?? newSecretId(now);
  const sealed = seal(key, old, previousAad(orgId, provider, id));
  if (counted) {
    await tx.query(`UPDATE webhook_secrets SET role = 'previous', sealed = $3, key_id = $4, expires_at = $5 WHERE org_id = $1 AND id = $2`,
      [orgId, id, sealed, key.id, expiresAt]);
  } else {
    await tx.query(`INSERT INTO webhook_secrets (org_id, id, provider, role, sealed, key_id, hint, added_at, added_by, expires_at)
      SELECT $1, $2, $3, 'previous', $4, $5, $6, updated_at, updated_by, $7 FROM provider_credentials WHERE org_id = $1 AND provider = $3`,
    [orgId, id, provider, sealed, key.id, hint, expiresAt]);
  }
  return { id, hint, expires_at: expiresAt.toISOString() };
}

/**
 * Stops accepting the replaced secret `id` (or every replaced one when no id is given), expired or not; its sealed value
 * is erased. NOT_FOUND when there is none left to retire.
 */
export async function retireWebhookSecret(db: Db, orgId: string, actor: string, provider: string, id: string | undefined, now: Date)
  : Promise<Result<WebhookSecretsList>> {
  if (!isRotatingProvider(provider)) return notRotating(provider);
  await flushSecretUse();
  const done = await inTransaction(db, async (tx) => {
    const rows = await tx.query<{ id: string; hint: string; expires_at: string | null; last_verified_at: string | null; verified_count: string | number }>(
      `UPDATE webhook_secrets SET retired_at = $4, retired_by = $5, sealed = NULL, key_id = NULL
       WHERE org_id = $1 AND provider = $2 AND role = 'previous' AND retired_at IS NULL AND ($3::text IS NULL OR id = $3)
       RETURNING id, hint, expires_at::text, last_verified_at::text, verified_count`, [orgId, provider, id ?? null, now, actor]);
    if (rows.length === 0) {
      return fail('NOT_FOUND', id ? `no replaced ${provider} secret ${id} is waiting to be retired` : `no replaced ${provider} secret is waiting to be retired`, id ? 'id' : 'provider');
    }
    for (const r of rows) {
      await recordAudit(tx, { orgId, actor, action: 'webhook_secret.retired', entity: 'provider_credentials', entityId: provider,
        data: { id: r.id, hint: r.hint, expired: r.expires_at !== null && Date.parse(r.expires_at) <= now.getTime(),
          last_verified_at: iso(r.last_verified_at), verified_count: Number(r.verified_count) } }, now);
    }
    return ok(null);
  });
  return done.ok ? listWebhookSecrets(db, orgId, provider, now) : done;
}
