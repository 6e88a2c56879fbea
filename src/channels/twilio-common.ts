// What Twilio's SMS, WhatsApp and voice adapters share: the form-encoded REST call, its errors, and signed callbacks.
import { verifyTwilio, type SignatureCheck } from '../compliance/index.ts';
import { replyWithKeyword } from './inbound.ts';
import { TWILIO_CODES, fromCode, fromResponse, fromTransport } from './errors.ts';
import { basicAuth } from './http.ts';
import { http1Request, http1Target, type Http1Target } from './http1.ts';
import type { EgressPolicy } from './egress.ts';
import type { DeliveryState, InboundEvent, MediaRef, RawRequest, SendResult } from './types.ts';

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** Tokens that still sign webhooks during rotation (the current one is always tried). */
  previousAuthTokens?: readonly string[];
  /** https://api.twilio.com unless a test points elsewhere. */
  baseUrl?: string;
  /** The addresses an org-chosen `baseUrl` may reach (checked on the address connected to); none: unchecked. */
  egress?: EgressPolicy;
  /** Where Twilio posts status callbacks. */
  statusCallbackUrl?: string;
  timeoutMs?: number;
}

export type FormFields = Record<string, string | readonly string[]>;

// what encodeURIComponent leaves as is and a form encodes (and its %20, a form's +)
const FORM_SPECIAL = /[!'()~]|%20/g;
const formSpecial = (c: string) => (c === '%20' ? '+' : `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** application/x-www-form-urlencoded as URLSearchParams writes it, at a third of its allocations (one per message sent). */
export function encodeForm(fields: FormFields): string {
  let out = '';
  try {
    for (const k in fields) {
      const v = fields[k]!;
      const name = encodeURIComponent(k).replace(FORM_SPECIAL, formSpecial);
      for (const one of typeof v === 'string' ? [v] : v) out += `${out ? '&' : ''}${name}=${encodeURIComponent(one).replace(FORM_SPECIAL, formSpecial)}`;
    }
    return out;
  } catch {
    // a lone surrogate, which encodeURIComponent refuses and URLSearchParams writes as U+FFFD
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of typeof v === 'string' ? [v] : v) p.append(k, one);
    return p.toString();
  }
}

/** Form fields of a raw body, repeated names kept as lists (as Twilio's signature needs them). */
export function decodeForm(body: Buffer): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(body.toString('utf8'))) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export function field(f: Record<string, string | string[]>, name: string): string | undefined {
  const v = f[name];
  return Array.isArray(v) ? v[0] : v;
}

type Resource = 'Messages' | 'Calls';

/** Per config, what every call to it shares: each resource's request (URL parsed, headers with their basic auth written). */
const prepared = new WeakMap<TwilioConfig, Record<Resource, Http1Target>>();

function preparedFor(cfg: TwilioConfig): Record<Resource, Http1Target> {
  let p = prepared.get(cfg);
  if (!p) {
    const base = (cfg.baseUrl ?? 'https://api.twilio.com').replace(/\/$/, '');
    const headers = { authorization: basicAuth(cfg.accountSid, cfg.authToken), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    const target = (resource: Resource) =>
      http1Target(new URL(`${base}/2010-04-01/Accounts/${encodeURIComponent(cfg.accountSid)}/${resource}.json`), 'POST', headers, cfg.egress);
    p = { Messages: target('Messages'), Calls: target('Calls') };
    prepared.set(cfg, p);
  }
  return p;
}

/** POSTs to /2010-04-01/Accounts/{AccountSid}/{resource}.json and reads the resource's sid and status. */
export async function twilioCreate(cfg: TwilioConfig, resource: Resource, fields: FormFields, provider: string): Promise<SendResult> {
  const outcome = await http1Request(preparedFor(cfg)[resource], encodeForm(fields), cfg.timeoutMs, cfg.egress);
  if (!outcome.ok) return { ok: false, error: fromTransport(outcome) };
  const res = outcome.response;
  let json: Record<string, unknown> = {};
  try { json = JSON.parse(res.body) as Record<string, unknown>; } catch { /* a proxy's HTML error page */ }
  if (res.status < 200 || res.status >= 300) {
    const code = json['code'] === undefined ? undefined : String(json['code']);
    return { ok: false, error: fromResponse(res, code, typeof json['message'] === 'string' ? json['message'] : `HTTP ${res.status}`, TWILIO_CODES) };
  }
  const sid = typeof json['sid'] === 'string' ? json['sid'] : '';
  if (!sid) return { ok: false, error: { kind: 'temporary', code: 'BAD_RESPONSE', message: 'Twilio answered without a sid', httpStatus: res.status, uncertain: true } };
  return { ok: true, receipt: { provider, providerMessageId: sid, state: 'queued', acceptedAt: new Date() } };
}

export function verifyTwilioRequest(cfg: TwilioConfig, req: RawRequest): SignatureCheck {
  const json = (req.headers['content-type'] ?? '').includes('application/json');
  return verifyTwilio({
    url: req.url, signature: req.headers['x-twilio-signature'], authTokens: [cfg.authToken, ...(cfg.previousAuthTokens ?? [])],
    ...(json ? { rawBody: req.body } : { params: decodeForm(req.body) }),
  });
}

const MESSAGE_STATES: Readonly<Record<string, DeliveryState>> = {
  accepted: 'queued', scheduled: 'queued', queued: 'queued', sending: 'queued', sent: 'sent', delivered: 'delivered',
  read: 'read', undelivered: 'failed', failed: 'failed', canceled: 'failed',
};

function strip(address: string): string {
  return address.replace(/^whatsapp:/, '');
}

/** An incoming message's files: NumMedia of them, each MediaUrlN with its MediaContentTypeN (the URL's last segment its id). */
function twilioMedia(f: Record<string, string | string[]>): MediaRef[] {
  const count = Math.min(Number(field(f, 'NumMedia') ?? '0') || 0, 10);
  const out: MediaRef[] = [];
  for (let i = 0; i < count; i++) {
    const url = field(f, `MediaUrl${i}`);
    const id = url?.split('?')[0]!.split('/').filter(Boolean).pop();
    if (!url || !id) continue;
    const contentType = field(f, `MediaContentType${i}`);
    out.push({ id, url, ...(contentType ? { contentType } : {}) });
  }
  return out;
}

/** Message status callbacks and incoming messages (SMS or WhatsApp) as normalised events, STOP/START included. */
export function parseTwilioMessaging(req: RawRequest, provider: string): InboundEvent[] {
  const f = decodeForm(req.body);
  const sid = field(f, 'MessageSid') ?? field(f, 'SmsSid');
  if (!sid) return [];
  const status = field(f, 'MessageStatus') ?? field(f, 'SmsStatus');
  const body = field(f, 'Body');
  const from = field(f, 'From') ?? '';
  if (body !== undefined && (status === undefined || status === 'received')) {
    const channel = from.startsWith('whatsapp:') ? 'whatsapp' : 'sms';
    const media = twilioMedia(f);
    return replyWithKeyword({ type: 'reply', provider, eventId: sid, channel, providerMessageId: sid, from: strip(from), to: strip(field(f, 'To') ?? ''), text: body,
      ...(media.length ? { media } : {}) });
  }
  const state = status ? MESSAGE_STATES[status] : undefined;
  if (!state) return [];
  const code = field(f, 'ErrorCode');
  const eventId = req.headers['i-twilio-idempotency-token'] ?? `${sid}:${status}`;
  return [{
    type: 'delivery', provider, eventId, providerMessageId: sid, state,
    ...(code ? { error: fromCode(code, field(f, 'ErrorMessage') ?? `Twilio error ${code}`, TWILIO_CODES) } : {}),
  }];
}
