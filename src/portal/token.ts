// Portal link tokens, pure: `<nonce>.<mac>`, where the nonce is random and stored with the link, and the mac is an HMAC
// over (nonce, org, customer, expiry) under the server's portal key: short enough for an SMS, and naming nothing itself.
import { createHmac } from 'node:crypto';
import { pooledRandomBytes } from '../domain/ids.ts';
import { safeEqual } from '../compliance/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';

/** What a token stands for: the stored link it names. */
export interface PortalClaim {
  linkId: string;
  orgId: string;
  customerId: string;
  nonce: string;
  expiresAt: Date;
}

const PART = /^[A-Za-z0-9_-]{22}$/;

/** 16 random bytes as base64url: the token's first half, stored on the link row. */
export function newNonce(): string {
  return pooledRandomBytes(16).toString('base64url');
}

/** The HMAC-SHA256 of the claim, cut to 128 bits (RFC 2104 allows half the output), base64url. */
export function portalMac(key: string, c: PortalClaim): string {
  const message = [c.nonce, c.orgId, c.customerId, String(Math.floor(c.expiresAt.getTime() / 1000))].join('\n');
  return createHmac('sha256', key).update(message).digest().subarray(0, 16).toString('base64url');
}

export function portalToken(key: string, c: PortalClaim): string {
  return `${c.nonce}.${portalMac(key, c)}`;
}

/** The nonce a well-formed token carries, or null: nothing is looked up for a malformed token. */
export function tokenNonce(token: string): string | null {
  const [nonce, mac, extra] = token.split('.');
  return nonce && mac && extra === undefined && PART.test(nonce) && PART.test(mac) ? nonce : null;
}

export type TokenRefusal = 'malformed' | 'tampered' | 'expired' | 'revoked';

/**
 * Checks a token against the link it names (as stored: org, customer, expiry, revocation) at `now`. Any change to the
 * token, or to the stored org, customer or expiry, breaks the mac.
 */
export function checkPortalToken(key: string, token: string, claim: PortalClaim & { revokedAt?: Date | null }, now: Date): Result<PortalClaim> {
  const nonce = tokenNonce(token);
  if (!nonce) return fail('UNAUTHORIZED', 'this portal link is not valid', 'token', 'malformed' satisfies TokenRefusal);
  const mac = token.slice(nonce.length + 1);
  if (nonce !== claim.nonce || !safeEqual(mac, portalMac(key, claim))) {
    return fail('UNAUTHORIZED', 'this portal link is not valid', 'token', 'tampered' satisfies TokenRefusal);
  }
  if (claim.revokedAt) return fail('UNAUTHORIZED', 'this portal link was withdrawn; ask for a new one', 'token', 'revoked' satisfies TokenRefusal);
  if (now.getTime() >= claim.expiresAt.getTime()) {
    return fail('UNAUTHORIZED', `this portal link expired on ${claim.expiresAt.toISOString().slice(0, 10)}; ask for a new one`, 'expires_at',
      'expired' satisfies TokenRefusal);
  }
  const { revokedAt: _revoked, ...rest } = claim;
  return ok(rest);
}
