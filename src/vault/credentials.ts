// Provider credentials per org: validated against the provider's schema, secrets sealed under the vault key, settings
// and the last four characters of each secret shown back; every change written to the audit log without the secrets.
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { secret } from '../db/secrets.ts';
import { keyFromSecret, open, seal, type VaultKey } from './seal.ts';
import { PROVIDERS, type ProviderName, type ProviderSecrets, type ProviderSettings } from './providers.ts';
import { refusedUrl, STRICT_EGRESS, type EgressPolicy } from '../channels/egress.ts';
import { checkHost, type HostCheck } from '../channels/egress-host.ts';

export interface CredentialSummary {
  provider: ProviderName;
  settings: Record<string, unknown>;
  /** Each secret field with its last four characters, e.g. `{ secret_key: "…4242" }`. */
  hints: Record<string, string>;
  updated_at: string;
  updated_by: string;
}

export interface Credentials<P extends ProviderName> { settings: ProviderSettings<P>; secrets: ProviderSecrets<P> }

/**
 * The key secrets are sealed with: COBRO_SECRET_KEY when configured, otherwise one made once and kept in the database
 * (enough to keep secrets out of backups' plain text only if the key lives elsewhere: set COBRO_SECRET_KEY in production).
 */
export async function vaultKey(q: Queryable, configured: string | undefined): Promise<VaultKey> {
  return keyFromSecret(configured ?? await secret(q, 'vault'));
}

const aad = (orgId: string, provider: string) => `${orgId}/${provider}`;

function issuePath(prefix: string, e: { path: PropertyKey[]; message: string }): string {
  return `${[prefix, ...e.path.map(String)].join('.')}: ${e.message}`;
}

/** The settings holding a URL cobro calls: the webhook channel's, a provider's API base, the mailbox's token endpoint. */
const URL_SETTINGS = ['url', 'api_base', 'token_url'] as const;

/** The providers whose `host` setting is a server cobro connects to (not HTTP). */
const HOST_PROVIDERS = new Set(['smtp', 'imap']);

/**
 * The first setting naming a server the policy refuses. The webhook channel's URL is checked against public addresses
 * when no policy is given; the rest only against the policy the API, the CLI and the worker pass (the operator's
 * COBRO_EGRESS_ALLOW, public addresses only when unset), so fixtures pointing providers at loopback fakes without one
 * are not. A literal address is checked; the name of the webhook channel's `url`, a provider's `api_base`, the IMAP
 * `token_url` and the SMTP or IMAP `host` is resolved now (at once for all of them, within SAVE_RESOLVE_MS:
 * 'unresolved' past it) and refused when it resolves to such an address. They are checked again, by the guarded lookup,
 * when connecting or delivering (a name may resolve elsewhere then).
 */
async function refusedSetting(provider: string, settings: Record<string, unknown>, egress: EgressPolicy | undefined)
  : Promise<({ field: string } & NonNullable<HostCheck>) | null> {
  const policy = egress ?? (provider === 'webhook' ? STRICT_EGRESS : undefined);
  if (!policy) return null;
  const hosts: [string, string][] = [];
  for (const field of URL_SETTINGS) {
    const url = settings[field];
    if (typeof url !== 'string') continue;
    const why = refusedUrl(url, policy);
    if (why) return { field, kind: 'refused', why };
    hosts.push([field, new URL(url).hostname.replace(/^\[|\]$/g, '')]);
  }
  const host = settings['host'];
  if (HOST_PROVIDERS.has(provider) && typeof host === 'string') hosts.push(['host', host]);
  const checked = await Promise.all(hosts.map(([, h]) => checkHost(h, policy)));
  const i = checked.findIndex((c) => c?.kind === 'refused');
  const at = i >= 0 ? i : checked.findIndex((c) => c !== null);
  return at >= 0 ? { field: hosts[at]![0], ...checked[at]! } : null;
}

