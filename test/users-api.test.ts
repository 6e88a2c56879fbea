import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { testApi, bearer, TEST_PASSWORD_COST, type TestApi } from './support/api.ts';
import { createUser, hashPassword, passwordCost, PASSWORD_COST, verifyPassword, type Role } from '../src/orgs/index.ts';
import { webRoutes } from '../src/api/routes/web.ts';

let t: TestApi;
let clock = new Date('2026-03-15T12:00:00Z');
before(async () => { t = await testApi(() => clock); });
after(async () => { await t.close(); });

const PASSWORD = 'correct horse battery';

async function aUser(role: Role, email = `${role}-${Math.random().toString(36).slice(2)}@acme.test`, org = t.org) {
  const r = await createUser(t.db, org, { email, role, password: PASSWORD, passwordCost: TEST_PASSWORD_COST });
  assert.ok(r.ok);
  return r.value.user;
}

async function signIn(email: string, password = PASSWORD, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password }, headers });
}

/** Signs in and returns the cookie header and the CSRF token the page would read from /v1/me. */
async function session(role: Role) {
  const user = await aUser(role);
  const r = await signIn(user.email);
  assert.equal(r.statusCode, 201, r.body);
  const cookie = String(r.headers['set-cookie']).split(';')[0]!;
  const me = await t.app.inject({ url: '/v1/me', headers: { cookie } });
  return { user, cookie, csrf: me.json().csrf_token as string };
}

describe('passwords', () => {
  it('hashes with scrypt and a salt of its own per hash', async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    assert.match(a, /^scrypt\$32768\$8\$1\$/);
    assert.notEqual(a, b);
    assert.equal(await verifyPassword(PASSWORD, a), true);
    assert.equal(await verifyPassword('correct horse battery!', a), false);
    assert.equal(await verifyPassword(PASSWORD, 'md5$nope'), false);
  });

  it('hashes at less than production only under the test runner, and checks a hash at the cost stored in it', async () => {
    assert.deepEqual(passwordCost(undefined, false), PASSWORD_COST);
    for (const weaker of [TEST_PASSWORD_COST, { N: 32768, r: 4, p: 1 }, { N: 32768, r: 8, p: 0 }]) {
      assert.throws(() => passwordCost(weaker, false), /only tests may hash at less/, JSON.stringify(weaker));
    }
    assert.deepEqual(passwordCost({ N: 65536, r: 8, p: 1 }, false), { N: 65536, r: 8, p: 1 });
    assert.equal(passwordCost(TEST_PASSWORD_COST), TEST_PASSWORD_COST, 'node --test is detected');
    const cheap = await hashPassword(PASSWORD, TEST_PASSWORD_COST);
    assert.match(cheap, /^scrypt\$1024\$8\$1\$/);
    assert.deepEqual([await verifyPassword(PASSWORD, cheap), await verifyPassword('correct horse battery!', cheap)], [true, false]);
  });

  it('the API makes new hashes at the cost in its dependencies (the test harness\'s)', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/v1/users', payload: { email: 'cost@acme.test', role: 'viewer' }, headers: bearer(t.keys.admin) });
    assert.equal(r.statusCode, 201, r.body);
    const [row] = await t.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [r.json().id]);
    assert.match(row!.password_hash, /^scrypt\$1024\$8\$1\$/);
  });
});

describe('signing in', () => {
  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const u = await aUser('collector');
    const wrong = await signIn(u.email, 'not the password');
    const unknown = await signIn('nobody@acme.test');
    assert.deepEqual([wrong.statusCode, unknown.statusCode], [401, 401]);
    assert.equal(wrong.json().error.message, unknown.json().error.message);
    assert.equal(wrong.headers['set-cookie'], undefined);
  });

  it('sets an HttpOnly SameSite=Strict cookie, Secure behind https, and never returns the hash', async () => {
    const u = await aUser('manager', 'Mixed.Case@Acme.test');
    const r = await signIn('mixed.case@acme.test');
    assert.equal(r.statusCode, 201, r.body);
    const cookie = String(r.headers['set-cookie']);
    assert.match(cookie, /^cobro_session=cobro_ss_[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    assert.equal(r.json().user.id, u.id);
    assert.equal(JSON.stringify(r.json()).includes('scrypt'), false);
    const secure = await signIn(u.email, PASSWORD, { 'x-forwarded-proto': 'https' });
    assert.match(String(secure.headers['set-cookie']), /; Secure$/);
  });

  it('authenticates reads with the cookie like a key of the user\'s role, and tells who is asking', async () => {
    const s = await session('viewer');
    const me = await t.app.inject({ url: '/v1/me', headers: { cookie: s.cookie } });
    assert.equal(me.statusCode, 200);
    assert.deepEqual([me.json().role, me.json().user.email, me.json().org.id], ['viewer', s.user.email, t.org]);
    assert.ok(me.json().user.last_sign_in_at);
    assert.equal((await t.app.inject({ url: '/v1/customers', headers: { cookie: s.cookie } })).statusCode, 200);
    const keyMe = await t.app.inject({ url: '/v1/me', headers: bearer(t.keys.collector) });
    assert.deepEqual([keyMe.json().role, keyMe.json().user, keyMe.json().csrf_token], ['collector', null, null]);
  });
});

