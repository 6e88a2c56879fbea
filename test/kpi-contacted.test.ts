// The customers behind the dashboard's contact rate (`GET /v1/customers?contacted=true`): the accounts the figure is a
// share of, those messaged (a failed message too, once sent) and those only called by a person, on the hand-worked
// portfolio of test/kpi.test.ts plus one customer only called. On either database.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { aCustomer } from './support/factories.ts';
import { seedKpiPortfolio, type KpiPortfolio } from './support/kpi-portfolio.ts';
import { logCall } from '../src/tasks/calls.ts';

describe('the customers behind the contact rate', () => {
  let api: TestApi;
  let p: KpiPortfolio;
  let called: string;
  before(async () => {
    api = await testApi();
    p = await seedKpiPortfolio(api.db, api.org);
    // E: no message, one call logged by a person on 14 March that reached a wrong number
    called = (await aCustomer(api.db, api.org)).id;
    await api.db.query(`INSERT INTO cases (id, org_id, customer_id, status, opened_at) VALUES ('case_e', $1, $2, 'open', '2026-03-01T00:00:00Z')`, [api.org, called]);
    const r = await logCall(api.db, api.org, 'user:ana', { caseId: 'case_e', outcome: 'wrong_number', phone: '+15550000005' }, new Date('2026-03-14T12:00:00Z'));
    assert.ok(r.ok, JSON.stringify(r));
  });
  after(async () => { await api.close(); });

  const get = async <T>(url: string, key = api.keys.viewer): Promise<T> => {
    const r = await api.app.inject({ method: 'GET', url, headers: bearer(key) });
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as T;
  };
  const ids = async (query: string, key = api.keys.viewer) =>
    (await get<{ data: { id: string }[] }>(`/v1/customers?${query}&limit=100`, key)).data.map((c) => c.id).sort();

  it('lists the accounts the contact rate counts: messaged, a failed message included, or called by a person', async () => {
    const kpi = await get<{ contacts: { accounts_attempted: number } }>('/v1/kpi?from=2026-03-01&to=2026-03-31');
    // March: A (m1, m2, m6, m8), B (m3, m4), C (m5), D (m9, failed once sent) and E (the logged call) = 5 accounts
    assert.equal(kpi.contacts.accounts_attempted, 5);
    assert.deepEqual(await ids('contacted=true&from=2026-03-01&to=2026-03-31'), [p.a, p.b, p.c, p.d, called].sort());
    // "messaged" (what the figure led to before) leaves out D's failed SMS and E, who was only called
    assert.deepEqual(await ids('messaged=true&from=2026-03-01&to=2026-03-31'), [p.a, p.b, p.c].sort());
  });

  it('keeps to the period\'s days and to the org', async () => {
    // 14 March only: E's call; 20 February: B's m7
    assert.deepEqual(await ids('contacted=true&from=2026-03-14&to=2026-03-14'), [called]);
    assert.deepEqual(await ids('contacted=true&from=2026-02-20&to=2026-02-20'), [p.b]);
    assert.deepEqual(await ids('contacted=true&from=2026-03-01&to=2026-03-31', api.otherKey), []);
  });
});
