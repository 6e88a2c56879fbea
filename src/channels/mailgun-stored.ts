// Mailgun's store() route action: its notification (signed as a forward is, with the same parsed fields) names the files
// of the stored message by URL in `attachments` (a JSON list of url, content-type, name, size) instead of carrying them.
// The worker fetches each with the org's API key (Basic api:<key>), and only from Mailgun's own API hosts (the region's
// storage hosts under api.mailgun.net or api.eu.mailgun.net, or the org's api_base) under the org's sending domain, so a
// notification can never make cobro send its key, or a request, anywhere else. The stored message itself (`message-url`)
// is read the same way, in MIME form (fetchMailgunMessage).
import { basicAuth } from './http.ts';
import { STRICT_EGRESS, type EgressPolicy } from './egress.ts';
import { mediaGet } from './media-get.ts';
import { allowedMediaType, checkMediaBytes } from './media-types.ts';
import { INLINE_IMAGE_SKIP_BYTES, EMAIL_FILES_MAX } from './email-files.ts';
import type { MediaFetch, MediaLimits } from './media-fetch.ts';
import type { MediaRef } from './types.ts';

export interface MailgunStoredConfig {
  apiKey: string;
  /** The sending domain: a stored message's URL is under /v3/domains/{domain}/messages/. */
  domain?: string | undefined;
  /** The org's own API base (a test's loopback fake); else Mailgun's hosts only, over https. */
  apiBase?: string | undefined;
  egress?: EgressPolicy | undefined;
}

const MAILGUN_HOSTS = /^(?:[a-z0-9-]+\.)*api\.(?:eu\.)?mailgun\.net$/;

