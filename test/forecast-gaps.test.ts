// The forecast's gaps closed, on a real database (PGlite, and PostgreSQL with DATABASE_URL): instalments and promises
// paid early not expected again, the unscored heuristic learned from the org's history, and forecasts stored on the
// org's schedule by the worker's round (the clock passed in, across a week; two rounds at once store one).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { testOrg } from './support/db.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { inTransaction } from '../src/db/index.ts';
import { syncCases } from '../src/engine/index.ts';
import { createPlan } from '../src/payments/index.ts';
import { forecastRound, makeForecast } from '../src/forecast/index.ts';
import { sandboxAdapters, workOnce } from '../src/worker/index.ts';

let t: TestApi;
before(async () => { t = await testApi(); }); // the API's clock: 2026-03-15
after(async () => { await t.close(); });

type Week = { week: number; from: string; expected: number; from_instalments: number; from_promises: number };
const utc = (org: string) => ({ id: org, default_timezone: 'UTC' });

describe('amounts already paid', () => {
  it('does not expect again an instalment paid early, and expects what is left of one paid in part', async () => {
    const org = await testOrg(t.db, 'Plans');
    const c = await aCustomer(t.db, org, { external_id: 'P-1', email: 'ap@example.com', country: 'US', timezone: 'America/New_York' });
    await anInvoice(t.db, org, { customer_id: c.id, issue_date: '2026-02-01', due_date: '2026-03-02', amount: 100_000 });
    const at = new Date('2026-03-02T16:00:00Z');
    await syncCases(t.db, org, at);
    const p = await inTransaction(t.db, (tx) => createPlan(tx, org, 'user:usr_c', { customerId: c.id, instalments: 3, downPayment: 10_000, source: 'collector' }, at));
    assert.ok(p.ok, JSON.stringify(p));
    assert.deepEqual(p.value.instalments.map((i) => [i.seq, i.due_date, i.amount]),
      [[0, '2026-03-02', 10_000], [1, '2026-04-02', 30_000], [2, '2026-05-04', 30_000], [3, '2026-06-02', 30_000]]);
    const weeks = async () => {
      const f = await makeForecast(t.db, org, '2026-03-15', new Date('2026-03-15T12:00:00Z'));
      assert.equal(f.kept_rate, 0.5);
      return (f.currencies[0]?.weeks ?? []).filter((w: Week) => w.from_instalments > 0).map((w: Week) => [w.week, w.from_instalments]);
    };
    // nothing paid: the three instalments after 15 March at the default kept rate (weeks 3, 8 and 12)
    assert.deepEqual(await weeks(), [[3, 15_000], [8, 15_000], [12, 15_000]]);
    // the down payment, the first instalment and half the second paid early: 55,000
    await aPayment(t.db, org, { customer_id: c.id, amount: 10_000, date: '2026-03-02' });
    await aPayment(t.db, org, { customer_id: c.id, amount: 45_000, date: '2026-03-10' });
    assert.deepEqual(await weeks(), [[8, 7_500], [12, 15_000]]);
    // the rest of the second instalment, early too: only the third is still expected
    await aPayment(t.db, org, { customer_id: c.id, amount: 15_000, date: '2026-03-12' });
    assert.deepEqual(await weeks(), [[12, 15_000]]);
  });

  it('expects a pending promise less what the customer paid since making it', async () => {
    const org = await testOrg(t.db, 'Promises');
    const c = await aCustomer(t.db, org, { external_id: 'PR-1' });
    await anInvoice(t.db, org, { customer_id: c.id, issue_date: '2026-01-01', due_date: '2026-02-01', amount: 50_000 });
    await t.db.query(`INSERT INTO promises (id, org_id, customer_id, amount, currency, made_on, due_date, grace_days, source, actor, status, created_at)
      VALUES ('prm_early', $1, $2, 20000, 'USD', '2026-03-01', '2026-03-25', 0, 'api', 't', 'pending', now())`, [org, c.id]);
    const promised = async () => (await makeForecast(t.db, org, '2026-03-15', new Date('2026-03-15T12:00:00Z'))).currencies[0]?.weeks[1]?.from_promises;
    assert.equal(await promised(), 10_000, 'week 2 (23-29 March): 0.5 x 20,000');
    await aPayment(t.db, org, { customer_id: c.id, amount: 8_000, date: '2026-03-05' });
    assert.equal(await promised(), 6_000, '0.5 x the 12,000 left');
    await aPayment(t.db, org, { customer_id: c.id, amount: 12_000, date: '2026-03-06' });
    assert.equal(await promised(), 0, 'paid in full before its date: not expected again');
  });
});

