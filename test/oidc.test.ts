// Single sign-on through OpenID Connect against a local fake provider: the full sign-in, every refusal, users made on
// first sign-in, the admin-only settings API and the CLI.
import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerSso } from '../src/cli/sso.ts';
import { loadConfig } from '../src/config.ts';
import { testApi, bearer, TEST_PASSWORD_COST, type TestApi } from './support/api.ts';
import { fakeIdp, type FakeIdp } from './support/fake-idp.ts';
import { createUser, getOrg, type Role } from '../src/orgs/index.ts';
import { generateKeyPairSync, sign } from 'node:crypto';
import { roleFor, verifyIdToken } from '../src/sso/index.ts';

let t: TestApi;
let idp: FakeIdp;
const clock = new Date('2026-03-15T12:00:00Z');
before(async () => {
  t = await testApi(() => clock);
  idp = await fakeIdp(() => clock);
});
after(async () => { await idp.close(); await t.close(); });

const settings = (over: Record<string, unknown> = {}) => ({ label: 'Acme Login', issuer: idp.issuer, client_id: idp.clientId,
  client_secret: idp.clientSecret, allowed_domains: ['acme.test'], default_role: 'viewer', create_users: false, ...over });

async function configure(over: Record<string, unknown> = {}) {
  const r = await t.app.inject({ method: 'PUT', url: '/v1/sso/settings', headers: bearer(t.keys.admin), payload: settings(over) });
  assert.equal(r.statusCode, 200, r.body);
  return r.json();
}

async function aUser(email: string, role: Role = 'collector') {
  const r = await createUser(t.db, t.org, { email, role, password: 'correct horse battery', passwordCost: TEST_PASSWORD_COST });
  assert.ok(r.ok);
  return r.value.user;
}

const counts = async () => (await t.db.query<{ users: number; sessions: number }>(
  'SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM sessions) AS sessions'))[0]!;

