// An OAuth2 access token for a mailbox's XOAUTH2 login: a stored one as is, or one got from a refresh token (the
// refresh_token grant, POSTed form-encoded to the token endpoint as Google and Microsoft document it) and kept in this
// process, per connection and credential version, until shortly before it expires. A refresh token the endpoint rotates
// (answers with a new one) is handed back for the caller to store. A refused token is forgotten so the next login asks
// for a new one. The refresh tokens, the client secret and the access tokens never appear in an error.
import type { EgressPolicy } from './egress.ts';
import { request } from './http.ts';

export interface OAuth2Refresh {
  tokenUrl: string; clientId: string; clientSecret?: string; refreshToken: string; scope?: string;
  /** The addresses the token endpoint (an org's setting) may be reached at, checked on the address connected to; none: unchecked. */
  egress?: EgressPolicy;
}

export type TokenSource = { accessToken: string } | { refresh: OAuth2Refresh };

export interface TokenError { code: 'IMAP_OAUTH_FAILED'; message: string; /** The endpoint said invalid_grant: the refresh token is dead. */ grant?: boolean }

/**
 * Whose token: `id` names the connection (org and provider), `version` its stored credentials as a person last set them
 * (a rotated refresh token does not change it, so the token got with it stays cached; a new setting or secret does).
 */
export interface Connection { id: string; version: string }

/** How long before its expiry a cached token is no longer used: a minute, or a tenth of a short lifetime. */
const marginMs = (lifeMs: number) => Math.min(60_000, lifeMs / 10);
/** When the endpoint gives no expires_in: five minutes. */
const DEFAULT_LIFE_S = 300;

/** One entry per connection: a token got under another version of its credentials is not used, and is replaced. */
const cache = new Map<string, { version: string; token: string; until: number }>();

function redact(text: string, r: OAuth2Refresh, more: string[] = []): string {
  let out = text;
  for (const s of [r.refreshToken, r.clientSecret, ...more]) if (s) out = out.split(s).join('[secret]');
  return out.slice(0, 500);
}

export type TokenResult = { ok: true; token: string; fresh: boolean; rotated?: string } | { ok: false; error: TokenError };

/**
 * The token to log in with; `fresh` when it was just got from the endpoint (a refusal of it is then not the cache's);
 * `rotated`, the new refresh token, when the endpoint answered one other than the one sent (the old one may be dead now).
 */
export async function accessToken(conn: Connection, source: TokenSource, now: Date, timeoutMs: number): Promise<TokenResult> {
  if ('accessToken' in source) return { ok: true, token: source.accessToken, fresh: false };
  const r = source.refresh;
  const hit = cache.get(conn.id);
  if (hit && hit.version === conn.version && hit.until > now.getTime()) return { ok: true, token: hit.token, fresh: false };
  const where = (() => { try { return new URL(r.tokenUrl).host; } catch { return 'the token endpoint'; } })();
  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: r.refreshToken, client_id: r.clientId,
    ...(r.clientSecret ? { client_secret: r.clientSecret } : {}), ...(r.scope ? { scope: r.scope } : {}) });
  // redirects are not followed (a 3xx is a refusal): the secrets go to the endpoint named and nowhere else
  const out = await request({ url: r.tokenUrl, method: 'POST', body: form.toString(), timeoutMs, ...(r.egress ? { egress: r.egress } : {}),
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' } });
  if (!out.ok) {
    const why = out.reason === 'timeout' ? `no answer in ${timeoutMs} ms` : out.message;
    return { ok: false, error: { code: 'IMAP_OAUTH_FAILED', message: redact(`${where} could not be reached for an access token: ${why}`, r) } };
  }
  const res = { ok: out.response.status >= 200 && out.response.status < 300, status: out.response.status };
  const text = out.response.body;
  let body: Record<string, unknown> = {};
  try { body = JSON.parse(text) as Record<string, unknown>; } catch { /* an error page: its status says enough */ }
  const token = typeof body['access_token'] === 'string' ? body['access_token'] : undefined;
  const next = typeof body['refresh_token'] === 'string' && body['refresh_token'] !== '' ? body['refresh_token'] : undefined;
  if (!res.ok || !token) {
    const said = [body['error'], body['error_description']].filter((x) => typeof x === 'string').join(': ');
    return { ok: false, error: { code: 'IMAP_OAUTH_FAILED', ...(body['error'] === 'invalid_grant' ? { grant: true } : {}),
      message: redact(`${where} refused the refresh token of client ${r.clientId} (HTTP ${res.status}${said ? `, ${said}` : token ? '' : ', no access_token'})`, r, [token ?? '', next ?? '']) } };
  }
  const life = (typeof body['expires_in'] === 'number' ? body['expires_in'] : Number(body['expires_in']) || DEFAULT_LIFE_S) * 1000;
  cache.set(conn.id, { version: conn.version, token, until: now.getTime() + life - marginMs(life) });
  return { ok: true, token, fresh: true, ...(next !== undefined && next !== r.refreshToken ? { rotated: next } : {}) };
}

/** Forgets a cached token the server refused (revoked, or its scope lacking), so that the next login refreshes. */
export function forgetToken(conn: Connection): void {
  cache.delete(conn.id);
}
