// Which forecast and which heuristic, on a real database (PGlite, and PostgreSQL with DATABASE_URL): GET /v1/forecast with
// prefer_stored answers the forecast stored for the day when there is one (the dashboard's), and says which heuristic it
// used; POST /v1/forecast/learn learns the heuristic on demand rather than at the worker's next round.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';

let t: TestApi;
before(async () => { t = await testApi(); }); // the API's clock: 2026-03-15T12:00Z; the org in UTC
after(async () => { await t.close(); });

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: bearer(t.keys.viewer) });
const learn = (payload: object, key = t.keys.collector) => t.app.inject({ method: 'POST', url: '/v1/forecast/learn', headers: bearer(key), payload });

describe('the forecast a period is set beside', () => {
  it('is the one stored for the day when there is one, else one computed now, and says which', async () => {
    const c = await aCustomer(t.db, t.org, { external_id: 'ST-1' });
    await anInvoice(t.db, t.org, { customer_id: c.id, issue_date: '2026-02-10', due_date: '2026-03-10', amount: 10_000 });
    const stored = await t.app.inject({ method: 'POST', url: '/v1/forecasts', headers: bearer(t.keys.manager), payload: { as_of: '2026-03-08' } });
    assert.equal(stored.statusCode, 201, stored.body);
    // 90% of 10,000 due on the 10th, in week 1 (9-15 March)
    assert.equal(stored.json().currencies[0].weeks[0].expected, 9_000);
    // more owed since: a forecast computed now as of the 8th counts it, the stored one does not
    await anInvoice(t.db, t.org, { customer_id: c.id, issue_date: '2026-02-12', due_date: '2026-03-12', amount: 20_000 });
    const kept = await get('/v1/forecast?as_of=2026-03-08&prefer_stored=true');
    assert.equal(kept.statusCode, 200, kept.body);
    assert.deepEqual([kept.json().stored, kept.json().id, kept.json().as_of, kept.json().created_at], [true, stored.json().id, '2026-03-08', '2026-03-15T12:00:00.000Z']);
    assert.equal(kept.json().currencies[0].weeks[0].expected, 9_000);
    const computed = await get('/v1/forecast?as_of=2026-03-08');
    assert.deepEqual([computed.json().stored, computed.json().currencies[0].weeks[0].expected], [false, 27_000]);
    // none stored for the day: computed, stored false
    const none = await get('/v1/forecast?as_of=2026-03-01&prefer_stored=true');
    assert.deepEqual([none.json().stored, none.json().as_of], [false, '2026-03-01']);
    // a forecast stored before the heuristic was learned (no table in it) had the fixed one, and says so
    await t.db.query(`INSERT INTO forecasts (id, org_id, as_of, created_at, method, kept_rate, result) VALUES ('fc_old', $1, '2026-02-01', '2026-02-01T08:00:00Z', 'heuristic', 0.5, $2)`,
      [t.org, JSON.stringify({ id: 'fc_old', stored: true, as_of: '2026-02-01', created_at: '2026-02-01T08:00:00.000Z', method: 'heuristic', kept_rate: 0.5, kept_rate_default: true,
        invoices: { scored: 0, unscored: 1 }, notes: [], currencies: [] })]);
    const old = await get('/v1/forecast?as_of=2026-02-01&prefer_stored=true');
    assert.equal(old.statusCode, 200, old.body);
    assert.deepEqual([old.json().id, old.json().heuristic.source, old.json().heuristic.as_of], ['fc_old', 'fixed', null]);
  });
});

describe('the unscored heuristic on demand', () => {
  it('says it is the fixed one until learned, learns it for any role but viewers, and says as of when', async () => {
    const before = await get('/v1/forecast?as_of=2026-03-14');
    assert.deepEqual([before.json().heuristic.source, before.json().heuristic.as_of, before.json().heuristic.learned_at], ['fixed', null, null]);
    // history: 40 invoices due 20 November 2025, 10 paid on 10 January (as in forecast-gaps.test.ts: 25% in two buckets)
    const old = await aCustomer(t.db, t.org, { external_id: 'LH-1' });
    for (let i = 0; i < 40; i++) await anInvoice(t.db, t.org, { customer_id: old.id, issue_date: '2025-10-21', due_date: '2025-11-20', amount: 1_000 });
    await aPayment(t.db, t.org, { customer_id: old.id, amount: 10_000, date: '2026-01-10' });

    assert.equal((await learn({}, t.keys.viewer)).statusCode, 403);
    const late = await learn({ as_of: '2026-03-16' });
    assert.deepEqual([late.statusCode, late.json().error.field], [400, 'as_of']);
    // no day given: as of yesterday in the org's calendar
    const r = await learn({});
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual([r.json().source, r.json().as_of, r.json().learned_at], ['learned', '2026-03-14', '2026-03-15T12:00:00.000Z']);
    assert.deepEqual(r.json().buckets.map((b: { bucket: string; p: number; learned: boolean }) => [b.bucket, b.p, b.learned]),
      [['not_due', 0.25, true], ['1-30', 0.25, true], ['31-90', 0.5, false], ['91+', 0.2, false]]);

    const after = await get('/v1/forecast?as_of=2026-03-14');
    assert.deepEqual([after.json().heuristic.source, after.json().heuristic.as_of, after.json().heuristic.learned_at], ['learned', '2026-03-14', '2026-03-15T12:00:00.000Z']);
    assert.ok(after.json().notes.some((n: string) => n.includes('learned from the org\'s history as of 2026-03-14, learned at 2026-03-15T12:00:00.000Z')), after.json().notes.join('\n'));
    const settings = await get('/v1/forecast/settings');
    assert.equal(settings.json().heuristic_learned_as_of, '2026-03-14');
    const audit = await t.db.query<{ actor: string; data: { as_of: string; learned: string[] } }>(
      `SELECT actor, data FROM audit_log WHERE org_id = $1 AND action = 'forecast.heuristic_learned'`, [t.org]);
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0]?.data, { as_of: '2026-03-14', learned: ['not_due', '1-30'] });
  });
});
