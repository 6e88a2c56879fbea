// An org's own quiet days (Settings > Calendars, table org_holidays), which the engine's business-day arithmetic closes
// besides the country's holidays, as the contact gate does.
import type { Queryable } from '../db/index.ts';
import type { CalendarDate } from '../domain/index.ts';
import { onOrAfterBusinessDay, withClosedDays } from './calendar/index.ts';

/** The org's quiet days, date -> name; empty when it has none. */
export async function orgClosedDays(q: Queryable, orgId: string): Promise<ReadonlyMap<CalendarDate, string>> {
  const rows = await q.query<{ date: CalendarDate; name: string }>('SELECT date::text AS date, name FROM org_holidays WHERE org_id = $1', [orgId]);
  return new Map(rows.map((r) => [r.date, r.name]));
}

/**
 * The day something falling due on a date is due (a plan's instalments): the date itself on a business day of the
 * customer's country (else the org's), of its region where cobro keeps that region's holidays, and of the org, else the
 * next business day.
 */
export async function dueOnBusinessDays(q: Queryable, orgId: string, country: string | null, region?: string | null): Promise<(date: CalendarDate) => CalendarDate> {
  // a customer of no known country takes the org's (weekends only when neither is known)
  const own = country ?? (await q.query<{ country: string | null }>('SELECT country FROM orgs WHERE id = $1', [orgId]))[0]?.country ?? '';
  const calendar = withClosedDays(own, await orgClosedDays(q, orgId), country ? region : null);
  return (date) => onOrAfterBusinessDay(date, calendar);
}
