// Public holiday calendars as data: which countries have one, a year's holidays, and whether a date is one.
import type { CalendarDate } from '../../domain/dates.ts';
import { AR, BR, CL, CO, MX, PE, US } from './americas.ts';
import { ES, IE } from './europe.ts';
import { evaluateRules, type Holiday, type HolidayRule } from './rules.ts';

export type { Holiday, HolidayRule, Move } from './rules.ts';
export { easterSunday } from './easter.ts';

const CALENDARS: Readonly<Record<string, readonly HolidayRule[]>> = { US, MX, CO, BR, CL, PE, AR, ES, IE };

export function hasHolidayCalendar(country: string): boolean {
  return Object.prototype.hasOwnProperty.call(CALENDARS, country);
}

const cache = new Map<string, readonly Holiday[]>();

/** The public holidays of a country (and region, where it adds its own) in a year; empty when cobro has no calendar. */
export function holidaysIn(country: string, year: number, region?: string): readonly Holiday[] {
  const key = `${country}|${region ?? ''}|${year}`;
  let list = cache.get(key);
  if (!list) {
    const rules = CALENDARS[country];
    list = rules ? evaluateRules(rules, year, region) : [];
    cache.set(key, list);
  }
  return list;
}

export function isPublicHoliday(date: CalendarDate, country: string, region?: string): boolean {
  return holidaysIn(country, Number(date.slice(0, 4)), region).some((h) => h.date === date);
}

/** A predicate for one country and region, the form contact windows take. */
export function holidayPredicate(country: string, region?: string): (date: CalendarDate) => boolean {
  return (date) => isPublicHoliday(date, country, region);
}
