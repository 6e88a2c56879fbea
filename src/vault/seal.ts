// Sealing secrets: AES-256-GCM with a random 96-bit nonce, the org and provider as associated data, so a sealed value
// copied to another org's or provider's row does not open.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface VaultKey {
  key: Buffer;
  /** A short fingerprint of the key, stored beside each sealed value, so a changed key is named instead of failing vaguely. */
  id: string;
}

/** A key from configuration: 32 bytes as base64 or hex, or any passphrase of at least 16 characters (hashed). */
export function keyFromSecret(secret: string): VaultKey {
  const trimmed = secret.trim();
  let key: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) key = Buffer.from(trimmed, 'base64url');
  if (!key || key.length !== 32) {
    if (trimmed.length < 16) throw new Error('COBRO_SECRET_KEY: give 32 bytes as hex or base64, or a passphrase of at least 16 characters');
    key = createHash('sha256').update(trimmed, 'utf8').digest();
  }
  return { key, id: createHash('sha256').update(key).digest('hex').slice(0, 12) };
}

export function seal(k: VaultKey, plaintext: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', k.key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The plaintext, or null when the value was sealed under another key, for another owner, or changed. */
export function open(k: VaultKey, sealed: string, aad: string): string | null {
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length < 28) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', k.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
