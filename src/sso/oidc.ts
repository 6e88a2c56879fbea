// The OpenID Connect client: discovery, the authorization URL with PKCE, the code exchange and the id_token check
// (RS256 against the provider's JWKS, then iss, aud, azp, exp, iat and nonce). Nothing here touches the database.
import { createHash, createPublicKey, randomBytes, verify, type JsonWebKey } from 'node:crypto';
import { issuerProblem } from './settings.ts';

export interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  token_endpoint_auth_methods_supported?: string[];
}

/** Why a sign-in through the provider failed, as the sign-in page names it (see web/src/i18n/sso-en.ts). */
export type SsoErrorCode =
  | 'not_configured' | 'state_mismatch' | 'expired' | 'provider_refused' | 'provider_unreachable' | 'token_exchange_failed'
  | 'bad_signature' | 'wrong_issuer' | 'wrong_audience' | 'token_expired' | 'nonce_mismatch' | 'malformed_token'
  | 'email_unverified' | 'domain_not_allowed' | 'user_disabled' | 'no_account' | 'no_role';

export class SsoError extends Error {
  constructor(readonly code: SsoErrorCode, detail: string) { super(detail); }
}

const TIMEOUT_MS = 10_000;
/** Leeway for the provider's clock against ours. */
export const CLOCK_SKEW_SECONDS = 60;
/** An id_token issued longer ago than this is refused even when it has not expired. */
const MAX_TOKEN_AGE_SECONDS = 600;

const random = () => randomBytes(32).toString('base64url');
export const pkceChallenge = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
export function newLoginSecrets() { return { state: random(), nonce: random(), verifier: random() }; }

async function getJson(url: string, what: string): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
  } catch (e) {
    throw new SsoError('provider_unreachable', `${what} ${url}: ${(e as Error).message}`);
  }
  if (!res.ok) throw new SsoError('provider_unreachable', `${what} ${url}: HTTP ${res.status}`);
  const body = await res.json().catch(() => null) as unknown;
  if (!body || typeof body !== 'object') throw new SsoError('provider_unreachable', `${what} ${url}: not a JSON object`);
  return body as Record<string, unknown>;
}

