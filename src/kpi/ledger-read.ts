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
 * Invoices whose balances at the two ends the stored steps may not give as the events do: steps count an event dated
 * before the invoice's issue from the issue date (so an invoice issued after $5 with an adjustment dated before it,
 * early_adjusted_invoices, may have owed something at the opening) and a reversal on its day in UTC, where the KPIs take
 * it on its day in the org's zone $4 (the two days differ by one at most, so only a reversal on a UTC day D or D + 1,
 * D one of the two ends, can fall on the other side of D).
 */
const STEPS_DIFFER = `
  SELECT e.invoice_id AS id FROM early_adjusted_invoices e JOIN invoices i ON i.id = e.invoice_id
  WHERE e.org_id = $1 AND i.issue_date > $5::date AND i.issue_date <= $2::date
  UNION SELECT invoice_id FROM adjustments WHERE org_id = $1 AND reversed_at IS NOT NULL AND (
    reversed_at >= $5::date::timestamp AT TIME ZONE 'UTC' AND reversed_at < ($5::date + 2)::timestamp AT TIME ZONE 'UTC'
    OR reversed_at >= $2::date::timestamp AT TIME ZONE 'UTC' AND reversed_at < ($2::date + 2)::timestamp AT TIME ZONE 'UTC')
  UNION SELECT invoice_id FROM allocations WHERE org_id = $1 AND reversed_at IS NOT NULL AND (
    reversed_at >= $5::date::timestamp AT TIME ZONE 'UTC' AND reversed_at < ($5::date + 2)::timestamp AT TIME ZONE 'UTC'
    OR reversed_at >= $2::date::timestamp AT TIME ZONE 'UTC' AND reversed_at < ($2::date + 2)::timestamp AT TIME ZONE 'UTC')`;

/**
 * Balances at the end of `openingDay` and of `closingDay`, per currency and due date (see DueDateBalances), from the
 * stored steps of floored balances (balance_daily and invoice_balance_steps, migration 042, kept by the ledger's
 * triggers): owed at the end of day D is the sum of the steps dated D or before. What was carried, min(opening, closing)
 * invoice by invoice, is the opening less what the invoices whose steps in the period add up to a fall lost (found
 * through their falling steps, index of migration 044). The few invoices of STEPS_DIFFER are read from their events
 * instead, their steps taken off.
 */
export async function balancesByDueDate(
  q: Queryable, s: LedgerScope, openingDay: CalendarDate, closingDay: CalendarDate,
): Promise<(DueDateBalances & { currency: string })[]> {
  const cur = `($3::text IS NULL OR currency = $3)`;
  return q.query(
    `WITH t AS (${STEPS_DIFFER}),
     -- an array of ids: the invoices are read one by one through their key (as IN (...) the planner may scan them all)
     ${events('id = ANY (ARRAY(SELECT id FROM t))')},
     b AS (
       SELECT invoice_id, currency, due_date, GREATEST(COALESCE(sum(amt) FILTER (WHERE d <= $5::date), 0), 0) AS o,
              GREATEST(sum(amt), 0) AS c
       FROM ev WHERE d <= $2::date GROUP BY invoice_id, currency, due_date),
     -- the steps of those invoices, taken off (cancelled invoices and those issued after $2 have none by then)
     sb AS (
       SELECT currency, due_date, COALESCE(sum(amount) FILTER (WHERE date <= $5::date), 0) AS o, sum(amount) AS c,
              COALESCE(sum(invoices) FILTER (WHERE date <= $5::date), 0) AS oi, sum(invoices) AS ci
       FROM invoice_balance_steps WHERE invoice_id = ANY (ARRAY(SELECT id FROM t)) AND org_id = $1 AND date <= $2::date AND ${cur}
       GROUP BY invoice_id, currency, due_date),
     -- what the invoices whose balance fell over the period lost: min(opening, closing) = opening - the fall
     fell AS (
       SELECT currency, due_date, sum(amount) AS delta FROM invoice_balance_steps
       WHERE invoice_id = ANY (ARRAY(SELECT DISTINCT invoice_id FROM invoice_balance_steps
                                     WHERE org_id = $1 AND amount < 0 AND date > $5::date AND date <= $2::date))
         AND org_id = $1 AND date > $5::date AND date <= $2::date AND ${cur}
       GROUP BY invoice_id, currency, due_date HAVING sum(amount) < 0),
     x AS (
       SELECT currency, due_date, COALESCE(sum(amount) FILTER (WHERE date <= $5::date), 0) AS o, sum(amount) AS c,
              COALESCE(sum(amount) FILTER (WHERE date <= $5::date), 0) AS carried,
              COALESCE(sum(invoices) FILTER (WHERE date <= $5::date), 0) AS oi, sum(invoices) AS ci
       FROM balance_daily WHERE org_id = $1 AND date <= $2::date AND ${cur} GROUP BY currency, due_date
       UNION ALL
       SELECT currency, due_date, 0, 0, delta, 0, 0 FROM fell
       UNION ALL
       SELECT currency, due_date, -o, -c, -LEAST(o, c), -oi, -ci FROM sb
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
