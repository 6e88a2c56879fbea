// The risk tile's kept totals corrected invoice by invoice (migration 136): after real score runs, part payments, an
// invoice paid in full, a customer going to zero and coming back (a new invoice after the run, a reversed payment), a
// currency a customer stops owing while still owing another, the corrected figures equal the full statement's for every
// currency and day, and the correction reads none of the run's scores (PGlite, and PostgreSQL with DATABASE_URL).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { keptSameAsFull } from './support/kept-tile.ts';
import { reversePayment } from '../src/ledger/index.ts';
import { runScoring } from '../src/scoring/index.ts';
import { bandRows, keptBandRows, previousRun } from '../src/scoring/band-balances.ts';
import { latestRun } from '../src/scoring/store.ts';

let db: Db;
let org: string;
const DAYS = ['2026-03-16', '2026-03-17', '2026-03-25'];
const same = (what: string) => keptSameAsFull(db, org, what, [null, 'MXN', 'USD'], DAYS);
const c: Record<string, string> = {};
const inv: Record<string, string> = {};
const pay = async (customer: string, invoice: string, amount: number, currency = 'MXN') =>
  (await aPayment(db, org, { customer_id: c[customer]!, amount, currency, date: '2026-03-17', allocations: [{ invoice_id: inv[invoice]!, amount }] })).id;
const invoice = async (name: string, customer: string, currency: string, amount: number, issue = '2026-01-10') => {
  inv[name] = (await anInvoice(db, org, { customer_id: c[customer]!, currency, amount, issue_date: issue, due_date: issue < '2026-02-10' ? '2026-02-10' : '2026-04-16' })).id;
};

before(async () => {
  db = await testDb();
  org = await testOrg(db, 'Kept per invoice');
  for (const k of ['P', 'Z', 'R', 'M', 'Q']) c[k] = (await aCustomer(db, org, { name: `Customer ${k}` })).id;
  await invoice('p1', 'P', 'MXN', 10_000); await invoice('p2', 'P', 'MXN', 7_001); await invoice('p3', 'P', 'USD', 3_000);
  await invoice('z1', 'Z', 'MXN', 5_000);
  await invoice('r1', 'R', 'USD', 8_000);
  await invoice('m1', 'M', 'MXN', 4_000); await invoice('m2', 'M', 'USD', 2_000);
  await invoice('q1', 'Q', 'MXN', 6_500, '2026-03-01');
  for (const asOf of ['2026-03-09', '2026-03-16']) await runScoring(db, org, asOf, new Date(`${asOf}T01:00:00Z`));
  // what was written before the run is not read again: the totals taken one overlap (5 minutes) later
  await db.query(`UPDATE score_run_band_snapshots SET taken_at = now() + interval '5 minutes' WHERE org_id = $1`, [org]);
});
after(async () => { await db.close(); });

describe('the risk tile corrected invoice by invoice', () => {
  it('keeps every open invoice with its score', async () => {
    const run = (await latestRun(db, org))!;
    const [k] = await db.query<{ n: number; scored: number; kept: number }>(`SELECT count(*)::int AS n, count(scored_balance)::int AS scored,
      (SELECT invoices FROM score_run_band_snapshots WHERE run_id = $2 AND org_id = $1) AS kept FROM score_run_invoice_balances WHERE run_id = $2 AND org_id = $1 AND amount > 0`, [org, run.id]);
    assert.deepEqual(k, { n: 8, scored: 8, kept: 8 });
    await same('as kept');
  });

  it('equals the full statement after part payments and an invoice paid in full', async () => {
    await pay('P', 'p1', 1_234); await pay('P', 'p2', 1);
    inv.rPay = await pay('R', 'r1', 3_000, 'USD');
    await same('after part payments');
    // Z owes nothing now: no longer counted; M stops owing dollars but still owes pesos, so its band still counts it
    inv.zPay = await pay('Z', 'z1', 5_000);
    inv.mPay = await pay('M', 'm2', 2_000, 'USD');
    await same('after invoices paid in full');
  });

  it('equals it as customers come back: a new invoice after the run, reversed payments', async () => {
    await invoice('z2', 'Z', 'MXN', 900, '2026-03-17');
    await same('a new invoice after the run for a customer at zero');
    assert.ok((await reversePayment(db, org, 'test', inv.mPay!, 'bounced')).ok);
    assert.ok((await reversePayment(db, org, 'test', inv.rPay!, 'bounced')).ok);
    await same('after reversed payments');
    // a customer new since the run, in a currency the band had none of, and an invoice issued after the days read
    c.N = (await aCustomer(db, org, { name: 'Customer N' })).id;
    await invoice('n1', 'N', 'USD', 1_500, '2026-03-17');
    await invoice('p4', 'P', 'USD', 2_222, '2026-03-20');
    await pay('Q', 'q1', 6_500);
    await same('a new customer, a later invoice, another paid in full');
  });

  it('reads none of the run\'s scores', async () => {
    const run = (await latestRun(db, org))!;
    const previous = await previousRun(db, org, run);
    const full = await bandRows(db, org, run.id, previous?.id ?? null, null, '2026-03-17');
    const rows = await db.transaction(async (tx) => {
      // the scores out of reach within this transaction, undone after it
      await tx.query('ALTER TABLE scores RENAME TO scores_hidden');
      const kept = await keptBandRows(tx, org, run.id, previous?.id ?? null, null, '2026-03-17');
      await tx.query('ALTER TABLE scores_hidden RENAME TO scores');
      return kept;
    });
    assert.deepEqual(rows, full);
  });
});
