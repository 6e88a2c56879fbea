// Overdue at the end of each of the last weeks, per currency, from the stored daily steps of balances (the aging report's rule).
import type { Queryable } from '../db/index.ts';
import { addDays, type CalendarDate } from '../domain/dates.ts';

export interface TrendPoint { date: CalendarDate; overdue: number; invoices: number }
export interface CurrencyTrend { currency: string; points: TrendPoint[] }

/** The week ends looked at, oldest first: `asOf` and each day 7, 14, ... days before it. */
export function weekEnds(asOf: CalendarDate, weeks: number): CalendarDate[] {
  return Array.from({ length: weeks }, (_, i) => addDays(asOf, -7 * (weeks - 1 - i)));
}

/**
 * Overdue (balances above zero past their due date) at the end of each of `dates`, per currency; `currency` keeps one.
 * Read from the stored steps of floored balances (balance_daily, migration 042, kept by the ledger's triggers): at the
 * end of day D, the steps dated D or before of the invoices due before D; a row per currency, due date and day.
 */
export async function overdueTrend(q: Queryable, orgId: string, dates: CalendarDate[], currency: string | null): Promise<CurrencyTrend[]> {
  const last = dates[dates.length - 1];
  if (!last) return [];
  // $4.. are the dates
  const due = (k: number) => `due_date < $${k + 4}::date AND date <= $${k + 4}::date`;
  const cols = dates.map((_, k) => `COALESCE(sum(amount) FILTER (WHERE ${due(k)}), 0)::bigint AS o${k}, COALESCE(sum(invoices) FILTER (WHERE ${due(k)}), 0)::int AS n${k}`)
    .join(',\n');
  const rows = await q.query<Record<string, number | string>>(
    `SELECT currency, ${cols} FROM balance_daily
     WHERE org_id = $1 AND due_date < $2::date AND date <= $2::date AND ($3::text IS NULL OR currency = $3)
     GROUP BY currency ORDER BY currency`,
    [orgId, last, currency, ...dates]);
  return rows.map((r) => ({
    currency: String(r.currency),
    points: dates.map((date, k) => ({ date, overdue: Number(r[`o${k}`]), invoices: Number(r[`n${k}`]) })),
  })).filter((t) => t.points.some((p) => p.invoices > 0));
}
