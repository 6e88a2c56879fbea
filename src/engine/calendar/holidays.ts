// The days a business calendar closes for holidays in a year, worked out once per calendar and year.
import { holidayOccurrences, HOLIDAY_CATEGORIES, type HolidayCategory } from '../../domain/holidays/index.ts';
import type { CalendarDate } from '../../domain/index.ts';
import type { BusinessCalendar } from './rules.ts';

export { nthWeekday } from '../../domain/holidays/index.ts';

/** Business days close for legal holidays and for the days banks do not open (bank holidays, decreed bridge days). */
const CLOSING: readonly HolidayCategory[] = HOLIDAY_CATEGORIES;

const cache = new WeakMap<BusinessCalendar, Map<number, ReadonlyMap<CalendarDate, string>>>();

/**
 * Every closed holiday of a calendar in a year, date -> name (names joined when two coincide). A holiday observed
 * on another day (US) closes that day only; its own date, a weekend, stays 'weekend'.
 */
export function holidaysOf(calendar: BusinessCalendar, year: number): ReadonlyMap<CalendarDate, string> {
  let byYear = cache.get(calendar);
  if (!byYear) { byYear = new Map(); cache.set(calendar, byYear); }
  const hit = byYear.get(year);
  if (hit) return hit;
  const found = new Map<CalendarDate, string>();
  const options = { categories: CLOSING, ...(calendar.region ? { region: calendar.region } : {}) };
  for (const { date, name, observance } of holidayOccurrences(calendar.holidays, year, options)) {
    if (observance === 'actual') continue;
    const before = found.get(date);
    found.set(date, before && before !== name ? `${before} / ${name}` : name);
  }
  byYear.set(year, found);
  return found;
}