describe('the unscored heuristic', () => {
  it('is learned from the org\'s history where there is enough, the fixed chance elsewhere, and says so', async () => {
    const org = await testOrg(t.db, 'History');
    const old = await aCustomer(t.db, org, { external_id: 'H-1' });
    // 40 invoices due 20 November 2025: not yet due at the 15 November snapshot, 23 days overdue at the 13 December one;
    // 10 of them paid on 10 January, within both horizons
    for (let i = 0; i < 40; i++) await anInvoice(t.db, org, { customer_id: old.id, issue_date: '2025-10-21', due_date: '2025-11-20', amount: 1_000 });
    await aPayment(t.db, org, { customer_id: old.id, amount: 10_000, date: '2026-01-10' });
    const now = await aCustomer(t.db, org, { external_id: 'H-2' });
    await anInvoice(t.db, org, { customer_id: now.id, issue_date: '2026-02-01', due_date: '2026-03-01', amount: 10_000 });

    const fixed = await makeForecast(t.db, org, '2026-03-14', new Date('2026-03-15T12:00:00Z'));
    assert.match(fixed.notes[0]!, /fixed: not learned yet/);
    // week 1: the 30 old ones 91+ days overdue at 20%, the new one 13 days overdue at 70%: 6,000 + 7,000
    assert.equal(fixed.currencies[0]?.weeks[0]?.expected, 13_000);

    const r = await forecastRound(t.db, utc(org), new Date('2026-03-15T12:00:00Z'));
    assert.equal(r.learned, true);
    const f = await makeForecast(t.db, org, '2026-03-14', new Date('2026-03-15T12:00:00Z'));
    assert.deepEqual(f.heuristic.buckets.map((b) => [b.bucket, b.p, b.learned, b.invoices]),
      [['not_due', 0.25, true, 40], ['1-30', 0.25, true, 40], ['31-90', 0.5, false, 0], ['91+', 0.2, false, 0]]);
    assert.equal(f.heuristic.as_of, '2026-03-14');
    // the new one at the learned 25%: 6,000 + 2,500
    assert.equal(f.currencies[0]?.weeks[0]?.expected, 8_500);
    assert.match(f.notes[0]!, /learned from the org's history as of 2026-03-14, learned at 2026-03-15T12:00:00.000Z .*1-30 days overdue 25% \(learned from 40\).*91\+ days overdue 20% \(fixed\)/);
    const api = await t.app.inject({ method: 'GET', url: '/v1/forecast?as_of=2026-03-14', headers: bearer(t.keys.viewer) });
    assert.equal(api.statusCode, 200, api.body);
    assert.equal(api.json().heuristic.buckets.length, 4);
  });
});

describe('forecasts stored on a schedule', () => {
  const stored = async (org: string) => t.db.query<{ period: string; as_of: string }>(
    'SELECT period, as_of::text AS as_of FROM forecasts WHERE org_id = $1 ORDER BY created_at, period', [org]);
  const day = (d: string, h = 10) => new Date(`${d}T${String(h).padStart(2, '0')}:00:00Z`);
  const settings = (payload: object, key = t.keys.manager) => t.app.inject({ method: 'PUT', url: '/v1/forecast/settings', headers: bearer(key), payload });

  it('stores one a week by default, one a day or none when set, once per period across a week of rounds', async () => {
    const org = t.org;
    const c = await aCustomer(t.db, org, { external_id: 'S-1' });
    await anInvoice(t.db, org, { customer_id: c.id, issue_date: '2026-03-01', due_date: '2026-03-30', amount: 20_000 });
    const shown = await t.app.inject({ method: 'GET', url: '/v1/forecast/settings', headers: bearer(t.keys.viewer) });
    assert.deepEqual(shown.json(), { schedule: 'weekly', schedule_default: true, heuristic_learned_as_of: null });

    // Wednesday 18 March to Sunday 22nd, two rounds a day: one forecast for the week from Monday 16th, as of Sunday 15th, and
    // one for the month, which began on a Sunday, as of its eve (the dashboard's this month finds a stored one)
    const first = await forecastRound(t.db, utc(org), day('2026-03-18'));
    assert.deepEqual([first.period, first.stored?.as_of, first.stored?.stored], ['weekly 2026-03-16', '2026-03-15', true]);
    for (const d of ['2026-03-18', '2026-03-19', '2026-03-20', '2026-03-21', '2026-03-22']) {
      for (const h of [11, 23]) assert.equal((await forecastRound(t.db, utc(org), day(d, h))).stored, null, `${d} ${h}:00`);
    }
    assert.deepEqual(await stored(org), [{ period: 'monthly 2026-03-01', as_of: '2026-02-28' }, { period: 'weekly 2026-03-16', as_of: '2026-03-15' }]);
    // the heuristic was learned once a day: as of the day before the last round
    const learned = await t.app.inject({ method: 'GET', url: '/v1/forecast/settings', headers: bearer(t.keys.viewer) });
    assert.equal(learned.json().heuristic_learned_as_of, '2026-03-21');
    // Monday 23rd: two workers at once store one for the new week
    const both = await Promise.all([forecastRound(t.db, utc(org), day('2026-03-23', 0)), forecastRound(t.db, utc(org), day('2026-03-23', 0))]);
    assert.equal(both.filter((x) => x.stored).length, 1);
    assert.deepEqual((await stored(org)).map((x) => x.period), ['monthly 2026-03-01', 'weekly 2026-03-16', 'weekly 2026-03-23']);

    // the compare view finds the week's forecast without anyone storing one by hand
    const cmp = await t.app.inject({ method: 'GET', url: '/v1/forecast/compare?as_of=2026-03-15', headers: bearer(t.keys.viewer) });
    assert.equal(cmp.statusCode, 200, cmp.body);
    assert.equal(cmp.json().forecast_id, first.stored?.id);

    // daily, set by a manager (a viewer may not; a bad value names the field): one a day, as of the day before
    assert.equal((await settings({ schedule: 'daily' }, t.keys.viewer)).statusCode, 403);
    const bad = await settings({ schedule: 'hourly' });
    assert.deepEqual([bad.statusCode, bad.json().error.field], [400, 'schedule']);
    const set = await settings({ schedule: 'daily' });
    assert.equal(set.statusCode, 200, set.body);
    assert.deepEqual([set.json().schedule, set.json().schedule_default], ['daily', false]);
    for (const at of [day('2026-03-24', 1), day('2026-03-24', 20), day('2026-03-25', 1), day('2026-03-25', 2)]) await forecastRound(t.db, utc(org), at);
    assert.deepEqual((await stored(org)).slice(3), [{ period: 'daily 2026-03-24', as_of: '2026-03-23' }, { period: 'daily 2026-03-25', as_of: '2026-03-24' }]);
    // off: none
    assert.equal((await settings({ schedule: 'off' })).statusCode, 200);
    assert.equal((await forecastRound(t.db, utc(org), day('2026-03-30'))).stored, null);
    assert.equal((await stored(org)).length, 5);
    const audit = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1 AND action = 'forecast.schedule_changed'`, [org]);
    assert.equal(audit[0]?.n, 2);
  });

  it('is the worker\'s round when forecasting is on (as `cobro serve` runs it): one per org and week (and month)', async () => {
    const org = await testOrg(t.db, 'Worker');
    const errors: object[] = [];
    const round = (at: string) => workOnce({ db: t.db, now: () => new Date(at), messaging: { adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' },
      log: { info: () => {}, error: (o) => { errors.push(o); } }, forecasting: true });
    await round('2026-04-01T12:00:00Z');
    await round('2026-04-01T12:05:00Z');
    assert.deepEqual(errors, []);
    // Wednesday 1 April: the week's, and the month's as of its eve (31 March)
    assert.deepEqual(await stored(org), [{ period: 'monthly 2026-04-01', as_of: '2026-03-31' }, { period: 'weekly 2026-03-30', as_of: '2026-03-29' }]);
  });
});
