import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testDb, testOrg } from './support/db.ts';
import type { Db } from '../src/db/index.ts';
import { importCsv, parseMapping, type Mapping } from '../src/ledger/index.ts';
import { backtest, backtestInDb, loadPortfolio, predictionsCsv, predictionsCsvHeader, predictionsCsvLines, type PredictionRow } from '../src/scoring/index.ts';
import type { BacktestOptions } from '../src/scoring/backtest.ts';

const TODAY = '2026-03-15';

/**
 * 80 customers: 70 with 1,500 invoices from 2025-01 to 2026-04 (paid by a payment early, late or only after today, by a credit
 * note, with nothing to date them by, written off, cancelled, disputed, open past their due date or not yet due; several a
 * day per customer, ids whose text order is not their number's), and 10 with invoices only before any cut-off tried.
 */
async function seed(db: Db, org: string): Promise<void> {
  await db.query(`INSERT INTO customers (id, org_id, external_id, name, country)
    SELECT 'cus_' || g, $1, 'C' || g, 'Customer ' || g, CASE WHEN g % 6 = 0 THEN NULL ELSE (ARRAY['US', 'MX', 'ES'])[1 + g % 3] END
    FROM generate_series(1, 80) g`, [org]);
  await db.query(`INSERT INTO invoices (id, org_id, customer_id, number, currency, amount, balance, issue_date, due_date, status, cancelled, metadata, updated_at)
    SELECT 'inv_' || n, $1, CASE WHEN n % 50 = 0 THEN 'cus_' || (71 + n % 10) ELSE 'cus_' || (n % 70 + 1) END, 'H' || n, 'USD', 1000 + n * 7 % 5000,
      CASE WHEN n % 29 = 0 THEN 1000 + n * 7 % 5000 ELSE 0 END,
      date '2025-01-05' + CASE WHEN n % 50 = 0 THEN n % 120 ELSE (n / 3) % 480 END,
      date '2025-02-04' + CASE WHEN n % 50 = 0 THEN n % 120 ELSE (n / 3) % 480 END,
      CASE WHEN n % 29 = 0 THEN 'open' WHEN n % 31 = 0 THEN 'cancelled' WHEN n % 23 = 0 THEN 'written_off' ELSE 'paid' END, n % 31 = 0 AND n % 29 <> 0,
      jsonb_build_object('country', CASE WHEN n % 4 = 0 THEN '' ELSE (ARRAY['BR', 'AR'])[1 + n % 2] END, 'paperless', CASE WHEN n % 3 = 0 THEN 'yes' ELSE 'no' END),
      timestamptz '2025-06-01' + (n % 300) * interval '1 day'
    FROM generate_series(1, 1500) n`, [org]);
  const paid = 'n % 11 <> 0 AND n % 17 <> 0 AND n % 23 <> 0 AND n % 29 <> 0 AND n % 31 <> 0';
  const day = 'CASE WHEN n % 50 = 0 THEN n % 120 ELSE (n / 3) % 480 END';
  await db.query(`INSERT INTO payments (id, org_id, customer_id, external_id, amount, currency, date)
    SELECT 'pay_' || n, $1, CASE WHEN n % 50 = 0 THEN 'cus_' || (71 + n % 10) ELSE 'cus_' || (n % 70 + 1) END, 'P' || n, 1000 + n * 7 % 5000, 'USD',
      date '2025-02-04' + ${day} + (n % 70) % 9 * 4 - 12 + n % 3
    FROM generate_series(1, 1500) n WHERE ${paid}`, [org]);
  await db.query(`INSERT INTO allocations (id, org_id, payment_id, invoice_id, amount)
    SELECT 'alc_' || n, $1, 'pay_' || n, 'inv_' || n, 1000 + n * 7 % 5000 FROM generate_series(1, 1500) n WHERE ${paid}`, [org]);
  await db.query(`INSERT INTO adjustments (id, org_id, invoice_id, kind, amount, currency, date)
    SELECT 'adj_' || n, $1, 'inv_' || n, 'credit_note', -(1000 + n * 7 % 5000), 'USD', date '2025-02-10' + ${day}
    FROM generate_series(1, 1500) n WHERE n % 11 = 0 AND n % 17 <> 0 AND n % 23 <> 0 AND n % 29 <> 0 AND n % 31 <> 0`, [org]);
  await db.query(`INSERT INTO disputes (id, org_id, customer_id, reason, currency, amount, invoice_ids, source, opened_by, created_at)
    SELECT 'dsp_' || n, $1, 'cus_' || (n % 70 + 1), 'wrong_amount', 'USD', 1, ARRAY['inv_' || n], 'api', 'test',
      timestamptz '2025-02-01' + ((n / 3) % 480) * interval '1 day'
    FROM generate_series(1, 1500) n WHERE n % 13 = 0 AND n % 50 <> 0`, [org]);
  await db.query(`INSERT INTO dispute_invoices (dispute_id, org_id, invoice_id, amount)
    SELECT 'dsp_' || n, $1, 'inv_' || n, 1 FROM generate_series(1, 1500) n WHERE n % 13 = 0 AND n % 50 <> 0`, [org]);
  await db.query(`INSERT INTO promises (id, org_id, customer_id, amount, currency, made_on, due_date, grace_days, source, actor, status, created_at)
    SELECT 'prm_' || n, $1, 'cus_' || (n % 70 + 1), 500, 'USD', date '2025-03-01' + n * 3, date '2025-03-08' + n * 3, 2,
      'collector', 'test', (ARRAY['kept', 'broken', 'partly_kept'])[1 + n % 3], now()
    FROM generate_series(1, 120) n`, [org]);
}

