// Adyen standard webhooks (HMAC): each NotificationRequestItem carries additionalData.hmacSignature, the base64 HMAC-SHA256
// under the hex-decoded key of its pspReference, originalReference, merchantAccountCode, merchantReference, amount value,
// amount currency, eventCode and success joined by colons (a missing field an empty string); optional basic auth.
import { createHmac } from 'node:crypto';
import { VALID, anyEqual, invalid, safeEqual, type SignatureCheck } from './compare.ts';

type Item = Record<string, unknown>;

const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

/** The eight signed values of an item, in the order Adyen signs them. */
export function adyenSignedValues(item: Item): string[] {
  const amount = (item.amount && typeof item.amount === 'object' ? item.amount : {}) as Item;
  return [item.pspReference, item.originalReference, item.merchantAccountCode, item.merchantReference, amount.value, amount.currency,
    item.eventCode, item.success].map(text);
}

/**
 * The signed payload. Adyen's own libraries join the values as they are; its older HMAC guidance escapes `\` as `\\` and
 * `:` as `\:` first: `escaped` gives that form (the two differ only when a value holds one of those characters).
 */
export function adyenPayload(item: Item, escaped = false): string {
  const values = adyenSignedValues(item);
  return (escaped ? values.map((v) => v.replace(/\\/g, '\\\\').replace(/:/g, '\\:')) : values).join(':');
}

/** The base64 signature of an item under a hex HMAC key (as the Customer Area shows it). */
export function adyenSignature(hexKey: string, item: Item, escaped = false): string {
  return createHmac('sha256', Buffer.from(hexKey, 'hex')).update(adyenPayload(item, escaped), 'utf8').digest('base64');
}

export interface AdyenRequest {
  /** Every NotificationRequestItem of the delivery: each must carry a signature that holds. */
  items: readonly Item[];
  /** Hex HMAC keys (the current one, and the previous during a rotation). */
  hmacKeys: readonly string[];
  /** When basic auth is set on the endpoint: the expected user and password, and the Authorization header that came. */
  basicAuth?: { username: string; password: string; header: string | undefined };
}

export function verifyAdyen(req: AdyenRequest): SignatureCheck {
  if (req.basicAuth) {
    const expected = `Basic ${Buffer.from(`${req.basicAuth.username}:${req.basicAuth.password}`, 'utf8').toString('base64')}`;
    if (!req.basicAuth.header) return invalid('SIGNATURE_MISSING');
    if (!safeEqual(expected, req.basicAuth.header)) return invalid('SIGNATURE_MISMATCH');
  }
  if (req.hmacKeys.length === 0 || req.hmacKeys.some((k) => !/^([0-9a-f]{2})+$/i.test(k))) return invalid('NO_SECRET');
  if (req.items.length === 0) return invalid('MALFORMED_HEADER');
  for (const item of req.items) {
    const additional = item.additionalData && typeof item.additionalData === 'object' ? item.additionalData as Item : {};
    const given = additional.hmacSignature;
    if (typeof given !== 'string' || !given) return invalid('SIGNATURE_MISSING');
    const values = adyenSignedValues(item).join('');
    const candidates = req.hmacKeys.flatMap((k) => /[\\:]/.test(values) ? [adyenSignature(k, item), adyenSignature(k, item, true)] : [adyenSignature(k, item)]);
    if (!anyEqual(candidates, given)) return invalid('SIGNATURE_MISMATCH');
  }
  return VALID;
}
