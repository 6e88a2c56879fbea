// The dashboard's periods are days of the org's time zone (America/Mexico_City, UTC-6 all year), not UTC's: at instants
// either side of midnight UTC and of the org's own midnight, GET /v1/dashboard, its risk tile and the forecast routes take
// the org's today, and the worker stores a month's eve forecast the dashboard finds. PGlite; PostgreSQL with DATABASE_URL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { forecastRound } from '../src/forecast/index.ts';
import { periodsOf } from '../src/dashboard/index.ts';

let clock = new Date('2026-03-31T12:00:00Z');
let t: TestApi;
before(async () => {
  t = await testApi(() => clock);
  await t.db.query(`UPDATE orgs SET default_timezone = 'America/Mexico_City' WHERE id = $1`, [t.org]);
  const c = await aCustomer(t.db, t.org);
  const inv = await anInvoice(t.db, t.org, { customer_id: c.id, amount: 100_000, issue_date: '2026-01-01', due_date: '2026-02-01' });
  const pay = (amount: number, date: string) => aPayment(t.db, t.org, { customer_id: c.id, amount, date, currency: 'USD', allocations: [{ invoice_id: inv.id, amount }] });
  // Monday 30 March is the week's first day; 2 March only the month's
  await pay(1_000, '2026-03-02');
  await pay(20_000, '2026-03-31');
});
after(async () => { await t.close(); });

interface Dash { as_of: string; today: string; week_from: string; month_from: string; quarter_from: string; time_zone: string;
  period: { from: string; to: string }; collected: { currency: string; week: number; month: number }[] }
const get = async <T>(url: string): Promise<T> => {
  const r = await t.app.inject({ method: 'GET', url, headers: bearer(t.keys.viewer) });
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as T;
};

describe('the dashboard\'s periods in the org\'s time zone', () => {
  for (const [at, day] of [['2026-03-31T23:30:00Z', '2026-03-31'], ['2026-04-01T00:30:00Z', '2026-03-31'], ['2026-04-01T01:00:00Z', '2026-03-31'],
    ['2026-04-01T05:59:59Z', '2026-03-31'], ['2026-04-01T06:00:00Z', '2026-04-01']] as const) {
    it(`at ${at} (${day} in Mexico City) takes the org's today, week and month`, async () => {
      clock = new Date(at);
      const d = await get<Dash>('/v1/dashboard');
      assert.equal(d.time_zone, 'America/Mexico_City');
      assert.deepEqual([d.today, d.as_of, d.period.to, d.week_from], [day, day, day, '2026-03-30']);
      const march = day === '2026-03-31';
      assert.deepEqual([d.month_from, d.quarter_from], march ? ['2026-03-01', '2026-01-01'] : ['2026-04-01', '2026-04-01']);
      // on the 31st in Mexico City the month holds both payments, whatever UTC's date; from the 1st, none
      assert.deepEqual(d.collected, [{ currency: 'USD', week: 20_000, week_payments: 1, month: march ? 21_000 : 0, month_payments: march ? 2 : 0 }]);
      assert.equal((await get<{ as_of: string }>('/v1/dashboard/risk')).as_of, day);
      assert.equal((await get<{ as_of: string }>('/v1/forecast')).as_of, day);
    });
  }

  it('a day asked for (custom) is taken as a day of the org\'s calendar, with its own week, month and quarter', async () => {
    clock = new Date('2026-04-01T01:00:00Z');
    const d = await get<Dash>('/v1/dashboard?as_of=2026-03-04&days=3');
    assert.deepEqual([d.today, d.as_of, d.week_from, d.month_from, d.quarter_from, d.period.from], ['2026-03-31', '2026-03-04', '2026-03-02', '2026-03-01', '2026-01-01', '2026-03-02']);
    assert.deepEqual(periodsOf('2026-11-15'), { today: '2026-11-15', weekFrom: '2026-11-09', monthFrom: '2026-11-01', quarterFrom: '2026-10-01' });
  });

  it('stores and compares forecasts as of the org\'s today, and the weekly worker stores a month\'s eve forecast the dashboard finds', async () => {
    // 19:00 on the 31st in Mexico City: a forecast stored now is as of the 31st, and compared through it
    clock = new Date('2026-04-01T01:00:00Z');
    const stored = await t.app.inject({ method: 'POST', url: '/v1/forecasts', headers: bearer(t.keys.admin), payload: {} });
    assert.equal(stored.statusCode, 201, stored.body);
    assert.equal(stored.json().as_of, '2026-03-31');
    assert.equal((await get<{ through: string }>('/v1/forecast/compare?as_of=2026-03-31')).through, '2026-03-31');
    await t.db.query('DELETE FROM forecasts WHERE org_id = $1', [t.org]);
    // Wednesday 1 April in Mexico City: the week's (as of Sunday 29 March) and, the month not beginning on a Monday, the month's as of its eve
    clock = new Date('2026-04-01T15:00:00Z');
    const org = { id: t.org, default_timezone: 'America/Mexico_City' };
    const round = await forecastRound(t.db, org, clock);
    assert.equal(round.period, 'weekly 2026-03-30');
    const kept = await t.db.query<{ period: string; as_of: string }>('SELECT period, as_of::text AS as_of FROM forecasts WHERE org_id = $1 ORDER BY period', [t.org]);
    assert.deepEqual(kept, [{ period: 'monthly 2026-04-01', as_of: '2026-03-31' }, { period: 'weekly 2026-03-30', as_of: '2026-03-29' }]);
    assert.equal((await forecastRound(t.db, org, new Date('2026-04-02T15:00:00Z'))).stored, null, 'each period once');
    const d = await get<Dash>('/v1/dashboard');
    for (const from of [d.week_from, d.month_from]) {
      const eve = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const f = await get<{ stored: boolean; as_of: string }>(`/v1/forecast?as_of=${eve}&prefer_stored=true`);
      assert.deepEqual([f.stored, f.as_of], [true, eve], `the forecast as ${from} began`);
    }
  });
});
