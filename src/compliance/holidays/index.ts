// Public holidays for the contact-law gate: legal holidays only (no bank or bridge days), from the domain tables.
import type { CalendarDate } from '../../domain/dates.ts';
import { countryHolidays, hasHolidayRules } from '../../domain/holidays/index.ts';

export type { HolidayRule } from '../../domain/holidays/index.ts';
export { easterSunday } from '../../domain/easter.ts';

export interface Holiday {
  date: CalendarDate;
  name: string;
}

export function hasHolidayCalendar(country: string): boolean {
  return hasHolidayRules(country);
}

const cache = new Map<string, readonly Holiday[]>();

/** The public holidays of a country (and region, where it adds its own) in a year; empty when cobro has no calendar. */
export function holidaysIn(country: string, year: number, region?: string): readonly Holiday[] {
  const key = `${country}|${region ?? ''}|${year}`;
  let list = cache.get(key);
  if (!list) {
    const options = { categories: ['public'] as const, ...(region ? { region } : {}) };
    list = countryHolidays(country, year, options).map(({ date, name, observance }) =>
      ({ date, name: observance === 'observed' ? `${name} (observed)` : name }));
    cache.set(key, list);
  }
  return list;
}

export function isPublicHoliday(date: CalendarDate, country: string, region?: string): boolean {
  return holidaysIn(country, Number(date.slice(0, 4)), region).some((h) => h.date === date);
}

const predicates = new Map<string, (date: CalendarDate) => boolean>();

/**
 * A predicate for one country and region, the form contact windows take: a set lookup per call. The same country and
 * region always give the same function, so a window built on it can be shared (see windowsByZone).
 */
export function holidayPredicate(country: string, region?: string): (date: CalendarDate) => boolean {
  const key = `${country}|${region ?? ''}`;
  let predicate = predicates.get(key);
  if (!predicate) {
    const years = new Map<string, Set<CalendarDate>>();
    predicate = (date) => {
      const year = date.slice(0, 4);
      let set = years.get(year);
      if (!set) years.set(year, set = new Set(holidaysIn(country, Number(year), region).map((h) => h.date)));
      return set.has(date);
    };
    if (predicates.size > 10_000) predicates.clear();
    predicates.set(key, predicate);
  }
  return predicate;
}
