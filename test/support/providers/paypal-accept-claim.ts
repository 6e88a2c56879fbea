// The fake PayPal's accept-claim (Disputes API v1): POST /v1/customer/disputes/{id}/accept-claim with a JSON body whose
// `note` (1 to 2,000 characters) is required and whose other keys are those PayPal's reference names (accept_claim_reason,
// accept_claim_type, refund_amount, return_shipping_address, invoice_id); anything else is refused with PayPal's error
// shape and nothing kept. Only an open dispute (not RESOLVED) is accepted (422 otherwise); it is then RESOLVED with the
// outcome ACCEPTED. A repeated PayPal-Request-Id gets the first answer again and accepts nothing more. The bearer token
// and the JSON content type are checked before (paypal.ts).
import type http from 'node:http';
import { json, type Received } from './http.ts';
import type { PayPalResource } from './paypal-disputes.ts';

type Refuse = (res: http.ServerResponse, status: number, name: string, issue: string) => void;

export interface PayPalClaimAccepted { dispute: string; body: Record<string, unknown>; requestId: string | null }
export interface PayPalAcceptClaimFake {
  accepted: PayPalClaimAccepted[];
  /** Answers an accept-claim request; false when the path is not one. */
  route(req: Received, url: URL, res: http.ServerResponse): boolean;
}

const KEYS = new Set(['note', 'accept_claim_reason', 'accept_claim_type', 'refund_amount', 'return_shipping_address', 'invoice_id']);

export function fakeAcceptClaim(o: { disputes: Map<string, PayPalResource>; base: () => string; now: () => Date; refuse: Refuse }): PayPalAcceptClaimFake {
  const accepted: PayPalClaimAccepted[] = [];
  const answered = new Map<string, unknown>();
  return {
    accepted,
    route(req, url, res) {
      const one = /^\/v1\/customer\/disputes\/([A-Za-z0-9-]+)\/accept-claim$/.exec(url.pathname);
      if (!one) return false;
      if (req.method !== 'POST') { o.refuse(res, 405, 'METHOD_NOT_SUPPORTED', 'accept-claim is a POST'); return true; }
      const requestId = typeof req.headers['paypal-request-id'] === 'string' ? req.headers['paypal-request-id'] : null;
      if (requestId && answered.has(requestId)) { json(res, 200, answered.get(requestId)); return true; }
      let body: unknown;
      try { body = JSON.parse(req.body.toString('utf8')); } catch { o.refuse(res, 400, 'INVALID_REQUEST', 'MALFORMED_REQUEST_JSON'); return true; }
      if (!body || typeof body !== 'object' || Array.isArray(body)) { o.refuse(res, 400, 'INVALID_REQUEST', 'MALFORMED_REQUEST_JSON'); return true; }
      const unknown = Object.keys(body).find((k) => !KEYS.has(k));
      if (unknown) { o.refuse(res, 400, 'INVALID_REQUEST', `UNKNOWN_FIELD: ${unknown}`); return true; }
      const note = (body as { note?: unknown }).note;
      if (typeof note !== 'string' || note.length === 0) { o.refuse(res, 400, 'INVALID_REQUEST', 'MISSING_REQUIRED_PARAMETER: note'); return true; }
      if (note.length > 2000) { o.refuse(res, 400, 'INVALID_REQUEST', 'INVALID_STRING_MAX_LENGTH: note'); return true; }
      const d = o.disputes.get(one[1]!);
      if (!d) { o.refuse(res, 404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID'); return true; }
      if (d.status === 'RESOLVED') { o.refuse(res, 422, 'UNPROCESSABLE_ENTITY', `NOT_ELIGIBLE_TO_ACCEPT_CLAIM: the dispute is ${String(d.status)}`); return true; }
      accepted.push({ dispute: one[1]!, body: body as Record<string, unknown>, requestId });
      Object.assign(d, { status: 'RESOLVED', dispute_outcome: { outcome_code: 'ACCEPTED' }, update_time: o.now().toISOString() });
      const answer = { links: [{ href: `${o.base()}/v1/customer/disputes/${one[1]!}`, rel: 'self', method: 'GET' }] };
      if (requestId) answered.set(requestId, answer);
      json(res, 200, answer);
      return true;
    },
  };
}