export async function putCredentials(
  q: Queryable, key: VaultKey, orgId: string, actor: string, provider: string, input: { settings?: unknown; secrets?: unknown }, now: Date,
  egress?: EgressPolicy,
): Promise<Result<CredentialSummary>> {
  if (!(provider in PROVIDERS)) return fail('VALIDATION_FAILED', `provider: one of ${Object.keys(PROVIDERS).join(', ')}`, 'provider');
  const schema = PROVIDERS[provider as ProviderName];
  const settings = schema.settings.safeParse(input.settings ?? {});
  if (!settings.success) { const e = settings.error.issues[0]!; return fail('VALIDATION_FAILED', issuePath('settings', e), ['settings', ...e.path].join('.')); }
  const secrets = schema.secrets.safeParse(input.secrets ?? {});
  if (!secrets.success) { const e = secrets.error.issues[0]!; return fail('VALIDATION_FAILED', issuePath('secrets', e), ['secrets', ...e.path].join('.')); }
  // what needs settings and secrets together (the imap login chosen, and what it takes)
  const check = 'check' in schema ? schema.check as unknown as (settings: unknown, secrets: Record<string, unknown>) => { path: string; message: string } | undefined : undefined;
  const both = check?.(settings.data, secrets.data as Record<string, unknown>);
  if (both) return fail('VALIDATION_FAILED', `${both.path}: ${both.message}`, both.path);
  // URLs the org chose that cobro calls (the webhook channel's, a provider's API base, the IMAP token endpoint): not a
  // private address unless the operator allows it
  const refused = await refusedSetting(provider, settings.data as Record<string, unknown>, egress);
  if (refused) return fail(refused.kind === 'refused' ? 'VALIDATION_FAILED' : 'UNAVAILABLE', `settings.${refused.field}: ${refused.why}`, `settings.${refused.field}`);
  const hints = Object.fromEntries(Object.entries(secrets.data as Record<string, string | undefined>)
    .filter((e): e is [string, string] => typeof e[1] === 'string').map(([k, v]) => [k, `…${v.slice(-4)}`]));
  const sealed = seal(key, JSON.stringify(secrets.data), aad(orgId, provider));
  const [row] = await q.query<CredentialSummary>(
    `INSERT INTO provider_credentials (org_id, provider, settings, sealed, key_id, hints, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (org_id, provider) DO UPDATE SET settings = $3, sealed = $4, key_id = $5, hints = $6, updated_at = $7, updated_by = $8
     RETURNING provider, settings, hints, updated_at::text, updated_by`,
    [orgId, provider, JSON.stringify(settings.data), sealed, key.id, JSON.stringify(hints), now.toISOString(), actor]);
  await recordAudit(q, { orgId, actor, action: 'credentials.set', entity: 'provider_credentials', entityId: provider, data: { settings: settings.data, hints } }, now);
  return ok(row!);
}

export async function listCredentials(q: Queryable, orgId: string): Promise<CredentialSummary[]> {
  return q.query<CredentialSummary>(
    'SELECT provider, settings, hints, updated_at::text, updated_by FROM provider_credentials WHERE org_id = $1 ORDER BY provider', [orgId]);
}

export async function deleteCredentials(q: Queryable, orgId: string, actor: string, provider: string): Promise<boolean> {
  const rows = await q.query('DELETE FROM provider_credentials WHERE org_id = $1 AND provider = $2 RETURNING provider', [orgId, provider]);
  // the webhook secrets kept during a rotation go with them: a provider connected again starts with its new secret alone
  if (rows.length > 0) await q.query('DELETE FROM webhook_secrets WHERE org_id = $1 AND provider = $2', [orgId, provider]);
  if (rows.length > 0) await recordAudit(q, { orgId, actor, action: 'credentials.deleted', entity: 'provider_credentials', entityId: provider });
  return rows.length > 0;
}

/**
 * The org's credentials for a provider, opened; null when none are stored. A value sealed under another key fails with
 * the key ids, not with garbage.
 */
export async function getCredentials<P extends ProviderName>(q: Queryable, key: VaultKey, orgId: string, provider: P): Promise<Result<Credentials<P> | null>> {
  const [row] = await q.query<{ settings: ProviderSettings<P>; sealed: string; key_id: string }>(
    'SELECT settings, sealed, key_id FROM provider_credentials WHERE org_id = $1 AND provider = $2', [orgId, provider]);
  if (!row) return ok(null);
  const plain = open(key, row.sealed, aad(orgId, provider));
  if (plain === null) {
    return fail('INVALID_STATE', `the ${provider} credentials were sealed with key ${row.key_id} and do not open with key ${key.id}: set COBRO_SECRET_KEY back, or store them again`);
  }
  return ok({ settings: row.settings, secrets: JSON.parse(plain) as ProviderSecrets<P> });
}

/**
 * Stores a secret the provider itself replaced (an OAuth2 refresh token rotated by the token endpoint), sealed as the
 * rest, in the same stored credentials, only while they still hold `from` there: a change made meanwhile (a person's new
 * credentials, another process's rotation) wins. The hint shows the new last four; `updated_at`/`updated_by` stay, as
 * they tell of a person's change. 'stored', or 'changed' when the stored value was no longer `from`.
 */
export async function replaceSecret<P extends ProviderName>(
  q: Queryable, key: VaultKey, orgId: string, provider: P, field: keyof ProviderSecrets<P> & string, from: string, to: string,
): Promise<Result<'stored' | 'changed'>> {
  const [row] = await q.query<{ sealed: string; key_id: string }>(
    'SELECT sealed, key_id FROM provider_credentials WHERE org_id = $1 AND provider = $2', [orgId, provider]);
  if (!row) return ok('changed');
  const plain = open(key, row.sealed, aad(orgId, provider));
  if (plain === null) return fail('INVALID_STATE', `the ${provider} credentials were sealed with key ${row.key_id} and do not open with key ${key.id}`);
  const secrets = JSON.parse(plain) as Record<string, unknown>;
  if (secrets[field] !== from) return ok('changed');
  const sealed = seal(key, JSON.stringify({ ...secrets, [field]: to }), aad(orgId, provider));
  // compare-and-set on the sealed text read above: a write in between leaves this one out
  const done = await q.query(
    `UPDATE provider_credentials SET sealed = $3, key_id = $4, hints = hints || jsonb_build_object($5::text, $6::text)
     WHERE org_id = $1 AND provider = $2 AND sealed = $7 RETURNING provider`,
    [orgId, provider, sealed, key.id, field, `…${to.slice(-4)}`, row.sealed]);
  return ok(done.length > 0 ? 'stored' : 'changed');
}
