import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';

let t: TestApi;
before(async () => { t = await testApi(); });
after(async () => { await t.close(); });

async function post(url: string, payload: unknown, key = t.keys.admin, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url, payload: payload as object, headers: { ...bearer(key), ...headers } });
}
async function get(url: string, key = t.keys.admin) {
  return t.app.inject({ method: 'GET', url, headers: bearer(key) });
}

describe('the ledger API', () => {
  let customerId = '';
  let invoiceId = '';
  let paymentId = '';

  it('answers health and readiness without a key', async () => {
    assert.equal((await t.app.inject({ url: '/health' })).statusCode, 200);
    assert.deepEqual((await t.app.inject({ url: '/ready' })).json().status, 'ready');
  });

  it('refuses a request with no key or a wrong one', async () => {
    assert.equal((await t.app.inject({ url: '/v1/customers' })).json().error.code, 'UNAUTHORIZED');
    assert.equal((await get('/v1/customers', 'cobro_sk_nope')).statusCode, 401);
  });

  it('creates a customer, an invoice and a payment with prefixed ids', async () => {
    const c = await post('/v1/customers', { name: 'Ferretería Luna', email: 'pagos@luna.mx', phone: '+52 55 1234 5678', country: 'mx',
      timezone: 'America/Mexico_City', language: 'es', external_id: 'LUNA' });
    assert.equal(c.statusCode, 201, c.body);
    customerId = c.json().id;
    assert.match(customerId, /^cus_/);
    assert.equal(c.json().phone, '+525512345678');
    const i = await post('/v1/invoices', { customer_id: customerId, number: 'A-100', currency: 'MXN', amount: 150000, issue_date: '2026-02-01', due_date: '2026-03-01' });
    assert.equal(i.statusCode, 201, i.body);
    invoiceId = i.json().id;
    assert.match(invoiceId, /^inv_/);
    const p = await post('/v1/payments', { customer_id: customerId, amount: 50000, currency: 'MXN', date: '2026-03-10' });
    assert.equal(p.statusCode, 201, p.body);
    paymentId = p.json().id;
    assert.match(paymentId, /^pay_/);
    assert.deepEqual(p.json().allocations.map((a: { invoice_id: string; amount: number }) => [a.invoice_id, a.amount]), [[invoiceId, 50000]]);
    const after = (await get(`/v1/invoices/${invoiceId}`)).json();
    assert.deepEqual([after.balance, after.status], [100000, 'partially_paid']);
  });

  it('gives one error shape naming the offending field', async () => {
    const r = await post('/v1/invoices', { customer_id: customerId, number: 'A-101', currency: 'MXN', amount: -5, issue_date: '2026-02-01', due_date: '2026-03-01' });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().error.code, 'VALIDATION_FAILED');
    assert.equal(r.json().error.field, 'amount');
    const bad = await post('/v1/customers', { name: 'X', timezone: 'Mars/Olympus' });
    assert.equal(bad.json().error.field, 'timezone');
    const dup = await post('/v1/invoices', { customer_id: customerId, number: 'A-100', currency: 'MXN', amount: 5, issue_date: '2026-02-01', due_date: '2026-03-01' });
    assert.deepEqual([dup.statusCode, dup.json().error.code, dup.json().error.field], [409, 'CONFLICT', 'number']);
  });

  it('replays a POST with the same Idempotency-Key and refuses the key with another body', async () => {
    const body = { customer_id: customerId, amount: 1000, currency: 'MXN', date: '2026-03-11' };
    const first = await post('/v1/payments', body, t.keys.admin, { 'idempotency-key': 'k-1' });
    const second = await post('/v1/payments', body, t.keys.admin, { 'idempotency-key': 'k-1' });
    assert.equal(second.statusCode, 201);
    assert.equal(second.json().id, first.json().id);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    const list = (await get(`/v1/payments?customer_id=${customerId}`)).json();
    assert.equal(list.data.filter((p: { amount: number }) => p.amount === 1000).length, 1);
    const other = await post('/v1/payments', { ...body, amount: 2000 }, t.keys.admin, { 'idempotency-key': 'k-1' });
    assert.deepEqual([other.statusCode, other.json().error.code], [409, 'IDEMPOTENCY_CONFLICT']);
  });

  it('filters invoices and pages with a cursor', async () => {
    for (let i = 0; i < 3; i++) {
      await post('/v1/invoices', { customer_id: customerId, number: `B-${i}`, currency: 'USD', amount: 100, issue_date: '2026-01-01', due_date: `2026-01-0${i + 1}` });
    }
    const usd = (await get('/v1/invoices?currency=USD&limit=2')).json();
    assert.equal(usd.data.length, 2);
    assert.equal(usd.has_more, true);
    const rest = (await get(`/v1/invoices?currency=USD&limit=2&cursor=${usd.next_cursor}`)).json();
    assert.equal(rest.data.length, 1);
    const late = (await get('/v1/invoices?dpd_min=72')).json();
    assert.deepEqual(late.data.map((i: { number: string }) => i.number).sort(), ['B-0', 'B-1']);
    const open = (await get('/v1/invoices?status=partially_paid')).json();
    assert.deepEqual(open.data.map((i: { number: string }) => i.number), ['A-100']);
    assert.equal(open.data[0].customer_name, 'Ferretería Luna', 'each listed invoice names its customer');
  });

  it('reports aging as of a date', async () => {
    const r = (await get('/v1/aging?as_of=2026-03-15')).json();
    const mxn = r.totals.find((l: { currency: string }) => l.currency === 'MXN');
    assert.equal(mxn.d1_30, 150000 - 50000 - 1000);
  });

  it('lets a viewer read but not write, and keeps API keys to admins', async () => {
    assert.equal((await get('/v1/invoices', t.keys.viewer)).statusCode, 200);
    const w = await post('/v1/customers', { name: 'Nope' }, t.keys.viewer);
    assert.deepEqual([w.statusCode, w.json().error.code], [403, 'FORBIDDEN']);
    assert.equal((await post('/v1/api-keys', { role: 'viewer' }, t.keys.manager)).statusCode, 403);
    assert.equal((await post('/v1/adjustments', { invoice_id: invoiceId, kind: 'write_off', amount: 1, date: '2026-03-15' }, t.keys.collector)).statusCode, 403);
    const k = await post('/v1/api-keys', { role: 'viewer', name: 'bi' });
    assert.equal(k.statusCode, 201);
    assert.match(k.json().secret, /^cobro_sk_/);
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/v1/api-keys/${k.json().id}`, headers: bearer(t.keys.admin) })).statusCode, 204);
    assert.equal((await get('/v1/invoices', k.json().secret)).statusCode, 401, 'a revoked key no longer works');
  });

  it('returns 404 for every resource of another org', async () => {
    const urls = [`/v1/customers/${customerId}`, `/v1/customers/LUNA`, `/v1/customers/${customerId}/balance`, `/v1/invoices/${invoiceId}`,
      `/v1/invoices/A-100`, `/v1/payments/${paymentId}`, `/v1/aging?customer_id=${customerId}`];
    for (const url of urls) assert.equal((await get(url, t.otherKey)).statusCode, 404, url);
    const writes: [string, unknown][] = [
      [`/v1/invoices/${invoiceId}/cancel`, {}], [`/v1/invoices/${invoiceId}/dispute`, { disputed: true }],
      [`/v1/payments/${paymentId}/reverse`, { reason: 'x' }],
      ['/v1/invoices', { customer_id: customerId, number: 'Z-1', currency: 'MXN', amount: 1, issue_date: '2026-01-01', due_date: '2026-01-02' }],
      ['/v1/payments', { customer_id: customerId, amount: 1, currency: 'MXN', date: '2026-01-01' }],
      ['/v1/adjustments', { invoice_id: invoiceId, kind: 'late_fee', amount: 1, date: '2026-01-01' }],
    ];
    const fee = (await post('/v1/adjustments', { invoice_id: invoiceId, kind: 'late_fee', amount: 100, date: '2026-03-15' })).json();
    writes.push([`/v1/adjustments/${fee.id}/reverse`, {}]);
    for (const [url, body] of writes) assert.equal((await post(url, body, t.otherKey)).statusCode, 404, url);
    const ownKey = (await post('/v1/api-keys', { role: 'viewer' })).json();
    const del = await t.app.inject({ method: 'DELETE', url: `/v1/api-keys/${ownKey.id}`, headers: bearer(t.otherKey) });
    assert.equal(del.statusCode, 404);
    assert.equal((await get('/v1/invoices', ownKey.secret)).statusCode, 200, 'the other org could not revoke it');
    const patch = await t.app.inject({ method: 'PATCH', url: `/v1/customers/${customerId}`, payload: { name: 'x' }, headers: bearer(t.otherKey) });
    assert.equal(patch.statusCode, 404);
    assert.equal((await get('/v1/invoices', t.otherKey)).json().data.length, 0);
    assert.equal((await get('/v1/aging?as_of=2026-03-15', t.otherKey)).json().totals.length, 0);
  });

  it('imports a CSV through multipart and reports bad rows with 422', async () => {
    const boundary = 'cobro-test';
    const form = (kind: string, csv: string) => [`--${boundary}`, 'Content-Disposition: form-data; name="kind"', '', kind,
      `--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="i.csv"', 'Content-Type: text/csv', '', csv, `--${boundary}--`, ''].join('\r\n');
    const send = (kind: string, csv: string) => t.app.inject({ method: 'POST', url: '/v1/imports', payload: form(kind, csv),
      headers: { ...bearer(t.keys.admin), 'content-type': `multipart/form-data; boundary=${boundary}` } });
    const ok = await send('invoices', 'customer_external_id,number,currency,amount,issue_date,due_date\nLUNA,C-1,MXN,10.50,2026-01-01,2026-02-01\n');
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().inserted, 1);
    const bad = await send('invoices', 'customer_external_id,number,currency,amount,issue_date,due_date\nLUNA,C-2,MXN,ten,2026-01-01,2026-02-01\n');
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().errors[0], { line: 2, column: 'amount', reason: '"ten" is not a number' });
    assert.equal((await get(`/v1/imports/${bad.json().id}`)).json().status, 'rejected');
    assert.equal((await get(`/v1/imports/${bad.json().id}`, t.otherKey)).statusCode, 404);
  });

  it('publishes an OpenAPI 3.1 document and browsable docs', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    assert.equal(doc.openapi, '3.1.0');
    for (const path of ['/v1/customers', '/v1/invoices', '/v1/payments', '/v1/adjustments', '/v1/aging', '/v1/imports']) assert.ok(doc.paths[path], path);
    assert.equal((await t.app.inject({ url: '/docs/' })).statusCode, 200);
  });
});
