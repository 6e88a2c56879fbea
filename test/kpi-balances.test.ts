// The KPIs' balances at both ends of a period (read from the stored steps of balances, migration 042) on a randomised
// portfolio of an org in Mexico City: payments booked with earlier dates, credits and fees (some dated before the
// invoice's issue), reversals of both at instants whose day in the org's zone is not their day in UTC, cancellations,
// due dates and payment dates moved. After each round, for periods whose ends fall on those days, the figures equal the
// same worked out here from the raw rows, invoice by invoice.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb } from './support/db.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { applyAdjustment, refreshInvoices, reverseAdjustment } from '../src/ledger/index.ts';
import { balancesByDueDate } from '../src/kpi/ledger-read.ts';
import { createOrg } from '../src/orgs/index.ts';
import type { CalendarDate } from '../src/domain/dates.ts';
import type { Db } from '../src/db/index.ts';
import { dice, randomInvoices } from './support/random-ledger.ts';

let db: Db;
let org: string;
const TZ = 'America/Mexico_City';
const SEED = Number(process.env.KPI_BALANCE_SEED ?? 20260316);

const rolls = dice(SEED);
const { rnd, int, pick, day } = rolls;
/** An instant on the day `offset` in UTC: late in the evening (the same day in Mexico City) or early (the day before). */
const instant = (offset: number) => `${day(offset)}T${pick(['23:30', '03:00', '12:00'])}:00Z`;

/**
 * Per currency and due date, from the raw rows: each invoice's events summed up to the end of each day (its amount on its
 * issue date, an event dated before it counting from its own date, a reversal on its day in the org's zone and never
 * before the day of what it undoes), floored at zero; carried is min(opening, closing) invoice by invoice.
 */
async function fromRows(opening: CalendarDate, closing: CalendarDate, currency: string | null) {
  const invoices = await db.query<{ id: string; currency: string; amount: number; issue_date: string; due_date: string }>(
    `SELECT id, currency, amount::int, issue_date::text, due_date::text FROM invoices WHERE org_id = $1 AND NOT cancelled`, [org]);
  const events = await db.query<{ invoice_id: string; d: string; amt: number }>(
    `SELECT invoice_id, date::text AS d, amount::int AS amt FROM adjustments WHERE org_id = $1
     UNION ALL SELECT invoice_id, GREATEST(date, (reversed_at AT TIME ZONE $2)::date)::text, -amount::int FROM adjustments WHERE org_id = $1 AND reversed_at IS NOT NULL
     UNION ALL SELECT l.invoice_id, p.date::text, -l.amount::int FROM allocations l JOIN payments p ON p.id = l.payment_id WHERE l.org_id = $1
     UNION ALL SELECT l.invoice_id, GREATEST(p.date, (l.reversed_at AT TIME ZONE $2)::date)::text, l.amount::int
       FROM allocations l JOIN payments p ON p.id = l.payment_id WHERE l.org_id = $1 AND l.reversed_at IS NOT NULL`,
    [org, TZ]);
  const rows = new Map<string, { currency: string; due_date: string; opening: number; closing: number; carried: number; opening_invoices: number; closing_invoices: number }>();
  for (const inv of invoices) {
    if ((currency && inv.currency !== currency) || inv.issue_date > closing) continue;
    const mine = [{ d: inv.issue_date, amt: inv.amount }, ...events.filter((e) => e.invoice_id === inv.id)];
    const at = (d: string) => Math.max(0, mine.filter((e) => e.d <= d).reduce((s, e) => s + e.amt, 0));
    const [o, c] = [at(opening), at(closing)];
    const key = `${inv.currency} ${inv.due_date}`;
    const r = rows.get(key) ?? { currency: inv.currency, due_date: inv.due_date, opening: 0, closing: 0, carried: 0, opening_invoices: 0, closing_invoices: 0 };
    r.opening += o; r.closing += c; r.carried += Math.min(o, c);
    r.opening_invoices += o > 0 ? 1 : 0; r.closing_invoices += c > 0 ? 1 : 0;
    rows.set(key, r);
  }
  return [...rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, r]) => r).filter((r) => r.opening > 0 || r.closing > 0);
}

/** Ends on the days where things happened (and the day before or after), so reversals near midnight fall on either side. */
const touched: number[] = [];
/** Days of reversals: periods open and close on the day before each (its day in Mexico City when made at 03:00 UTC). */
const reversals: number[] = [];

async function assertBalancesAgree(round: string) {
  const ends = [...new Set([...touched.slice(-12), 30, 59, 90, 120].flatMap((d) => [d - 1, d, d + 1]))];
  const periods = [...Array.from({ length: 12 }, () => [pick(ends), pick(ends)].sort((x, y) => x - y) as [number, number]),
    ...reversals.slice(-8).flatMap((r) => [[r - 1, r + int(0, 20)], [r - int(1, 20), r - 1]] as [number, number][])];
  for (const [a, b] of periods) {
    for (const currency of [null, 'USD', 'EUR']) {
      const got = await balancesByDueDate(db, { orgId: org, currency, timeZone: TZ }, day(a), day(b));
      assert.deepEqual(got, await fromRows(day(a), day(b), currency),
        `seed ${SEED}, ${round}: balances at the ends of ${day(a)} and ${day(b)}, currency ${currency ?? 'all'}`);
    }
  }
}