/** Why a stored message's URL is not fetched with the org's key, or null when it is one of Mailgun's under the org's domain. */
export function mailgunStoredUrlRefused(url: string, cfg: Pick<MailgunStoredConfig, 'domain' | 'apiBase'>): string | null {
  let u: URL;
  try { u = new URL(url); } catch { return 'not a URL'; }
  const base = cfg.apiBase ? new URL(cfg.apiBase) : undefined;
  const own = base !== undefined && u.origin === base.origin;
  if (!own && (u.protocol !== 'https:' || !MAILGUN_HOSTS.test(u.hostname) || u.port !== '' || u.username || u.password)) {
    return `${u.host} is not one of Mailgun's API hosts`;
  }
  const under = cfg.domain ? `/v3/domains/${cfg.domain.toLowerCase()}/messages/` : '/v3/domains/';
  if (!u.pathname.toLowerCase().startsWith(under)) return `not a stored message of ${cfg.domain ?? 'a domain'} (${under})`;
  return null;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The files a store() notification names (`attachments`), as files to fetch; a signature's tiny inline image left out. */
export function mailgunStoredMedia(fields: Readonly<Record<string, string>>): MediaRef[] {
  let list: unknown;
  try { list = JSON.parse(fields['attachments'] ?? '[]'); } catch { return []; }
  if (!Array.isArray(list)) return [];
  let inline = new Set<string>();
  try {
    const map = JSON.parse(fields['content-id-map'] ?? '{}') as unknown;
    if (map && typeof map === 'object') inline = new Set(Object.values(map).filter((v): v is string => typeof v === 'string'));
  } catch { /* no map: nothing shown inline */ }
  return list.flatMap((a: unknown) => {
    const o = (a && typeof a === 'object' ? a : {}) as Record<string, unknown>;
    const url = str(o['url']);
    const type = str(o['content-type']);
    const size = Number(o['size']);
    if (!url || !/^https?:\/\//i.test(url)) return [];
    if (inline.has(url) && (type ?? '').toLowerCase().startsWith('image/') && size < INLINE_IMAGE_SKIP_BYTES) return [];
    // the URL's path names the file at Mailgun: /v3/domains/{domain}/messages/{key}/attachments/{n}
    return [{ id: new URL(url).pathname.slice(0, 200), url, ...(type ? { contentType: type } : {}), ...(str(o['name']) ? { filename: str(o['name'])! } : {}) }];
  }).slice(0, EMAIL_FILES_MAX);
}

const permanent = (code: string, message: string): Extract<MediaFetch, { ok: false }> => ({ ok: false, kind: 'permanent', code, message });

type StoredGet = { ok: true; body: Buffer; type: string | undefined } | Extract<MediaFetch, { ok: false }>;

/** One GET of a stored message or file with the org's API key, from Mailgun's host only; no redirect followed. */
async function getStored(cfg: MailgunStoredConfig, url: string, what: string, accept: string | undefined, limits: MediaLimits): Promise<StoredGet> {
  const refused = mailgunStoredUrlRefused(url, cfg);
  if (refused) return permanent('BAD_URL', `the ${what}'s URL is refused: ${refused}`);
  const egress = cfg.apiBase ? cfg.egress : cfg.egress ?? STRICT_EGRESS;
  const r = await mediaGet({ url: new URL(url), headers: { authorization: basicAuth('api', cfg.apiKey), ...(accept ? { accept } : {}) }, maxBytes: limits.maxBytes,
    timeoutMs: limits.timeoutMs, ...(egress ? { egress } : {}) });
  const fail = (kind: 'temporary' | 'permanent', code: string, message: string): StoredGet => ({ ok: false, kind, code, message });
  if (!r.ok) {
    if (r.reason === 'too_large') return fail('permanent', 'TOO_LARGE', r.message);
    if (r.reason === 'refused') return fail('permanent', 'EGRESS_REFUSED', r.message);
    return fail('temporary', r.reason === 'timeout' ? 'TIMEOUT' : 'NETWORK', `Mailgun's ${what}: ${r.message}`);
  }
  const s = r.status;
  if (s === 408 || s === 429 || s >= 500) return fail('temporary', `HTTP_${s}`, `Mailgun's ${what} answered ${s}`);
  // Mailgun keeps a stored message for three days
  if (s === 404 || s === 410) return fail('permanent', 'NOT_FOUND', `Mailgun's ${what} answered ${s}: the message is no longer stored`);
  if (s === 401 || s === 403) return fail('permanent', 'UNAUTHORIZED', `Mailgun's ${what} answered ${s}: the org's api_key was refused`);
  if (s < 200 || s >= 300) return fail('permanent', `HTTP_${s}`, `Mailgun's ${what} answered ${s}`);
  const served = r.headers['content-type'];
  return { ok: true, body: r.body, type: Array.isArray(served) ? served[0] : served };
}

/** One file of a stored message, fetched with the org's API key from Mailgun's host; no redirect followed. */
export async function fetchMailgunStored(cfg: MailgunStoredConfig, url: string, declaredType: string | undefined, limits: MediaLimits): Promise<MediaFetch> {
  const declared = declaredType === undefined ? null : allowedMediaType(declaredType);
  if (declaredType !== undefined && !declared && !mailgunStoredUrlRefused(url, cfg)) {
    return permanent('TYPE_NOT_ALLOWED', `Mailgun says the file is ${declaredType}; kept are JPEG, PNG, WebP, HEIC and PDF`);
  }
  const r = await getStored(cfg, url, 'stored file', undefined, limits);
  if (!r.ok) return r;
  const c = checkMediaBytes(r.body, declared ?? allowedMediaType(r.type), Number.POSITIVE_INFINITY);
  return c.ok ? { ok: true, data: r.body, contentType: c.contentType } : permanent(c.code, c.message);
}

export type StoredMessageFetch = { ok: true; mime: Buffer } | Extract<MediaFetch, { ok: false }>;

/**
 * The stored message itself in MIME form, as Mailgun documents it: its URL asked with `Accept: message/rfc2822`, answered
 * with JSON whose `body-mime` is the whole message (a body served as message/rfc822 itself is taken as it is).
 */
export async function fetchMailgunMessage(cfg: MailgunStoredConfig, url: string, limits: MediaLimits): Promise<StoredMessageFetch> {
  const r = await getStored(cfg, url, 'stored message', 'message/rfc2822', limits);
  if (!r.ok) return r;
  if (/^message\/rfc(822|2822)/i.test(r.type ?? '')) return { ok: true, mime: r.body };
  let mime: unknown;
  try { mime = (JSON.parse(r.body.toString('utf8')) as Record<string, unknown>)['body-mime']; } catch { mime = undefined; }
  if (typeof mime !== 'string' || mime === '') return permanent('NO_MIME', 'Mailgun\'s stored message came without `body-mime`');
  return { ok: true, mime: Buffer.from(mime, 'utf8') };
}
