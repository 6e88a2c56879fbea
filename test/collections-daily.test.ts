// The daily totals of collections (payments_daily and collected_daily, migration 037) against a count from scratch after
// payments, reversals, a payment before its invoice's issue date, an allocation cut down, a cancelled invoice, an
// invoice moved to another currency and issue date, and a payment's date changed; and the figures read from them (the
// KPIs' collected flow, the dashboard's collected this week and month, the forecast's received by day) against the
// same figures read payment by payment as they were defined before the totals.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from './support/db.ts';
import { seedKpiPortfolio } from './support/kpi-portfolio.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { checkLedgerTotals, rebuildLedgerTotals, refreshInvoices } from '../src/ledger/index.ts';
import { dailyFlows } from '../src/kpi/ledger-read.ts';
import { collectedSince } from '../src/dashboard/collected.ts';
import { receivedByDay } from '../src/forecast/load.ts';
import type { Db } from '../src/db/index.ts';

let db: Db;
let org: string;
const TZ = 'America/Mexico_City';

before(async () => {
  db = await testDb();
  org = await testOrg(db);
  // partial payments, a reversed payment (reversed on 20 March), EUR and USD (test/kpi.test.ts's portfolio)
  await seedKpiPortfolio(db, org);
  const c = await aCustomer(db, org);
  // paid on 1 March for an invoice issued on 10 March: in the collected flow only up to a day from the 10th
  const early = await anInvoice(db, org, { customer_id: c.id, amount: 40_000, issue_date: '2026-03-10', due_date: '2026-04-09' });
  await aPayment(db, org, { customer_id: c.id, amount: 15_000, date: '2026-03-01', allocations: [{ invoice_id: early.id, amount: 15_000 }] });
  // paid, then cancelled (written as a row: the ledger refuses to cancel a paid invoice): its allocations leave the flow
  const gone = await anInvoice(db, org, { customer_id: c.id, amount: 9_000, issue_date: '2026-02-01', due_date: '2026-02-15' });
  await aPayment(db, org, { customer_id: c.id, amount: 4_000, date: '2026-03-03', allocations: [{ invoice_id: gone.id, amount: 4_000 }] });
  await db.query('UPDATE invoices SET cancelled = true WHERE id = $1', [gone.id]);
  // an invoice whose currency and issue date are corrected after it was paid, and a payment paying two invoices
  const moved = await anInvoice(db, org, { customer_id: c.id, amount: 20_000, issue_date: '2026-02-10', due_date: '2026-03-12' });
  const other = await anInvoice(db, org, { customer_id: c.id, amount: 6_000, issue_date: '2026-02-11', due_date: '2026-03-13' });
  const two = await aPayment(db, org, { customer_id: c.id, amount: 11_000, date: '2026-03-06',
    allocations: [{ invoice_id: moved.id, amount: 5_000 }, { invoice_id: other.id, amount: 6_000 }] });
  await db.query(`UPDATE invoices SET currency = 'MXN', issue_date = '2026-03-08' WHERE id = $1`, [moved.id]);
  // an allocation cut down (as a credit taken back does) and a payment's date corrected
  await db.query('UPDATE allocations SET amount = amount - 1000 WHERE payment_id = $1 AND invoice_id = $2', [two.id, other.id]);
  await refreshInvoices(db, org, [other.id]);
  await db.query(`UPDATE payments SET date = '2026-03-07' WHERE id = $1`, [two.id]);
  // a payment on the org's last day of a week in its zone, and one left unapplied
  await aPayment(db, org, { customer_id: c.id, amount: 2_500, date: '2026-03-16' });
});
after(async () => { await db.close(); });

/** The collected flow as dailyFlows read it before the totals: payment by payment, allocation by allocation. */
async function collectedFromScratch(last: string, from: string, currency: string | null) {
  const inv = `JOIN invoices i ON i.id = x.invoice_id AND i.org_id = $1 AND NOT i.cancelled AND i.issue_date <= $2::date AND ($3::text IS NULL OR i.currency = $3)`;
  const paidUndone = `GREATEST(p.date, (x.reversed_at AT TIME ZONE $4)::date)`;
  return db.query<{ currency: string; kind: string; d: string; amount: number }>(
    `WITH ev AS (
       SELECT i.currency, p.date AS d, -x.amount AS amt FROM payments p JOIN allocations x ON x.payment_id = p.id ${inv}
       WHERE p.org_id = $1 AND p.date >= $5::date AND p.date <= $2::date
       UNION ALL
       SELECT i.currency, ${paidUndone}, x.amount FROM allocations x JOIN payments p ON p.id = x.payment_id ${inv}
       WHERE x.org_id = $1 AND x.reversed_at IS NOT NULL AND ${paidUndone} >= $5::date AND ${paidUndone} <= $2::date)
     SELECT currency, 'collected' AS kind, d, sum(amt)::bigint AS amount FROM ev GROUP BY currency, d HAVING sum(amt) <> 0 ORDER BY currency, d`,
    [org, last, currency, TZ, from]);
}

