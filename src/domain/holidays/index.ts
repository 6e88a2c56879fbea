// Public holidays as one data module: per-country rules (public, bank and bridge days, regions), their evaluation and look-ups.
import { AR, BR, CL, CO, MX, PE, US } from './americas.ts';
import { ES, IE } from './europe.ts';
import { holidayOccurrences, type OccurrenceOptions } from './evaluate.ts';
import { HOLIDAY_CATEGORIES, type HolidayOccurrence, type HolidayRule } from './rules.ts';

export * from './rules.ts';
export { holidayOccurrences, nthWeekday, ruleDates, type OccurrenceOptions } from './evaluate.ts';

const RULES: Readonly<Record<string, readonly HolidayRule[]>> = { US, MX, CO, BR, CL, PE, AR, ES, IE };

/** The countries (ISO 3166-1 alpha-2) cobro has holidays for. */
export const HOLIDAY_COUNTRIES: readonly string[] = Object.keys(RULES);

export function hasHolidayRules(country: string): boolean {
  return Object.prototype.hasOwnProperty.call(RULES, country);
}

/** A country's holiday rules; none for a country cobro has no holidays for. */
export function holidayRules(country: string): readonly HolidayRule[] {
  return hasHolidayRules(country) ? RULES[country] ?? [] : [];
}

const cache = new Map<string, readonly HolidayOccurrence[]>();

/** A country's holidays in a year (with a region's own when given), of the categories asked for (all by default). */
export function countryHolidays(country: string, year: number, options: OccurrenceOptions = {}): readonly HolidayOccurrence[] {
  const categories = options.categories ?? HOLIDAY_CATEGORIES;
  const key = `${country}|${year}|${options.region ?? ''}|${categories.join(',')}`;
  let list = cache.get(key);
  if (!list) {
    list = holidayOccurrences(holidayRules(country), year, { ...options, categories });
    cache.set(key, list);
  }
  return list;
}
