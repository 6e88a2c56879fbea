// The forecast and champion/challenger experiments on a real database: API, stored forecasts against what came in,
// and the engine planning each customer with its arm's version.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { runTick, syncCases } from '../src/engine/index.ts';
import { createStrategyVersion, getStrategy } from '../src/strategy/index.ts';
import { armOf } from '../src/experiments/index.ts';

let t: TestApi;
before(async () => { t = await testApi(); }); // the API's clock: 2026-03-15
after(async () => { await t.close(); });

async function scoreOf(invoiceId: string, customerId: string, balance: number, daysLate: number, recovery: number) {
  await t.db.query(`INSERT INTO score_models (id, org_id, version, kind, trained_as_of, trained_at, model, evaluation, active)
    VALUES ('scm_t', $1, 1, 'scorecard', '2026-03-01', '2026-03-01T00:00:00Z', '{}', '{}', true) ON CONFLICT DO NOTHING`, [t.org]);
  await t.db.query(`INSERT INTO score_runs (id, org_id, model_id, as_of, status, invoices, started_at, finished_at)
    VALUES ('scr_t', $1, 'scm_t', '2026-03-01', 'done', 1, '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z') ON CONFLICT DO NOTHING`, [t.org]);
  await t.db.query(`INSERT INTO scores (run_id, org_id, invoice_id, customer_id, currency, balance, probability_late, expected_days_late, expected_recovery, reasons)
    VALUES ('scr_t', $1, $2, $3, 'USD', $4, 0.6, $5, $6, '[]')`, [t.org, invoiceId, customerId, balance, daysLate, recovery]);
}

describe('the forecast through the API', () => {
  it('forecasts a small portfolio from a score, a heuristic and a promise, and compares it with what came in', async () => {
    const a = await aCustomer(t.db, t.org, { external_id: 'F-A' });
    const b = await aCustomer(t.db, t.org, { external_id: 'F-B' });
    const scored = await anInvoice(t.db, t.org, { customer_id: a.id, issue_date: '2026-02-01', due_date: '2026-03-05', amount: 100_000 });
    await scoreOf(scored.id, a.id, 100_000, 7, 60_000);
    // no score, 29 days overdue on 1 March: a week out (8 March, week 1) at 70%
    await anInvoice(t.db, t.org, { customer_id: b.id, issue_date: '2026-01-01', due_date: '2026-01-31', amount: 20_000 });
    await t.db.query(`INSERT INTO promises (id, org_id, customer_id, amount, currency, made_on, due_date, grace_days, source, actor, status, paid, created_at)
      VALUES ('prm_kept', $1, $2, 10000, 'USD', '2026-01-10', '2026-01-20', 0, 'api', 't', 'kept', 10000, now()),
             ('prm_broken', $1, $2, 30000, 'USD', '2026-01-10', '2026-01-25', 0, 'api', 't', 'broken', 0, now())`, [t.org, b.id]);
    const r = await t.app.inject({ method: 'GET', url: '/v1/forecast?as_of=2026-03-01', headers: bearer(t.keys.viewer) });
    assert.equal(r.statusCode, 200, r.body);
    const f = r.json();
    assert.equal(f.method, 'mixed');
    assert.equal(f.kept_rate, 0.25, 'paid 10,000 of 40,000 promised');
    assert.deepEqual(f.invoices, { scored: 1, unscored: 1 });
    assert.match(f.notes[0], /1 open invoice\(s\) had no risk score: a heuristic was used/);
    const usd = f.currencies[0];
    // week 1 (2-8 March): 0.7 x 20,000 = 14,000; week 2 (9-15 March): the scored invoice on 12 March, 0.6 x 100,000 = 60,000
    assert.deepEqual(usd.weeks.slice(0, 3).map((w: { expected: number }) => w.expected), [14_000, 60_000, 0]);
    assert.equal(usd.expected_total, 74_000);
    assert.equal(f.stored, false);

    // reading the forecast writes nothing: there is nothing to compare until one is stored
    const stored = async () => Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM forecasts WHERE org_id = $1', [t.org]))[0]!.n);
    assert.equal(await stored(), 0);
    const none = await t.app.inject({ method: 'GET', url: '/v1/forecast/compare?as_of=2026-03-01', headers: bearer(t.keys.viewer) });
    assert.equal(none.statusCode, 404);
    assert.match(none.json().error.message, /POST \/v1\/forecasts/);
    const refused = await t.app.inject({ method: 'POST', url: '/v1/forecasts', headers: bearer(t.keys.viewer), payload: { as_of: '2026-03-01' } });
    assert.equal(refused.statusCode, 403, 'a viewer reads forecasts but does not store them');
    const bad = await t.app.inject({ method: 'POST', url: '/v1/forecasts', headers: bearer(t.keys.manager), payload: { as_of: '2026-13-01' } });
    assert.equal(bad.statusCode, 400);
    const made = await t.app.inject({ method: 'POST', url: '/v1/forecasts', headers: bearer(t.keys.manager), payload: { as_of: '2026-03-01' } });
    assert.equal(made.statusCode, 201, made.body);
    assert.deepEqual([made.json().stored, made.json().currencies[0].expected_total], [true, 74_000]);
    assert.equal(await stored(), 1);

    await aPayment(t.db, t.org, { customer_id: b.id, amount: 12_000, date: '2026-03-04' });
    await aPayment(t.db, t.org, { customer_id: a.id, amount: 7_000, date: '2026-03-13' });
    const c = await t.app.inject({ method: 'GET', url: '/v1/forecast/compare?as_of=2026-03-01', headers: bearer(t.keys.viewer) });
    assert.equal(c.statusCode, 200, c.body);
    assert.equal(c.json().forecast_id, made.json().id);
    const weeks = c.json().currencies[0].weeks;
    assert.deepEqual(weeks.slice(0, 3).map((w: { expected: number; actual: number | null }) => [w.expected, w.actual]), [[14_000, 12_000], [60_000, 7_000], [0, null]]);
    // week 1: sd sqrt(0.21) x 20,000 = 9,165.15, so 14,000 -/+ 11,746 = 2,254 .. 25,746; week 2: sd sqrt(0.24) x 100,000 = 48,989.79
    assert.deepEqual([weeks[0].low, weeks[0].high, weeks[0].within_range], [2_254, 25_746, true]);
    assert.deepEqual([weeks[1].low, weeks[1].high, weeks[1].within_range], [0, 122_785, true]);
  });

  it('says which as-of date has no stored forecast', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/v1/forecast/compare?as_of=2025-01-01', headers: bearer(t.keys.viewer) });
    assert.equal(r.statusCode, 404);
    assert.equal(r.json().error.field, 'as_of');
  });
});