const asNumbers = <T extends { amount: number | string }>(rows: T[]) => rows.map((r) => ({ ...r, amount: Number(r.amount) }));

describe('the daily totals of collections', () => {
  it('equal a count from scratch after payments, reversals, cancellations and corrections', async () => {
    assert.deepEqual(await checkLedgerTotals(db, org), []);
    const [n] = await db.query<{ p: number; c: number }>(
      `SELECT (SELECT count(*)::int FROM payments_daily WHERE org_id = $1) AS p, (SELECT count(*)::int FROM collected_daily WHERE org_id = $1) AS c`, [org]);
    assert.ok(n!.p > 5 && n!.c > 5, 'both tables hold rows');
    const [early] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM collected_daily WHERE org_id = $1 AND issued_on > date`, [org]);
    assert.equal(early!.n, 2, 'the payment before its invoice and the invoice whose issue date moved past its payment');
  });

  it('give the KPIs the collected flow read allocation by allocation, for any period and currency', async () => {
    for (const [from, last] of [['2026-02-01', '2026-02-28'], ['2026-03-01', '2026-03-09'], ['2026-03-01', '2026-03-31'], ['2026-02-15', '2026-04-30']] as const) {
      for (const currency of [null, 'USD', 'EUR', 'MXN']) {
        const flows = await dailyFlows(db, { orgId: org, currency, timeZone: TZ }, '2025-01-01', from, last);
        const fast = asNumbers(flows.filter((f) => f.kind === 'collected')).map((f) => ({ currency: f.currency, kind: f.kind, d: String(f.d), amount: f.amount }));
        const slow = asNumbers(await collectedFromScratch(last, from, currency)).map((f) => ({ ...f, d: String(f.d) }));
        assert.deepEqual(fast.sort((a, b) => a.currency.localeCompare(b.currency) || a.d.localeCompare(b.d)), slow, `${from}..${last} ${currency}`);
      }
    }
    const march = asNumbers(await collectedFromScratch('2026-03-31', '2026-03-01', 'USD'));
    assert.ok(march.some((f) => f.amount > 0) && march.some((f) => f.amount < 0), 'the reversal is undone on its own day');
  });

  it('give the dashboard its collected this week and month as the payments do', async () => {
    for (const [week, month, asOf] of [['2026-03-09', '2026-03-01', '2026-03-15'], ['2026-03-16', '2026-03-01', '2026-03-16'], ['2026-02-16', '2026-02-01', '2026-02-20']] as const) {
      for (const currency of [null, 'USD', 'EUR']) {
        const fast = await collectedSince(db, org, week, month, asOf, currency);
        const slow = await db.query(
          `SELECT currency,
             COALESCE(sum(amount) FILTER (WHERE date >= $2::date), 0)::bigint AS week, count(*) FILTER (WHERE date >= $2::date)::int AS week_payments,
             COALESCE(sum(amount) FILTER (WHERE date >= $3::date), 0)::bigint AS month, count(*) FILTER (WHERE date >= $3::date)::int AS month_payments
           FROM payments
           WHERE org_id = $1 AND date >= LEAST($2::date, $3::date) AND date <= $4::date AND reversed_at IS NULL AND ($5::text IS NULL OR currency = $5)
           GROUP BY currency ORDER BY currency`, [org, week, month, asOf, currency]);
        assert.deepEqual(fast.map((r) => ({ ...r, week: Number(r.week), month: Number(r.month) })),
          slow.map((r: Record<string, unknown>) => ({ ...r, week: Number(r.week), month: Number(r.month) })), `${asOf} ${currency}`);
      }
    }
  });

  it('give the forecast what was received each day as the payments do', async () => {
    const fast = await receivedByDay(db, org, '2026-02-01', '2026-03-31');
    const slow = await db.query<{ currency: string; date: string; amount: string }>(
      `SELECT currency, date::text AS date, sum(amount) AS amount FROM payments
       WHERE org_id = $1 AND reversed_at IS NULL AND date BETWEEN $2 AND $3 GROUP BY currency, date`, [org, '2026-02-01', '2026-03-31']);
    const key = (r: { currency: string; date: string }) => `${r.currency} ${r.date}`;
    assert.deepEqual([...fast].sort((a, b) => key(a).localeCompare(key(b))),
      slow.map((r) => ({ ...r, amount: Number(r.amount) })).sort((a, b) => key(a).localeCompare(key(b))));
    assert.ok(fast.length >= 6);
  });

  it('are found out when they drift, and rebuilt to the count from scratch', async () => {
    await db.query(`UPDATE payments_daily SET amount = amount + 1 WHERE org_id = $1 AND date = '2026-03-16'`, [org]);
    await db.query(`DELETE FROM collected_daily WHERE org_id = $1 AND currency = 'EUR'`, [org]);
    const drift = await checkLedgerTotals(db, org);
    assert.deepEqual(drift.map((d) => d.table).sort(), ['collected_daily', 'payments_daily']);
    assert.equal((await rebuildLedgerTotals(db, org)).fixed, 2);
    assert.deepEqual(await checkLedgerTotals(db, org), []);
  });
});
