// Field values sealed with an org's data key: AES-256-GCM, a fresh 96-bit IV per value, the org and field as associated
// data, and a prefix naming the format and the data key version (`enc:v1:<version>:<iv|ciphertext|tag>`); blind indexes.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export const SEALED_PREFIX = 'enc:v1:';
const IV = 12;
const TAG = 16;

export interface DataKey { version: number; key: Buffer }

/** What a sealed value is bound to: a value copied to another org or another field does not open. */
export const fieldAad = (orgId: string, field: string) => `cobro.field.v1|${orgId}|${field}`;

export const isSealed = (v: unknown): v is string => typeof v === 'string' && v.startsWith(SEALED_PREFIX);

export function sealField(k: DataKey, orgId: string, field: string, plaintext: string): string {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', k.key, iv);
  cipher.setAAD(Buffer.from(fieldAad(orgId, field), 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${SEALED_PREFIX}${k.version}:${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
}

/** The data key version a sealed value names; throws on a value that is not in the format. */
export function versionOf(sealed: string): number {
  const m = /^enc:v1:(\d+):[A-Za-z0-9_-]+$/.exec(sealed);
  if (!m) throw new FieldDecryptError('not a sealed field value');
  return Number(m[1]);
}

export class FieldDecryptError extends Error {
  override name = 'FieldDecryptError';
}

/** The plaintext; throws FieldDecryptError (naming neither the value nor the key) when the value was changed or belongs elsewhere. */
export function openField(k: DataKey, orgId: string, field: string, sealed: string): string {
  if (versionOf(sealed) !== k.version) throw new FieldDecryptError(`sealed with data key version ${versionOf(sealed)}, not ${k.version}`);
  const raw = Buffer.from(sealed.slice(sealed.indexOf(':', SEALED_PREFIX.length) + 1), 'base64url');
  if (raw.length < IV + TAG) throw new FieldDecryptError(`the ${field} value is truncated`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', k.key, raw.subarray(0, IV));
    decipher.setAAD(Buffer.from(fieldAad(orgId, field), 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - TAG));
    return Buffer.concat([decipher.update(raw.subarray(IV, raw.length - TAG)), decipher.final()]).toString('utf8');
  } catch {
    throw new FieldDecryptError(`the ${field} value of org ${orgId} does not authenticate (changed, or copied from another org or field)`);
  }
}

export type IndexKind = 'email' | 'phone';

/** The form equal addresses share: emails without case or surrounding space; numbers in E.164 without punctuation. */
export function normaliseForIndex(kind: IndexKind, value: string): string {
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
