// The ledger's stored totals (receivable_totals and the others of migration 028) against a count from scratch after a
// mix of invoices, payments, credit notes, fees, reversals, cancellations, imports and a payment applied by hand; and
// the figures read from them (aging, overdue trend) against the same figures summed invoice by invoice.
// `cobro totals check|repair` is test/ledger-totals-cli.test.ts (a PGlite folder, so the PostgreSQL lane does not repeat it).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { testDb, testOrg } from './support/db.ts';
import { seedKpiPortfolio } from './support/kpi-portfolio.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { agingReport, applyAdjustment, cancelInvoice, checkLedgerTotals, importCsv, rebuildLedgerTotals, refreshInvoices,
  reverseAdjustment } from '../src/ledger/index.ts';
import { overdueTrend, weekEnds } from '../src/dashboard/index.ts';
import type { Db } from '../src/db/index.ts';

let db: Db;
let org: string;

const csv = (text: string) => Readable.from([Buffer.from(text)]);

/** Aging totals summed invoice by invoice from the events, the rule of the aging report, with no stored total. */
async function agingFromScratch(asOf: string): Promise<{ currency: string; total: number; overdue: number; invoices: number; overdue_invoices: number }[]> {
  return db.query(
    `WITH al AS (
       SELECT l.invoice_id, sum(l.amount) AS s FROM allocations l JOIN payments p ON p.id = l.payment_id
       WHERE l.org_id = $1 AND p.date <= $2::date AND (l.reversed_at IS NULL OR l.reversed_at::date > $2::date) GROUP BY l.invoice_id),
     ad AS (
       SELECT invoice_id, sum(amount) AS s FROM adjustments
       WHERE org_id = $1 AND date <= $2::date AND (reversed_at IS NULL OR reversed_at::date > $2::date) GROUP BY invoice_id),
     b AS (
       SELECT i.currency, i.due_date, i.amount + COALESCE(ad.s, 0) - COALESCE(al.s, 0) AS bal
       FROM invoices i LEFT JOIN al ON al.invoice_id = i.id LEFT JOIN ad ON ad.invoice_id = i.id
       WHERE i.org_id = $1 AND i.issue_date <= $2::date AND NOT i.cancelled)
     SELECT currency, sum(bal)::bigint AS total, COALESCE(sum(bal) FILTER (WHERE due_date < $2::date), 0)::bigint AS overdue,
       count(*)::int AS invoices, count(*) FILTER (WHERE due_date < $2::date)::int AS overdue_invoices
     FROM b WHERE bal > 0 GROUP BY currency ORDER BY currency`, [org, asOf]);
}

before(async () => {
  db = await testDb();
  org = await testOrg(db);
  // invoices, partial payments, credit notes, a fee, a write-off and a reversed payment (test/kpi.test.ts's portfolio)
  const p = await seedKpiPortfolio(db, org);
  // an import of invoices, then the same file again with one amount changed (an update through the import's merge)
  const header = 'customer_external_id,number,currency,amount,issue_date,due_date\n';
  const first = await importCsv(db, org, 'invoices', csv(`${header}T1,T-1,USD,120.00,2026-01-05,2026-02-04\nT1,T-2,MXN,99.50,2026-03-01,2026-03-31\nT2,T-3,USD,40.00,2026-02-10,2026-03-12\n`));
  assert.equal(first.status, 'completed', JSON.stringify(first.errors));
  const again = await importCsv(db, org, 'invoices', csv(`${header}T1,T-1,USD,150.00,2026-01-05,2026-02-04\n`));
  assert.equal(again.status, 'completed', JSON.stringify(again.errors));
  // a payments file allocated to an imported invoice
  const paid = await importCsv(db, org, 'payments', csv('customer_external_id,amount,currency,date,reference,invoice_number\nT2,15.00,USD,2026-03-02,tr-9,T-3\n'));
  assert.equal(paid.status, 'completed', JSON.stringify(paid.errors));
  // a fee reversed, a cancelled invoice, and an adjustment dated before its invoice was issued
  const c = await aCustomer(db, org);
  const late = await anInvoice(db, org, { customer_id: c.id, amount: 70_000, issue_date: '2026-02-20', due_date: '2026-03-05' });
  const fee = await applyAdjustment(db, org, 'test', { invoice_id: late.id, kind: 'late_fee', amount: 3_000, date: '2026-03-08' });
  assert.ok(fee.ok);
  assert.ok((await reverseAdjustment(db, org, 'test', fee.value.id)).ok);
  const gone = await anInvoice(db, org, { customer_id: c.id, amount: 11_000, issue_date: '2026-02-01', due_date: '2026-02-15' });
  assert.ok((await cancelInvoice(db, org, 'test', gone.id)).ok);
  const early = await anInvoice(db, org, { customer_id: c.id, amount: 20_000, issue_date: '2026-03-10', due_date: '2026-03-12' });
  assert.ok((await applyAdjustment(db, org, 'test', { invoice_id: early.id, kind: 'late_fee', amount: 500, date: '2026-03-01' })).ok);
  // a payment paying two invoices at once, one fully, and a payment applied by hand later (as reconciliation does)
  await aPayment(db, org, { customer_id: c.id, amount: 90_000, date: '2026-03-09', allocations: [{ invoice_id: late.id, amount: 70_000 }, { invoice_id: early.id, amount: 20_000 }] });
  const loose = await aPayment(db, org, { customer_id: p.d, amount: 5_000, date: '2026-03-11' });
  const target = await anInvoice(db, org, { customer_id: p.d, amount: 8_000, issue_date: '2026-03-01', due_date: '2026-03-02' });
  await db.query(`INSERT INTO allocations (id, org_id, payment_id, invoice_id, amount) VALUES ('alc_hand', $1, $2, $3, 5000)`, [org, loose.id, target.id]);
  await db.query('UPDATE payments SET unapplied = 0 WHERE id = $1', [loose.id]);
  await refreshInvoices(db, org, [target.id]);
});
after(async () => { await db.close(); });