describe('CSRF and roles with the session cookie', () => {
  const customer = { name: 'Papelería Sol', country: 'MX' };

  it('refuses a cookie write without the CSRF header, or with a wrong one', async () => {
    const s = await session('admin');
    const none = await t.app.inject({ method: 'POST', url: '/v1/customers', payload: customer, headers: { cookie: s.cookie } });
    assert.deepEqual([none.statusCode, none.json().error.field], [403, 'x-cobro-csrf']);
    const wrong = await t.app.inject({ method: 'POST', url: '/v1/customers', payload: customer, headers: { cookie: s.cookie, 'x-cobro-csrf': `${s.csrf.slice(1)}x` } });
    assert.equal(wrong.statusCode, 403);
    const other = await session('admin');
    const stolen = await t.app.inject({ method: 'POST', url: '/v1/customers', payload: customer, headers: { cookie: s.cookie, 'x-cobro-csrf': other.csrf } });
    assert.equal(stolen.statusCode, 403);
    const ok = await t.app.inject({ method: 'POST', url: '/v1/customers', payload: customer, headers: { cookie: s.cookie, 'x-cobro-csrf': s.csrf } });
    assert.equal(ok.statusCode, 201, ok.body);
  });

  it('gives a viewer read-only access and keeps API keys and user admin to admins', async () => {
    const v = await session('viewer');
    const w = await t.app.inject({ method: 'POST', url: '/v1/customers', payload: customer, headers: { cookie: v.cookie, 'x-cobro-csrf': v.csrf } });
    assert.deepEqual([w.statusCode, w.json().error.code], [403, 'FORBIDDEN']);
    const c = await session('collector');
    for (const [method, url, payload] of [['POST', '/v1/users', { email: 'x@acme.test', role: 'admin' }], ['POST', '/v1/api-keys', { role: 'admin' }],
      ['GET', '/v1/users', undefined], ['GET', '/v1/api-keys', undefined]] as const) {
      const r = await t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { cookie: c.cookie, 'x-cobro-csrf': c.csrf } });
      assert.equal(r.statusCode, 403, `${method} ${url}`);
    }
    const m = await session('manager');
    assert.equal((await t.app.inject({ url: '/v1/users', headers: { cookie: m.cookie } })).statusCode, 200);
  });
});

