// Public holidays as one data module: per-country rules (public, bank and bridge days, regions), their evaluation and look-ups.
import { AR, BR, CL, CO, MX, PE, US } from './americas.ts';
import { DE, ES, IE } from './europe.ts';
import { holidayOccurrences, type OccurrenceOptions } from './evaluate.ts';
import { HOLIDAY_CATEGORIES, type HolidayOccurrence, type HolidayRule } from './rules.ts';

export * from './rules.ts';
export { holidayOccurrences, nthWeekday, ruleDates, type OccurrenceOptions } from './evaluate.ts';

const RULES: Readonly<Record<string, readonly HolidayRule[]>> = { US, MX, CO, BR, CL, PE, AR, ES, DE, IE };

/** The countries (ISO 3166-1 alpha-2) cobro has holidays for. */
export const HOLIDAY_COUNTRIES: readonly string[] = Object.keys(RULES);

export function hasHolidayRules(country: string): boolean {
  return Object.prototype.hasOwnProperty.call(RULES, country);
}

/** A country's holiday rules; none for a country cobro has no holidays for. */
export function holidayRules(country: string): readonly HolidayRule[] {
  return hasHolidayRules(country) ? RULES[country] ?? [] : [];
}

/**
 * A customer's region as the tables key it: the ISO 3166-2 subdivision part, upper case ('sp', 'BR-SP' -> 'SP' for BR);
 * undefined when empty or when it names another country's subdivision ('ES-CT' for a Brazilian).
 */
export function regionCode(country: string, region: string | null | undefined): string | undefined {
  const r = (region ?? '').trim().toUpperCase();
  if (!r) return undefined;
  const dash = r.indexOf('-');
  if (dash < 0) return r;
  return r.slice(0, dash) === country.trim().toUpperCase() ? r.slice(dash + 1) || undefined : undefined;
}

/** The regions (ISO 3166-2 subdivision parts) a country's tables keep days of their own for, sorted. */
export function holidayRegions(country: string): readonly string[] {
  return [...new Set(holidayRules(country).flatMap((rule) => rule.regions ?? []))].sort();
}

/** Whether a country's tables keep days of their own for a region (else its calendar is the national one). */
export function hasRegionalHolidays(country: string, region: string | undefined): boolean {
  return region !== undefined && holidayRules(country).some((rule) => rule.regions?.includes(region));
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