const cookieOf = (setCookie: unknown, name: string) => ([setCookie].flat() as string[]).map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${name}=`));

/** The browser's trip: start at cobro, follow the provider's redirect, come back to the callback (optionally altered). */
async function signInThroughIdp(o: { alterState?: boolean; dropCookie?: boolean } = {}) {
  const start = await t.app.inject({ url: `/v1/sso/start?org=${t.org}` });
  assert.equal(start.statusCode, 302, start.body);
  const login = cookieOf(start.headers['set-cookie'], 'cobro_sso_login');
  assert.ok(login, 'the login cookie is set');
  assert.match(String(start.headers['set-cookie']), /HttpOnly; SameSite=Lax/);
  const at = await fetch(String(start.headers.location), { redirect: 'manual' });
  assert.equal(at.status, 302, await at.text());
  const back = new URL(at.headers.get('location')!);
  assert.equal(back.pathname, '/v1/sso/callback');
  if (o.alterState) back.searchParams.set('state', `${back.searchParams.get('state')}x`);
  const res = await t.app.inject({ url: `${back.pathname}${back.search}`, headers: o.dropCookie ? {} : { cookie: login } });
  assert.equal(res.statusCode, 302, res.body);
  return { location: String(res.headers.location), session: cookieOf(res.headers['set-cookie'], 'cobro_session'), res };
}

async function refused(code: string, o: Parameters<typeof signInThroughIdp>[0] = {}) {
  const before = await counts();
  const r = await signInThroughIdp(o);
  assert.equal(r.location, `/?sso_error=${code}`);
  assert.ok(!r.session || r.session === 'cobro_session=', 'no session cookie');
  assert.deepEqual(await counts(), before, 'no user and no session made');
}

beforeEach(() => { idp.spoil = {}; idp.user = { email: 'ana@acme.test', name: 'Ana Ruiz', email_verified: true }; });

describe('signing in through the provider', () => {
  it('sends the browser to the provider with PKCE, state and nonce, and back to a session that works on /v1/me', async () => {
    await configure();
    const ana = await aUser('ana@acme.test', 'manager');
    const start = await t.app.inject({ url: `/v1/sso/start?org=${t.org}` });
    const to = new URL(String(start.headers.location));
    assert.equal(`${to.origin}${to.pathname}`, `${idp.issuer}/authorize`);
    assert.equal(to.searchParams.get('code_challenge_method'), 'S256');
    assert.match(to.searchParams.get('code_challenge') ?? '', /^[\w-]{43}$/);
    assert.ok(to.searchParams.get('state') && to.searchParams.get('nonce'));
    assert.equal(to.searchParams.get('redirect_uri'), 'http://localhost:80/v1/sso/callback');

    const r = await signInThroughIdp();
    assert.equal(r.location, '/');
    assert.ok(r.session);
    assert.match(String(r.res.headers['set-cookie']), /cobro_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
    assert.match(String(r.res.headers['set-cookie']), /cobro_sso_login=; Path=\/v1\/sso;.*Max-Age=0/, 'the login cookie is cleared');
    assert.equal(idp.tokenAnswers.at(-1), 'ok');
    const me = await t.app.inject({ url: '/v1/me', headers: { cookie: r.session } });
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(me.json().user.id, ana.id);
    assert.equal(me.json().role, 'manager');
    const audit = await t.db.query<{ data: { method?: string } }>("SELECT data FROM audit_log WHERE entity_id = $1 AND action = 'session.created'", [ana.id]);
    assert.equal(audit[0]?.data.method, 'sso');
  });

  it('refuses a tampered id_token signature', async () => { idp.spoil = { badSignature: true }; await refused('bad_signature'); });
  it('refuses an id_token signed with another algorithm', async () => { idp.spoil = { alg: 'HS256' }; await refused('bad_signature'); });
  it('refuses an id_token for another client', async () => { idp.spoil = { aud: 'someone-else' }; await refused('wrong_audience'); });
  it('refuses an id_token from another issuer', async () => { idp.spoil = { iss: 'https://evil.test' }; await refused('wrong_issuer'); });
  it('refuses an expired id_token', async () => { idp.spoil = { expiredBySeconds: 120 }; await refused('token_expired'); });
  it('refuses an id_token with another sign-in\'s nonce', async () => { idp.spoil = { nonce: 'not-this-one' }; await refused('nonce_mismatch'); });
  it('refuses a state that is not the browser\'s, and a callback without the login cookie', async () => {
    const before = idp.tokenAnswers.length;
    await refused('state_mismatch', { alterState: true });
    await refused('state_mismatch', { dropCookie: true });
    assert.equal(idp.tokenAnswers.length, before, 'the code was never exchanged');
  });
  it('refuses an email domain the org does not allow, even for an existing user', async () => {
    await aUser('ana@elsewhere.test');
    idp.user = { email: 'ana@elsewhere.test', email_verified: true };
    await refused('domain_not_allowed');
  });
  it('refuses an email the provider has not verified', async () => {
    idp.user = { email: 'ana@acme.test', email_verified: false };
    await refused('email_unverified');
  });
  it('refuses a disabled user', async () => {
    const u = await aUser('gone@acme.test');
    await t.db.query('UPDATE users SET disabled_at = $2 WHERE id = $1', [u.id, clock]);
    idp.user = { email: 'gone@acme.test', email_verified: true };
    await refused('user_disabled');
  });
  it('refuses when the client secret is wrong (the provider refuses the exchange)', async () => {
    await configure({ client_secret: 'not-the-secret' });
    await refused('token_exchange_failed');
    assert.equal(idp.tokenAnswers.at(-1), 'client authentication');
    await configure();
  });
  it('goes back to the sign-in page when the org has no enabled provider', async () => {
    const r = await t.app.inject({ url: `/v1/sso/start?org=${t.otherOrg}` });
    assert.equal(r.statusCode, 302);
    assert.equal(r.headers.location, '/?sso_error=not_configured');
  });
});

describe('the id_token check alone', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'a' }] };
  const now = new Date('2026-03-15T12:00:00Z');
  const iat = now.getTime() / 1000;
  const jwt = (claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256', kid: 'a' }) => {
    const input = [header, { iss: 'https://idp.test', aud: 'cobro', sub: 's1', nonce: 'n1', iat, exp: iat + 300, ...claims }]
      .map((p) => Buffer.from(JSON.stringify(p)).toString('base64url')).join('.');
    return `${input}.${sign('RSA-SHA256', Buffer.from(input), privateKey).toString('base64url')}`;
  };
  const check = (token: string) => { try { verifyIdToken(token, jwks, { issuer: 'https://idp.test', clientId: 'cobro', nonce: 'n1', now }); return 'ok'; } catch (e) { return (e as { code: string }).code; } };

  it('takes a good token, and one for several audiences only when azp names cobro', () => {
    assert.equal(check(jwt({})), 'ok');
    assert.equal(check(jwt({ aud: ['cobro', 'other'] })), 'wrong_audience');
    assert.equal(check(jwt({ aud: ['cobro', 'other'], azp: 'cobro' })), 'ok');
  });
  it('refuses unsigned tokens, unknown keys, tokens from the future and ones missing a claim', () => {
    const [h, p] = jwt({}).split('.');
    assert.equal(check(`${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`), 'bad_signature');
    assert.equal(check(jwt({}, { alg: 'RS256', kid: 'b' })), 'bad_signature');
    assert.equal(check(`${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), sub: 'admin' })).toString('base64url')}.${jwt({}).split('.')[2]}`), 'bad_signature');
    assert.equal(check(jwt({ iat: iat + 600, exp: iat + 900 })), 'token_expired');
    assert.equal(check(jwt({ nonce: undefined })), 'nonce_mismatch');
    assert.equal(check(jwt({ sub: '' })), 'malformed_token');
    assert.equal(check('not.a.jwt'), 'malformed_token');
  });
});

describe('users on first sign-in', () => {
  it('makes no user when the org does not create them', async () => {
    await configure({ create_users: false });
    idp.user = { email: 'new1@acme.test', email_verified: true };
    await refused('no_account');
  });

  it('makes the user with the default role when allowed, then signs them in again as the same user', async () => {
    await configure({ create_users: true, default_role: 'collector' });
    idp.user = { email: 'New2@Acme.test', name: 'Nuevo Dos', email_verified: true };
    const first = await signInThroughIdp();
    assert.equal(first.location, '/');
    const me = (await t.app.inject({ url: '/v1/me', headers: { cookie: first.session! } })).json();
    assert.deepEqual([me.user.email, me.user.name, me.role, me.user.must_change_password], ['new2@acme.test', 'Nuevo Dos', 'collector', false]);
    const before = await counts();
    const again = await signInThroughIdp();
    assert.equal((await t.app.inject({ url: '/v1/me', headers: { cookie: again.session! } })).json().user.id, me.user.id);
    assert.equal((await counts()).users, before.users);
  });

  it('takes the role from a claim through the role map, the highest when several match', async () => {
    await configure({ create_users: true, default_role: null, role_claim: 'groups', role_map: { 'cobro-admins': 'admin', 'cobro-staff': 'collector' } });
    idp.user = { email: 'boss@acme.test', email_verified: true, groups: ['cobro-staff', 'cobro-admins'] };
    const r = await signInThroughIdp();
    assert.equal((await t.app.inject({ url: '/v1/me', headers: { cookie: r.session! } })).json().role, 'admin');
    idp.user = { email: 'stranger@acme.test', email_verified: true, groups: ['sales'] };
    await refused('no_role');
  });

  it('maps roles as a pure function', () => {
    const s = { role_claim: 'role', role_map: { ops: 'manager' as Role }, default_role: 'viewer' as Role };
    assert.equal(roleFor(s, { role: 'ops' }), 'manager');
    assert.equal(roleFor(s, { role: ['x', 'ops'] }), 'manager');
    assert.equal(roleFor(s, { role: 'x' }), 'viewer');
    assert.equal(roleFor({ ...s, default_role: null }, {}), null);
  });
});

describe('the settings API', () => {
  it('is for admins only and never shows the secret back; the secret is sealed at rest', async () => {
    for (const role of ['manager', 'collector', 'viewer'] as const) {
      const r = await t.app.inject({ url: '/v1/sso/settings', headers: bearer(t.keys[role]) });
      assert.equal(r.statusCode, 403, role);
    }
    const shown = await t.app.inject({ url: '/v1/sso/settings', headers: bearer(t.keys.admin) });
    assert.equal(shown.statusCode, 200);
    assert.ok(!shown.body.includes(idp.clientSecret));
    assert.equal(shown.json().client_secret_hint, `…${idp.clientSecret.slice(-4)}`);
    assert.equal(shown.json().redirect_uri, 'http://localhost:80/v1/sso/callback');
    const [row] = await t.db.query<Record<string, unknown>>('SELECT * FROM oidc_settings WHERE org_id = $1', [t.org]);
    assert.ok(!JSON.stringify(row).includes(idp.clientSecret));
  });

  it('keeps the stored secret when it is left out, and names the bad field', async () => {
    const { client_secret: _s, ...rest } = settings({ label: 'Acme SSO' });
    const r = await t.app.inject({ method: 'PUT', url: '/v1/sso/settings', headers: bearer(t.keys.admin), payload: rest });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().client_secret_hint, `…${idp.clientSecret.slice(-4)}`);
    const bad = await t.app.inject({ method: 'PUT', url: '/v1/sso/settings', headers: bearer(t.keys.admin), payload: settings({ issuer: 'http://idp.example.com' }) });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'issuer');
    const noDomains = await t.app.inject({ method: 'PUT', url: '/v1/sso/settings', headers: bearer(t.otherKey), payload: { ...rest, allowed_domains: [] } });
    assert.equal(noDomains.json().error.field, 'allowed_domains');
    const noSecret = await t.app.inject({ method: 'PUT', url: '/v1/sso/settings', headers: bearer(t.otherKey), payload: rest });
    assert.equal(noSecret.json().error.field, 'client_secret', 'another org has no stored secret to keep');
  });

  it('lets the sign-in page find the button by org or by the email\'s domain, and not once disabled', async () => {
    await configure({ label: 'Acme Login' });
    const byOrg = (await t.app.inject({ url: `/v1/sso/lookup?org=${t.org}` })).json().data;
    assert.deepEqual(byOrg, [{ org_id: t.org, label: 'Acme Login', start_url: `/v1/sso/start?org=${t.org}` }]);
    assert.equal((await t.app.inject({ url: '/v1/sso/lookup?email=someone@ACME.test' })).json().data.length, 1);
    assert.deepEqual((await t.app.inject({ url: '/v1/sso/lookup?email=someone@other.test' })).json().data, []);
    await configure({ enabled: false });
    assert.deepEqual((await t.app.inject({ url: `/v1/sso/lookup?org=${t.org}` })).json().data, []);
    assert.equal((await t.app.inject({ url: `/v1/sso/start?org=${t.org}` })).headers.location, '/?sso_error=not_configured');
    await configure();
  });
});

describe('cobro sso', () => {
  let dir = '';
  before(() => { dir = mkdtempSync(join(tmpdir(), 'cobro-sso-cli-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));
  // the commands as parsed from argv, printing to a buffer and working on the other org of this test's database
  const cobro = async (...args: string[]) => {
    const out: string[] = [];
    const program = new Command('cobro').exitOverride();
    const org = (await getOrg(t.db, t.otherOrg))!;
    registerSso(program, loadConfig({ COBRO_DEMO: '0' }), { out: (text) => { out.push(text); }, withOrg: (_id, fn) => fn(t.db, org) });
    await program.parseAsync(['node', 'cobro', 'sso', ...args]);
    return out.join('');
  };

  it('sets the provider with the secret from a file, disables it and shows it without the secret', async () => {
    const secretFile = join(dir, 'secret');
    writeFileSync(secretFile, 'cli-secret-value-9876\n');
    const set = await cobro('set', '--issuer', 'https://login.acme.test', '--client-id', 'cobro', '--client-secret-file', secretFile,
      '--domains', 'acme.test,acme.mx', '--label', 'Acme', '--create-users', '--default-role', 'viewer');
    assert.match(set, /^Acme: enabled/);
    assert.match(set, /redirect URI +http:\/\/localhost:3000\/v1\/sso\/callback/);
    assert.ok(!set.includes('cli-secret-value'));
    assert.match(await cobro('disable'), /SSO disabled/);
    const shown = JSON.parse(await cobro('show', '--json')) as { allowed_domains: string[]; client_secret_hint: string; enabled: boolean; create_users: boolean };
    assert.deepEqual([shown.allowed_domains, shown.client_secret_hint, shown.enabled, shown.create_users], [['acme.test', 'acme.mx'], '…9876', false, true]);
    assert.match(await cobro('show'), /^Acme: disabled\n.*login\.acme\.test/s);
    await assert.rejects(cobro('set', '--issuer', 'ftp://x', '--client-id', 'c', '--domains', 'acme.test'), /issuer: must be https/);
    assert.deepEqual((await t.app.inject({ url: `/v1/sso/lookup?org=${t.otherOrg}` })).json().data, [], 'disabled: no button');
  });
});
