import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from './support/db.ts';
import type { Db } from '../src/db/index.ts';
import { loadPortfolio, runScoring, scorePortfolio, trainAndSave } from '../src/scoring/index.ts';
import { Priors } from '../src/scoring/priors.ts';
import { priorsInDb } from '../src/scoring/priors-db.ts';
import { dayNumber } from '../src/domain/dates.ts';

const AS_OF = '2026-03-15';

/**
 * 60 customers with mixed habits: settled history paid on time or late (some by credit notes, one paid with no payment to
 * date it, written-off ones), disputes, promises, open invoices; some customers with no country of their own take their
 * first invoice's from its metadata (or none, when that is empty).
 */
async function seed(db: Db, org: string): Promise<void> {
  await db.query(`INSERT INTO customers (id, org_id, external_id, name, country)
    SELECT 'cus_' || lpad(g::text, 3, '0'), $1, 'C' || g, 'Customer ' || g, CASE WHEN g % 5 = 0 THEN NULL ELSE (ARRAY['US', 'MX', 'ES'])[1 + g % 3] END
    FROM generate_series(1, 60) g`, [org]);
  await db.query(`INSERT INTO invoices (id, org_id, customer_id, number, currency, amount, balance, issue_date, due_date, status, metadata, updated_at)
    SELECT 'inv_h' || lpad(n::text, 4, '0'), $1, 'cus_' || lpad((n % 60 + 1)::text, 3, '0'), 'H' || n, 'USD', 1000 + n * 7 % 5000, 0,
      date '2025-01-05' + n % 400, date '2025-02-04' + n % 400, CASE WHEN n % 23 = 0 THEN 'written_off' ELSE 'paid' END,
      jsonb_build_object('country', CASE WHEN n % 4 = 0 THEN '' ELSE (ARRAY['BR', 'AR'])[1 + n % 2] END, 'paperless', CASE WHEN n % 3 = 0 THEN 'yes' ELSE 'no' END),
      timestamptz '2025-06-01' + (n % 200) * interval '1 day'
    FROM generate_series(1, 900) n`, [org]);
  // most settled invoices paid by a payment; every 11th by a credit note; every 17th with nothing to date it by
  await db.query(`INSERT INTO payments (id, org_id, customer_id, external_id, amount, currency, date)
    SELECT 'pay_h' || n, $1, 'cus_' || lpad((n % 60 + 1)::text, 3, '0'), 'P' || n, 1000 + n * 7 % 5000, 'USD',
      date '2025-02-04' + n % 400 + (n % 60) % 9 * 4 - 8 + n % 3
    FROM generate_series(1, 900) n WHERE n % 11 <> 0 AND n % 17 <> 0 AND n % 23 <> 0`, [org]);
  await db.query(`INSERT INTO allocations (id, org_id, payment_id, invoice_id, amount)
    SELECT 'alc_h' || n, $1, 'pay_h' || n, 'inv_h' || lpad(n::text, 4, '0'), 1000 + n * 7 % 5000
    FROM generate_series(1, 900) n WHERE n % 11 <> 0 AND n % 17 <> 0 AND n % 23 <> 0`, [org]);
  await db.query(`INSERT INTO adjustments (id, org_id, invoice_id, kind, amount, currency, date)
    SELECT 'adj_h' || n, $1, 'inv_h' || lpad(n::text, 4, '0'), 'credit_note', -(1000 + n * 7 % 5000), 'USD', date '2025-02-10' + n % 400
    FROM generate_series(1, 900) n WHERE n % 11 = 0 AND n % 17 <> 0 AND n % 23 <> 0`, [org]);
  await db.query(`INSERT INTO invoices (id, org_id, customer_id, number, currency, amount, balance, issue_date, due_date, metadata)
    SELECT 'inv_o' || lpad(n::text, 4, '0'), $1, 'cus_' || lpad((n % 60 + 1)::text, 3, '0'), 'O' || n, 'USD', 2000 + n * 13 % 9000, 2000 + n * 13 % 9000,
      date '2026-01-10' + n % 60, date '2026-02-09' + n % 60, jsonb_build_object('country', 'CL')
    FROM generate_series(1, 240) n`, [org]);
  await db.query(`INSERT INTO disputes (id, org_id, customer_id, reason, currency, amount, invoice_ids, source, opened_by, created_at)
    SELECT 'dsp_' || n, $1, 'cus_' || lpad((n % 60 + 1)::text, 3, '0'), 'wrong_amount', 'USD', 1, ARRAY['inv_h' || lpad(n::text, 4, '0')], 'api', 'test',
      timestamptz '2025-02-01' + (n % 400) * interval '1 day'
    FROM generate_series(1, 900) n WHERE n % 13 = 0`, [org]);
  await db.query(`INSERT INTO dispute_invoices (dispute_id, org_id, invoice_id, amount)
    SELECT 'dsp_' || n, $1, 'inv_h' || lpad(n::text, 4, '0'), 1 FROM generate_series(1, 900) n WHERE n % 13 = 0`, [org]);
  await db.query(`INSERT INTO promises (id, org_id, customer_id, amount, currency, made_on, due_date, grace_days, source, actor, status, created_at)
    SELECT 'prm_' || n, $1, 'cus_' || lpad((n % 60 + 1)::text, 3, '0'), 500, 'USD', date '2025-03-01' + n * 3, date '2025-03-08' + n * 3, 2,
      'collector', 'test', (ARRAY['kept', 'broken', 'partly_kept'])[1 + n % 3], now()
    FROM generate_series(1, 90) n`, [org]);
}

