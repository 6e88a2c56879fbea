// Open and closed days: is a date a business day in a country, and which is the next one.
import { addDays, weekday, type CalendarDate } from '../../domain/index.ts';
import { regionCode } from '../../domain/holidays/index.ts';
import { CALENDARS, regionalCalendar } from './countries.ts';
import { holidaysOf } from './holidays.ts';
import type { BusinessCalendar, Weekday } from './rules.ts';

/**
 * The calendar of a country (ISO 3166-1 alpha-2) and, when given, a customer's region ('SP' or 'BR-SP'): the region's
 * own holidays added where cobro keeps them, else the national calendar. A country cobro has no holidays for gets
 * Saturday and Sunday closed and nothing else, so `known` says whether holidays are covered.
 */
export function calendarFor(country: string, region?: string | null): { calendar: BusinessCalendar; known: boolean } {
  const code = country.toUpperCase();
  const calendar = regionalCalendar(code, regionCode(code, region)) ?? CALENDARS[code];
  if (calendar) return { calendar, known: true };
  return { calendar: { country: code, weekend: [6, 7], holidays: [] }, known: false };
}

/**
 * A country's calendar with an org's own closed days added (its quiet days: the contact gate keeps them too), the same
 * object for the same days map, so the holidays worked out per calendar and year are worked out once.
 */
export function withClosedDays(country: string, days: ReadonlyMap<CalendarDate, string> | undefined, region?: string | null): BusinessCalendar {
  const base = calendarFor(country, region).calendar;
  if (!days || days.size === 0) return base;
  let byCountry = joined.get(days);
  if (!byCountry) { byCountry = new Map(); joined.set(days, byCountry); }
  const key = base.region ? `${base.country}-${base.region}` : base.country;
  let cal = byCountry.get(key);
  if (!cal) { cal = { ...base, closedDays: days }; byCountry.set(key, cal); }
  return cal;
}

const joined = new WeakMap<ReadonlyMap<CalendarDate, string>, Map<string, BusinessCalendar>>();

function resolve(calendar: BusinessCalendar | string): BusinessCalendar {
  return typeof calendar === 'string' ? calendarFor(calendar).calendar : calendar;
}

/** Why a date is closed ('weekend' or the holiday's name), or null when it is a business day. */
export function closedReason(date: CalendarDate, calendar: BusinessCalendar | string): string | null {
  const cal = resolve(calendar);
  const own = cal.closedDays?.get(date);
  if (own) return own;
  const holiday = holidaysOf(cal, Number(date.slice(0, 4))).get(date);
  if (holiday) return holiday;
  return cal.weekend.includes(weekday(date) as Weekday) ? 'weekend' : null;
}

export function isBusinessDay(date: CalendarDate, calendar: BusinessCalendar | string): boolean {
  return closedReason(date, calendar) === null;
}

/** The first business day strictly after a date. */
export function nextBusinessDay(date: CalendarDate, calendar: BusinessCalendar | string): CalendarDate {
  return onOrAfterBusinessDay(addDays(date, 1), calendar);
}

/** The date itself when it is a business day, else the first business day after it. */
export function onOrAfterBusinessDay(date: CalendarDate, calendar: BusinessCalendar | string): CalendarDate {
  const cal = resolve(calendar);
  let d = date;
  // A year never has more than a few weeks of consecutive closed days; this bound only guards bad data.
  for (let i = 0; i < 366; i++, d = addDays(d, 1)) if (isBusinessDay(d, cal)) return d;
  throw new Error(`calendar ${cal.country} has no business day in the year after ${date}`);
}
