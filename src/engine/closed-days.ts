// An org's own quiet days (Settings > Calendars, table org_holidays), which the engine's business-day arithmetic closes
// besides the country's holidays, as the contact gate does.
import type { Queryable } from '../db/index.ts';
import type { CalendarDate } from '../domain/index.ts';

/** The org's quiet days, date -> name; empty when it has none. */
export async function orgClosedDays(q: Queryable, orgId: string): Promise<ReadonlyMap<CalendarDate, string>> {
  const rows = await q.query<{ date: CalendarDate; name: string }>('SELECT date::text AS date, name FROM org_holidays WHERE org_id = $1', [orgId]);
  return new Map(rows.map((r) => [r.date, r.name]));
}
