// The public keys SendGrid's event webhook is verified with (settings webhook_public_key, and previous_webhook_public_key
// while one replaces the other), listed with the deliveries each verified (WH-5), as the rotated secrets are: an admin
// sees when the previous key falls silent and can be dropped from the settings.
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/index.ts';
import { flushSecretUse } from './secret-use.ts';
import { PUBLIC_KEY_FIELDS, publicKeyHint } from './webhook-secrets.ts';
import type { WebhookSecretsList, WebhookSecretView } from './webhook-rotation.ts';

type KeyProvider = keyof typeof PUBLIC_KEY_FIELDS;

export async function listPublicKeys(q: Queryable, orgId: string, provider: KeyProvider): Promise<Result<WebhookSecretsList>> {
  await flushSecretUse();
  const [creds] = await q.query<{ settings: Record<string, unknown> }>(
    'SELECT settings FROM provider_credentials WHERE org_id = $1 AND provider = $2', [orgId, provider]);
  if (!creds) return fail('NOT_FOUND', `no ${provider} credentials are stored (PUT /v1/providers/${provider})`, 'provider');
  const rows = await q.query<{ id: string; hint: string; added_at: string; last_verified_at: string | null; verified_count: string | number }>(
    `SELECT id, hint, added_at::text, last_verified_at::text, verified_count FROM webhook_secrets
     WHERE org_id = $1 AND provider = $2 AND role = 'public_key'`, [orgId, provider]);
  const [currentField, previousField] = PUBLIC_KEY_FIELDS[provider];
  const secrets: WebhookSecretView[] = [];
  for (const [field, role] of [[currentField, 'current'], [previousField, 'previous']] as const) {
    const key = creds.settings[field];
    if (typeof key !== 'string' || !key) continue;
    const hint = publicKeyHint(key);
    const r = rows.find((x) => x.hint === hint);
    secrets.push({ id: r?.id ?? null, role, field, hint, state: 'active', added_at: r ? new Date(r.added_at).toISOString() : null,
      added_by: r ? 'settings' : null, expires_at: null, retired_at: null, retired_by: null,
      last_verified_at: r?.last_verified_at ? new Date(r.last_verified_at).toISOString() : null, verified_count: Number(r?.verified_count ?? 0) });
  }
  return ok({ provider, field: currentField, secrets });
}
