// Fetching a file a debtor sent: from Meta's Cloud API (the media's URL read from the Graph API with the org's token, then
// that URL fetched with the same bearer token) or from Twilio (MediaUrlN with the account's Basic auth, following Twilio's
// redirect to where the file is kept, without the credentials once it leaves Twilio's host). Only the types kept, only
// up to the size cap, and bytes that are what they say; what may be tried again is told apart from what never will work.
import { STRICT_EGRESS, type EgressPolicy } from './egress.ts';
import { basicAuth } from './http.ts';
import { mediaGet, type MediaGet } from './media-get.ts';
import { allowedMediaType, checkMediaBytes } from './media-types.ts';

export type MediaFetch =
  | { ok: true; data: Buffer; contentType: string }
  | { ok: false; kind: 'temporary' | 'permanent'; code: string; message: string };

export interface MediaLimits { maxBytes: number; timeoutMs: number }

export interface MetaMediaConfig {
  accessToken: string;
  /** Graph API version, e.g. 'v21.0'. */
  apiVersion?: string;
  /** https://graph.facebook.com unless the org (a test) points elsewhere. */
  baseUrl?: string;
  egress?: EgressPolicy;
}

export interface TwilioMediaConfig {
  accountSid: string;
  authToken: string;
  /** https://api.twilio.com unless the org (a test) points elsewhere. */
  baseUrl?: string;
  egress?: EgressPolicy;
}

const permanent = (code: string, message: string): MediaFetch => ({ ok: false, kind: 'permanent', code, message });

/** A transport failure or an HTTP status as a fetch failure: timeouts, 408, 429 and 5xx may be tried again. */
function failure(r: MediaGet, what: string): MediaFetch {
  if (!r.ok) {
    if (r.reason === 'too_large') return permanent('TOO_LARGE', r.message);
    if (r.reason === 'refused') return permanent('EGRESS_REFUSED', r.message);
    return { ok: false, kind: 'temporary', code: r.reason === 'timeout' ? 'TIMEOUT' : 'NETWORK', message: `${what}: ${r.message}` };
  }
  const s = r.status;
  if (s === 408 || s === 429 || s >= 500) return { ok: false, kind: 'temporary', code: `HTTP_${s}`, message: `${what} answered ${s}` };
  if (s === 404 || s === 410) return permanent('NOT_FOUND', `${what} answered ${s}: the file is gone`);
  if (s === 401 || s === 403) return permanent('UNAUTHORIZED', `${what} answered ${s}: the org's credentials were refused`);
  return permanent(`HTTP_${s}`, `${what} answered ${s}`);
}

/** The bytes checked against the allowed types and against the type declared for them (the size was held while reading). */
function checked(data: Buffer, declared: string | null): MediaFetch {
  const c = checkMediaBytes(data, declared, Number.POSITIVE_INFINITY);
  return c.ok ? { ok: true, data, contentType: c.contentType } : permanent(c.code, c.message);
}

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function fetchMetaMedia(cfg: MetaMediaConfig, mediaId: string, limits: MediaLimits): Promise<MediaFetch> {
  const base = (cfg.baseUrl ?? 'https://graph.facebook.com').replace(/\/$/, '');
  const auth = { authorization: `Bearer ${cfg.accessToken}` };
  // the org's own API base is held to the operator's policy; Meta's returned URL to public addresses unless the org set a base
  const egress = cfg.baseUrl ? cfg.egress : STRICT_EGRESS;
  const info = await mediaGet({ url: new URL(`${base}/${cfg.apiVersion ?? 'v21.0'}/${encodeURIComponent(mediaId)}`), headers: { ...auth, accept: 'application/json' },
    maxBytes: 64 * 1024, timeoutMs: limits.timeoutMs, ...(cfg.egress ? { egress: cfg.egress } : {}) });
  if (!info.ok || info.status < 200 || info.status >= 300) return failure(info, 'Meta\'s media lookup');
  let meta: Record<string, unknown>;
  try { meta = JSON.parse(info.body.toString('utf8')) as Record<string, unknown>; } catch { return { ok: false, kind: 'temporary', code: 'BAD_RESPONSE', message: 'Meta\'s media lookup was not JSON' }; }
  const url = typeof meta['url'] === 'string' ? meta['url'] : '';
  const declared = allowedMediaType(typeof meta['mime_type'] === 'string' ? meta['mime_type'] : null);
  if (!declared) return permanent('TYPE_NOT_ALLOWED', `Meta says the file is ${String(meta['mime_type'] ?? 'of no type')}; kept are JPEG, PNG, WebP, HEIC and PDF`);
  const size = Number(meta['file_size'] ?? 0);
  if (size > limits.maxBytes) return permanent('TOO_LARGE', `Meta says the file is ${size} bytes; at most ${limits.maxBytes} are kept`);
  let target: URL;
  try { target = new URL(url); } catch { return { ok: false, kind: 'temporary', code: 'BAD_RESPONSE', message: 'Meta\'s media lookup gave no URL' }; }
  if (!cfg.baseUrl && target.protocol !== 'https:') return permanent('BAD_URL', 'Meta gave a media URL that is not https');
  const file = await mediaGet({ url: target, headers: auth, maxBytes: limits.maxBytes, timeoutMs: limits.timeoutMs, ...(egress ? { egress } : {}) });
  if (!file.ok || file.status < 200 || file.status >= 300) return failure(file, 'Meta\'s media download');
  return checked(file.body, declared);
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function fetchTwilioMedia(cfg: TwilioMediaConfig, mediaUrl: string, declaredType: string | undefined, limits: MediaLimits): Promise<MediaFetch> {
  const base = new URL((cfg.baseUrl ?? 'https://api.twilio.com').replace(/\/$/, ''));
  // the account's credentials go only to the account's own messages' media at Twilio
  const own = `${base.origin}${base.pathname.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(cfg.accountSid)}/Messages/`;
  if (!mediaUrl.startsWith(own)) return permanent('BAD_URL', 'the media URL is not one of the account\'s messages at Twilio');
  const declared = declaredType === undefined ? null : allowedMediaType(declaredType);
  if (declaredType !== undefined && !declared) return permanent('TYPE_NOT_ALLOWED', `Twilio says the file is ${declaredType}; kept are JPEG, PNG, WebP, HEIC and PDF`);
  let url = new URL(mediaUrl);
  for (let hop = 0; hop <= 3; hop++) {
    const atTwilio = url.origin === base.origin;
    const egress = atTwilio ? cfg.egress : cfg.egress ?? (cfg.baseUrl ? undefined : STRICT_EGRESS);
    const r = await mediaGet({ url, headers: atTwilio ? { authorization: basicAuth(cfg.accountSid, cfg.authToken) } : {}, maxBytes: limits.maxBytes,
      timeoutMs: limits.timeoutMs, ...(egress ? { egress } : {}) });
    if (r.ok && REDIRECTS.has(r.status)) {
      const location = header(r.headers.location);
      if (!location) return { ok: false, kind: 'temporary', code: 'BAD_RESPONSE', message: `Twilio answered ${r.status} with no Location` };
      url = new URL(location, url);
      if (!cfg.baseUrl && url.protocol !== 'https:') return permanent('BAD_URL', 'Twilio redirected to a URL that is not https');
      continue;
    }
    if (!r.ok || r.status < 200 || r.status >= 300) return failure(r, 'Twilio\'s media');
    const type = allowedMediaType(header(r.headers['content-type']));
    return checked(r.body, declared ?? type);
  }
  return permanent('TOO_MANY_REDIRECTS', 'Twilio\'s media redirected more than three times');
}