/** The provider's discovery document, checked: its issuer is the configured one and its endpoints are URLs. */
export async function discover(issuer: string): Promise<Discovery> {
  const doc = await getJson(`${issuer}/.well-known/openid-configuration`, 'discovery');
  if (doc.issuer !== issuer) throw new SsoError('wrong_issuer', `discovery names issuer ${String(doc.issuer)}, configured ${issuer}`);
  for (const k of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
    // the same rule as the issuer's (https, or http on this machine), the query aside
    const problem = typeof doc[k] === 'string' ? issuerProblem(String(doc[k]).replace(/[?#].*$/, '')) : 'is missing';
    if (problem) throw new SsoError('provider_unreachable', `discovery's ${k} ${problem}`);
  }
  return doc as unknown as Discovery;
}

export function authorizationUrl(d: Discovery, p: { clientId: string; redirectUri: string; state: string; nonce: string; verifier: string; loginHint?: string }): string {
  const u = new URL(d.authorization_endpoint);
  const q = { response_type: 'code', client_id: p.clientId, redirect_uri: p.redirectUri, scope: 'openid email profile', state: p.state,
    nonce: p.nonce, code_challenge: pkceChallenge(p.verifier), code_challenge_method: 'S256', ...(p.loginHint ? { login_hint: p.loginHint } : {}) };
  for (const [k, v] of Object.entries(q)) u.searchParams.set(k, v);
  return u.toString();
}

/** Trades the code for tokens: client_secret_basic unless the provider only takes client_secret_post. */
export async function exchangeCode(d: Discovery, p: { clientId: string; clientSecret: string; redirectUri: string; code: string; verifier: string }): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'authorization_code', code: p.code, redirect_uri: p.redirectUri, code_verifier: p.verifier });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  const methods = d.token_endpoint_auth_methods_supported;
  if (methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')) {
    form.set('client_id', p.clientId);
    form.set('client_secret', p.clientSecret);
  } else {
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(p.clientId)}:${encodeURIComponent(p.clientSecret)}`).toString('base64')}`;
  }
  let res: Response;
  try {
    res = await fetch(d.token_endpoint, { method: 'POST', headers, body: form.toString(), signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
  } catch (e) {
    throw new SsoError('provider_unreachable', `token endpoint: ${(e as Error).message}`);
  }
  const body = await res.json().catch(() => ({})) as { id_token?: unknown; error?: unknown };
  if (!res.ok || typeof body.id_token !== 'string') {
    throw new SsoError('token_exchange_failed', `token endpoint answered ${res.status}${typeof body.error === 'string' ? ` (${body.error})` : ''}`);
  }
  return body.id_token;
}

type Claims = Record<string, unknown>;

function decodePart(part: string | undefined): Claims {
  try {
    const v = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Claims;
  } catch { /* falls through */ }
  throw new SsoError('malformed_token', 'the id_token is not a JWT');
}

/** The JWKS key to check a token with: the one with its kid, or the only RSA signing key when the token names none. */
export function pickKey(jwks: unknown, kid: unknown): JsonWebKey | undefined {
  const keys = (jwks && typeof jwks === 'object' && Array.isArray((jwks as { keys?: unknown }).keys) ? (jwks as { keys: JsonWebKey[] }).keys : [])
    .filter((k) => k.kty === 'RSA' && (k.use === undefined || k.use === 'sig') && (k.alg === undefined || k.alg === 'RS256'));
  if (typeof kid === 'string') return keys.find((k) => k.kid === kid);
  return keys.length === 1 ? keys[0] : undefined;
}

/** Checks the token's RS256 signature against the key set and its claims against the client; returns the claims. */
export function verifyIdToken(token: string, jwks: unknown, expect: { issuer: string; clientId: string; nonce: string; now: Date }): Claims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new SsoError('malformed_token', 'the id_token is not a JWT');
  const header = decodePart(parts[0]);
  if (header.alg !== 'RS256') throw new SsoError('bad_signature', `the id_token is signed with ${String(header.alg)}, only RS256 is accepted`);
  const jwk = pickKey(jwks, header.kid);
  if (!jwk) throw new SsoError('bad_signature', 'no key in the provider\'s JWKS matches the id_token');
  let good = false;
  try {
    good = verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(parts[2]!, 'base64url'));
  } catch { good = false; }
  if (!good) throw new SsoError('bad_signature', 'the id_token signature does not verify');
  const c = decodePart(parts[1]);
  if (c.iss !== expect.issuer) throw new SsoError('wrong_issuer', `the id_token comes from ${String(c.iss)}`);
  const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
  if (!aud.includes(expect.clientId)) throw new SsoError('wrong_audience', 'the id_token is for another client');
  if ((aud.length > 1 || c.azp !== undefined) && c.azp !== expect.clientId) throw new SsoError('wrong_audience', 'the id_token\'s azp is another client');
  const now = expect.now.getTime() / 1000;
  if (typeof c.exp !== 'number' || c.exp + CLOCK_SKEW_SECONDS <= now) throw new SsoError('token_expired', 'the id_token has expired');
  if (typeof c.iat !== 'number' || c.iat - CLOCK_SKEW_SECONDS > now || now - c.iat > MAX_TOKEN_AGE_SECONDS + CLOCK_SKEW_SECONDS) {
    throw new SsoError('token_expired', 'the id_token was issued too long ago or in the future');
  }
  if (typeof c.nonce !== 'string' || c.nonce !== expect.nonce) throw new SsoError('nonce_mismatch', 'the id_token\'s nonce is not this sign-in\'s');
  if (typeof c.sub !== 'string' || !c.sub) throw new SsoError('malformed_token', 'the id_token has no subject');
  return c;
}

export async function fetchJwks(d: Discovery): Promise<unknown> {
  return getJson(d.jwks_uri, 'JWKS');
}
