// Workspace settings through the API: the org, a contact policy that may only tighten (and the gate obeys), calendars, audit search.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';

let t: TestApi;
// a Wednesday, 11:00 in Bogotá: inside cobro's default hours
before(async () => { t = await testApi(() => new Date('2026-03-18T16:00:00Z')); });
after(async () => { await t.close(); });

const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, key: string, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(key), ...(payload ? { payload } : {}) });

describe('the org', () => {
  it('is read by every role and changed by managers, with the change audited', async () => {
    assert.equal((await call('GET', '/v1/org', t.keys.viewer)).json().id, t.org);
    assert.equal((await call('PATCH', '/v1/org', t.keys.viewer, { name: 'Nope' })).statusCode, 403);
    assert.equal((await call('PATCH', '/v1/org', t.keys.collector, { name: 'Nope' })).statusCode, 403);
    const bad = await call('PATCH', '/v1/org', t.keys.manager, { default_timezone: 'Mars/Olympus' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'default_timezone');
    const r = await call('PATCH', '/v1/org', t.keys.manager, { default_timezone: 'America/Bogota', default_currency: 'COP', default_language: 'es' });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().default_timezone, 'America/Bogota');
    const audit = await call('GET', '/v1/audit?action=org.updated', t.keys.admin);
    assert.deepEqual(audit.json().data[0].data.default_currency.to, 'COP');
  });
});

describe('the API document', () => {
  it('describes the settings routes', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    for (const path of ['/v1/org', '/v1/compliance/policy', '/v1/calendars', '/v1/calendars/org-holidays', '/v1/audit']) assert.ok(doc.paths[path], path);
  });
});

describe('the contact policy', () => {
  const defaults = async () => (await call('GET', '/v1/compliance/policy', t.keys.viewer)).json().defaults;

  it('refuses anything looser than the defaults, naming the field', async () => {
    const d = await defaults();
    const late = await call('PUT', '/v1/compliance/policy', t.keys.admin, { ...d, hours: d.hours.map((h: unknown, i: number) => (i === 0 ? ['07:00', '20:00'] : h)) });
    assert.equal(late.statusCode, 400);
    assert.equal(late.json().error.field, 'hours.0');
    const sunday = await call('PUT', '/v1/compliance/policy', t.keys.admin, { ...d, hours: d.hours.map((h: unknown, i: number) => (i === 6 ? ['10:00', '12:00'] : h)) });
    assert.equal(sunday.json().error.field, 'hours.6');
    const more = await call('PUT', '/v1/compliance/policy', t.keys.admin, { ...d, caps: { ...d.caps, email: { per_day: 5, per_week: 3 } } });
    assert.equal(more.json().error.field, 'caps.email.per_day');
    assert.equal((await call('PUT', '/v1/compliance/policy', t.keys.collector, d)).statusCode, 403);
  });

  it('keeps a tighter policy, and the gate holds a contact the new cap forbids', async () => {
    const customer = (await call('POST', '/v1/customers', t.keys.admin, { name: 'Quiet Co', email: 'quiet@acme.test', external_id: 'QUIET-1', timezone: 'America/Toronto', country: 'CA' })).json();
    await call('POST', '/v1/invoices', t.keys.admin, { customer_id: customer.id, number: 'QUIET-INV-1', currency: 'CAD', amount: 90000,
      issue_date: '2026-02-01', due_date: '2026-03-01' });
    const check = async () => (await call('POST', '/v1/contact-checks', t.keys.admin, { customer_id: customer.id, channel: 'email' })).json();
    assert.equal((await check()).kind, 'allow', JSON.stringify(await check()));
    const d = await defaults();
    const put = await call('PUT', '/v1/compliance/policy', t.keys.manager, { ...d, caps: { ...d.caps, email: { per_day: 0, per_week: 0 } } });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json().policy.caps.email.per_week, 0);
    assert.notEqual((await check()).kind, 'allow');
    const audit = (await call('GET', '/v1/audit?action=compliance.&q=per_week', t.keys.admin)).json();
    assert.equal(audit.data[0].action, 'compliance.policy_updated');
    assert.equal((await call('PUT', '/v1/compliance/policy', t.keys.admin, d)).statusCode, 200);
    assert.equal((await check()).kind, 'allow', JSON.stringify(await check()));
    // one of the org's own quiet days: today, so the gate waits for tomorrow
    const quiet = (await call('POST', '/v1/calendars/org-holidays', t.keys.manager, { date: '2026-03-18', name: 'Company day' })).json();
    const held = await check();
    assert.equal(held.kind, 'defer', JSON.stringify(held));
    assert.ok(held.until >= '2026-03-19', held.until);
    assert.equal((await call('DELETE', `/v1/calendars/org-holidays/${quiet.id}`, t.keys.manager)).statusCode, 204);
    assert.equal((await check()).kind, 'allow');
  });
});

