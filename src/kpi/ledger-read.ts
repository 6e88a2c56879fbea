// Reads of the ledger for KPIs, set-based: every change to an invoice's balance as a dated event, then balances at two
// dates grouped by due date, and the daily flows of each kind. Analytics reads the ledger's tables here, and only here.
// Both start from the totals the ledger keeps (receivable_totals, invoiced_daily) and read events only where they must.
import type { Queryable } from '../db/index.ts';
import type { CalendarDate } from '../domain/dates.ts';
import type { DueDateBalances } from './roll-rates.ts';

/**
 * $1 org, $2 the last day looked at, $3 currency or null, $4 the org's time zone (a reversal's instant becomes a date in it).
 * Each event is signed as it moves the balance: the invoice and fees add, credit notes, discounts, write-offs and payments
 * take away. A reversed adjustment or allocation is undone on the day of its reversal (never before its own date), so the
 * balance on any day is the sum of the events up to it: the aging report's rule. Cancelled invoices are left out.
 */
const events = (only: string) => `
  inv AS (
    SELECT id, currency, due_date, issue_date, amount, balance FROM invoices
    WHERE org_id = $1 AND NOT cancelled AND issue_date <= $2::date AND ($3::text IS NULL OR currency = $3) AND ${only}),
  ev AS (
    SELECT id AS invoice_id, currency, due_date, 'invoiced' AS kind, issue_date AS d, amount AS amt FROM inv
    UNION ALL
    -- read invoice by invoice through the invoice indexes (OFFSET 0 keeps the planner from hashing whole tables)
    SELECT inv.id, inv.currency, inv.due_date, x.kind, x.d, x.amt FROM inv CROSS JOIN LATERAL (
      SELECT * FROM (
        SELECT a.kind, a.date AS d, a.amount AS amt FROM adjustments a WHERE a.invoice_id = inv.id AND a.org_id = $1
        UNION ALL
        SELECT a.kind, GREATEST(a.date, (a.reversed_at AT TIME ZONE $4)::date), -a.amount FROM adjustments a
        WHERE a.invoice_id = inv.id AND a.org_id = $1 AND a.reversed_at IS NOT NULL
        UNION ALL
        SELECT 'collected', p.date, -l.amount FROM allocations l JOIN payments p ON p.id = l.payment_id WHERE l.invoice_id = inv.id AND l.org_id = $1
        UNION ALL
        SELECT 'collected', GREATEST(p.date, (l.reversed_at AT TIME ZONE $4)::date), l.amount
        FROM allocations l JOIN payments p ON p.id = l.payment_id WHERE l.invoice_id = inv.id AND l.org_id = $1 AND l.reversed_at IS NOT NULL
      ) u OFFSET 0) x)`;

export interface LedgerScope { orgId: string; currency: string | null; timeZone: string }

/**
 * Invoices whose balances at the end of $5 and of $2 may not both be the stored balance: a payment, an adjustment or a
 * reversal of either dated after $5 (a reversal on its day in the org's zone $4, read as a range so indexes serve it),
 * and invoices issued after $5 with an adjustment dated before their issue (early_adjusted_invoices). Every other
 * invoice issued by $5 owed its stored balance at both ends; one issued after $5 owed nothing at the opening.
 */
const CHANGED_AFTER_OPENING = `
  SELECT l.invoice_id AS id FROM payments p CROSS JOIN LATERAL (SELECT l.invoice_id FROM allocations l WHERE l.payment_id = p.id OFFSET 0) l WHERE p.org_id = $1 AND p.date > $5::date
  UNION SELECT invoice_id FROM allocations WHERE org_id = $1 AND reversed_at IS NOT NULL AND reversed_at >= ($5::date + 1)::timestamp AT TIME ZONE $4
  UNION SELECT invoice_id FROM adjustments WHERE org_id = $1 AND date > $5::date
  UNION SELECT invoice_id FROM adjustments WHERE org_id = $1 AND reversed_at IS NOT NULL AND reversed_at >= ($5::date + 1)::timestamp AT TIME ZONE $4
  UNION SELECT e.invoice_id FROM early_adjusted_invoices e JOIN invoices i ON i.id = e.invoice_id WHERE e.org_id = $1 AND i.issue_date > $5::date`;

