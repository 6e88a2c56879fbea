// The dashboard's periods, one rule for the API and the web page: days of the org's calendar (its default time zone, as
// the KPI report reads its periods), so a finance person in Mexico City at 19:00 on the 31st sees the 31st's month
// whatever the browser's zone or UTC's date, and the forecast a period is set beside is the one as of that period's eve.
import { addDays, weekday, type CalendarDate } from '../domain/dates.ts';

export interface Periods { today: CalendarDate; weekFrom: CalendarDate; monthFrom: CalendarDate; quarterFrom: CalendarDate }

/** Monday of the week of `d`, the first of its month and the first of its quarter (all days of the org's calendar). */
export function periodsOf(d: CalendarDate): Periods {
  const month = Number(d.slice(5, 7));
  const quarterMonth = String(month - ((month - 1) % 3)).padStart(2, '0');
  return { today: d, weekFrom: addDays(d, -(weekday(d) - 1)), monthFrom: `${d.slice(0, 8)}01`, quarterFrom: `${d.slice(0, 5)}${quarterMonth}-01` };
}
