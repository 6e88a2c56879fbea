// Payments received this week and this month, per currency (not reversed), for the dashboard's figures beside the forecast,
// read from the stored daily totals (payments_daily, kept by the payments' triggers): a row a day, not a row a payment.
import type { Queryable } from '../db/index.ts';
import type { CalendarDate } from '../domain/dates.ts';

export interface CollectedLine { currency: string; week: number; week_payments: number; month: number; month_payments: number }

export async function collectedSince(
  q: Queryable, orgId: string, weekFrom: CalendarDate, monthFrom: CalendarDate, asOf: CalendarDate, currency: string | null,
): Promise<CollectedLine[]> {
  return q.query<CollectedLine>(
    `SELECT currency,
       COALESCE(sum(amount) FILTER (WHERE date >= $2::date), 0)::bigint AS week, COALESCE(sum(payments) FILTER (WHERE date >= $2::date), 0)::int AS week_payments,
       COALESCE(sum(amount) FILTER (WHERE date >= $3::date), 0)::bigint AS month, COALESCE(sum(payments) FILTER (WHERE date >= $3::date), 0)::int AS month_payments
     FROM payments_daily
     WHERE org_id = $1 AND date >= LEAST($2::date, $3::date) AND date <= $4::date AND NOT reversed AND ($5::text IS NULL OR currency = $5)
     GROUP BY currency ORDER BY currency`,
    [orgId, weekFrom, monthFrom, asOf, currency]);
}
