// Reads of the ledger for KPIs, set-based: every change to an invoice's balance as a dated event, then balances at two
// dates grouped by due date, and the daily flows of each kind. Analytics reads the ledger's tables here, and only here.
import type { Queryable } from '../db/index.ts';
import type { CalendarDate } from '../domain/dates.ts';
import type { DueDateBalances } from './roll-rates.ts';

/**
 * $1 org, $2 the last day looked at, $3 currency or null, $4 the org's time zone (a reversal's instant becomes a date in it).
 * Each event is signed as it moves the balance: the invoice and fees add, credit notes, discounts, write-offs and payments
 * take away. A reversed adjustment or allocation is undone on the day of its reversal (never before its own date), so the
 * balance on any day is the sum of the events up to it: the aging report's rule. Cancelled invoices are left out.
 */
const EVENTS = `
  inv AS (
    SELECT id, currency, due_date, issue_date, amount FROM invoices
    WHERE org_id = $1 AND NOT cancelled AND issue_date <= $2::date AND ($3::text IS NULL OR currency = $3)),
  ev AS (
    SELECT id AS invoice_id, currency, due_date, 'invoiced' AS kind, issue_date AS d, amount AS amt FROM inv
    UNION ALL
    SELECT a.invoice_id, inv.currency, inv.due_date, a.kind, a.date, a.amount
    FROM adjustments a JOIN inv ON inv.id = a.invoice_id WHERE a.org_id = $1
    UNION ALL
    SELECT a.invoice_id, inv.currency, inv.due_date, a.kind, GREATEST(a.date, (a.reversed_at AT TIME ZONE $4)::date), -a.amount
    FROM adjustments a JOIN inv ON inv.id = a.invoice_id WHERE a.org_id = $1 AND a.reversed_at IS NOT NULL
    UNION ALL
    SELECT l.invoice_id, inv.currency, inv.due_date, 'collected', p.date, -l.amount
    FROM allocations l JOIN payments p ON p.id = l.payment_id JOIN inv ON inv.id = l.invoice_id WHERE l.org_id = $1
    UNION ALL
    SELECT l.invoice_id, inv.currency, inv.due_date, 'collected', GREATEST(p.date, (l.reversed_at AT TIME ZONE $4)::date), l.amount
    FROM allocations l JOIN payments p ON p.id = l.payment_id JOIN inv ON inv.id = l.invoice_id
    WHERE l.org_id = $1 AND l.reversed_at IS NOT NULL)`;

export interface LedgerScope { orgId: string; currency: string | null; timeZone: string }

/** Balances at the end of `openingDay` and of `closingDay`, per currency and due date (see DueDateBalances). */
export async function balancesByDueDate(
  q: Queryable, s: LedgerScope, openingDay: CalendarDate, closingDay: CalendarDate,
): Promise<(DueDateBalances & { currency: string })[]> {
  return q.query(
    `WITH ${EVENTS},
     b AS (
       SELECT invoice_id, currency, due_date, GREATEST(COALESCE(sum(amt) FILTER (WHERE d <= $5::date), 0), 0) AS o,
              GREATEST(sum(amt), 0) AS c
       FROM ev WHERE d <= $2::date GROUP BY invoice_id, currency, due_date)
     SELECT currency, due_date, sum(o)::bigint AS opening, sum(c)::bigint AS closing, sum(LEAST(o, c))::bigint AS carried,
            count(*) FILTER (WHERE o > 0)::int AS opening_invoices, count(*) FILTER (WHERE c > 0)::int AS closing_invoices
     FROM b GROUP BY currency, due_date HAVING sum(o) > 0 OR sum(c) > 0 ORDER BY currency, due_date`,
    [s.orgId, closingDay, s.currency, s.timeZone, openingDay]);
}

export type FlowKind = 'invoiced' | 'late_fee' | 'interest' | 'discount' | 'write_off' | 'credit_note' | 'collected';

/** What moved balances each day from `first` to `last`, per currency and kind (signed as it moves the balance). */
export async function dailyFlows(
  q: Queryable, s: LedgerScope, first: CalendarDate, last: CalendarDate,
): Promise<{ currency: string; kind: FlowKind; d: CalendarDate; amount: number }[]> {
  return q.query(
    `WITH ${EVENTS}
     SELECT currency, kind, d, sum(amt)::bigint AS amount FROM ev WHERE d >= $5::date AND d <= $2::date
     GROUP BY currency, kind, d HAVING sum(amt) <> 0 ORDER BY currency, d, kind`,
    [s.orgId, last, s.currency, s.timeZone, first]);
}
