// The API's public face in production: security headers on every answer, request ids, logs with org and case ids and no
// secrets, rate limits with 429 and Retry-After on the portal and the webhooks, and /metrics closed on the API's port.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/api/index.ts';
import { createApiKey } from '../src/orgs/index.ts';
import { portalLinkFor } from '../src/portal/index.ts';
import { createLogger } from '../src/ops/index.ts';
import type { Db } from '../src/db/index.ts';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer } from './support/factories.ts';

const NOW = new Date('2026-03-15T12:00:00Z');
const METRICS_TOKEN = 'metrics-token-0123456789';
let db: Db;
let org: string;
let key: string;
let app: FastifyInstance;
let clockMs = 0;
const lines: string[] = [];

before(async () => {
  db = await testDb();
  org = await testOrg(db, 'Headers');
  key = (await createApiKey(db, org, 'admin')).secret;
  const stream = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
  app = await buildServer({ db, now: () => NOW }, {
    loggerInstance: createLogger({ level: 'info', role: 'api' }, stream),
    limits: { portalPerToken: 5, portalPerIp: 8, webhookPerIp: 4, clockMs: () => clockMs },
    metrics: { token: METRICS_TOKEN, role: 'api' },
  });
});
after(async () => { await app.close(); await db.close(); });

const logged = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('security headers', () => {
  it('JSON answers load nothing, may not be framed or sniffed, and send no referrer', async () => {
    const r = await app.inject({ method: 'GET', url: '/v1/aging', headers: { authorization: `Bearer ${key}` } });
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['x-frame-options'], 'DENY');
    assert.equal(r.headers['referrer-policy'], 'no-referrer');
    assert.match(String(r.headers['content-security-policy']), /default-src 'none'.*frame-ancestors 'none'/);
    assert.equal(r.headers['strict-transport-security'], undefined, 'no HSTS over plain HTTP');
  });

  it('a page keeps its own policy (the workspace, the portal page, the docs), framed by nobody', async () => {
    for (const url of ['/', '/p/any-token', '/docs/']) {
      const r = await app.inject({ method: 'GET', url });
      assert.equal(r.headers['x-frame-options'], 'DENY', url);
      const csp = String(r.headers['content-security-policy']);
      assert.match(csp, /frame-ancestors 'none'/, `${url}: ${csp}`);
      assert.doesNotMatch(csp, /upgrade-insecure-requests/, url);
      assert.equal(r.headers['x-content-type-options'], 'nosniff', url);
    }
    const docs = await app.inject({ method: 'GET', url: '/docs/' });
    assert.match(String(docs.headers['content-security-policy']), /script-src 'self'/, 'the docs run their own scripts only');
  });
});

describe('request ids and logs', () => {
  it('echo the caller\'s X-Request-Id, or a new one, and write it on every line of the request', async () => {
    lines.length = 0;
    const r = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'lb-7f3a' } });
    assert.equal(r.headers['x-request-id'], 'lb-7f3a');
    assert.ok(logged().length >= 2 && logged().every((l) => l.request_id === 'lb-7f3a'), JSON.stringify(logged()));
    const other = await app.inject({ method: 'GET', url: '/health' });
    assert.match(String(other.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });

  it('carry the org and the case a request is about, and never the API key, cookie or portal token', async () => {
    lines.length = 0;
    await app.inject({ method: 'GET', url: '/v1/cases/case_missing', headers: { authorization: `Bearer ${key}`, cookie: 'cobro_session=cookie-secret' } });
    await app.inject({ method: 'GET', url: '/p/ptk-secret-link-token' });
    const done = logged().find((l) => l.msg === 'request completed' && l.case_id === 'case_missing');
    assert.ok(done, JSON.stringify(logged()));
    assert.equal(done.org_id, org);
    const text = lines.join('');
    assert.ok(!text.includes(key.slice(10)), 'the API key is not logged');
    assert.ok(!text.includes('cookie-secret') && !text.includes('ptk-secret-link-token'), text);
    assert.ok(text.includes('/p/[REDACTED]'));
  });
});

describe('rate limits', () => {
  it('the portal: a link token gets its limit, then 429 with Retry-After; another link still works', async () => {
    clockMs = 0;
    const c = await aCustomer(db, org, { country: 'MX', email: 'pagos@limite.example' });
    const token = (await portalLinkFor(db, { orgId: org, customerId: c.id }, NOW, 'https://cobro.example')).split('/p/')[1]!;
    const ask = (t: string, ip = '203.0.113.5') => app.inject({ method: 'GET', url: '/portal/api/link', headers: { 'x-portal-token': t }, remoteAddress: ip });
    for (let i = 0; i < 5; i++) assert.equal((await ask(token)).statusCode, 200, `request ${i + 1}`);
    const refused = await ask(token);
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().error.code, 'RATE_LIMITED');
    assert.equal(refused.headers['retry-after'], '12', 'five a minute: the next fits in 12 s');
    assert.equal((await ask(token, '198.51.100.9')).statusCode, 429, 'the token is limited from any address');
    assert.equal((await ask('another-token', '198.51.100.9')).statusCode, 401, 'another token passes the limit (and is refused as unknown)');
    clockMs += 12_000;
    assert.equal((await ask(token, '198.51.100.10')).statusCode, 200, 'open again after Retry-After');
  });

  it('the portal: one address gets its limit across tokens, and the page at /p/{token} counts too', async () => {
    clockMs = 1_000_000;
    for (let i = 0; i < 8; i++) {
      const r = await app.inject({ method: 'GET', url: i % 2 ? `/p/guess-${i}` : '/portal/api/link', headers: { 'x-portal-token': `guess-${i}` }, remoteAddress: '192.0.2.77' });
      assert.notEqual(r.statusCode, 429, `request ${i + 1}`);
    }
    const r = await app.inject({ method: 'GET', url: '/portal/api/link', headers: { 'x-portal-token': 'guess-99' }, remoteAddress: '192.0.2.77' });
    assert.equal(r.statusCode, 429);
    assert.ok(Number(r.headers['retry-after']) >= 1);
  });

  it('webhooks: per provider and address; another provider or address is not held back', async () => {
    clockMs = 2_000_000;
    const hook = (provider: string, ip: string) => app.inject({ method: 'POST', url: provider === 'stripe' ? `/webhooks/stripe/${org}` : `/webhooks/twilio/${org}/messages`,
      payload: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: ip });
    for (let i = 0; i < 4; i++) assert.notEqual((await hook('twilio', '203.0.113.50')).statusCode, 429, `request ${i + 1}`);
    const refused = await hook('twilio', '203.0.113.50');
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.headers['retry-after'], '15');
    assert.notEqual((await hook('twilio', '203.0.113.51')).statusCode, 429);
    assert.notEqual((await hook('stripe', '203.0.113.50')).statusCode, 429);
  });
});

describe('/metrics on the API port', () => {
  it('answers only with the metrics token', async () => {
    assert.equal((await app.inject({ method: 'GET', url: '/metrics' })).statusCode, 401);
    assert.equal((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${key}` } })).statusCode, 401, 'an API key is not the metrics token');
    const ok = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    assert.equal(ok.statusCode, 200);
    assert.match(ok.headers['content-type'] as string, /^text\/plain; version=0\.0\.4/);
    assert.match(ok.body, /cobro_rate_limited_total\{limit="portal_token"\} [1-9]/);
  });

  it('is closed without a token configured', async () => {
    const bare = await buildServer({ db, now: () => NOW });
    try {
      const r = await bare.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      assert.equal(r.statusCode, 404);
      assert.match(r.json().error.message, /ops port/);
    } finally { await bare.close(); }
  });
});
