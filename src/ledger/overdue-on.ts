// The customers overdue at the end of a past day and what they owed then, from the stored daily steps of each invoice's
// balance (invoice_balance_steps, migration 042): the same rows and rule as the dashboard's overdue trend, so the balances
// of the customers behind a trend point add up to that point.
import type { Queryable } from '../db/index.ts';
import { addDays, isCalendarDate, type CalendarDate } from '../domain/dates.ts';
import { fail, type Result } from '../domain/result.ts';
import type { Filter } from './page.ts';

export interface OverdueOnBalance { currency: string; amount: number; invoices: number }
export interface OverdueOn { date: CalendarDate; balances: OverdueOnBalance[] }

/** Filters that count today's balances, which `overdue_on` (a past day's) does not combine with. */
const TODAYS = ['overdue', 'dpd_min', 'dpd_max', 'as_of'] as const;

/**
 * Why an `overdue_on` filter cannot be read, naming the field: not a date, a day after today (its balances are not known;
 * `today` is the UTC date, a day's grace for zones ahead of UTC), or beside a filter on today's balances. `prefix` is put
 * before the field's name (`querystring.`, as the API names a query parameter its schema refuses).
 */
export function overdueOnProblem(p: { overdue_on?: string } & Partial<Record<(typeof TODAYS)[number], unknown>>, today: CalendarDate,
  prefix = ''): Result<never> | null {
  if (p.overdue_on === undefined) return null;
  const field = `${prefix}overdue_on`;
  if (!isCalendarDate(p.overdue_on)) return fail('VALIDATION_FAILED', 'overdue_on must be a date YYYY-MM-DD', field);
  if (p.overdue_on > addDays(today, 1)) return fail('VALIDATION_FAILED', `overdue_on ${p.overdue_on} is after today: balances of a later day are not known`, field);
  const clash = TODAYS.find((k) => p[k] !== undefined);
  if (clash) return fail('VALIDATION_FAILED', `overdue_on counts the balances of that day and cannot be combined with ${clash}, which counts today's`, `${prefix}${clash}`);
  return null;
}

/** Keeps the customers with an invoice overdue at the end of `date` (in `currency` when given). */
export function addOverdueOnFilter(f: Filter, orgId: string, date: CalendarDate, currency: string | undefined): void {
  const c = currency ?? null;
  // an invoice owing at the end of the day: its steps up to then (+1 when it starts owing, -1 when it stops) add up above zero
  f.add(`EXISTS (SELECT 1 FROM invoices i WHERE i.org_id = ? AND i.customer_id = customers.id
    AND (SELECT sum(s.invoices) FROM invoice_balance_steps s WHERE s.org_id = i.org_id AND s.invoice_id = i.id
      AND s.date <= ?::date AND s.due_date < ?::date AND (?::text IS NULL OR s.currency = ?)) > 0)`, orgId, date, date, c, c);
}

/** What each of the customers owed overdue at the end of `date`, per currency (one currency when given), largest first. */
export async function overdueBalancesOn(q: Queryable, orgId: string, customerIds: readonly string[], date: CalendarDate,
  currency: string | undefined): Promise<Map<string, OverdueOnBalance[]>> {
  const out = new Map<string, OverdueOnBalance[]>();
  if (customerIds.length === 0) return out;
  const rows = await q.query<{ customer_id: string; currency: string; amount: string | number; invoices: string | number }>(
    `SELECT i.customer_id, s.currency, sum(s.amount)::bigint AS amount, sum(s.invoices)::int AS invoices
     FROM invoices i JOIN invoice_balance_steps s ON s.org_id = i.org_id AND s.invoice_id = i.id
     WHERE i.org_id = $1 AND i.customer_id = ANY($2::text[]) AND s.date <= $3::date AND s.due_date < $3::date
       AND ($4::text IS NULL OR s.currency = $4)
     GROUP BY i.customer_id, s.currency HAVING sum(s.invoices) > 0
     ORDER BY i.customer_id, sum(s.amount) DESC, s.currency`, [orgId, [...customerIds], date, currency ?? null]);
  for (const r of rows) {
    out.set(r.customer_id, [...(out.get(r.customer_id) ?? []), { currency: r.currency, amount: Number(r.amount), invoices: Number(r.invoices) }]);
  }
  return out;
}
