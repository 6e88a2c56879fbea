import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';

// the API's clock: Tuesday 10 March 2026, 15:00 UTC, 10:00 in Chicago
let t: TestApi;
before(async () => { t = await testApi(() => new Date('2026-03-10T15:00:00Z')); });
after(async () => { await t.close(); });

const post = (url: string, payload: object, key = t.keys.admin) => t.app.inject({ method: 'POST', url, payload, headers: bearer(key) });
const get = (url: string, key = t.keys.admin) => t.app.inject({ method: 'GET', url, headers: bearer(key) });

describe('contact law through the API', () => {
  let id = '';
  before(async () => {
    const c = await post('/v1/customers', { name: 'Ana', external_id: 'ANA', country: 'US', region: 'IL', timezone: 'America/Chicago',
      phone: '+13125550101', email: 'ana@example.com' });
    id = c.json().id;
    await post('/v1/invoices', { customer_id: id, number: 'N-1', currency: 'USD', amount: 9000, issue_date: '2026-01-01', due_date: '2026-02-01' });
  });

  it('answers a contact check and keeps the decision', async () => {
    const r = await post('/v1/contact-checks', { customer_id: 'ANA', channel: 'sms' });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().kind, 'allow');
    assert.ok(r.json().packs.includes('US'), JSON.stringify(r.json().packs));
    const log = (await get(`/v1/customers/${id}/contact-decisions`)).json();
    assert.equal(log.data[0].decision, 'allow');
  });

  it('stops SMS when the debtor replies STOP, and says why', async () => {
    const r = await post(`/v1/customers/${id}/replies`, { text: 'Stop', channel: 'sms', address: '+13125550101' });
    assert.equal(r.json().detection, 'opt_out');
    const check = (await post('/v1/contact-checks', { customer_id: id, channel: 'sms' })).json();
    assert.deepEqual([check.kind, check.reason.code], ['block', 'OPTED_OUT']);
    const list = (await get(`/v1/customers/${id}/suppressions`)).json();
    assert.equal(list.data.length, 1);
    const lifted = await post(`/v1/suppressions/${list.data[0].id}/lift`, {});
    assert.equal(lifted.statusCode, 200);
  });

  it('records and revokes a consent, and opts out of a whole channel', async () => {
    const c = await post(`/v1/customers/${id}/consents`, { kind: 'automated_calls', channel: 'voice', source: 'IVR recording 123' });
    assert.equal(c.statusCode, 201, c.body);
    assert.equal((await post(`/v1/consents/${c.json().id}/revoke`, {})).json().revoked_at !== null, true);
    const o = await post(`/v1/customers/${id}/opt-out`, { scope: 'channel', channel: 'email', reason: 'asked by phone' });
    assert.equal(o.statusCode, 201, o.body);
    const check = (await post('/v1/contact-checks', { customer_id: id, channel: 'email' })).json();
    assert.equal(check.reason.code, 'OPTED_OUT');
    const bad = await post(`/v1/customers/${id}/opt-out`, { scope: 'address', channel: 'sms' });
    assert.deepEqual([bad.statusCode, bad.json().error.field], [400, 'address']);
  });

  it('reads the audit log by customer and verifies the chain', async () => {
    const log = (await get('/v1/audit?customer_id=ANA')).json();
    const actions = log.data.map((e: { action: string }) => e.action);
    for (const a of ['customer.created', 'invoice.created', 'customer.opted_out', 'consent.granted']) assert.ok(actions.includes(a), a);
    assert.deepEqual((await get('/v1/audit/verify')).json().ok, true);
    assert.equal((await get('/v1/audit/verify', t.keys.manager)).statusCode, 403);
    assert.equal((await get('/v1/audit?customer_id=ANA', t.otherKey)).statusCode, 404);
  });

  it('reports decisions by reason and exports everything held about the customer', async () => {
    const r = (await get('/v1/compliance/report?from=2026-03-01&to=2026-03-31')).json();
    const blocked = r.decisions.find((d: { decision: string; reason_code: string }) => d.decision === 'block' && d.reason_code === 'OPTED_OUT');
    assert.ok(blocked && blocked.count >= 1, JSON.stringify(r.decisions));
    const data = (await get(`/v1/customers/${id}/export`)).json();
    assert.equal(data.customer.id, id);
    assert.equal(data.exported_at, '2026-03-10T15:00:00.000Z', 'dated by the clock passed in');
    assert.equal(data.invoices.length, 1);
    assert.ok(data.suppressions.length >= 1);
    assert.ok(data.gate_decisions.length >= 2);
    assert.equal((await get(`/v1/customers/${id}/export`, t.keys.manager)).statusCode, 403);
  });

  it('keeps another org out', async () => {
    assert.equal((await get(`/v1/customers/${id}/consents`, t.otherKey)).statusCode, 404);
    assert.equal((await post('/v1/contact-checks', { customer_id: id, channel: 'sms' }, t.otherKey)).statusCode, 404);
    assert.equal((await post(`/v1/customers/${id}/opt-out`, { scope: 'all' }, t.otherKey)).statusCode, 404);
    const profile = await t.app.inject({ method: 'PUT', url: `/v1/customers/${id}/contact-profile`, payload: { debtor_type: 'business' }, headers: bearer(t.otherKey) });
    assert.equal(profile.statusCode, 404);
  });
});
