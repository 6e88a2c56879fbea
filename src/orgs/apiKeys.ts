// API keys: shown once, stored as a SHA-256 hash, scoped to one org with one role, revocable.
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/index.ts';
import { newId } from '../domain/ids.ts';

export const ROLES = ['admin', 'manager', 'collector', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKeyInfo {
  id: string;
  org_id: string;
  name: string;
  role: Role;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export function hashKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Creates a key and returns its secret, which is never stored and cannot be shown again. */
export async function createApiKey(
  q: Queryable, orgId: string, role: Role, name = 'default',
): Promise<{ key: ApiKeyInfo; secret: string }> {
  const secret = `cobro_sk_${randomBytes(24).toString('base64url')}`;
  const rows = await q.query<ApiKeyInfo>(
    `INSERT INTO api_keys (id, org_id, name, role, prefix, hash) VALUES ($1,$2,$3,$4,$5,$6)
     RETURNING id, org_id, name, role, prefix, created_at, last_used_at, revoked_at`,
    [newId('apiKey'), orgId, name, role, secret.slice(0, 14), hashKey(secret)],
  );
  return { key: rows[0]!, secret };
}

/** Finds the live key for a secret and marks it used; undefined for unknown or revoked keys. */
export async function authenticate(q: Queryable, secret: string): Promise<ApiKeyInfo | undefined> {
  const rows = await q.query<ApiKeyInfo>(
    `UPDATE api_keys SET last_used_at = now() WHERE hash = $1 AND revoked_at IS NULL
     RETURNING id, org_id, name, role, prefix, created_at, last_used_at, revoked_at`,
    [hashKey(secret)],
  );
  return rows[0];
}

export async function listApiKeys(q: Queryable, orgId: string): Promise<ApiKeyInfo[]> {
  return q.query<ApiKeyInfo>(
    `SELECT id, org_id, name, role, prefix, created_at, last_used_at, revoked_at FROM api_keys
     WHERE org_id = $1 ORDER BY id`, [orgId]);
}

export async function revokeApiKey(q: Queryable, orgId: string, id: string): Promise<boolean> {
  const rows = await q.query(
    'UPDATE api_keys SET revoked_at = now() WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id',
    [orgId, id]);
  return rows.length > 0;
}

/** What each role may do: viewers read; collectors also record payments; managers and admins change the ledger. */
export function canWrite(role: Role): boolean {
  return role !== 'viewer';
}
