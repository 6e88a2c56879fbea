// PayPal webhooks: PayPal signs each delivery with its own certificate (SHA256withRSA over transmission id, time, webhook
// id and the body's CRC32); the documented check is to ask PayPal (POST /v1/notifications/verify-webhook-signature) with
// the transmission headers, the webhook's id and the event exactly as it came, and accept only verification_status SUCCESS.
// This file builds that request and reads its answer; the call itself is the gateway adapter's.
import { VALID, invalid, type SignatureCheck } from './compare.ts';

/** The transmission headers PayPal sends with each delivery, under the names verify-webhook-signature takes. */
export interface PayPalTransmission {
  transmission_id: string; transmission_time: string; transmission_sig: string; cert_url: string; auth_algo: string;
}

const HEADERS: Record<keyof PayPalTransmission, string> = {
  transmission_id: 'paypal-transmission-id', transmission_time: 'paypal-transmission-time', transmission_sig: 'paypal-transmission-sig',
  cert_url: 'paypal-cert-url', auth_algo: 'paypal-auth-algo',
};

/** The five headers (lower-cased names), or why they cannot be passed on (one missing, or not of PayPal's form). */
export function readTransmission(headers: Record<string, string | undefined>): { ok: true; value: PayPalTransmission } | { ok: false; code: 'SIGNATURE_MISSING' | 'MALFORMED_HEADER' } {
  const t = {} as PayPalTransmission;
  for (const [k, h] of Object.entries(HEADERS) as [keyof PayPalTransmission, string][]) {
    const v = headers[h];
    if (!v) return { ok: false, code: 'SIGNATURE_MISSING' };
    t[k] = v;
  }
  let cert: URL | null = null;
  try { cert = new URL(t.cert_url); } catch { /* below */ }
  const shaped = /^[a-zA-Z0-9]{1,100}$/.test(t.auth_algo) && t.transmission_id.length <= 50 && t.transmission_sig.length <= 500
    && !Number.isNaN(Date.parse(t.transmission_time)) && cert !== null && t.cert_url.length <= 500;
  return shaped ? { ok: true, value: t } : { ok: false, code: 'MALFORMED_HEADER' };
}

/**
 * The verify-webhook-signature request body: the event is the raw body itself, spliced in unchanged (PayPal's CRC32 is
 * over the bytes it sent: a parsed and re-written event could differ in number or escape form). Null when the body is
 * not a JSON object or the webhook id is not of PayPal's form.
 */
export function verificationBody(t: PayPalTransmission, webhookId: string, rawBody: string): string | null {
  if (!/^[a-zA-Z0-9]{1,50}$/.test(webhookId)) return null;
  let event: unknown;
  try { event = JSON.parse(rawBody); } catch { return null; }
  if (!event || typeof event !== 'object' || Array.isArray(event)) return null;
  const head = JSON.stringify({ auth_algo: t.auth_algo, cert_url: t.cert_url, transmission_id: t.transmission_id, transmission_sig: t.transmission_sig,
    transmission_time: t.transmission_time, webhook_id: webhookId });
  return `${head.slice(0, -1)},"webhook_event":${rawBody.trim()}}`;
}

/** PayPal's answer: valid only on a 200 that says SUCCESS. */
export function verificationAnswer(status: number, body: unknown): SignatureCheck {
  const said = body && typeof body === 'object' ? (body as Record<string, unknown>).verification_status : undefined;
  return status === 200 && said === 'SUCCESS' ? VALID : invalid('SIGNATURE_MISMATCH');
}