describe('score runs in slices of customers', () => {
  let db: Db;
  let org = '';
  before(async () => {
    db = await testDb();
    org = await testOrg(db, 'Slices');
    await seed(db, org);
  });
  after(async () => { await db.close(); });

  it('counts the org\'s priors in SQL exactly as the whole portfolio in memory does', async () => {
    const priors = new Priors(await loadPortfolio(db, org));
    for (const asOf of ['2025-01-01', '2025-04-20', '2025-11-30', AS_OF]) {
      const mem = priors.at(dayNumber(asOf));
      const sql = await priorsInDb(db, org, asOf);
      const view = (p: typeof mem) => ({ lateShare: p.lateShare, avgDaysLate: p.avgDaysLate, avgVsDue: p.avgVsDue,
        months: Array.from({ length: 12 }, (_, i) => p.month(i + 1)), countries: [null, 'US', 'MX', 'ES', 'BR', 'AR', 'CL', 'ZZ'].map((c) => p.country(c)) });
      assert.deepEqual(view(sql), view(mem), `priors as of ${asOf}`);
    }
    assert.notEqual(priors.at(dayNumber(AS_OF)).country('BR'), priors.at(dayNumber(AS_OF)).lateShare, 'customers with no country took their invoices\'');
  });

  it('stores exactly the scores of the whole portfolio scored in memory, slice size aside', async () => {
    const now = new Date('2026-03-15T08:00:00Z');
    await trainAndSave(db, org, AS_OF, now);
    const run = await runScoring(db, org, AS_OF, now, 7);
    assert.equal(run.invoices, 240);
    const stored = await db.query<{ line: string }>(`SELECT concat_ws(',', invoice_id, customer_id, currency, balance, probability_late, expected_days_late,
        expected_recovery, reasons::text) AS line FROM scores WHERE run_id = $1 ORDER BY invoice_id`, [run.run_id]);
    const { activeModel } = await import('../src/scoring/index.ts');
    const model = (await activeModel(db, org))!.model;
    let csv = '';
    await scorePortfolio(await loadPortfolio(db, org), model, AS_OF, 'run,org', async (s) => { csv += s; });
    await db.exec('CREATE TEMP TABLE whole (LIKE scores)');
    await db.copyCsv('whole', ['run_id', 'org_id', 'invoice_id', 'customer_id', 'currency', 'balance', 'probability_late', 'expected_days_late', 'expected_recovery', 'reasons'], csv);
    const whole = await db.query<{ line: string }>(`SELECT concat_ws(',', invoice_id, customer_id, currency, balance, probability_late, expected_days_late,
        expected_recovery, reasons::text) AS line FROM whole ORDER BY invoice_id`);
    assert.equal(stored.length, 240);
    assert.deepEqual(stored.map((r) => r.line), whole.map((r) => r.line));
    const bands = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM customer_risk WHERE org_id = $1 AND run_id = $2', [org, run.run_id]);
    assert.equal(bands[0]!.n, 60, 'every customer with an open invoice has a band');
  });
});
