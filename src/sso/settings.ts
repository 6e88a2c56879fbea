// An org's OpenID Connect provider: validated settings, the client secret sealed under the vault key, and the lookups
// the sign-in page uses (by org id, or by the domain of the email typed).
import { z } from 'zod';
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { ROLES, type Role } from '../orgs/index.ts';
import { open, seal, type VaultKey } from '../vault/index.ts';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https, or plain http on this machine only (a local test provider); no query or fragment, as OIDC requires. */
export function issuerProblem(value: string): string | null {
  let u: URL;
  try { u = new URL(value); } catch { return 'is not a URL'; }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOCAL_HOSTS.has(u.hostname))) return 'must be https (plain http only on localhost)';
  if (u.search || u.hash) return 'must have no query or fragment';
  return null;
}

const domain = z.string().trim().toLowerCase().regex(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,63}$/, 'an email domain such as acme.com');

export const ssoInput = z.object({
  label: z.string().trim().min(1).max(60).default('SSO').meta({ description: 'the name on the button: "Sign in with <label>"' }),
  issuer: z.string().max(500).superRefine((v, ctx) => { const p = issuerProblem(v); if (p) ctx.addIssue({ code: 'custom', message: p }); })
    .transform((v) => v.replace(/\/+$/, '')).meta({ description: 'the provider\'s issuer URL; its discovery document is at {issuer}/.well-known/openid-configuration' }),
  client_id: z.string().trim().min(1).max(500),
  client_secret: z.string().min(1).max(2000).optional().meta({ description: 'sealed at rest and never shown back; leave out to keep the stored one' }),
  allowed_domains: z.array(domain).min(1).max(50).meta({ description: 'email domains allowed to sign in' }),
  default_role: z.enum(ROLES).nullable().default(null).meta({ description: 'role of users made on first sign-in when the role claim gives none; null refuses them' }),
  role_claim: z.string().trim().min(1).max(100).nullable().default(null).meta({ description: 'an id_token claim (a string or a list of strings) mapped to a role by role_map' }),
  role_map: z.record(z.string().min(1).max(200), z.enum(ROLES)).default({}),
  create_users: z.boolean().default(false).meta({ description: 'make a user on their first sign-in; otherwise only existing users may sign in' }),
  enabled: z.boolean().default(true),
}).strict();
export type SsoInput = z.input<typeof ssoInput>;

/** What admins see: everything but the secret, which shows as its last four characters. */
export interface SsoSummary {
  label: string;
  issuer: string;
  client_id: string;
  client_secret_hint: string;
  allowed_domains: string[];
  default_role: Role | null;
  role_claim: string | null;
  role_map: Record<string, Role>;
  create_users: boolean;
  enabled: boolean;
  updated_at: string;
  updated_by: string;
}

export interface SsoSettings extends SsoSummary { org_id: string; client_secret: string }

const aad = (orgId: string) => `${orgId}/oidc`;
const COLUMNS = `label, issuer, client_id, secret_hint AS client_secret_hint, allowed_domains, default_role, role_claim, role_map,
  create_users, enabled, updated_at::text, updated_by`;

