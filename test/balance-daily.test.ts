// The stored daily steps of balances (invoice_balance_steps and balance_daily, migration 042) on a randomised portfolio:
// payments booked with earlier dates than what is already there, credits, late fees, reversals of both (on a day of
// their own), cancellations, due dates and payment dates moved. After each round the dashboard's overdue trend read from
// them equals the same figures worked out here from the raw rows, invoice by invoice; `cobro totals check` finds nothing
// and `repair` puts back rows damaged by hand.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { applyAdjustment, checkLedgerTotals, rebuildLedgerTotals, refreshInvoices, reverseAdjustment } from '../src/ledger/index.ts';
import { overdueTrend, weekEnds } from '../src/dashboard/index.ts';
import type { CalendarDate } from '../src/domain/dates.ts';
import type { Db } from '../src/db/index.ts';
import { dice, randomInvoices } from './support/random-ledger.ts';

let db: Db;
let org: string;
const SEED = Number(process.env.BALANCE_SEED ?? 20260315);

const rolls = dice(SEED);
const { rnd, int, pick, day } = rolls;

/**
 * Overdue at the end of each date, per currency, from the raw rows: each invoice's events summed up to the day (a
 * reversal on its day in UTC, never before the day of what it undoes).
 */
async function overdueFromRows(dates: CalendarDate[], currency: string | null) {
  const invoices = await db.query<{ id: string; currency: string; amount: number; issue_date: string; due_date: string }>(
    `SELECT id, currency, amount::int, issue_date::text, due_date::text FROM invoices WHERE org_id = $1 AND NOT cancelled`, [org]);
  const events = await db.query<{ invoice_id: string; d: string; amt: number }>(
    `SELECT invoice_id, date::text AS d, amount::int AS amt FROM adjustments WHERE org_id = $1
     UNION ALL SELECT invoice_id, GREATEST(date, (reversed_at AT TIME ZONE 'UTC')::date)::text, -amount::int FROM adjustments WHERE org_id = $1 AND reversed_at IS NOT NULL
     UNION ALL SELECT l.invoice_id, p.date::text, -l.amount::int FROM allocations l JOIN payments p ON p.id = l.payment_id WHERE l.org_id = $1
     UNION ALL SELECT l.invoice_id, GREATEST(p.date, (l.reversed_at AT TIME ZONE 'UTC')::date)::text, l.amount::int
       FROM allocations l JOIN payments p ON p.id = l.payment_id WHERE l.org_id = $1 AND l.reversed_at IS NOT NULL`,
    [org]);
  const out = new Map<string, { overdue: number; invoices: number }[]>();
  for (const inv of invoices) {
    if (currency && inv.currency !== currency) continue;
    const mine = events.filter((e) => e.invoice_id === inv.id);
    const points = out.get(inv.currency) ?? dates.map(() => ({ overdue: 0, invoices: 0 }));
    dates.forEach((d, k) => {
      if (inv.issue_date > d || inv.due_date >= d) return;
      const balance = inv.amount + mine.filter((e) => e.d <= d).reduce((s, e) => s + e.amt, 0);
      if (balance > 0) { points[k]!.overdue += balance; points[k]!.invoices += 1; }
    });
    out.set(inv.currency, points);
  }
  return [...out.entries()].sort(([a], [b]) => a.localeCompare(b))
    .map(([c, points]) => ({ currency: c, points: dates.map((date, k) => ({ date, ...points[k]! })) }))
    .filter((t) => t.points.some((p) => p.invoices > 0));
}

async function assertTrendsAgree(round: string) {
  for (const asOf of ['2026-02-01', '2026-03-15', '2026-04-20', '2026-06-30'] as const) {
    for (const currency of [null, 'USD', 'EUR']) {
      const dates = weekEnds(asOf, 12);
      assert.deepEqual(await overdueTrend(db, org, dates, currency), await overdueFromRows(dates, currency),
        `seed ${SEED}, ${round}: overdue trend as of ${asOf}, currency ${currency ?? 'all'}`);
    }
  }
  assert.deepEqual(await checkLedgerTotals(db, org), [], `seed ${SEED}, ${round}: stored totals`);
}

const invoiceIds: { id: string; customer: string; currency: string }[] = [];
const paymentIds: string[] = [];
const adjustmentIds: string[] = [];

before(async () => {
  db = await testDb();
  org = await testOrg(db);
  invoiceIds.push(...await randomInvoices(db, org, rolls, 100));
});
after(async () => { await db.close(); });