describe('inviting users', () => {
  it('lets an admin invite a user whose one-time password is shown once and must be changed', async () => {
    const a = await session('admin');
    const r = await t.app.inject({ method: 'POST', url: '/v1/users', payload: { email: 'Nueva@Acme.test', role: 'collector', name: 'Nueva' },
      headers: { cookie: a.cookie, 'x-cobro-csrf': a.csrf } });
    assert.equal(r.statusCode, 201, r.body);
    const { password, ...user } = r.json();
    assert.deepEqual([user.email, user.role, user.must_change_password], ['nueva@acme.test', 'collector', true]);
    assert.ok(password.length >= 16);
    const list = await t.app.inject({ url: '/v1/users', headers: bearer(t.keys.admin) });
    const listed = list.json().data.find((u: { id: string }) => u.id === user.id);
    assert.deepEqual(Object.keys(listed).sort(), ['created_at', 'email', 'id', 'last_sign_in_at', 'must_change_password', 'name', 'role']);
    const dup = await t.app.inject({ method: 'POST', url: '/v1/users', payload: { email: 'nueva@acme.test', role: 'viewer' }, headers: bearer(t.keys.admin) });
    assert.deepEqual([dup.statusCode, dup.json().error.field], [409, 'email']);

    const signedIn = await signIn('nueva@acme.test', password);
    assert.equal(signedIn.statusCode, 201);
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0]!;
    const csrf = (await t.app.inject({ url: '/v1/me', headers: { cookie } })).json().csrf_token;
    const bad = await t.app.inject({ method: 'POST', url: '/v1/me/password', payload: { current_password: 'nope', new_password: 'a brand new secret' }, headers: { cookie, 'x-cobro-csrf': csrf } });
    assert.equal(bad.json().error.field, 'current_password');
    const changed = await t.app.inject({ method: 'POST', url: '/v1/me/password', payload: { current_password: password, new_password: 'a brand new secret' }, headers: { cookie, 'x-cobro-csrf': csrf } });
    assert.equal(changed.statusCode, 204, changed.body);
    assert.equal((await signIn('nueva@acme.test', password)).statusCode, 401);
    const again = await signIn('nueva@acme.test', 'a brand new secret');
    assert.equal(again.json().user.must_change_password, false);
  });

  it('keeps each org\'s users to itself', async () => {
    await aUser('admin', 'same@both.test', t.otherOrg);
    const mine = await t.app.inject({ url: '/v1/users', headers: bearer(t.keys.admin) });
    assert.equal(mine.json().data.some((u: { email: string }) => u.email === 'same@both.test'), false);
    const theirs = await signIn('same@both.test');
    const cookie = String(theirs.headers['set-cookie']).split(';')[0]!;
    assert.equal((await t.app.inject({ url: '/v1/me', headers: { cookie } })).json().org.id, t.otherOrg);
  });
});

describe('ending sessions', () => {
  it('signs out: the cookie is cleared and the session no longer works', async () => {
    const s = await session('collector');
    const out = await t.app.inject({ method: 'DELETE', url: '/v1/sessions/current', headers: { cookie: s.cookie, 'x-cobro-csrf': s.csrf } });
    assert.equal(out.statusCode, 204);
    assert.match(String(out.headers['set-cookie']), /^cobro_session=; .*Max-Age=0/);
    const after = await t.app.inject({ url: '/v1/me', headers: { cookie: s.cookie } });
    assert.equal(after.statusCode, 401);
  });

  it('expires a session after twelve hours', async () => {
    const s = await session('viewer');
    clock = new Date(clock.getTime() + 12 * 3_600_000 + 1000);
    try {
      assert.equal((await t.app.inject({ url: '/v1/me', headers: { cookie: s.cookie } })).statusCode, 401);
    } finally {
      clock = new Date('2026-03-15T12:00:00Z');
    }
  });

  it('refuses an invented session cookie', async () => {
    const r = await t.app.inject({ url: '/v1/customers', headers: { cookie: 'other=1; cobro_session=cobro_ss_invented' } });
    assert.equal(r.statusCode, 401);
  });
});

describe('serving the workspace', () => {
  it('says to run the build when web/dist is missing, and keeps API paths as JSON 404s', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cobro-web-'));
    const app = Fastify();
    await app.register(webRoutes(join(dir, 'dist')));
    try {
      const r = await app.inject({ url: '/' });
      assert.equal(r.statusCode, 503);
      assert.match(r.body, /npm run build:web/);
      const api = await app.inject({ url: '/v1/nothing-here' });
      assert.deepEqual([api.statusCode, api.json().error.code], [404, 'NOT_FOUND']);
      const site = join(dir, 'site');
      await mkdir(site);
      await writeFile(join(site, 'index.html'), '<!doctype html><div id="root"></div>');
      await writeFile(join(site, 'app.js'), 'console.log(1)');
      await writeFile(join(dir, 'secret.txt'), 'secret');
      const built = Fastify();
      await built.register(webRoutes(site));
      const page = await built.inject({ url: '/customers/cus_123' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /id="root"/);
      assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
      assert.equal((await built.inject({ url: '/app.js' })).body, 'console.log(1)');
      for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
        assert.equal((await built.inject({ url })).body.includes('secret'), false, url);
      }
      await built.close();
    } finally {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('serves the app at / next to the API, whose routes and docs keep working', async () => {
    const root = await t.app.inject({ url: '/' });
    assert.ok([200, 503].includes(root.statusCode));
    assert.equal((await t.app.inject({ url: '/openapi.json' })).statusCode, 200);
    assert.equal((await t.app.inject({ url: '/v1/customers' })).statusCode, 401);
    assert.equal((await t.app.inject({ url: '/v1/nope', headers: bearer(t.keys.admin) })).statusCode, 404);
  });
});
