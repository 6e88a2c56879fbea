// PayPal's OAuth2 client-credentials token (POST /v1/oauth2/token, basic auth client_id:secret), kept per API base and
// client until shortly before it expires, so one token serves every call of its lifetime.
import { createHash } from 'node:crypto';
import type { EgressPolicy } from '../../channels/index.ts';
import { callGateway, field } from './http.ts';
import type { GatewayResult } from './types.ts';

export interface PayPalClient { base: string; clientId: string; clientSecret: string; egress?: EgressPolicy | undefined }

/** A token is taken as expired this long before PayPal says, so none runs out during a call. */
const MARGIN_MS = 60_000;
const tokens = new Map<string, { token: string; until: number }>();

const cacheKey = (c: PayPalClient) => createHash('sha256').update(`${c.base}\n${c.clientId}\n${c.clientSecret}`).digest('hex');

/** A bearer token for the client: the one held while it is valid at `now`, else a new one from PayPal. */
export async function paypalToken(c: PayPalClient, now: Date): Promise<GatewayResult<string>> {
  const key = cacheKey(c);
  const held = tokens.get(key);
  if (held && held.until > now.getTime()) return { ok: true, value: held.token };
  const basic = Buffer.from(`${c.clientId}:${c.clientSecret}`, 'utf8').toString('base64');
  const r = await callGateway({ egress: c.egress, url: `${c.base}/v1/oauth2/token`, method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: 'grant_type=client_credentials' });
  if (!r.ok) return r;
  const token = field(r.body, 'access_token', 'string');
  const expiresIn = field(r.body, 'expires_in', 'number');
  if (r.status !== 200 || !token) {
    return { ok: false, error: { kind: 'rejected', status: r.status, message: `PayPal refused the client credentials (${r.status}): ${field(r.body, 'error_description', 'string') ?? field(r.body, 'error', 'string') ?? 'no message'}` } };
  }
  tokens.set(key, { token, until: now.getTime() + Math.max(0, (expiresIn ?? 0) * 1000 - MARGIN_MS) });
  return { ok: true, value: token };
}
