// What a webhook signature check answers, and the constant-time comparison and HMAC every scheme uses.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureFailure =
  | 'SIGNATURE_MISSING' | 'MALFORMED_HEADER' | 'SIGNATURE_MISMATCH' | 'TIMESTAMP_OUT_OF_TOLERANCE' | 'BODY_HASH_MISMATCH'
  | 'NO_SECRET';

/** `secret`: when the check was given several secrets one by one (verifyEach), the index of the one that verified. */
export type SignatureCheck = { ok: true; secret?: number } | { ok: false; code: SignatureFailure };

export const VALID: SignatureCheck = { ok: true };

export function invalid(code: SignatureFailure): SignatureCheck {
  return { ok: false, code };
}

/** Equal strings, compared in time that depends only on their lengths. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  // Compare against itself on a length mismatch so the time taken does not depend on where they differ.
  if (x.length !== y.length) {
    timingSafeEqual(x, x);
    return false;
  }
  return timingSafeEqual(x, y);
}

export function hmac(algorithm: 'sha1' | 'sha256', secret: string, data: string | Buffer, encoding: 'hex' | 'base64'): string {
  return createHmac(algorithm, secret).update(data).digest(encoding);
}

/** True when any candidate equals the expected value; every candidate is compared (secrets rotate, WH-5). */
export function anyEqual(candidates: readonly string[], given: string): boolean {
  let found = false;
  for (const c of candidates) found = safeEqual(c, given) || found;
  return found;
}

/**
 * Tries each secret on its own (WH-5: two are accepted during a rotation) and names the first that verifies by its index,
 * so which secret signed can be recorded. When none does: the failure that got furthest (a signature that matched but
 * came too late says more than a mismatch), else the first. No secret: the check with none (its own NO_SECRET).
 */
export async function verifyEach(secrets: readonly string[], check: (secrets: readonly string[]) => SignatureCheck | Promise<SignatureCheck>): Promise<SignatureCheck> {
  if (secrets.length === 0) return check([]);
  let failed: SignatureCheck | null = null;
  for (const [i, s] of secrets.entries()) {
    const r = await check([s]);
    if (r.ok) return { ok: true, secret: i };
    if (!failed || (!failed.ok && failed.code === 'SIGNATURE_MISMATCH' && r.code !== 'SIGNATURE_MISMATCH')) failed = r;
  }
  return failed!;
}