const invoiceIds: { id: string; customer: string; currency: string }[] = [];
const paymentIds: string[] = [];
const adjustmentIds: string[] = [];

before(async () => {
  db = await testDb();
  org = (await createOrg(db, { name: 'KPI balances', defaultTimezone: TZ })).id;
  invoiceIds.push(...await randomInvoices(db, org, rolls, 120));
});
after(async () => { await db.close(); });

/** One round of writes in random order and with random dates, reversals at instants near midnight. */
async function writes(n: number) {
  for (let k = 0; k < n; k++) {
    const inv = pick(invoiceIds);
    const [row] = await db.query<{ balance: number; cancelled: boolean }>('SELECT balance::int, cancelled FROM invoices WHERE id = $1', [inv.id]);
    const what = int(0, 9);
    const when = int(0, 150);
    if (what <= 3 && row!.balance > 0 && !row!.cancelled) {
      const p = await aPayment(db, org, { customer_id: inv.customer, currency: inv.currency, amount: int(1, row!.balance), date: day(when), allocations: [] });
      paymentIds.push(p.id);
      await db.query(`INSERT INTO allocations (id, org_id, payment_id, invoice_id, amount) VALUES ($1, $2, $3, $4, $5)`,
        [`alc_k${k}_${p.id}`, org, p.id, inv.id, p.amount]);
      await refreshInvoices(db, org, [inv.id]);
    } else if (what <= 5 && !row!.cancelled) {
      // dated anywhere, before the invoice's issue too
      const kind = pick(['late_fee', 'interest', 'credit_note', 'discount', 'write_off'] as const);
      const adds = kind === 'late_fee' || kind === 'interest';
      if (!adds && row!.balance <= 0) continue;
      const r = await applyAdjustment(db, org, 'test', { invoice_id: inv.id, kind, amount: adds ? int(1, 30) * 100 : int(1, row!.balance), date: day(when) });
      if (r.ok) adjustmentIds.push(r.value.id);
    } else if (what === 6 && adjustmentIds.length > 0) {
      const id = pick(adjustmentIds);
      const r = await reverseAdjustment(db, org, 'test', id);
      if (r.ok) await db.query(`UPDATE adjustments SET reversed_at = $2::timestamptz WHERE id = $1`, [id, instant(when)]);
      if (r.ok) reversals.push(when);
    } else if (what === 7 && paymentIds.length > 0) {
      const id = pick(paymentIds);
      if (rnd() < 0.5) {
        const undone = await db.query<{ invoice_id: string }>(`UPDATE allocations SET reversed_at = $2::timestamptz WHERE payment_id = $1 AND reversed_at IS NULL
          RETURNING invoice_id`, [id, instant(when)]);
        await refreshInvoices(db, org, undone.map((u) => u.invoice_id));
        reversals.push(when);
      } else {
        await db.query(`UPDATE payments SET date = $2 WHERE id = $1`, [id, day(when)]);
      }
    } else if (what === 8) {
      await db.query(`UPDATE invoices SET due_date = $2 WHERE id = $1`, [inv.id, day(int(0, 150))]);
    } else if (what === 9 && rnd() < 0.3) {
      await db.query(`UPDATE invoices SET cancelled = NOT cancelled WHERE id = $1`, [inv.id]);
    }
    touched.push(when);
  }
}

describe('the KPI balances read from the stored steps', () => {
  it('equal those of the raw rows at both ends of periods after each round of writes', async () => {
    await assertBalancesAgree('as issued');
    for (let round = 1; round <= 5; round++) {
      await writes(40);
      await assertBalancesAgree(`round ${round}`);
    }
    const [n] = await db.query<{ early: number; reversed: number }>(
      `SELECT (SELECT count(*) FROM early_adjusted_invoices WHERE org_id = $1)::int AS early,
              (SELECT count(*) FROM adjustments WHERE org_id = $1 AND reversed_at IS NOT NULL)::int
              + (SELECT count(*) FROM allocations WHERE org_id = $1 AND reversed_at IS NOT NULL)::int AS reversed`, [org]);
    assert.ok(n!.early > 0 && n!.reversed > 3, `the portfolio has early adjustments and reversals (${JSON.stringify(n)})`);
  });

  it('read an invoice issued in the period with a fee dated before the opening as owing that fee at the opening', async () => {
    const c = await aCustomer(db, org);
    const inv = await anInvoice(db, org, { customer_id: c.id, currency: 'EUR', amount: 10_000, issue_date: '2026-03-10', due_date: '2026-03-20' });
    const fee = await applyAdjustment(db, org, 'test', { invoice_id: inv.id, kind: 'late_fee', amount: 500, date: '2026-02-20' });
    assert.ok(fee.ok);
    const got = await balancesByDueDate(db, { orgId: org, currency: 'EUR', timeZone: TZ }, '2026-02-28', '2026-03-31');
    const mine = got.find((r) => r.due_date === '2026-03-20')!;
    assert.deepEqual(mine, (await fromRows('2026-02-28', '2026-03-31', 'EUR')).find((r) => r.due_date === '2026-03-20'));
    assert.ok(mine.opening >= 500 && mine.opening_invoices >= 1);
  });
});
