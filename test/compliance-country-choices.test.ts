// The readings of a country's contact law left to the org (COMPLIANCE.md): stored with the org's policy, strict by
// default, a looser one chosen by admins only (a manager keeps one an admin chose, and may tighten it again), audited,
// and obeyed by the gate.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';

let t: TestApi;
// Saturday 21 March 2026, 10:00 in Mexico City: inside the default Saturday hours, but Mexico's pack keeps weekends quiet
before(async () => { t = await testApi(() => new Date('2026-03-21T16:00:00Z')); });
after(async () => { await t.close(); });

const call = (method: 'GET' | 'POST' | 'PUT', url: string, key: string, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(key), ...(payload ? { payload } : {}) });

describe('the country readings of the contact policy', () => {
  it('defaults to the strict readings, lets only an admin loosen one, and the gate follows it', async () => {
    const view = (await call('GET', '/v1/compliance/policy', t.keys.viewer)).json();
    assert.deepEqual(view.policy.countries, view.defaults.countries);
    assert.deepEqual([view.defaults.countries.co.weekly_reading, view.defaults.countries.mx.contact_on_weekends, view.defaults.countries.cl.quiet_holidays],
      ['strict', false, true]);
    const customer = (await call('POST', '/v1/customers', t.keys.admin, { name: 'Abarrotes Sábado', email: 'sabado@cliente.mx', external_id: 'SAB-1',
      timezone: 'America/Mexico_City', country: 'MX' })).json();
    await call('POST', '/v1/invoices', t.keys.admin, { customer_id: customer.id, number: 'SAB-INV-1', currency: 'MXN', amount: 90_000,
      issue_date: '2026-02-01', due_date: '2026-03-01' });
    const check = async () => (await call('POST', '/v1/contact-checks', t.keys.admin, { customer_id: customer.id, channel: 'email' })).json();
    assert.equal((await check()).kind, 'defer', 'no contact on a Mexican weekend by default');

    const weekends = { ...view.policy, countries: { ...view.policy.countries, mx: { contact_on_weekends: true, contact_on_holidays: false } } };
    const manager = await call('PUT', '/v1/compliance/policy', t.keys.manager, weekends);
    assert.deepEqual([manager.statusCode, manager.json().error?.field], [403, 'countries.mx.contact_on_weekends']);
    const bad = await call('PUT', '/v1/compliance/policy', t.keys.admin, { ...weekends, countries: { ...weekends.countries, co: { weekly_reading: 'loose' } } });
    assert.deepEqual([bad.statusCode, bad.json().error?.field], [400, 'countries.co.weekly_reading']);
    const admin = await call('PUT', '/v1/compliance/policy', t.keys.admin, weekends);
    assert.equal(admin.statusCode, 200, admin.body);
    assert.equal((await check()).kind, 'allow', 'the admin\'s reading: Mexican weekends open within the hours');
    const audit = (await call('GET', '/v1/audit?action=compliance.policy_updated&q=contact_on_weekends', t.keys.admin)).json();
    assert.equal(audit.data.length, 1);

    // a manager keeps the admin's reading while tightening a cap, and a body without countries leaves them as stored
    const caps = { ...weekends, caps: { ...weekends.caps, sms: { per_day: 1, per_week: 2 } } };
    assert.equal((await call('PUT', '/v1/compliance/policy', t.keys.manager, caps)).statusCode, 200);
    const { countries: _left, ...without } = caps;
    const kept = await call('PUT', '/v1/compliance/policy', t.keys.manager, without);
    assert.equal(kept.json().policy.countries.mx.contact_on_weekends, true);
    // and may tighten it again
    const back = await call('PUT', '/v1/compliance/policy', t.keys.manager, { ...caps, countries: view.defaults.countries });
    assert.equal(back.statusCode, 200, back.body);
    assert.equal((await check()).kind, 'defer');
  });
});
