// Body size limits (413 naming the limit) and API keys: hashed, shown once, last used, revocable.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { routeTable } from '../src/api/index.ts';
import { JSON_BODY_LIMIT } from '../src/api/body-limits.ts';

let t: TestApi;
before(async () => { t = await testApi(); await t.app.ready(); });
after(async () => { await t.close(); });

function multipart(file: Buffer, filename: string) {
  const boundary = 'cobro-limit';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { payload: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('body size limits', () => {
  it('answers 413 naming the 2 MB limit to an over-size JSON body', async () => {
    const payload = JSON.stringify({ name: 'x'.repeat(JSON_BODY_LIMIT) });
    const res = await t.app.inject({ method: 'POST', url: '/v1/customers', payload, headers: { ...bearer(t.keys.admin), 'content-type': 'application/json' } });
    assert.equal(res.statusCode, 413);
    assert.deepEqual(res.json().error, { code: 'VALIDATION_FAILED', message: 'the request body is over the 2 MB limit', field: 'body' });
    const customers = await t.app.inject({ url: '/v1/customers', headers: bearer(t.keys.admin) });
    assert.equal(customers.json().data.length, 0, 'nothing was created');
  });

  it('answers 413 naming the 64 MB limit to an over-size statement upload, and imports nothing', async () => {
    const { payload, headers } = multipart(Buffer.alloc(64 * 1024 * 1024 + 1, 0x41), 'huge.csv');
    const res = await t.app.inject({ method: 'POST', url: '/v1/statements', payload, headers: { ...bearer(t.keys.admin), ...headers } });
    assert.equal(res.statusCode, 413, res.body);
    assert.deepEqual(res.json().error, { code: 'VALIDATION_FAILED', message: 'the uploaded file is over the 64 MB limit', field: 'file' });
    assert.equal((await t.app.inject({ url: '/v1/statements', headers: bearer(t.keys.admin) })).json().data.length, 0);
  });

  it('gives every route that takes a body a limit of at most 8 MB (file uploads have their own caps)', () => {
    const writes = routeTable(t.app).filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method));
    assert.ok(writes.length > 50);
    const over = writes.filter((r) => (r.bodyLimit ?? JSON_BODY_LIMIT) > 8 * 1024 * 1024).map((r) => `${r.method} ${r.url}`);
    assert.deepEqual(over, []);
  });
});

describe('API keys', () => {
  it('stores only a SHA-256 hash and shows the secret once', async () => {
    const made = await t.app.inject({ method: 'POST', url: '/v1/api-keys', payload: { role: 'viewer', name: 'bi' }, headers: bearer(t.keys.admin) });
    assert.equal(made.statusCode, 201);
    const { id, secret } = made.json();
    assert.match(secret, /^cobro_sk_[A-Za-z0-9_-]{32}$/);
    const [row] = await t.db.query<Record<string, unknown>>('SELECT * FROM api_keys WHERE id = $1', [id]);
    assert.equal(row!.hash, createHash('sha256').update(secret).digest('hex'));
    assert.ok(!Object.values(row!).some((v) => String(v).includes(secret.slice(14))), 'no column holds the secret beyond its prefix');
    const list = await t.app.inject({ url: '/v1/api-keys', headers: bearer(t.keys.admin) });
    assert.ok(!list.body.includes(secret.slice(14)), 'the list never shows the secret again');
    assert.ok(!list.body.includes(String(row!.hash)), 'nor its hash');
    const shown = list.json().data.find((k: { id: string }) => k.id === id);
    assert.deepEqual(Object.keys(shown).sort(), ['created_at', 'id', 'last_used_at', 'name', 'prefix', 'revoked_at', 'role']);
  });

  it('records when a key was last used, and a revoked key stops working at once', async () => {
    const { id, secret } = (await t.app.inject({ method: 'POST', url: '/v1/api-keys', payload: { role: 'manager' }, headers: bearer(t.keys.admin) })).json();
    const keyOf = async () => (await t.app.inject({ url: '/v1/api-keys', headers: bearer(t.keys.admin) })).json().data.find((k: { id: string }) => k.id === id);
    assert.equal((await keyOf()).last_used_at, null);
    assert.equal((await t.app.inject({ url: '/v1/invoices', headers: bearer(secret) })).statusCode, 200);
    const used = await keyOf();
    assert.ok(used.last_used_at && !Number.isNaN(Date.parse(used.last_used_at)), 'last_used_at is set on use');
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/v1/api-keys/${id}`, headers: bearer(secret) })).statusCode, 403, 'a manager cannot revoke');
    const beforeRevoke = (await keyOf()).last_used_at;
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/v1/api-keys/${id}`, headers: bearer(t.keys.admin) })).statusCode, 204);
    const revoked = await keyOf();
    assert.ok(revoked.revoked_at, 'revoked_at is set');
    const after = await t.app.inject({ url: '/v1/invoices', headers: bearer(secret) });
    assert.deepEqual([after.statusCode, after.json().error.code], [401, 'UNAUTHORIZED']);
    assert.equal((await keyOf()).last_used_at, beforeRevoke, 'a revoked key is not marked used');
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/v1/api-keys/${id}`, headers: bearer(t.keys.admin) })).statusCode, 404, 'revoked once');
    const audit = await t.db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY action", [id]);
    assert.deepEqual(audit.map((a) => a.action), ['api_key.created', 'api_key.revoked']);
  });
});