describe('experiments', () => {
  it('plans each customer on the strategy with their arm\'s version, and reports not enough data yet', async () => {
    const v1 = await getStrategy(t.db, t.org, 'smb-default');
    assert.ok(v1.ok);
    const v2 = await createStrategyVersion(t.db, t.org, { ...v1.value.definition, name: 'SMB: challenger' });
    assert.ok(v2.ok && v2.value.version === 2 && !v2.value.active);
    const refused = await t.app.inject({ method: 'POST', url: '/v1/experiments', headers: bearer(t.keys.collector),
      payload: { strategy_id: 'smb-default', champion_version: 1, challenger_version: 2 } });
    assert.equal(refused.statusCode, 403);
    const missing = await t.app.inject({ method: 'POST', url: '/v1/experiments', headers: bearer(t.keys.manager),
      payload: { strategy_id: 'smb-default', champion_version: 1, challenger_version: 9 } });
    assert.deepEqual([missing.statusCode, missing.json().error.field], [404, 'challenger_version']);
    const made = await t.app.inject({ method: 'POST', url: '/v1/experiments', headers: bearer(t.keys.manager),
      payload: { strategy_id: 'smb-default', champion_version: 1, challenger_version: 2, share: 0.5, min_per_arm: 5 } });
    assert.equal(made.statusCode, 201, made.body);
    const e = made.json();

    // eight customers, and more while their ids (random, as the experiment's) all fall in one arm (1 time in 128)
    const ids: string[] = [];
    for (let i = 0; i < 8 || new Set(ids.map((id) => armOf(e.id, id, 0.5))).size < 2; i++) {
      assert.ok(i < 64, 'customers in both arms');
      const c = await aCustomer(t.db, t.org, { external_id: `X-${i}`, email: 'ap@example.com', country: 'US', timezone: 'America/New_York' });
      await anInvoice(t.db, t.org, { customer_id: c.id, issue_date: '2026-03-01', due_date: '2026-03-20', amount: 10_000 });
      ids.push(c.id);
    }
    const now = new Date('2026-03-17T15:00:00Z');
    await syncCases(t.db, t.org, now, { customerIds: ids });
    await runTick(t.db, { orgId: t.org, now });
    const rows = await t.db.query<{ customer_id: string; strategy_id: string; strategy_version: number }>(
      'SELECT customer_id, strategy_id, strategy_version FROM cases WHERE org_id = $1 AND customer_id = ANY($2::text[]) ORDER BY customer_id', [t.org, ids]);
    assert.equal(rows.length, ids.length);
    for (const r of rows) {
      assert.equal(r.strategy_id, 'smb-default');
      assert.equal(r.strategy_version, armOf(e.id, r.customer_id, 0.5) === 'challenger' ? 2 : 1, `customer ${r.customer_id}`);
    }
    const versions = new Set(rows.map((r) => r.strategy_version));
    assert.ok(versions.size === 2, 'the customers fall in both arms, each on its arm\'s version');

    const res = await t.app.inject({ method: 'GET', url: `/v1/experiments/${e.id}/results?as_of=2026-03-17`, headers: bearer(t.keys.viewer) });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.arms[0].customers + body.arms[1].customers, ids.length);
    assert.equal(body.enough_data, false);
    assert.match(body.message, /^not enough data yet/);
    const list = await t.app.inject({ method: 'GET', url: '/v1/experiments', headers: bearer(t.keys.viewer) });
    assert.deepEqual(list.json().data.map((x: { id: string }) => x.id), [e.id]);
  });
});
