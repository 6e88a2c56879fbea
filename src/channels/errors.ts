// Classifying provider failures as temporary (retry) or permanent (stop, mark the contact, fire the fallback).
import { retryAfterMs, type HttpOutcome, type HttpResponse } from './http.ts';
import type { ContactVerdict, ProviderError } from './types.ts';

type Known = { kind: ProviderError['kind']; contact?: ContactVerdict };

/** Twilio error codes (twilio.com/docs/api/errors) that decide what happens next. */
export const TWILIO_CODES: Readonly<Record<string, Known>> = {
  '21610': { kind: 'permanent', contact: 'opted_out' }, // recipient replied STOP to this sender
  '21211': { kind: 'permanent', contact: 'invalid' }, // invalid 'To' number
  '21614': { kind: 'permanent', contact: 'invalid' }, // 'To' is not a mobile number
  '21217': { kind: 'permanent', contact: 'invalid' }, // phone number does not appear to be valid
  '21612': { kind: 'permanent', contact: 'unreachable' }, // cannot route to this number
  '21408': { kind: 'permanent' }, // region not enabled on the account
  '21606': { kind: 'permanent' }, // 'From' cannot send to this number
  '20003': { kind: 'permanent' }, // authentication failed
  '20429': { kind: 'temporary' }, // too many requests
  '30001': { kind: 'temporary' }, // queue overflow
  '30003': { kind: 'temporary', contact: 'unreachable' }, // handset unreachable
  '30004': { kind: 'permanent', contact: 'opted_out' }, // message blocked
  '30005': { kind: 'permanent', contact: 'invalid' }, // unknown destination handset
  '30006': { kind: 'permanent', contact: 'invalid' }, // landline or unreachable carrier
  '30007': { kind: 'permanent' }, // filtered by the carrier
  '30008': { kind: 'temporary' }, // unknown error
  '63016': { kind: 'permanent' }, // WhatsApp free text outside the 24-hour window: send a template
  '63024': { kind: 'permanent', contact: 'invalid' }, // invalid WhatsApp recipient
};

/** Meta WhatsApp Cloud API error codes. */
export const META_CODES: Readonly<Record<string, Known>> = {
  '1': { kind: 'temporary' }, '2': { kind: 'temporary' }, '4': { kind: 'temporary' }, '80007': { kind: 'temporary' },
  '130429': { kind: 'temporary' }, // throughput reached
  '131048': { kind: 'temporary' }, // spam rate limit
  '131056': { kind: 'temporary' }, // pair rate limit
  '131049': { kind: 'temporary' }, // not delivered to maintain ecosystem health
  '131000': { kind: 'temporary' }, // something went wrong
  '131026': { kind: 'permanent', contact: 'unreachable' }, // message undeliverable (no WhatsApp, old app...)
  '131047': { kind: 'permanent' }, // more than 24 h since the last reply: send a template
  '131050': { kind: 'permanent', contact: 'opted_out' }, // user stopped marketing messages
  '131021': { kind: 'permanent', contact: 'invalid' }, // recipient cannot be the sender
  '132000': { kind: 'permanent' }, '132001': { kind: 'permanent' }, '132012': { kind: 'permanent' }, // template params / missing
  '190': { kind: 'permanent' }, '100': { kind: 'permanent' }, '10': { kind: 'permanent' },
};

/** By HTTP status alone: 429, 408 and 5xx are temporary, other 4xx permanent. */
export function byStatus(status: number): ProviderError['kind'] {
  return status === 429 || status === 408 || status >= 500 ? 'temporary' : 'permanent';
}

export function fromResponse(res: HttpResponse, providerCode: string | undefined, message: string, table: Readonly<Record<string, Known>>): ProviderError {
  const known = providerCode ? table[providerCode] : undefined;
  const kind = res.status === 429 || res.status >= 500 ? 'temporary' : known?.kind ?? byStatus(res.status);
  const retry = retryAfterMs(res.headers['retry-after']);
  return {
    kind, code: kind === 'temporary' ? 'PROVIDER_TEMPORARY' : 'PROVIDER_REJECTED', message, httpStatus: res.status,
    ...(providerCode ? { providerCode } : {}), ...(retry !== undefined ? { retryAfterMs: retry } : {}),
    ...(known?.contact ? { contact: known.contact } : {}),
  };
}

/** A delivery-status error code (in a callback) classified the same way. */
export function fromCode(providerCode: string, message: string, table: Readonly<Record<string, Known>>): ProviderError {
  const known = table[providerCode];
  const kind = known?.kind ?? 'permanent';
  return { kind, code: kind === 'temporary' ? 'PROVIDER_TEMPORARY' : 'PROVIDER_REJECTED', message, providerCode, ...(known?.contact ? { contact: known.contact } : {}) };
}

/** A request that never got an answer: temporary (uncertain when the body may have reached the provider), or permanent when egress was refused. */
export function fromTransport(outcome: Extract<HttpOutcome, { ok: false }>): ProviderError {
  // the address may not be reached: retrying will not change that, the URL must
  if (outcome.reason === 'refused') return { kind: 'permanent', code: 'EGRESS_REFUSED', message: outcome.message };
  return { kind: 'temporary', code: outcome.reason === 'timeout' ? 'TIMEOUT' : 'NETWORK', message: outcome.message, ...(outcome.sent ? { uncertain: true } : {}) };
}
