// Data-subject requests through /v1/privacy/requests: recorded with the debtor's country rule, extended within the law,
// refused, fulfilled by the export, the erasure or the rectification, audited, and listed with overdue ones first.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';

let now = new Date('2026-03-15T12:00:00Z');
let t: TestApi;
before(async () => { t = await testApi(() => now); });
after(async () => { await t.close(); });

const as = (key: string) => ({ headers: bearer(key) });
const post = (url: string, payload: object, key = t.keys.admin) => t.app.inject({ method: 'POST', url, payload, ...as(key) });
const get = (url: string, key = t.keys.admin) => t.app.inject({ method: 'GET', url, ...as(key) });
const record = async (customer_id: string, kind: string, received_at: string) => {
  const r = await post('/v1/privacy/requests', { customer_id, kind, received_at, requester: 'Lucía Ortega Brand, in person',
    identity_check: 'national id seen at the branch desk' });
  assert.equal(r.statusCode, 201, r.body);
  return r.json();
};
const person = (country: string, region?: string) => aCustomer(t.db, t.org, { name: `Lucía Ortega Brand ${country}`, country, ...(region ? { region } : {}) });

describe('recording a data-subject request', () => {
  it('dates it by the debtor\'s country: GDPR one month, LGPD 15 days, CCPA 45 days, Mexico 20 business days, cobro\'s month elsewhere', async () => {
    const got = [];
    for (const [country, region] of [['ES'], ['BR', 'SP'], ['US', 'CA'], ['MX'], ['UY']] as [string, string?][]) {
      const r = await record((await person(country, region)).id, 'access', '2026-03-01T09:30:00Z');
      got.push([r.rule, r.due_on, r.answer_by, r.status, r.overdue]);
    }
    assert.deepEqual(got, [['GDPR', '2026-04-01', '2026-04-01', 'open', false], ['LGPD', '2026-03-16', '2026-03-16', 'open', false],
      ['CCPA', '2026-04-15', '2026-04-15', 'open', false], ['LFPDPPP', '2026-03-30', '2026-03-30', 'open', false],
      ['COBRO', '2026-04-01', '2026-04-01', 'open', false]]);
  });

  it('keeps who asked, how their identity was checked and when it came, and refuses bad input naming the field', async () => {
    const c = await person('PT');
    const r = await record(c.external_id, 'erasure', '2026-03-02T23:30:00-03:00');
    assert.deepEqual([r.customer_id, r.received_at, r.received_on, r.requester, r.identity_check],
      [c.id, '2026-03-03T02:30:00.000Z', '2026-03-03', 'Lucía Ortega Brand, in person', 'national id seen at the branch desk']);
    assert.match(r.actor, /^key:key_/);
    const bad = async (body: object, field: string, status = 400) => {
      const res = await post('/v1/privacy/requests', { customer_id: c.id, kind: 'access', requester: 'x', identity_check: 'y', ...body });
      assert.equal(res.statusCode, status, res.body);
      assert.ok(res.body.includes(field), `${field} named in ${res.body}`);
    };
    await bad({ identity_check: '' }, 'identity_check');
    await bad({ kind: 'portability' }, 'kind');
    await bad({ received_at: '2026-03-16T00:00:00Z' }, 'received_at');
    await bad({ customer_id: 'cus_nobody' }, 'customer_id', 404);
    assert.equal((await post('/v1/privacy/requests', { customer_id: c.id, kind: 'access', requester: 'x', identity_check: 'y' }, t.keys.manager)).statusCode, 403);
  });
});