/** Balances at the end of `openingDay` and of `closingDay`, per currency and due date (see DueDateBalances). */
export async function balancesByDueDate(
  q: Queryable, s: LedgerScope, openingDay: CalendarDate, closingDay: CalendarDate,
): Promise<(DueDateBalances & { currency: string })[]> {
  const scope = `org_id = $1 AND NOT cancelled AND issue_date <= $2::date AND ($3::text IS NULL OR currency = $3)`;
  return q.query(
    `WITH t AS (${CHANGED_AFTER_OPENING}),
     -- an array of ids: the invoices are read one by one through their key (as IN (...) the planner may scan them all)
     ${events('id = ANY (ARRAY(SELECT id FROM t))')},
     b AS (
       SELECT invoice_id, currency, due_date, GREATEST(COALESCE(sum(amt) FILTER (WHERE d <= $5::date), 0), 0) AS o,
              GREATEST(sum(amt), 0) AS c
       FROM ev WHERE d <= $2::date GROUP BY invoice_id, currency, due_date),
     x AS (
       SELECT currency, due_date, COALESCE(sum(balance) FILTER (WHERE issue_date <= $5::date), 0) AS o, sum(balance) AS c,
              COALESCE(sum(balance) FILTER (WHERE issue_date <= $5::date), 0) AS carried,
              COALESCE(sum(invoices) FILTER (WHERE issue_date <= $5::date), 0) AS oi, sum(invoices) AS ci
       FROM receivable_totals WHERE ${scope} GROUP BY currency, due_date
       UNION ALL
       -- their stored part, from the invoices already read for their events (inv: the same scope, the invoices of t)
       SELECT currency, due_date, -(CASE WHEN issue_date <= $5::date THEN balance ELSE 0 END), -balance,
              -(CASE WHEN issue_date <= $5::date THEN balance ELSE 0 END), -(CASE WHEN issue_date <= $5::date THEN 1 ELSE 0 END), -1
       FROM inv WHERE balance > 0
       UNION ALL
       SELECT currency, due_date, o, c, LEAST(o, c), CASE WHEN o > 0 THEN 1 ELSE 0 END, CASE WHEN c > 0 THEN 1 ELSE 0 END FROM b)
     SELECT currency, due_date, sum(o)::bigint AS opening, sum(c)::bigint AS closing, sum(carried)::bigint AS carried,
            sum(oi)::int AS opening_invoices, sum(ci)::int AS closing_invoices
     FROM x GROUP BY currency, due_date HAVING sum(o) > 0 OR sum(c) > 0 ORDER BY currency, due_date`,
    [s.orgId, closingDay, s.currency, s.timeZone, openingDay]);
}

export type FlowKind = 'invoiced' | 'late_fee' | 'interest' | 'discount' | 'write_off' | 'credit_note' | 'collected';

/**
 * What moved balances each day, per currency and kind (signed as it moves the balance): invoiced (from the stored daily
 * totals) and adjustments from `first` to `last`, collections only from `collectedFrom` (the callers need them only in
 * the period; from the stored daily totals, collected_daily). An adjustment or allocation reversed is undone on the day
 * of its reversal, never before its own date.
 */
export async function dailyFlows(
  q: Queryable, s: LedgerScope, first: CalendarDate, collectedFrom: CalendarDate, last: CalendarDate,
): Promise<{ currency: string; kind: FlowKind; d: CalendarDate; amount: number }[]> {
  const inv = `JOIN invoices i ON i.id = x.invoice_id AND i.org_id = $1 AND NOT i.cancelled AND i.issue_date <= $2::date AND ($3::text IS NULL OR i.currency = $3)`;
  const undone = `GREATEST(x.date, (x.reversed_at AT TIME ZONE $4)::date)`;
  const paidUndone = `GREATEST(p.date, (x.reversed_at AT TIME ZONE $4)::date)`;
  return q.query(
    `WITH ev AS (
       SELECT currency, 'invoiced' AS kind, issue_date AS d, amount AS amt FROM invoiced_daily
       WHERE org_id = $1 AND NOT cancelled AND issue_date >= $5::date AND issue_date <= $2::date AND ($3::text IS NULL OR currency = $3)
       UNION ALL
       SELECT i.currency, x.kind, x.date, x.amount FROM adjustments x ${inv} WHERE x.org_id = $1 AND x.date >= $5::date AND x.date <= $2::date
       UNION ALL
       SELECT i.currency, x.kind, ${undone}, -x.amount FROM adjustments x ${inv}
       WHERE x.org_id = $1 AND x.reversed_at IS NOT NULL AND ${undone} >= $5::date AND ${undone} <= $2::date
       UNION ALL
       -- every allocation on its payment's day, from the stored daily totals (issued_on <= $2: invoices issued by then)
       SELECT currency, 'collected', date, -amount FROM collected_daily
       WHERE org_id = $1 AND date >= $6::date AND date <= $2::date AND issued_on <= $2::date AND ($3::text IS NULL OR currency = $3)
       UNION ALL
       SELECT i.currency, 'collected', ${paidUndone}, x.amount FROM allocations x JOIN payments p ON p.id = x.payment_id ${inv}
       WHERE x.org_id = $1 AND x.reversed_at IS NOT NULL AND ${paidUndone} >= $6::date AND ${paidUndone} <= $2::date)
     SELECT currency, kind, d, sum(amt)::bigint AS amount FROM ev
     GROUP BY currency, kind, d HAVING sum(amt) <> 0 ORDER BY currency, d, kind`,
    [s.orgId, last, s.currency, s.timeZone, first, collectedFrom]);
}
