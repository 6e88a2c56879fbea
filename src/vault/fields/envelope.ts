// Field values sealed with an org's data key: AES-256-GCM, a fresh 96-bit IV per value, a prefix naming the format and the
// data key version (`enc:v1:<version>:<iv|ciphertext|tag>`), with the org and field as associated data; format v2 (`enc:v2:`)
// adds the row's id, so a value copied to another row does not open either. Both formats open; blind indexes.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export const SEALED_PREFIX = 'enc:v1:';
export const ROW_SEALED_PREFIX = 'enc:v2:';
const IV = 12;
const TAG = 16;

export interface DataKey { version: number; key: Buffer }

/** What a sealed value is bound to: a value copied to another org or another field does not open. */
export const fieldAad = (orgId: string, field: string) => `cobro.field.v1|${orgId}|${field}`;

/** What a v2 value is bound to besides: the row (its id), so a value moved to another row of the same column does not open. */
export const rowAad = (orgId: string, field: string, rowId: string) => `cobro.field.v2|${orgId}|${field}|${rowId}`;

export const isSealed = (v: unknown): v is string => typeof v === 'string' && (v.startsWith(SEALED_PREFIX) || v.startsWith(ROW_SEALED_PREFIX));

/** Sealed in the v1 format (org and field) or, given the row's id, in the v2 format (org, field and row). */
export function sealField(k: DataKey, orgId: string, field: string, plaintext: string, rowId?: string): string {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', k.key, iv);
  cipher.setAAD(Buffer.from(rowId === undefined ? fieldAad(orgId, field) : rowAad(orgId, field, rowId), 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const prefix = rowId === undefined ? SEALED_PREFIX : ROW_SEALED_PREFIX;
  return `${prefix}${k.version}:${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
}

/** The data key version a sealed value names; throws on a value that is not in the format. */
export function versionOf(sealed: string): number {
  const m = /^enc:v[12]:(\d+):[A-Za-z0-9_-]+$/.exec(sealed);
  if (!m) throw new FieldDecryptError('not a sealed field value');
  return Number(m[1]);
}

/** True when the value is sealed under this data key version, in the v2 (row-bound) format when `rowBound`. */
export const sealedUnder = (v: unknown, version: number, rowBound = false): boolean =>
  typeof v === 'string' && v.startsWith(`${rowBound ? ROW_SEALED_PREFIX : SEALED_PREFIX}${version}:`);

export class FieldDecryptError extends Error {
  override name = 'FieldDecryptError';
}

/**
 * The plaintext; throws FieldDecryptError (naming neither the value nor the key) when the value was changed or belongs
 * elsewhere. A v2 value needs the id of the row it was sealed for; a v1 value opens without it.
 */
export function openField(k: DataKey, orgId: string, field: string, sealed: string, rowId?: string): string {
  if (versionOf(sealed) !== k.version) throw new FieldDecryptError(`sealed with data key version ${versionOf(sealed)}, not ${k.version}`);
  const v2 = sealed.startsWith(ROW_SEALED_PREFIX);
  if (v2 && rowId === undefined) throw new FieldDecryptError(`the ${field} value is bound to its row, and no row id was given`);
  const raw = Buffer.from(sealed.slice(sealed.indexOf(':', SEALED_PREFIX.length) + 1), 'base64url');
  if (raw.length < IV + TAG) throw new FieldDecryptError(`the ${field} value is truncated`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', k.key, raw.subarray(0, IV));
    decipher.setAAD(Buffer.from(v2 ? rowAad(orgId, field, rowId!) : fieldAad(orgId, field), 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - TAG));
    return Buffer.concat([decipher.update(raw.subarray(IV, raw.length - TAG)), decipher.final()]).toString('utf8');
  } catch {
    throw new FieldDecryptError(`the ${field} value of org ${orgId}${v2 ? ` row ${rowId}` : ''} does not authenticate (changed, or copied from another org, field${v2 ? ' or row' : ''})`);
  }
}

export type IndexKind = 'email' | 'phone' | 'account';

/**
 * The form equal values share: emails without case or surrounding space; numbers in E.164 without punctuation; bank
 * accounts in capitals without spaces or dashes.
 */
export function normaliseForIndex(kind: IndexKind, value: string): string {
  if (kind === 'account') return value.replace(/[\s\-.]/g, '').toUpperCase();
  const v = value.trim().replace(/^whatsapp:/i, '');
  if (kind === 'email') return v.toLowerCase();
  const s = v.replace(/[\s\-().]/g, '');
  const plus = s.startsWith('00') ? `+${s.slice(2)}` : s;
  return /^\d{7,15}$/.test(plus) ? `+${plus}` : plus;
}

/** HMAC-SHA256 under the org's index key (never the data key) of the kind and the normalised value. */
export function blindIndex(indexKey: Buffer, kind: IndexKind, value: string): string {
  return createHmac('sha256', indexKey).update(`${kind}|${normaliseForIndex(kind, value)}`, 'utf8').digest('base64url');
}
