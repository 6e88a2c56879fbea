import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import util from 'node:util';
import { testDb, testOrg } from './support/db.ts';
import type { Db } from '../src/db/index.ts';
import { loadPortfolio, trainAndSave, activeModel } from '../src/scoring/index.ts';
import { Priors } from '../src/scoring/priors.ts';
import { priorsByDayInDb } from '../src/scoring/priors-db.ts';
import { trainingSet, type TrainingSet } from '../src/scoring/dataset.ts';
import { trainInDb, trainingSetInDb } from '../src/scoring/train-db.ts';
import { trainModel, trainOn } from '../src/scoring/train.ts';
import { dayNumber } from '../src/domain/dates.ts';

const AS_OF = '2026-03-15';
const CUTOFF = dayNumber(AS_OF);

/**
 * 70 customers (every 6th with no country of its own, so its first invoice's counts), 1,300 past invoices: paid by a
 * payment (some late, some due after the cut-off but paid before it, some paid only after it), by a credit note, with
 * nothing to date them by, written off, cancelled, or still open past their due date; several a day per customer, with
 * ids whose text order is not their number's (inv_9 after inv_10).
 */
async function seed(db: Db, org: string): Promise<void> {
  await db.query(`INSERT INTO customers (id, org_id, external_id, name, country)
    SELECT 'cus_' || g, $1, 'C' || g, 'Customer ' || g, CASE WHEN g % 6 = 0 THEN NULL ELSE (ARRAY['US', 'MX', 'ES'])[1 + g % 3] END
    FROM generate_series(1, 70) g`, [org]);
  await db.query(`INSERT INTO invoices (id, org_id, customer_id, number, currency, amount, balance, issue_date, due_date, status, cancelled, metadata, updated_at)
    SELECT 'inv_' || n, $1, 'cus_' || (n % 70 + 1), 'H' || n, 'USD', 1000 + n * 7 % 5000,
      CASE WHEN n % 29 = 0 THEN 1000 + n * 7 % 5000 ELSE 0 END,
      date '2025-01-05' + (n / 3) % 440, date '2025-02-04' + (n / 3) % 440,
      CASE WHEN n % 29 = 0 THEN 'open' WHEN n % 31 = 0 THEN 'cancelled' WHEN n % 23 = 0 THEN 'written_off' ELSE 'paid' END, n % 31 = 0 AND n % 29 <> 0,
      jsonb_build_object('country', CASE WHEN n % 4 = 0 THEN '' ELSE (ARRAY['BR', 'AR'])[1 + n % 2] END, 'paperless', CASE WHEN n % 3 = 0 THEN 'yes' ELSE 'no' END),
      timestamptz '2025-06-01' + (n % 300) * interval '1 day'
    FROM generate_series(1, 1300) n`, [org]);
  const paid = 'n % 11 <> 0 AND n % 17 <> 0 AND n % 23 <> 0 AND n % 29 <> 0 AND n % 31 <> 0';
  await db.query(`INSERT INTO payments (id, org_id, customer_id, external_id, amount, currency, date)
    SELECT 'pay_' || n, $1, 'cus_' || (n % 70 + 1), 'P' || n, 1000 + n * 7 % 5000, 'USD',
      date '2025-02-04' + (n / 3) % 440 + (n % 70) % 9 * 4 - 12 + n % 3
    FROM generate_series(1, 1300) n WHERE ${paid}`, [org]);
  await db.query(`INSERT INTO allocations (id, org_id, payment_id, invoice_id, amount)
    SELECT 'alc_' || n, $1, 'pay_' || n, 'inv_' || n, 1000 + n * 7 % 5000 FROM generate_series(1, 1300) n WHERE ${paid}`, [org]);
  await db.query(`INSERT INTO adjustments (id, org_id, invoice_id, kind, amount, currency, date)
    SELECT 'adj_' || n, $1, 'inv_' || n, 'credit_note', -(1000 + n * 7 % 5000), 'USD', date '2025-02-10' + (n / 3) % 440
    FROM generate_series(1, 1300) n WHERE n % 11 = 0 AND n % 17 <> 0 AND n % 23 <> 0 AND n % 29 <> 0 AND n % 31 <> 0`, [org]);
  await db.query(`INSERT INTO disputes (id, org_id, customer_id, reason, currency, amount, invoice_ids, source, opened_by, created_at)
    SELECT 'dsp_' || n, $1, 'cus_' || (n % 70 + 1), 'wrong_amount', 'USD', 1, ARRAY['inv_' || n], 'api', 'test',
      timestamptz '2025-02-01' + ((n / 3) % 440) * interval '1 day'
    FROM generate_series(1, 1300) n WHERE n % 13 = 0`, [org]);
  await db.query(`INSERT INTO dispute_invoices (dispute_id, org_id, invoice_id, amount)
    SELECT 'dsp_' || n, $1, 'inv_' || n, 1 FROM generate_series(1, 1300) n WHERE n % 13 = 0`, [org]);
  await db.query(`INSERT INTO promises (id, org_id, customer_id, amount, currency, made_on, due_date, grace_days, source, actor, status, created_at)
    SELECT 'prm_' || n, $1, 'cus_' || (n % 70 + 1), 500, 'USD', date '2025-03-01' + n * 3, date '2025-03-08' + n * 3, 2,
      'collector', 'test', (ARRAY['kept', 'broken', 'partly_kept'])[1 + n % 3], now()
    FROM generate_series(1, 120) n`, [org]);
}