/** The backtest in the database with its predictions gathered, as the in-memory one returns them. */
async function inDb(db: Db, org: string, o: BacktestOptions, page?: number): Promise<{ json: string; pages: PredictionRow[][] }> {
  const pages: PredictionRow[][] = [];
  const r = await backtestInDb(db, org, o, (rows) => { pages.push(rows); }, page);
  return { json: JSON.stringify({ ...r, predictions: pages.flat() }), pages };
}

describe('the backtest reads the ledger in the database a page at a time', () => {
  let db: Db;
  let org = '';
  let ibm = '';
  before(async () => {
    db = await testDb();
    org = await testOrg(db, 'Backtest in db');
    await seed(db, org);
    ibm = await testOrg(db, 'IBM sample');
    const IBM = fileURLToPath(new URL('../../shared/data/ar/ibm-late-payment/WA_Fn-UseC_-Accounts-Receivable.csv', import.meta.url));
    for (const kind of ['invoices', 'payments'] as const) {
      const m = parseMapping(JSON.parse(readFileSync(new URL(`../examples/ibm/${kind}.mapping.json`, import.meta.url), 'utf8')));
      assert.ok(m.ok);
      const r = await importCsv(db, ibm, kind, createReadStream(IBM), { mapping: (m as { mapping: Mapping }).mapping });
      assert.equal(r.status, 'completed', JSON.stringify(r.errors.slice(0, 3)));
    }
  });
  after(async () => { await db.close(); });

  it('gives byte for byte the figures and predictions of the whole ledger in memory, in pages of any size', async () => {
    const p = await loadPortfolio(db, org);
    for (const asOf of ['2025-11-01', '2025-06-20']) {
      const o = { asOf, today: TODAY };
      const old = backtest(p, o);
      assert.ok(old.scored > 200 && old.late > 20 && old.scored - old.late > 20, `${asOf}: ${old.scored} scored, ${old.late} late`);
      assert.ok(old.predictions.some((r) => r.still_open) && old.predictions.some((r) => r.days_late > 0 && !r.still_open));
      for (const page of [7, 10_000]) {
        const neu = await inDb(db, org, o, page);
        assert.equal(neu.json, JSON.stringify(old), `as of ${asOf}, pages of ${page} customers`);
        if (page === 7) assert.ok(neu.pages.length > 3, 'the predictions come page by page');
      }
    }
    const o = { asOf: '2025-11-01', today: TODAY, kind: 'logistic' as const, undatedDisputes: 'unknown' as const };
    assert.equal((await inDb(db, org, o, 9)).json, JSON.stringify(backtest(p, o)), 'logistic regression, undated disputes unknown');
  });

  it('reads only the customers with an invoice issued from the cut-off on, yet scores the same', async () => {
    const p = await loadPortfolio(db, org);
    const o = { asOf: '2025-11-01', today: TODAY };
    const scoredCustomers = new Set(backtest(p, o).predictions.map((r) => r.customer));
    const { pages } = await inDb(db, org, o, 1);
    assert.equal(pages.length, scoredCustomers.size, 'one page per customer with something scored');
    assert.ok(!scoredCustomers.has('C71') && p.customers.some((c) => c.externalId === 'C71'), 'an old customer is not scored');
  });

  it('without a callback keeps no predictions and gives the same figures; nothing known after the day gives none', async () => {
    const p = await loadPortfolio(db, org);
    const o = { asOf: '2025-11-01', today: TODAY };
    const { predictions, ...figures } = backtest(p, o);
    assert.ok(predictions.length);
    assert.equal(JSON.stringify(await backtestInDb(db, org, o)), JSON.stringify(figures));
    const late = { asOf: '2026-05-01', today: TODAY };
    const none = await inDb(db, org, late);
    assert.equal(none.json, JSON.stringify(backtest(p, late)));
    assert.equal(JSON.parse(none.json).scored, 0);
  });

  it('writes the same predictions file page by page as all at once', async () => {
    const o = { asOf: '2025-11-01', today: TODAY };
    const { pages } = await inDb(db, org, o, 5);
    assert.equal(predictionsCsvHeader() + pages.map(predictionsCsvLines).join(''), predictionsCsv(backtest(await loadPortfolio(db, org), o).predictions));
  });

  it('on the IBM late-payment history: the same figures and predictions at both cut-offs and with undated disputes left out', async () => {
    const p = await loadPortfolio(db, ibm);
    for (const o of [{ asOf: '2013-01-01', today: '2014-03-01' }, { asOf: '2013-07-01', today: '2014-03-01' },
      { asOf: '2013-01-01', today: '2014-03-01', undatedDisputes: 'unknown' as const }]) {
      const old = backtest(p, o);
      assert.ok(old.scored > 500);
      assert.equal((await inDb(db, ibm, o, 30)).json, JSON.stringify(old), JSON.stringify(o));
    }
  });
});