/** One round of writes in random order and with random dates (earlier than what is there as often as later). */
async function writes(n: number) {
  for (let k = 0; k < n; k++) {
    const inv = pick(invoiceIds);
    const [row] = await db.query<{ balance: number; cancelled: boolean }>('SELECT balance::int, cancelled FROM invoices WHERE id = $1', [inv.id]);
    const what = int(0, 9);
    if (what <= 3 && row!.balance > 0 && !row!.cancelled) {
      const p = await aPayment(db, org, { customer_id: inv.customer, currency: inv.currency, amount: int(1, row!.balance), date: day(int(0, 170)),
        allocations: [] });
      paymentIds.push(p.id);
      await db.query(`INSERT INTO allocations (id, org_id, payment_id, invoice_id, amount) VALUES ($1, $2, $3, $4, $5)`,
        [`alc_t${k}_${p.id}`, org, p.id, inv.id, p.amount]);
      await refreshInvoices(db, org, [inv.id]);
    } else if (what <= 5 && !row!.cancelled) {
      const kind = pick(['late_fee', 'interest', 'credit_note', 'discount', 'write_off'] as const);
      const adds = kind === 'late_fee' || kind === 'interest';
      if (!adds && row!.balance <= 0) continue;
      const r = await applyAdjustment(db, org, 'test', { invoice_id: inv.id, kind, amount: adds ? int(1, 30) * 100 : int(1, row!.balance), date: day(int(0, 170)) });
      if (r.ok) adjustmentIds.push(r.value.id);
    } else if (what === 6 && adjustmentIds.length > 0) {
      const id = pick(adjustmentIds);
      const r = await reverseAdjustment(db, org, 'test', id);
      // reversed on a day of its own, before or after its date (a reversal never counts before the adjustment's day)
      if (r.ok) await db.query(`UPDATE adjustments SET reversed_at = $2::timestamptz WHERE id = $1`, [id, `${day(int(0, 170))}T23:30:00Z`]);
    } else if (what === 7 && paymentIds.length > 0) {
      // a payment's allocations reversed on a day of their own; or its date corrected to an earlier or later day
      const id = pick(paymentIds);
      if (rnd() < 0.5) {
        const undone = await db.query<{ invoice_id: string }>(`UPDATE allocations SET reversed_at = $2::timestamptz WHERE payment_id = $1 AND reversed_at IS NULL
          RETURNING invoice_id`, [id, `${day(int(0, 170))}T08:00:00Z`]);
        await refreshInvoices(db, org, undone.map((u) => u.invoice_id));
      } else {
        await db.query(`UPDATE payments SET date = $2 WHERE id = $1`, [id, day(int(0, 170))]);
      }
    } else if (what === 8) {
      await db.query(`UPDATE invoices SET due_date = $2 WHERE id = $1`, [inv.id, day(int(0, 150))]);
    } else if (what === 9 && rnd() < 0.3) {
      await db.query(`UPDATE invoices SET cancelled = NOT cancelled WHERE id = $1`, [inv.id]);
    }
  }
}

describe('the stored daily steps of balances', () => {
  it('give the overdue trend the figures of the raw rows after each round of writes, backdated ones included', async () => {
    await assertTrendsAgree('as issued');
    for (let round = 1; round <= 4; round++) {
      await writes(40);
      await assertTrendsAgree(`round ${round}`);
    }
    const [n] = await db.query<{ steps: number; back: number }>(
      `SELECT count(*)::int AS steps, count(*) FILTER (WHERE amount < 0)::int AS back FROM invoice_balance_steps WHERE org_id = $1`, [org]);
    assert.ok(n!.steps > 40 && n!.back > 10, `the steps include payments and credits (${JSON.stringify(n)})`);
  });

  it('floor a balance taken below zero by a payment booked before a late fee, and count it again when the fee comes', async () => {
    const c = await aCustomer(db, org);
    const inv = await anInvoice(db, org, { customer_id: c.id, amount: 10_000, issue_date: '2026-01-05', due_date: '2026-01-10' });
    const fee = await applyAdjustment(db, org, 'test', { invoice_id: inv.id, kind: 'late_fee', amount: 2_000, date: '2026-02-20' });
    assert.ok(fee.ok);
    // 12,000 paid on 1 February, before the fee's day: -2,000 from then (counted as nothing), 0 from 20 February
    await aPayment(db, org, { customer_id: c.id, amount: 12_000, date: '2026-02-01', allocations: [{ invoice_id: inv.id, amount: 12_000 }] });
    const steps = await db.query<{ date: string; amount: number; invoices: number }>(
      `SELECT date::text, amount::int, invoices FROM invoice_balance_steps WHERE invoice_id = $1 ORDER BY date`, [inv.id]);
    assert.deepEqual(steps, [{ date: '2026-01-05', amount: 10_000, invoices: 1 }, { date: '2026-02-01', amount: -10_000, invoices: -1 }]);
    await assertTrendsAgree('floored');
  });

  it('are found by `totals check` when damaged, and rebuilt by `totals repair`', async () => {
    await db.query(`UPDATE balance_daily SET amount = amount + 1 WHERE org_id = $1 AND date = (SELECT min(date) FROM balance_daily WHERE org_id = $1)`, [org]);
    await db.query(`DELETE FROM invoice_balance_steps WHERE invoice_id = $1`, [invoiceIds[0]!.id]);
    const diff = await checkLedgerTotals(db, org);
    assert.ok(diff.some((d) => d.table === 'balance_daily'), 'balance_daily named');
    assert.ok(diff.some((d) => d.table === 'invoice_balance_steps' && d.key.invoice_id === invoiceIds[0]!.id), 'the invoice whose steps went');
    const r = await rebuildLedgerTotals(db, org);
    assert.equal(r.fixed, diff.length);
    await assertTrendsAgree('repaired');
  });
});