/** Every number of a training set, as bytes. */
const bytes = (ts: TrainingSet) => [ts.x.data, ts.issue, ts.late, ts.daysLate, ts.censored, ts.recovered].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64'));

describe('training reads its sample in the database', () => {
  let db: Db;
  let org = '';
  before(async () => {
    db = await testDb();
    org = await testOrg(db, 'Train in db');
    await seed(db, org);
  });
  after(async () => { await db.close(); });

  it('counts the priors per day in SQL as the whole portfolio in memory does, for every day', async () => {
    const mem = new Priors(await loadPortfolio(db, org));
    const sql = await priorsByDayInDb(db, org);
    const view = (p: Priors, day: number) => { const a = p.at(day); return [a.lateShare, a.avgDaysLate, a.avgVsDue,
      ...Array.from({ length: 12 }, (_, i) => a.month(i + 1)), ...[null, '', 'US', 'MX', 'ES', 'BR', 'AR', 'ZZ'].map((c) => a.country(c))]; };
    for (let day = dayNumber('2025-01-01'); day <= CUTOFF + 60; day += 3) assert.deepEqual(view(sql, day), view(mem, day), `day ${day}`);
  });

  it('under the sample size: every known invoice, and byte for byte the model and evaluation of the ledger in memory', async () => {
    const p = await loadPortfolio(db, org);
    const old = trainModel(p, CUTOFF);
    assert.equal(old.evaluation.method, 'holdout', 'enough history for trees and logistic regression to be compared');
    for (const page of [7, 5_000]) {
      const neu = await trainInDb(db, org, CUTOFF, {}, page);
      assert.equal(JSON.stringify(neu), JSON.stringify(old), `pages of ${page} customers`);
    }
    const logistic = await trainInDb(db, org, CUTOFF, { kind: 'logistic', undatedDisputes: 'unknown' }, 9);
    assert.equal(JSON.stringify(logistic), JSON.stringify(trainModel(p, CUTOFF, { kind: 'logistic', undatedDisputes: 'unknown' })));
  });

  it('above it: the same even spread over the history as in memory, so the same rows and model', async () => {
    const p = await loadPortfolio(db, org);
    const mem = trainingSet(p, new Priors(p), CUTOFF, 'known');
    for (const max of [400, 333, mem.x.rows - 1]) {
      const inMem = trainingSet(p, new Priors(p), CUTOFF, 'known', max);
      const { ts, priors } = await trainingSetInDb(db, org, CUTOFF, 'known', max, 11);
      assert.equal(ts.x.rows, max);
      assert.deepEqual(bytes(ts), bytes(inMem), `a sample of ${max} of ${mem.x.rows}`);
      const lateShare = new Priors(p).at(CUTOFF).lateShare;
      assert.equal(JSON.stringify(trainOn(ts, priors.at(CUTOFF).lateShare, CUTOFF)), JSON.stringify(trainOn(inMem, lateShare, CUTOFF)));
    }
  });

  it('is what `trainAndSave` (the CLI, the API, a first run and the weekly retraining) stores', async () => {
    const v = await trainAndSave(db, org, AS_OF, new Date('2026-03-15T08:00:00Z'));
    const stored = (await activeModel(db, org))!;
    assert.equal(stored.id, v.id);
    // stored as jsonb, which orders keys its own way
    assert.ok(util.isDeepStrictEqual(stored.model, JSON.parse(JSON.stringify(trainModel(await loadPortfolio(db, org), CUTOFF).model))), 'the stored model');
  });
});
