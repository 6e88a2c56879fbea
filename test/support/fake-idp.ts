// A local OpenID Connect provider for tests: discovery, JWKS, an authorize endpoint that signs in whoever the test names,
// and a token endpoint that checks the code, the client's Basic credentials and the PKCE verifier exactly.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IdpUser { email: string; name?: string; email_verified?: boolean; [claim: string]: unknown }

/** Ways to spoil the next id_token, as an attacker or a broken provider would. */
export interface Spoil { badSignature?: boolean; aud?: string; expiredBySeconds?: number; nonce?: string; iss?: string; alg?: string }

interface Grant { clientId: string; redirectUri: string; challenge: string; nonce: string; user: IdpUser; used: boolean }

export interface FakeIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in at the next authorize call. */
  user: IdpUser;
  spoil: Spoil;
  /** What the token endpoint said to each call: "ok" or why it refused. */
  tokenAnswers: string[];
  close(): Promise<void>;
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

function signJwt(key: KeyObject, header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function fakeIdp(now: () => Date, o: { clientId?: string; clientSecret?: string } = {}): Promise<FakeIdp> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' };
  const grants = new Map<string, Grant>();
  const idp = {
    issuer: '', clientId: o.clientId ?? 'cobro-test', clientSecret: o.clientSecret ?? `s3cret:${randomBytes(6).toString('hex')}`,
    user: { email: 'ana@acme.test', name: 'Ana Ruiz', email_verified: true } as IdpUser, spoil: {} as Spoil, tokenAnswers: [] as string[],
  };

  const token = async (req: IncomingMessage, res: ServerResponse) => {
    const refuse = (why: string, error = 'invalid_grant') => { idp.tokenAnswers.push(why); json(res, 400, { error }); };
    const form = new URLSearchParams(await readBody(req));
    const basic = `Basic ${Buffer.from(`${encodeURIComponent(idp.clientId)}:${encodeURIComponent(idp.clientSecret)}`).toString('base64')}`;
    if (req.headers.authorization !== basic) return refuse('client authentication', 'invalid_client');
    if (form.get('grant_type') !== 'authorization_code') return refuse('grant_type');
    const grant = grants.get(form.get('code') ?? '');
    if (!grant || grant.used) return refuse('code');
    grant.used = true;
    if (grant.clientId !== idp.clientId || form.get('redirect_uri') !== grant.redirectUri) return refuse('redirect_uri');
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) return refuse('code_verifier');
    const s = idp.spoil;
    const iat = Math.floor(now().getTime() / 1000) - (s.expiredBySeconds ? s.expiredBySeconds + 3600 : 0);
    const { email, name, email_verified: verified, ...extra } = grant.user;
    const claims = { iss: s.iss ?? idp.issuer, aud: s.aud ?? idp.clientId, sub: `sub-${email}`, email, name, email_verified: verified,
      nonce: s.nonce ?? grant.nonce, iat, exp: iat + (s.expiredBySeconds ? 3600 : 300), ...extra };
    let idToken = signJwt(privateKey, { alg: s.alg ?? 'RS256', kid: 'k1', typ: 'JWT' }, claims);
    // one bit of the signature flipped, as a token changed in transit would arrive
    if (s.badSignature) idToken = idToken.replace(/\.([^.]+)$/, (_m, sig: string) => { const b = Buffer.from(sig, 'base64url'); b[5]! ^= 1; return `.${b.toString('base64url')}`; });
    idp.tokenAnswers.push('ok');
    json(res, 200, { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken });
  };

  const authorize = (url: URL, res: ServerResponse) => {
    const p = url.searchParams;
    const redirect = p.get('redirect_uri') ?? '';
    if (p.get('client_id') !== idp.clientId || p.get('response_type') !== 'code' || p.get('code_challenge_method') !== 'S256'
      || !p.get('code_challenge') || !p.get('state') || !p.get('nonce') || !p.get('scope')?.split(' ').includes('openid')) {
      return json(res, 400, { error: 'invalid_request' });
    }
    const code = randomBytes(16).toString('base64url');
    grants.set(code, { clientId: idp.clientId, redirectUri: redirect, challenge: p.get('code_challenge')!, nonce: p.get('nonce')!, user: idp.user, used: false });
    const back = new URL(redirect);
    back.searchParams.set('code', code);
    back.searchParams.set('state', p.get('state')!);
    res.writeHead(302, { location: back.toString() }).end();
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', idp.issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, { issuer: idp.issuer, authorization_endpoint: `${idp.issuer}/authorize`, token_endpoint: `${idp.issuer}/token`,
        jwks_uri: `${idp.issuer}/jwks`, response_types_supported: ['code'], id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'], token_endpoint_auth_methods_supported: ['client_secret_basic'] });
    }
    if (url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (url.pathname === '/authorize') return authorize(url, res);
    if (url.pathname === '/token' && req.method === 'POST') return void token(req, res).catch(() => json(res, 500, {}));
    json(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  idp.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(idp, { close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) });
}