describe('extending a request', () => {
  it('extends within the law once, and refuses beyond the limit, a late notice, a second time, or a law with none', async () => {
    const ca = await record((await person('US', 'CA')).id, 'access', '2026-03-01T10:00:00Z');
    const extend = (id: string, body: object) => post(`/v1/privacy/requests/${id}/extension`, { reason: 'archived ledgers to be retrieved', ...body });
    const refused = async (id: string, body: object, field: string) => {
      const r = await extend(id, body);
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.field, field, r.body);
      return r.json().error.message as string;
    };
    assert.match(await refused(ca.id, { until: '2026-05-31' }, 'until'), /2026-05-30/);
    await refused(ca.id, { told_on: '2026-03-16' }, 'told_on');
    await refused(ca.id, { until: '2026-04-15' }, 'until');
    const ok = await extend(ca.id, { until: '2026-05-30', told_on: '2026-03-14' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual([ok.json().status, ok.json().extended_to, ok.json().answer_by, ok.json().extension_told_on],
      ['extended', '2026-05-30', '2026-05-30', '2026-03-14']);
    assert.equal((await extend(ca.id, {})).statusCode, 409);

    const gdpr = await record((await person('DE')).id, 'access', '2026-01-31T10:00:00Z');
    await refused(gdpr.id, { told_on: '2026-03-03' }, 'told_on'); // due Monday 2 March: 28 February is a Saturday (Reg. 1182/71 art. 3(4))
    assert.equal((await extend(gdpr.id, { told_on: '2026-02-27' })).json().extended_to, '2026-04-28');

    const br = await record((await person('BR', 'RJ')).id, 'access', '2026-03-10T10:00:00Z');
    assert.match(await refused(br.id, {}, 'until'), /LGPD/);
  });

  it('answers the latest date an extension may reach, past the holidays it keeps, and none once extended or where the law has none', async () => {
    // received Sunday 1 February 2026, the month ends Sunday 1 March (due Monday 2 March); two more months end Friday 1 May,
    // Labour Day in Spain, so the 4th; a count of weekends alone (the workspace's form before) would offer the 1st
    const es = await record((await person('ES')).id, 'access', '2026-02-01T10:00:00Z');
    assert.deepEqual([es.due_on, es.extension_limit], ['2026-03-02', '2026-05-04']);
    const listed = (await get('/v1/privacy/requests?status=open')).json().data.find((r: { id: string }) => r.id === es.id);
    assert.equal(listed?.extension_limit, '2026-05-04', 'the list answers it too');
    const extended = await post(`/v1/privacy/requests/${es.id}/extension`, { reason: 'archived ledgers to be retrieved', told_on: '2026-02-20' });
    assert.deepEqual([extended.statusCode, extended.json().extended_to, extended.json().extension_limit], [200, '2026-05-04', null], extended.body);
    assert.equal((await post(`/v1/privacy/requests/${es.id}/extension`, { reason: 'again' })).statusCode, 409);

    const ca = await record((await person('US', 'CA')).id, 'erasure', '2026-03-01T10:00:00Z');
    assert.deepEqual([ca.due_on, ca.extension_limit], ['2026-04-15', '2026-05-30'], 'CCPA: 45 more calendar days, unmoved');
    const br = await record((await person('BR', 'RJ')).id, 'erasure', '2026-03-10T10:00:00Z');
    assert.equal(br.extension_limit, null, 'the LGPD allows none');
  });

  it('dates a Colombian erasure by Ley 1581 art. 15: 15 business days from the debtor\'s own day, past holidays, at most 8 more', async () => {
    now = new Date('2026-03-20T12:00:00Z');
    try {
      const co = await aCustomer(t.db, t.org, { name: 'Lucía Ortega Brand CO', country: 'CO', timezone: 'America/Bogota' });
      // 22:30 on 18 March in Bogotá, already the 19th in UTC; San José (23 March) and Holy Thursday and Friday are closed
      const r = await record(co.id, 'erasure', '2026-03-19T03:30:00Z');
      assert.deepEqual([r.rule, r.law, r.received_on, r.due_on], ['LEY_1581', 'Ley 1581 art. 15', '2026-03-18', '2026-04-13']);
      const extend = (body: object) => post(`/v1/privacy/requests/${r.id}/extension`, { reason: 'records held by a collection agency', ...body });
      const beyond = await extend({ until: '2026-04-24' });
      assert.deepEqual([beyond.statusCode, beyond.json().error.field], [400, 'until'], beyond.body);
      assert.match(beyond.json().error.message, /Ley 1581 art\. 15 allows an extension to 2026-04-23/);
      const ok = await extend({});
      assert.deepEqual([ok.statusCode, ok.json().extended_to, ok.json().extension_told_on], [200, '2026-04-23', '2026-03-20'], ok.body);
      const access = await record(co.id, 'access', '2026-03-19T03:30:00Z');
      assert.deepEqual([access.law, access.due_on], ['Ley 1581 art. 14', '2026-04-06'], 'a query is 10 business days');
    } finally { now = new Date('2026-03-15T12:00:00Z'); }
  });
});

describe('fulfilling and refusing', () => {
  it('gives the export for an access request, keeping its hash, and audits it under the request', async () => {
    const c = await person('FR');
    const r = await record(c.id, 'access', '2026-03-05T10:00:00Z');
    const done = await post(`/v1/privacy/requests/${r.id}/fulfilment`, {});
    assert.equal(done.statusCode, 200, done.body);
    const body = done.json();
    assert.equal(body.export.customer.name, c.name);
    assert.equal(body.export.exported_at, now.toISOString(), 'the export is dated by the clock passed in, not the system\'s');
    assert.deepEqual([body.request.status, typeof body.request.completed_at], ['fulfilled', 'string']);
    assert.match(body.request.outcome.export.sha256, /^[0-9a-f]{64}$/);
    assert.equal(body.request.outcome.export.sections.data_requests, 1);
    const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE org_id = $1 AND (entity_id = $2 OR data->>'request' = $2) ORDER BY seq, at`,
      [t.org, r.id]);
    assert.deepEqual(audit.map((a) => a.action).sort(), ['customer.data_exported', 'data_request.fulfilled', 'data_request.recorded']);
    assert.equal((await post(`/v1/privacy/requests/${r.id}/fulfilment`, {})).statusCode, 409, 'a fulfilled request is done');
    assert.equal((await post(`/v1/privacy/requests/${r.id}/fulfilment`, { changes: { name: 'x' } })).statusCode, 409);
  });

  it('erases for an erasure request (restricted while a debt is open) and then keeps no one\'s name in the request', async () => {
    const owing = await person('IE');
    await anInvoice(t.db, t.org, { customer_id: owing.id, amount: 5_000 });
    const held = await record(owing.id, 'erasure', '2026-03-05T10:00:00Z');
    const r1 = (await post(`/v1/privacy/requests/${held.id}/fulfilment`, {})).json();
    assert.deepEqual([r1.erasure.outcome, r1.erasure.request_id, r1.request.status], ['restricted', held.id, 'restricted']);

    const paid = await person('IE');
    await anInvoice(t.db, t.org, { customer_id: paid.id, amount: 5_000 });
    await aPayment(t.db, t.org, { customer_id: paid.id, amount: 5_000 });
    const asked = await record(paid.id, 'erasure', '2026-03-05T10:00:00Z');
    const r2 = (await post(`/v1/privacy/requests/${asked.id}/fulfilment`, {})).json();
    assert.deepEqual([r2.erasure.outcome, r2.erasure.request_id, r2.request.status, r2.request.requester, r2.request.identity_check],
      ['erased', asked.id, 'fulfilled', null, null]);
    assert.ok(r2.request.outcome.counts.customers === 1);
    const kept = (await get(`/v1/customers/${paid.id}/data-requests`)).json().data;
    assert.equal(kept.length, 1, 'the request is the erasure\'s record, not a second one');
  });

  it('rectifies the fields given for a rectification request, and needs them', async () => {
    const c = await person('IT');
    const r = await record(c.id, 'rectification', '2026-03-05T10:00:00Z');
    const none = await post(`/v1/privacy/requests/${r.id}/fulfilment`, {});
    assert.deepEqual([none.statusCode, none.json().error.field], [400, 'changes']);
    const bad = await post(`/v1/privacy/requests/${r.id}/fulfilment`, { changes: { email: 'not an email' } });
    assert.equal(bad.statusCode, 400);
    const done = (await post(`/v1/privacy/requests/${r.id}/fulfilment`, { changes: { name: 'Lucía Ortega Brandão' } })).json();
    assert.deepEqual([done.request.status, done.request.outcome], ['fulfilled', { rectified: ['name'] }]);
    assert.equal((await get(`/v1/customers/${c.id}`)).json().name, 'Lucía Ortega Brandão');
  });

  it('refuses with the reason given, after which it cannot be fulfilled; a missing request is 404', async () => {
    const r = await record((await person('NL')).id, 'access', '2026-03-05T10:00:00Z');
    const no = await post(`/v1/privacy/requests/${r.id}/refusal`, { reason: 'identity not proved: the id shown did not match' });
    assert.deepEqual([no.statusCode, no.json().status, no.json().refusal_reason], [200, 'refused', 'identity not proved: the id shown did not match']);
    assert.equal((await post(`/v1/privacy/requests/${r.id}/fulfilment`, {})).statusCode, 409);
    assert.equal((await post(`/v1/privacy/requests/${r.id}/refusal`, { reason: 'again' })).statusCode, 409);
    assert.equal((await get('/v1/privacy/requests/dsr_missing')).statusCode, 404);
  });
});

describe('the list', () => {
  it('puts overdue requests first, oldest due first, then the rest to answer, then the answered; the clock decides', async () => {
    const es = await person('ES');
    const late = await record(es.id, 'access', '2026-01-20T10:00:00Z'); // due 2026-02-20
    const lateExtended = await record(es.id, 'access', '2026-01-10T10:00:00Z'); // due 2026-02-10, extended to 2026-03-01
    assert.equal((await post(`/v1/privacy/requests/${lateExtended.id}/extension`, { reason: 'volume', until: '2026-03-01', told_on: '2026-02-01' })).statusCode, 200);
    const onTime = await record(es.id, 'access', '2026-03-14T10:00:00Z'); // due 2026-04-14
    const list = async () => (await get(`/v1/privacy/requests?customer_id=${es.id}`, t.keys.manager)).json().data as { id: string; overdue: boolean }[];
    assert.deepEqual((await list()).map((r) => [r.id, r.overdue]), [[late.id, true], [lateExtended.id, true], [onTime.id, false]]);
    assert.equal((await post(`/v1/privacy/requests/${late.id}/fulfilment`, {})).statusCode, 200);
    now = new Date('2026-04-15T12:00:00Z');
    try {
      assert.deepEqual((await list()).map((r) => [r.id, r.overdue]), [[lateExtended.id, true], [onTime.id, true], [late.id, false]]);
      const overdueOnly = (await get('/v1/privacy/requests?status=extended', t.keys.manager)).json().data as { id: string }[];
      assert.ok(overdueOnly.some((r) => r.id === lateExtended.id) && !overdueOnly.some((r) => r.id === onTime.id));
      assert.equal((await get('/v1/privacy/requests?status=late')).statusCode, 400);
      assert.equal((await get('/v1/privacy/requests', t.keys.viewer)).statusCode, 403);
    } finally { now = new Date('2026-03-15T12:00:00Z'); }
  });

  it('audits each step by ids, kinds and dates, never who asked, and the chain verifies', async () => {
    const log = (await t.db.query<{ action: string; data: unknown }>(`SELECT action, data FROM audit_log WHERE org_id = $1 AND action LIKE 'data_request.%'`, [t.org]));
    assert.deepEqual([...new Set(log.map((l) => l.action))].sort(), ['data_request.extended', 'data_request.fulfilled', 'data_request.recorded', 'data_request.refused']);
    assert.ok(!JSON.stringify(log).includes('Lucía') && !JSON.stringify(log).includes('branch desk'));
    assert.equal((await get('/v1/audit/verify')).json().ok, true);
  });
});

describe('a Brazilian request whose 15th day is closed, counted from the debtor\'s own day', () => {
  it('moves a last day on a Saturday or a national holiday to the next business day, and keeps an open Friday', async () => {
    now = new Date('2026-12-01T12:00:00Z');
    try {
      const br = await aCustomer(t.db, t.org, { name: 'Lucía Ortega Brand BR', country: 'BR', region: 'SP', timezone: 'America/Sao_Paulo' });
      const got = [];
      // each at 22:30 in São Paulo, already the next day in UTC
      for (const at of ['2026-02-21T01:30:00Z', '2026-11-06T01:30:00Z', '2026-02-20T01:30:00Z']) {
        const r = await record(br.id, 'access', at);
        got.push([r.rule, r.received_on, r.due_on]);
      }
      assert.deepEqual(got, [
        ['LGPD', '2026-02-20', '2026-03-09'], // the 15th day is Saturday 7 March
        ['LGPD', '2026-11-05', '2026-11-23'], // the 15th day is Consciência Negra, Friday 20 November
        ['LGPD', '2026-02-19', '2026-03-06'], // Friday 6 March is open; the UTC day would have given Saturday, then Monday 9
      ]);
    } finally { now = new Date('2026-03-15T12:00:00Z'); }
  });
});