describe('the stored totals of the ledger', () => {
  it('equal a count from scratch after invoices, payments, credit notes, reversals, cancellations and imports', async () => {
    assert.deepEqual(await checkLedgerTotals(db, org), []);
    const [t] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM receivable_totals WHERE org_id = $1', [org]);
    assert.ok(t!.n > 5, 'the totals hold rows');
  });

  it('are found out when they drift, and rebuilt to the count from scratch', async () => {
    await db.query(`UPDATE receivable_totals SET balance = balance + 1 WHERE org_id = $1 AND currency = 'USD'
      AND due_date = (SELECT min(due_date) FROM receivable_totals WHERE org_id = $1 AND currency = 'USD')`, [org]);
    await db.query(`DELETE FROM customer_receivables WHERE org_id = $1 AND currency = 'MXN'`, [org]);
    const drift = await checkLedgerTotals(db, org);
    assert.deepEqual(drift.map((d) => d.table).sort(), ['customer_receivables', 'receivable_totals']);
    const fixed = await rebuildLedgerTotals(db, org);
    assert.equal(fixed.fixed, 2);
    assert.deepEqual(await checkLedgerTotals(db, org), []);
  });

  it('give the aging report the figures summed invoice by invoice, as of any day', async () => {
    for (const asOf of ['2026-01-31', '2026-02-28', '2026-03-05', '2026-03-10', '2026-03-19', '2026-03-31', '2026-04-30']) {
      const fast = await agingReport(db, org, asOf);
      const slow = await agingFromScratch(asOf);
      assert.deepEqual(fast.totals.map((t) => ({ currency: t.currency, total: Number(t.total), invoices: t.invoices })),
        slow.map((s) => ({ currency: s.currency, total: Number(s.total), invoices: s.invoices })), asOf);
      const overdue = fast.totals.map((t) => ({ currency: t.currency, overdue: Number(t.total) - Number(t.current) }));
      assert.deepEqual(overdue, slow.map((s) => ({ currency: s.currency, overdue: Number(s.overdue) })), asOf);
    }
  });

  it('give the overdue trend the overdue summed invoice by invoice at each week end', async () => {
    const dates = weekEnds('2026-04-02', 10);
    const trend = await overdueTrend(db, org, dates, null);
    for (const [k, date] of dates.entries()) {
      const slow = await agingFromScratch(date);
      for (const s of slow) {
        const point = trend.find((t) => t.currency === s.currency)?.points[k];
        assert.deepEqual({ overdue: point?.overdue ?? 0, invoices: point?.invoices ?? 0 }, { overdue: Number(s.overdue), invoices: s.overdue_invoices }, `${s.currency} ${date}`);
      }
    }
  });

  it('rank the largest debtors as the invoices do', async () => {
    const fast = await agingReport(db, org, '2026-03-31', { customerLimit: 3 });
    const all = await agingReport(db, org, '2026-03-31', { customerLimit: 1000 });
    assert.equal(fast.customers.length, 3);
    assert.deepEqual(fast.customers, all.customers.slice(0, 3));
    for (const line of all.customers) {
      const one = await agingReport(db, org, '2026-03-31', { customerId: line.customer_id });
      assert.deepEqual(one.customers.find((c) => c.currency === line.currency), line);
    }
  });
});
