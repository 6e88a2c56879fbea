// The org's today: the day an instant falls on in the org's default time zone, the calendar its reports' periods are days of.
import type { Queryable } from '../db/index.ts';
import { dateInZone, type CalendarDate } from '../domain/dates.ts';
import { getOrg } from './orgs.ts';

/** The day `now` falls on in the org's time zone (UTC when the org is unknown). */
export async function orgToday(q: Queryable, orgId: string, now: Date): Promise<CalendarDate> {
  const org = await getOrg(q, orgId);
  return dateInZone(now, org?.default_timezone ?? 'UTC');
}
