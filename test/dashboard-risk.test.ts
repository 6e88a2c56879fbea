// GET /v1/dashboard/risk on a real database (PGlite, and PostgreSQL with DATABASE_URL): today's open balance by the latest
// score run's bands in two currencies, its expected recovery on today's balances, the moves since the run before, a
// customer with no band, no score run said in words, and the customers list filtered to a band adding up to the tile.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, apiCalls, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';

const clock = new Date('2026-03-17T12:00:00Z');
let t: TestApi;
const { get } = apiCalls(() => t);
before(async () => { t = await testApi(() => clock); });
after(async () => { await t.close(); });

interface Balance { currency: string; customers: number; amount: number; share: number; scored: number; expected_recovery: number | null }
interface Band { band: string; customers: number; movement: { up: number; down: number; same: number; new: number } | null; balances: Balance[] }
interface Risk { as_of: string; currency: string | null; run: { id: string; as_of: string } | null; previous_run: { id: string; as_of: string } | null;
  note: string | null; totals: { currency: string; customers: number; amount: number }[]; bands: Band[] }

async function run(org: string, id: string, asOf: string) {
  await t.db.query(`INSERT INTO score_runs (id, org_id, model_id, as_of, status, invoices, started_at, finished_at)
    VALUES ($1, $2, $3, $4, 'done', 0, $4::date + time '01:00', $4::date + time '01:05')`, [id, org, `scm_${org}`, asOf]);
}
async function model(org: string) {
  await t.db.query(`INSERT INTO score_models (id, org_id, version, kind, trained_as_of, trained_at, model, evaluation, active)
    VALUES ($1, $2, 1, 'scorecard', '2026-03-01', '2026-03-01T00:00:00Z', '{}', '{}', true)`, [`scm_${org}`, org]);
}
async function band(org: string, runId: string, customerId: string, b: string) {
  await t.db.query('INSERT INTO score_run_bands (run_id, org_id, customer_id, band) VALUES ($1, $2, $3, $4)', [runId, org, customerId, b]);
}
async function score(runId: string, inv: { id: string; customer_id: string; currency: string }, balance: number, recovery: number) {
  await t.db.query(`INSERT INTO scores (run_id, org_id, invoice_id, customer_id, currency, balance, probability_late, expected_days_late, expected_recovery, reasons)
    VALUES ($1, $2, $3, $4, $5, $6, 0.5, 10, $7, '[]')`, [runId, t.org, inv.id, inv.customer_id, inv.currency, balance, recovery]);
}
async function invoice(customerId: string, currency: string, amount: number, issue = '2026-01-10') {
  return anInvoice(t.db, t.org, { customer_id: customerId, currency, amount, issue_date: issue, due_date: issue < '2026-02-10' ? '2026-02-10' : '2026-04-16' });
}

const names: Record<string, string> = {};

