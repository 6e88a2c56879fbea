// Stripe-Signature (WH-3): t=timestamp and one or more v1 HMAC-SHA256 of "t.body", within a tolerance of the clock.
import { VALID, anyEqual, hmac, invalid, type SignatureCheck } from './compare.ts';

export const STRIPE_TOLERANCE_SECONDS = 300;

/** The v1 signature for a timestamp (seconds) and raw body. */
export function stripeSignature(secret: string, timestamp: number, rawBody: string | Buffer): string {
  const payload = Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody, 'utf8')]);
  return hmac('sha256', secret, payload, 'hex');
}

export interface StripeHeader {
  timestamp: number;
  v1: string[];
}

/** Reads 't=…,v1=…[,v1=…]'; v0 and unknown schemes are ignored. */
export function parseStripeHeader(header: string): StripeHeader | null {
  let timestamp: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d+$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value) v1.push(value);
  }
  return timestamp === null || v1.length === 0 ? null : { timestamp, v1 };
}

export interface StripeRequest {
  rawBody: string | Buffer;
  /** The Stripe-Signature header. */
  signature: string | undefined;
  /** Endpoint secrets (whsec_…) in force (two during rotation). */
  secrets: readonly string[];
  now: Date;
  toleranceSeconds?: number;
}

/** Accepts when any v1 matches any secret and the timestamp is within the tolerance of `now`. */
export function verifyStripe(req: StripeRequest): SignatureCheck {
  if (!req.signature) return invalid('SIGNATURE_MISSING');
  const header = parseStripeHeader(req.signature);
  if (!header) return invalid('MALFORMED_HEADER');
  if (req.secrets.length === 0) return invalid('NO_SECRET');
  const expected = req.secrets.map((s) => stripeSignature(s, header.timestamp, req.rawBody));
  const matched = header.v1.reduce((found, given) => anyEqual(expected, given) || found, false);
  if (!matched) return invalid('SIGNATURE_MISMATCH');
  const tolerance = req.toleranceSeconds ?? STRIPE_TOLERANCE_SECONDS;
  if (Math.abs(req.now.getTime() / 1000 - header.timestamp) > tolerance) return invalid('TIMESTAMP_OUT_OF_TOLERANCE');
  return VALID;
}
