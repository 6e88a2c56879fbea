// Mailgun webhooks: lowercase hex HMAC-SHA256 of timestamp + token under the webhook signing key. Mailgun signs only those
// two fields (they travel inside the body), so callers bind each token to the body it came with to refuse replays.
import { VALID, anyEqual, hmac, invalid, type SignatureCheck } from './compare.ts';

/** How far a Mailgun timestamp may be from now: Mailgun retries failed deliveries for 8 hours; a day covers them. */
export const MAILGUN_TOLERANCE_SECONDS = 24 * 3600;

export function mailgunSignature(signingKey: string, timestamp: string, token: string): string {
  return hmac('sha256', signingKey, timestamp + token, 'hex');
}

export interface MailgunRequest {
  timestamp: string | undefined;
  token: string | undefined;
  signature: string | undefined;
  /** Signing keys in force (two during rotation). */
  signingKeys: readonly string[];
  now: Date;
  toleranceSeconds?: number;
}

export function verifyMailgun(req: MailgunRequest): SignatureCheck {
  if (!req.signature || !req.timestamp || !req.token) return invalid('SIGNATURE_MISSING');
  if (!/^\d{1,12}$/.test(req.timestamp) || !/^[0-9a-f]{64}$/i.test(req.signature)) return invalid('MALFORMED_HEADER');
  if (req.signingKeys.length === 0) return invalid('NO_SECRET');
  const skew = Math.abs(req.now.getTime() / 1000 - Number(req.timestamp));
  const candidates = req.signingKeys.map((k) => mailgunSignature(k, req.timestamp!, req.token!));
  if (!anyEqual(candidates, req.signature.toLowerCase())) return invalid('SIGNATURE_MISMATCH');
  return skew > (req.toleranceSeconds ?? MAILGUN_TOLERANCE_SECONDS) ? invalid('TIMESTAMP_OUT_OF_TOLERANCE') : VALID;
}