describe('open balance by risk band', () => {
  before(async () => {
    await model(t.org);
    await run(t.org, 'scr_prev', '2026-03-09');
    await run(t.org, 'scr_last', '2026-03-16');
    const customer = async (key: string) => { const c = await aCustomer(t.db, t.org, { name: `Risk ${key}` }); names[c.id] = key; return c.id; };
    // A: medium a week ago, high now (up); MXN 1,000.00 expecting 600.00, USD 200.00 expecting 100.00
    const a = await customer('A');
    await score('scr_last', await invoice(a, 'MXN', 100_000), 100_000, 60_000);
    await score('scr_last', await invoice(a, 'USD', 20_000), 20_000, 10_000);
    await band(t.org, 'scr_prev', a, 'medium'); await band(t.org, 'scr_last', a, 'high');
    // B: high both times; 500.00 scored expecting 250.00, then 100.00 paid: 400.00 owed today, expecting 400.00 x 250/500 = 200.00
    const b = await customer('B');
    const b1 = await invoice(b, 'MXN', 50_000);
    await score('scr_last', b1, 50_000, 25_000);
    await aPayment(t.db, t.org, { customer_id: b, amount: 10_000, currency: 'MXN', date: '2026-03-17', allocations: [{ invoice_id: b1.id, amount: 10_000 }] });
    await band(t.org, 'scr_prev', b, 'high'); await band(t.org, 'scr_last', b, 'high');
    // C: high a week ago, medium now (down); 300.00 scored expecting 270.00, and 100.00 invoiced since the run (not scored)
    const c = await customer('C');
    await score('scr_last', await invoice(c, 'MXN', 30_000), 30_000, 27_000);
    await invoice(c, 'MXN', 10_000, '2026-03-17');
    await band(t.org, 'scr_prev', c, 'high'); await band(t.org, 'scr_last', c, 'medium');
    // D: no band a week ago, low now (new); USD 800.00 expecting 760.00
    const d = await customer('D');
    await score('scr_last', await invoice(d, 'USD', 80_000), 80_000, 76_000);
    await band(t.org, 'scr_last', d, 'low');
    // E: no score at all: MXN 250.00 and USD 50.00 owed
    const e = await customer('E');
    await invoice(e, 'MXN', 25_000);
    await invoice(e, 'USD', 5_000);
    // and an invoice issued after today: not yet owed, as the aging of the day leaves it out
    await invoice(e, 'MXN', 7_000, '2026-03-20');
    // F: low both times, but paid everything since: counted nowhere
    const f = await customer('F');
    const f1 = await invoice(f, 'MXN', 10_000);
    await score('scr_last', f1, 10_000, 9_000);
    await aPayment(t.db, t.org, { customer_id: f, amount: 10_000, currency: 'MXN', date: '2026-03-17', allocations: [{ invoice_id: f1.id, amount: 10_000 }] });
    await band(t.org, 'scr_prev', f, 'low'); await band(t.org, 'scr_last', f, 'low');
  });

  it('puts today\'s open balance of each currency in the latest run\'s bands, with shares, expected recovery and moves', async () => {
    const r = await get<Risk>('/v1/dashboard/risk');
    assert.equal(r.as_of, '2026-03-17');
    assert.deepEqual([r.run?.id, r.run?.as_of, r.previous_run], ['scr_last', '2026-03-16', { id: 'scr_prev', as_of: '2026-03-09' }]);
    assert.equal(r.note, null);
    // MXN 1,000 + 400 + 400 + 250 = 2,050.00 among A, B, C, E; USD 200 + 800 + 50 = 1,050.00 among A, D, E
    assert.deepEqual(r.totals, [{ currency: 'MXN', customers: 4, amount: 205_000 }, { currency: 'USD', customers: 3, amount: 105_000 }]);
    const rows = r.bands.map((b) => [b.band, b.customers, b.movement, b.balances.map((x) => [x.currency, x.customers, x.amount, x.share, x.scored, x.expected_recovery])]);
    assert.deepEqual(rows, [
      // 140,000 / 205,000 = 0.68293; 20,000 / 105,000 = 0.19048
      ['high', 2, { up: 1, down: 0, same: 1, new: 0 }, [['MXN', 2, 140_000, 0.6829, 140_000, 80_000], ['USD', 1, 20_000, 0.1905, 20_000, 10_000]]],
      // 40,000 / 205,000 = 0.19512; 100.00 of it invoiced after the run: scored 300.00, expecting 270.00
      ['medium', 1, { up: 0, down: 1, same: 0, new: 0 }, [['MXN', 1, 40_000, 0.1951, 30_000, 27_000], ['USD', 0, 0, 0, 0, 0]]],
      // 80,000 / 105,000 = 0.76190
      ['low', 1, { up: 0, down: 0, same: 0, new: 1 }, [['MXN', 0, 0, 0, 0, 0], ['USD', 1, 80_000, 0.7619, 80_000, 76_000]]],
      // 25,000 / 205,000 = 0.12195; 5,000 / 105,000 = 0.04762
      ['unscored', 1, null, [['MXN', 1, 25_000, 0.122, 0, null], ['USD', 1, 5_000, 0.0476, 0, null]]],
    ]);
  });

  it('keeps one currency when asked, the moves counted among the band\'s customers owing in it', async () => {
    const r = await get<Risk>('/v1/dashboard/risk?currency=usd');
    assert.equal(r.currency, 'USD');
    assert.deepEqual(r.totals, [{ currency: 'USD', customers: 3, amount: 105_000 }]);
    assert.deepEqual(r.bands.map((b) => [b.band, b.customers, b.movement, b.balances.map((x) => [x.amount, x.expected_recovery])]), [
      ['high', 1, { up: 1, down: 0, same: 0, new: 0 }, [[20_000, 10_000]]],
      ['medium', 0, { up: 0, down: 0, same: 0, new: 0 }, [[0, 0]]],
      ['low', 1, { up: 0, down: 0, same: 0, new: 1 }, [[80_000, 76_000]]],
      ['unscored', 1, null, [[5_000, null]]],
    ]);
  });

  it('is described in the API document, with the customers list\'s band filter', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    const risk = doc.paths['/v1/dashboard/risk']?.get;
    assert.ok(risk);
    assert.deepEqual(risk.parameters.map((p: { name: string }) => p.name), ['currency']);
    assert.deepEqual(Object.keys(doc.components.schemas.DashboardRisk.properties).sort(),
      ['as_of', 'bands', 'currency', 'note', 'previous_run', 'run', 'thresholds', 'totals']);
    const band = doc.paths['/v1/customers'].get.parameters.find((p: { name: string }) => p.name === 'risk_band');
    assert.deepEqual(band?.schema.enum, ['high', 'medium', 'low', 'unscored']);
  });

  it('refuses a currency that is not one, naming the field', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/v1/dashboard/risk?currency=DOLLARS', headers: bearer(t.keys.viewer) });
    assert.equal(r.statusCode, 400, r.body);
    assert.match(r.body, /currency/);
  });

  it('lists the customers of a band through the customers list, as many as the tile counts', async () => {
    const listed = async (q: string) => {
      const r = await get<{ data: { id: string }[] }>(`/v1/customers?${q}&limit=100`);
      return r.data.map((c) => names[c.id]).filter(Boolean).sort();
    };
    assert.deepEqual(await listed('risk_band=high&currency=MXN'), ['A', 'B']);
    assert.deepEqual(await listed('risk_band=medium&currency=MXN'), ['C']);
    assert.deepEqual(await listed('risk_band=low&currency=MXN'), []);
    assert.deepEqual(await listed('risk_band=low&currency=USD'), ['D']);
    assert.deepEqual(await listed('risk_band=unscored&currency=USD'), ['E']);
    // without a currency: the band of the run, owing or not (F paid everything)
    assert.deepEqual(await listed('risk_band=low'), ['D', 'F']);
    const bad = await t.app.inject({ method: 'GET', url: '/v1/customers?risk_band=severe', headers: bearer(t.keys.viewer) });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.match(bad.body, /risk_band/);
  });

  it('says in words that there is no score run yet, with no bands, and gives no moves after a first run', async () => {
    const other = async () => {
      const r = await t.app.inject({ method: 'GET', url: '/v1/dashboard/risk', headers: bearer(t.otherKey) });
      assert.equal(r.statusCode, 200, r.body);
      return r.json() as Risk;
    };
    const c = await aCustomer(t.db, t.otherOrg, { name: 'Other org debtor' });
    await anInvoice(t.db, t.otherOrg, { customer_id: c.id, currency: 'EUR', amount: 12_345 });
    const none = await other();
    assert.deepEqual([none.run, none.previous_run, none.bands], [null, null, []]);
    assert.match(none.note ?? '', /^No score run yet/);
    assert.deepEqual(none.totals, [{ currency: 'EUR', customers: 1, amount: 12_345 }]);
    // one run, its customer banded: bands, but nothing to compare with
    await model(t.otherOrg);
    await run(t.otherOrg, 'scr_other', '2026-03-16');
    await band(t.otherOrg, 'scr_other', c.id, 'medium');
    const first = await other();
    assert.equal(first.note, null);
    assert.deepEqual(first.bands.map((b) => [b.band, b.customers, b.movement, b.balances[0]?.amount]),
      [['high', 0, null, 0], ['medium', 1, null, 12_345], ['low', 0, null, 0], ['unscored', 0, null, 0]]);
  });
});
