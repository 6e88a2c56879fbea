// Overdue at the end of each of the last weeks, per currency, read from the ledger in one pass (the aging report's rule).
import type { Queryable } from '../db/index.ts';
import { addDays, type CalendarDate } from '../domain/dates.ts';

export interface TrendPoint { date: CalendarDate; overdue: number; invoices: number }
export interface CurrencyTrend { currency: string; points: TrendPoint[] }

/** The week ends looked at, oldest first: `asOf` and each day 7, 14, ... days before it. */
export function weekEnds(asOf: CalendarDate, weeks: number): CalendarDate[] {
  return Array.from({ length: weeks }, (_, i) => addDays(asOf, -7 * (weeks - 1 - i)));
}

/**
 * Every change to an invoice's balance dated after $2, signed: adjustments add as stored, allocations take away, and a
 * reversal undoes either on the day of its reversal (never before its own date), as the aging report counts them.
 */
const CHANGES_AFTER = `
  SELECT invoice_id, date AS d, amount AS amt FROM adjustments WHERE org_id = $1 AND date > $2::date
  UNION ALL
  SELECT invoice_id, GREATEST(date, reversed_at::date), -amount FROM adjustments
  WHERE org_id = $1 AND reversed_at IS NOT NULL AND GREATEST(date, reversed_at::date) > $2::date
  UNION ALL
  SELECT l.invoice_id, p.date, -l.amount FROM payments p JOIN allocations l ON l.payment_id = p.id WHERE p.org_id = $1 AND p.date > $2::date
  UNION ALL
  SELECT l.invoice_id, GREATEST(p.date, l.reversed_at::date), l.amount FROM allocations l JOIN payments p ON p.id = l.payment_id
  WHERE l.org_id = $1 AND l.reversed_at IS NOT NULL AND GREATEST(p.date, l.reversed_at::date) > $2::date`;

/**
 * Overdue (balances above zero past their due date) at the end of each of `dates`, per currency; `currency` keeps one.
 * Read backwards from each invoice's stored balance (amount + live adjustments - live allocations): the balance at the end
 * of a day is the stored one less every change dated after it. So only invoices open now, or changed since the first
 * date, are read: an invoice settled before it and untouched since was never overdue in the window.
 */
export async function overdueTrend(q: Queryable, orgId: string, dates: CalendarDate[], currency: string | null): Promise<CurrencyTrend[]> {
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (!first || !last) return [];
  // $5.. are the dates: for each, the changes after it, then the invoice's balance then, counted when issued and past due
  const changeCols = dates.map((_, k) => `sum(amt) FILTER (WHERE d > $${k + 5}::date) AS c${k}`).join(', ');
  const sums = dates.map((_, k) => {
    const bal = `i.balance - COALESCE(c.c${k}, 0)`;
    const when = `i.issue_date <= $${k + 5}::date AND i.due_date < $${k + 5}::date AND ${bal} > 0`;
    return `COALESCE(sum(${bal}) FILTER (WHERE ${when}), 0)::bigint AS o${k}, count(*) FILTER (WHERE ${when})::int AS n${k}`;
  }).join(',\n');
  const cols = 'id, currency, balance, issue_date, due_date';
  const rows = await q.query<Record<string, number | string>>(
    `WITH c AS (SELECT invoice_id, ${changeCols} FROM (${CHANGES_AFTER}) ch GROUP BY invoice_id),
     i AS (
       SELECT ${cols} FROM invoices
       WHERE org_id = $1 AND balance > 0 AND NOT cancelled AND due_date < $3::date AND issue_date <= $3::date AND ($4::text IS NULL OR currency = $4)
       UNION ALL
       SELECT ${cols.split(', ').map((x) => `v.${x}`).join(', ')} FROM c JOIN invoices v ON v.id = c.invoice_id
       WHERE v.org_id = $1 AND NOT (v.balance > 0) AND NOT v.cancelled AND v.due_date < $3::date AND v.issue_date <= $3::date
         AND ($4::text IS NULL OR v.currency = $4))
     SELECT i.currency, ${sums}
     FROM i LEFT JOIN c ON c.invoice_id = i.id
     GROUP BY i.currency ORDER BY i.currency`,
    [orgId, first, last, currency, ...dates]);
  return rows.map((r) => ({
    currency: String(r.currency),
    points: dates.map((date, k) => ({ date, overdue: Number(r[`o${k}`]), invoices: Number(r[`n${k}`]) })),
  })).filter((t) => t.points.some((p) => p.invoices > 0));
}