describe('business calendars', () => {
  it('lists a country\'s holidays and keeps the org\'s own quiet days', async () => {
    const mx = (await call('GET', '/v1/calendars?country=MX&year=2026', t.keys.viewer)).json();
    assert.ok(mx.countries.includes('MX'));
    assert.ok(mx.holidays.some((h: { date: string }) => h.date === '2026-09-16'));
    assert.deepEqual([mx.region, mx.region_kept, mx.regions], [null, false, []]);
    // a region adds its own days, marked, to the national ones
    const sp = (await call('GET', '/v1/calendars?country=BR&year=2026&region=BR-SP', t.keys.viewer)).json();
    assert.deepEqual([sp.region, sp.region_kept], ['SP', true]);
    assert.ok(sp.regions.includes('SP') && sp.regions.includes('RJ'), JSON.stringify(sp.regions));
    assert.deepEqual(sp.holidays.filter((h: { regional: boolean }) => h.regional).map((h: { date: string }) => h.date), ['2026-07-09']);
    assert.ok(sp.holidays.some((h: { date: string; regional: boolean }) => h.date === '2026-09-07' && !h.regional), 'Independence Day, national');
    const national = (await call('GET', '/v1/calendars?country=BR&year=2026', t.keys.viewer)).json();
    assert.equal(sp.holidays.length, national.holidays.length + 1);
    const mg = (await call('GET', '/v1/calendars?country=BR&year=2026&region=mg', t.keys.viewer)).json();
    assert.deepEqual([mg.region, mg.region_kept, mg.holidays.length], ['MG', false, national.holidays.length]);
    const wrong = await call('GET', '/v1/calendars?country=BR&region=ES-CT', t.keys.viewer);
    assert.deepEqual([wrong.statusCode, wrong.json().error.field], [400, 'region']);
    assert.equal((await call('POST', '/v1/calendars/org-holidays', t.keys.collector, { date: '2026-12-24', name: 'Closed' })).statusCode, 403);
    const bad = await call('POST', '/v1/calendars/org-holidays', t.keys.manager, { date: '2026-13-01', name: 'x' });
    assert.equal(bad.statusCode, 400);
    const made = await call('POST', '/v1/calendars/org-holidays', t.keys.manager, { date: '2026-12-24', name: 'Office closed' });
    assert.equal(made.statusCode, 201, made.body);
    assert.equal((await call('POST', '/v1/calendars/org-holidays', t.keys.manager, { date: '2026-12-24', name: 'Again' })).statusCode, 409);
    const listed = (await call('GET', '/v1/calendars?country=MX&year=2026', t.keys.viewer)).json();
    assert.deepEqual(listed.org_holidays.map((h: { date: string }) => h.date), ['2026-12-24']);
    assert.equal((await call('GET', '/v1/calendars?year=2026', t.otherKey)).json().org_holidays.length, 0, 'another org sees none');
    assert.equal((await call('DELETE', `/v1/calendars/org-holidays/${made.json().id}`, t.keys.manager)).statusCode, 204);
    assert.equal((await call('DELETE', `/v1/calendars/org-holidays/${made.json().id}`, t.keys.manager)).statusCode, 404);
  });
});

describe('the audit search', () => {
  it('filters by actor, action, object, dates and words, page by page, for managers and admins only', async () => {
    assert.equal((await call('GET', '/v1/audit', t.keys.viewer)).statusCode, 403);
    const all = (await call('GET', '/v1/audit?limit=500', t.keys.admin)).json();
    assert.ok(all.data.length >= 4, String(all.data.length));
    const first = (await call('GET', '/v1/audit?limit=2', t.keys.admin)).json();
    assert.equal(first.data.length, 2);
    assert.ok(first.has_more);
    const second = (await call('GET', `/v1/audit?limit=2&cursor=${first.next_cursor}`, t.keys.admin)).json();
    assert.deepEqual([...first.data, ...second.data].map((e: { id: string }) => e.id), all.data.slice(0, 4).map((e: { id: string }) => e.id));
    const holidays = (await call('GET', '/v1/audit?action=calendar.', t.keys.admin)).json().data;
    assert.deepEqual(holidays.map((e: { action: string }) => e.action), ['calendar.holiday_removed', 'calendar.holiday_added', 'calendar.holiday_removed', 'calendar.holiday_added']);
    const one = holidays[0];
    const byObject = (await call('GET', `/v1/audit?entity_id=${one.entity_id}&actor=${encodeURIComponent(one.actor)}`, t.keys.admin)).json().data;
    assert.equal(byObject.length, 2);
    assert.equal((await call('GET', '/v1/audit?q=Office%20closed', t.keys.admin)).json().data.length, 2);
    assert.equal((await call('GET', '/v1/audit?from=2030-01-01', t.keys.admin)).json().data.length, 0);
    const bad = await call('GET', '/v1/audit?from=2026-03-02&to=2026-03-01', t.keys.admin);
    assert.equal(bad.json().error.field, 'from');
    assert.equal((await call('GET', '/v1/audit?q=Office', t.otherKey)).json().data.length, 0, 'another org sees none');
  });
});
