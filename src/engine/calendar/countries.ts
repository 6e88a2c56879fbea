// The business calendars cobro ships: Saturday and Sunday weekends and each country's holidays from the domain tables,
// national, and per region where the tables keep a region's own days (Brazilian states, Spanish communities).
import { HOLIDAY_COUNTRIES, hasRegionalHolidays, holidayRules } from '../../domain/holidays/index.ts';
import type { BusinessCalendar, Weekday } from './rules.ts';

const SAT_SUN: readonly Weekday[] = [6, 7];

export const CALENDARS: Readonly<Record<string, BusinessCalendar>> = Object.fromEntries(
  HOLIDAY_COUNTRIES.map((country) => [country, { country, weekend: SAT_SUN, holidays: holidayRules(country) }]),
);

const regional = new Map<string, BusinessCalendar>();

/**
 * The calendar of a country and region (ISO 3166-2 subdivision part), or undefined when cobro has no holidays of that
 * region's own (the national calendar then applies). The same object for the same pair, so its years are worked out once.
 */
export function regionalCalendar(country: string, region: string | undefined): BusinessCalendar | undefined {
  const national = CALENDARS[country];
  if (!national || !hasRegionalHolidays(country, region)) return undefined;
  const key = `${country}-${region}`;
  let cal = regional.get(key);
  if (!cal) { cal = { ...national, region: region! }; regional.set(key, cal); }
  return cal;
}
