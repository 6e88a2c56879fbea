// Master keys from configuration, and each org's data keys (by version) and blind-index key: made at random, wrapped by
// the master key with the org and version as associated data, unwrapped on use and kept in memory (never logged).
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/index.ts';
import { keyFromSecret, open, seal, type VaultKey } from '../seal.ts';
import type { DataKey } from './envelope.ts';

// A version's key never changes (a master rotation only re-wraps it), so the unwrapped keys can be kept.
const dataKeys = new Map<string, DataKey>();
const indexKeys = new Map<string, Buffer>();

interface Masters { current?: VaultKey; previous?: VaultKey }
let masters: Masters = {};

/** Called once at start-up with COBRO_FIELD_KEY and, during a master key rotation, COBRO_FIELD_KEY_PREVIOUS. */
export function configureFieldKeys(c: { fieldKey?: string; fieldKeyPrevious?: string }): void {
  dataKeys.clear();
  indexKeys.clear();
  masters = { ...(c.fieldKey ? { current: keyFromSecret(c.fieldKey) } : {}), ...(c.fieldKeyPrevious ? { previous: keyFromSecret(c.fieldKeyPrevious) } : {}) };
}

/** The id (a fingerprint, not the key) of the configured master key, or null. */
export const masterKeyId = (): string | null => masters.current?.id ?? null;

function currentMaster(): VaultKey {
  if (!masters.current) throw new Error('field encryption needs a master key: set COBRO_FIELD_KEY (32 bytes as hex or base64, kept outside the database)');
  return masters.current;
}

function masterById(id: string, what: string): VaultKey {
  for (const k of [masters.current, masters.previous]) if (k?.id === id) return k;
  throw new Error(`${what} is wrapped by master key ${id}, which is neither COBRO_FIELD_KEY (${masters.current?.id ?? 'unset'}) nor COBRO_FIELD_KEY_PREVIOUS (${masters.previous?.id ?? 'unset'})`);
}

const dataAad = (orgId: string, version: number) => `cobro.field-key|${orgId}|${version}`;
const indexAad = (orgId: string) => `cobro.index-key|${orgId}`;

function unwrap(master: VaultKey, wrapped: string, aad: string, what: string): Buffer {
  const plain = open(master, wrapped, aad);
  if (plain === null) throw new Error(`${what} does not open with master key ${master.id}`);
  return Buffer.from(plain, 'base64url');
}

const wrapNew = (aad: string) => {
  const master = currentMaster();
  return { wrapped: seal(master, randomBytes(32).toString('base64url'), aad), masterId: master.id };
};


export async function dataKey(q: Queryable, orgId: string, version: number): Promise<DataKey> {
  const hit = dataKeys.get(`${orgId}:${version}`);
  if (hit) return hit;
  const [row] = await q.query<{ wrapped_key: string; master_id: string }>(
    'SELECT wrapped_key, master_id FROM field_keys WHERE org_id = $1 AND version = $2', [orgId, version]);
  if (!row) throw new Error(`org ${orgId} has no field data key version ${version}`);
  const what = `data key version ${version} of org ${orgId}`;
  const k = { version, key: unwrap(masterById(row.master_id, what), row.wrapped_key, dataAad(orgId, version), what) };
  dataKeys.set(`${orgId}:${version}`, k);
  return k;
}

export async function indexKey(q: Queryable, orgId: string): Promise<Buffer | null> {
  const hit = indexKeys.get(orgId);
  if (hit) return hit;
  const [row] = await q.query<{ wrapped_index_key: string; index_master_id: string }>(
    'SELECT wrapped_index_key, index_master_id FROM field_encryption WHERE org_id = $1', [orgId]);
  if (!row) return null;
  const what = `the blind-index key of org ${orgId}`;
  const k = unwrap(masterById(row.index_master_id, what), row.wrapped_index_key, indexAad(orgId), what);
  indexKeys.set(orgId, k);
  return k;
}

/** A new data key version for the org (1 for the first); the caller makes it the active one. */
export async function addDataKey(q: Queryable, orgId: string, now: Date): Promise<number> {
  const [row] = await q.query<{ v: number }>('SELECT coalesce(max(version), 0)::int + 1 AS v FROM field_keys WHERE org_id = $1', [orgId]);
  const version = row!.v;
  const { wrapped, masterId } = wrapNew(dataAad(orgId, version));
  await q.query('INSERT INTO field_keys (org_id, version, wrapped_key, master_id, created_at) VALUES ($1, $2, $3, $4, $5)',
    [orgId, version, wrapped, masterId, now]);
  return version;
}

/** The org's settings row with a fresh blind-index key, made the first time encryption is turned on. */
export async function createFieldSettings(q: Queryable, orgId: string, actor: string, now: Date): Promise<void> {
  const { wrapped, masterId } = wrapNew(indexAad(orgId));
  await q.query(`INSERT INTO field_encryption (org_id, enabled, wrapped_index_key, index_master_id, updated_at, updated_by)
    VALUES ($1, false, $2, $3, $4, $5) ON CONFLICT (org_id) DO NOTHING`, [orgId, wrapped, masterId, now, actor]);
}

/**
 * Re-wraps every data key and index key (of one org, or all) that the current master key did not wrap, with the current
 * one: the values themselves are untouched. Run in a transaction; returns how many keys were re-wrapped.
 */
export async function rewrapUnderCurrentMaster(q: Queryable, orgId?: string): Promise<{ data_keys: number; index_keys: number }> {
  const master = currentMaster();
  const scope = orgId ? ' AND org_id = $2' : '';
  const params = orgId ? [master.id, orgId] : [master.id];
  const keys = await q.query<{ org_id: string; version: number; wrapped_key: string; master_id: string }>(
    `SELECT org_id, version, wrapped_key, master_id FROM field_keys WHERE master_id <> $1${scope} ORDER BY org_id, version FOR UPDATE`, params);
  for (const k of keys) {
    const what = `data key version ${k.version} of org ${k.org_id}`;
    const raw = unwrap(masterById(k.master_id, what), k.wrapped_key, dataAad(k.org_id, k.version), what);
    await q.query('UPDATE field_keys SET wrapped_key = $3, master_id = $4 WHERE org_id = $1 AND version = $2',
      [k.org_id, k.version, seal(master, raw.toString('base64url'), dataAad(k.org_id, k.version)), master.id]);
  }
  const idx = await q.query<{ org_id: string; wrapped_index_key: string; index_master_id: string }>(
    `SELECT org_id, wrapped_index_key, index_master_id FROM field_encryption WHERE index_master_id <> $1${scope} ORDER BY org_id FOR UPDATE`, params);
  for (const k of idx) {
    const what = `the blind-index key of org ${k.org_id}`;
    const raw = unwrap(masterById(k.index_master_id, what), k.wrapped_index_key, indexAad(k.org_id), what);
    await q.query('UPDATE field_encryption SET wrapped_index_key = $2, index_master_id = $3 WHERE org_id = $1',
      [k.org_id, seal(master, raw.toString('base64url'), indexAad(k.org_id)), master.id]);
  }
  return { data_keys: keys.length, index_keys: idx.length };
}
