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
  SELECT l.invoice_id, p.date, -l.amount FROM payments p CROSS JOIN LATERAL (SELECT l.invoice_id, l.amount FROM allocations l WHERE l.payment_id = p.id OFFSET 0) l WHERE p.org_id = $1 AND p.date > $2::date
  UNION ALL
  SELECT l.invoice_id, GREATEST(p.date, l.reversed_at::date), l.amount FROM allocations l JOIN payments p ON p.id = l.payment_id
  WHERE l.org_id = $1 AND l.reversed_at IS NOT NULL AND GREATEST(p.date, l.reversed_at::date) > $2::date`;

/**
 * Overdue (balances above zero past their due date) at the end of each of `dates`, per currency; `currency` keeps one.
 * Invoices not changed since the first date had at each date the balance stored now: their part comes from the stored
 * open totals (receivable_totals, by issue and due date). The invoices changed since (`c`) are read backwards from their
 * stored balance (amount + live adjustments - live allocations): the balance at the end of a day is the stored one less
 * every change dated after it; their stored part is taken out of the totals and their balance then put in.
 */
export async function overdueTrend(q: Queryable, orgId: string, dates: CalendarDate[], currency: string | null): Promise<CurrencyTrend[]> {
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (!first || !last) return [];
  // $5.. are the dates: for each, the changes after it, then the invoice's balance then, counted when issued and past due
  const changeCols = dates.map((_, k) => `sum(amt) FILTER (WHERE d > $${k + 5}::date) AS c${k}`).join(', ');
  const due = (k: number, prefix = '') => `${prefix}issue_date <= $${k + 5}::date AND ${prefix}due_date < $${k + 5}::date`;
  const stored = dates.map((_, k) => `COALESCE(sum(balance) FILTER (WHERE ${due(k)}), 0) AS o${k}, COALESCE(sum(invoices) FILTER (WHERE ${due(k)}), 0) AS n${k}`).join(',\n');
  const changed = dates.map((_, k) => {
    const then = `i.balance - COALESCE(c.c${k}, 0)`;
    const counted = `${due(k, 'i.')} AND ${then} > 0`;
    const held = `${due(k, 'i.')} AND i.balance > 0`;
    return `COALESCE(sum(${then}) FILTER (WHERE ${counted}), 0) - COALESCE(sum(i.balance) FILTER (WHERE ${held}), 0) AS o${k},
      count(*) FILTER (WHERE ${counted}) - count(*) FILTER (WHERE ${held}) AS n${k}`;
  }).join(',\n');
  const totals = dates.map((_, k) => `sum(o${k})::bigint AS o${k}, sum(n${k})::int AS n${k}`).join(', ');
  const rows = await q.query<Record<string, number | string>>(
    `WITH c AS (SELECT invoice_id, ${changeCols} FROM (${CHANGES_AFTER}) ch GROUP BY invoice_id),
     x AS (
       SELECT currency, ${stored} FROM receivable_totals
       WHERE org_id = $1 AND NOT cancelled AND due_date < $3::date AND issue_date <= $3::date AND ($4::text IS NULL OR currency = $4)
       GROUP BY currency
       UNION ALL
       SELECT i.currency, ${changed}
       FROM c JOIN invoices i ON i.id = c.invoice_id
       WHERE i.org_id = $1 AND NOT i.cancelled AND i.due_date < $3::date AND i.issue_date <= $3::date AND ($4::text IS NULL OR i.currency = $4)
       GROUP BY i.currency)
     SELECT currency, ${totals} FROM x GROUP BY currency ORDER BY currency`,
    [orgId, first, last, currency, ...dates]);
  return rows.map((r) => ({
    currency: String(r.currency),
    points: dates.map((date, k) => ({ date, overdue: Number(r[`o${k}`]), invoices: Number(r[`n${k}`]) })),
  })).filter((t) => t.points.some((p) => p.invoices > 0));
}
