// The org's portal settings through the API, as the web app's Settings · Debtor portal page uses them: everyone reads them
// (the defaults, then when and by whom they were last changed), only admins change them, the fields given only, each
// checked against its range with the field named. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';

let now = new Date('2026-03-15T12:00:00Z');
let t: TestApi;
before(async () => { t = await testApi(() => now); });
after(async () => { await t.close(); });

const call = (method: 'GET' | 'PUT', key: string, payload?: unknown) =>
  t.app.inject({ method, url: '/v1/portal/settings', headers: bearer(key), ...(payload !== undefined ? { payload: payload as object } : {}) });

const DEFAULTS = { second_factor: 'none', link_days: 30, session_minutes: 60, session_max_hours: 12, factor_max_failures: 5, factor_lock_minutes: 15,
  debtor_cancels_plan: true, confirmations: true };

describe('the portal settings API', () => {
  it('shows every role the defaults, with no change recorded, before the org changes anything', async () => {
    for (const key of [t.keys.viewer, t.keys.admin]) {
      const r = await call('GET', key);
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual(r.json(), { ...DEFAULTS, updated_at: null, updated_by: null });
    }
  });

  it('lets an admin change every setting, keeps the ones not given, and says when and who', async () => {
    const all = { second_factor: 'postcode', link_days: 7, session_minutes: 30, session_max_hours: 4, factor_max_failures: 3, factor_lock_minutes: 60,
      debtor_cancels_plan: false, confirmations: false };
    const r = await call('PUT', t.keys.admin, all);
    assert.equal(r.statusCode, 200, r.body);
    const who = r.json().updated_by as string;
    assert.match(who, /^key:/);
    assert.deepEqual(r.json(), { ...all, updated_at: '2026-03-15T12:00:00.000Z', updated_by: who });
    now = new Date('2026-03-16T09:30:00Z');
    const one = await call('PUT', t.keys.admin, { link_days: 14 });
    assert.deepEqual(one.json(), { ...all, link_days: 14, updated_at: '2026-03-16T09:30:00.000Z', updated_by: who });
    assert.deepEqual((await call('GET', t.keys.viewer)).json(), one.json(), 'a viewer reads what was saved');
    const audit = await t.db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM audit_log WHERE org_id = $1 AND action = 'portal.settings_changed' ORDER BY seq`, [t.org]);
    assert.deepEqual(audit.map((a) => a.data), [all, { link_days: 14 }]);
  });

  it('refuses the change to anyone but an admin, changing nothing', async () => {
    const before = (await call('GET', t.keys.viewer)).json();
    for (const key of [t.keys.manager, t.keys.viewer]) assert.equal((await call('PUT', key, { link_days: 60 })).statusCode, 403);
    assert.deepEqual((await call('GET', t.keys.viewer)).json(), before);
  });

  it('refuses a value out of its range, of the wrong kind or unknown, naming the field, and keeps the settings', async () => {
    const before = (await call('GET', t.keys.viewer)).json();
    const cases: [unknown, string][] = [
      [{ link_days: 0 }, 'link_days'], [{ link_days: 366 }, 'link_days'], [{ session_minutes: 4 }, 'session_minutes'],
      [{ session_minutes: 1441 }, 'session_minutes'], [{ session_max_hours: 0 }, 'session_max_hours'], [{ session_max_hours: 169 }, 'session_max_hours'],
      [{ session_max_hours: 1.5 }, 'session_max_hours'], [{ factor_max_failures: 51 }, 'factor_max_failures'],
      [{ factor_lock_minutes: 10_081 }, 'factor_lock_minutes'], [{ link_days: 2.5 }, 'link_days'], [{ second_factor: 'birthday' }, 'second_factor'],
      [{ confirmations: 'no' }, 'confirmations'], [{ debtor_cancels_plan: null }, 'debtor_cancels_plan'],
    ];
    for (const [body, field] of cases) {
      const r = await call('PUT', t.keys.admin, body);
      assert.deepEqual([r.statusCode, r.json().error.field], [400, field], JSON.stringify(body));
      assert.match(r.json().error.message, new RegExp(`^${field}: `));
    }
    const unknown = await call('PUT', t.keys.admin, { link_days: 10, pay: false });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.json().error.message, /pay/);
    assert.deepEqual((await call('GET', t.keys.viewer)).json(), before);
  });

  it('keeps each org\'s settings to itself', async () => {
    assert.deepEqual((await call('GET', t.otherKey)).json(), { ...DEFAULTS, updated_at: null, updated_by: null });
  });
});