/** Sets or replaces the org's provider; the secret is needed the first time and kept when left out later. */
export async function putSso(q: Queryable, key: VaultKey, orgId: string, actor: string, input: unknown, now: Date): Promise<Result<SsoSummary>> {
  const parsed = ssoInput.safeParse(input);
  if (!parsed.success) {
    const e = parsed.error.issues[0]!;
    const field = e.path.join('.');
    return fail('VALIDATION_FAILED', `${field || 'settings'}: ${e.message}`, field || undefined);
  }
  const s = parsed.data;
  if (s.role_claim && Object.keys(s.role_map).length === 0) return fail('VALIDATION_FAILED', 'role_map: give at least one claim value when role_claim is set', 'role_map');
  let sealed: { value: string; keyId: string; hint: string };
  if (s.client_secret !== undefined) {
    sealed = { value: seal(key, s.client_secret, aad(orgId)), keyId: key.id, hint: `…${s.client_secret.slice(-4)}` };
  } else {
    const [row] = await q.query<{ sealed_secret: string; key_id: string; secret_hint: string }>(
      'SELECT sealed_secret, key_id, secret_hint FROM oidc_settings WHERE org_id = $1', [orgId]);
    if (!row) return fail('VALIDATION_FAILED', 'client_secret: required when no provider is stored yet', 'client_secret');
    sealed = { value: row.sealed_secret, keyId: row.key_id, hint: row.secret_hint };
  }
  const domains = [...new Set(s.allowed_domains)];
  const [row] = await q.query<SsoSummary>(
    `INSERT INTO oidc_settings (org_id, label, issuer, client_id, sealed_secret, key_id, secret_hint, allowed_domains, default_role,
       role_claim, role_map, create_users, enabled, updated_at, updated_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)
     ON CONFLICT (org_id) DO UPDATE SET label = $2, issuer = $3, client_id = $4, sealed_secret = $5, key_id = $6, secret_hint = $7,
       allowed_domains = $8, default_role = $9, role_claim = $10, role_map = $11, create_users = $12, enabled = $13, updated_at = $14, updated_by = $15
     RETURNING ${COLUMNS}`,
    [orgId, s.label, s.issuer, s.client_id, sealed.value, sealed.keyId, sealed.hint, JSON.stringify(domains), s.default_role, s.role_claim,
      JSON.stringify(s.role_map), s.create_users, s.enabled, now.toISOString(), actor]);
  const { updated_at: _at, updated_by: _by, ...shown } = row!;
  await recordAudit(q, { orgId, actor, action: 'sso.set', entity: 'oidc_settings', entityId: orgId, data: shown }, now);
  return ok(row!);
}

export async function showSso(q: Queryable, orgId: string): Promise<SsoSummary | null> {
  const [row] = await q.query<SsoSummary>(`SELECT ${COLUMNS} FROM oidc_settings WHERE org_id = $1`, [orgId]);
  return row ?? null;
}

/** Turns sign-in through the provider off, keeping its settings (put them again with enabled to turn it back on). */
export async function disableSso(q: Queryable, orgId: string, actor: string, now: Date): Promise<boolean> {
  const rows = await q.query('UPDATE oidc_settings SET enabled = false, updated_at = $2, updated_by = $3 WHERE org_id = $1 RETURNING org_id',
    [orgId, now.toISOString(), actor]);
  if (rows.length) await recordAudit(q, { orgId, actor, action: 'sso.disabled', entity: 'oidc_settings', entityId: orgId }, now);
  return rows.length > 0;
}

export async function deleteSso(q: Queryable, orgId: string, actor: string, now: Date): Promise<boolean> {
  const rows = await q.query('DELETE FROM oidc_settings WHERE org_id = $1 RETURNING org_id', [orgId]);
  if (rows.length) await recordAudit(q, { orgId, actor, action: 'sso.deleted', entity: 'oidc_settings', entityId: orgId }, now);
  return rows.length > 0;
}

/** The enabled provider of an org with its secret opened; a secret sealed under another key fails naming both keys. */
export async function ssoSettings(q: Queryable, key: VaultKey, orgId: string): Promise<Result<SsoSettings | null>> {
  const [row] = await q.query<SsoSummary & { sealed_secret: string; key_id: string }>(
    `SELECT ${COLUMNS}, sealed_secret, key_id FROM oidc_settings WHERE org_id = $1 AND enabled`, [orgId]);
  if (!row) return ok(null);
  const { sealed_secret: sealed, key_id: keyId, ...summary } = row;
  const secret = open(key, sealed, aad(orgId));
  if (secret === null) return fail('INVALID_STATE', `the SSO client secret was sealed with key ${keyId} and does not open with key ${key.id}: set it again`);
  return ok({ ...summary, org_id: orgId, client_secret: secret });
}

/** What the sign-in page may show without anyone signed in: the org and the button's label. */
export interface SsoButton { org_id: string; label: string }

export async function ssoButtonForOrg(q: Queryable, orgId: string): Promise<SsoButton[]> {
  return q.query<SsoButton>('SELECT org_id, label FROM oidc_settings WHERE org_id = $1 AND enabled', [orgId]);
}

/** The orgs whose provider admits this email's domain (usually one). */
export async function ssoButtonsForEmail(q: Queryable, email: string): Promise<SsoButton[]> {
  const at = email.trim().toLowerCase().lastIndexOf('@');
  if (at < 1) return [];
  return q.query<SsoButton>(
    'SELECT org_id, label FROM oidc_settings WHERE enabled AND allowed_domains @> jsonb_build_array($1::text) ORDER BY org_id LIMIT 5',
    [email.trim().toLowerCase().slice(at + 1)]);
}
