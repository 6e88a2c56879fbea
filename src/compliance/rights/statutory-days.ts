// Statutory periods counted in calendar days or in a country's business days (weekends and public holidays closed).
import { addDays, weekday, type CalendarDate } from '../../domain/dates.ts';
import { isPublicHoliday } from '../holidays/index.ts';

/**
 * A period a law sets: so many days, counted as calendar days or as business days of the debtor's country; a calendar
 * period whose last day is closed (a weekend or a public holiday of the country) ends on the next open day when `toOpenDay`.
 */
export interface Period { days: number; business: boolean; toOpenDay?: boolean }

/** Calendar days that end on their last day, open or closed. */
export const calendarDays = (days: number): Period => ({ days, business: false });
/** Calendar days whose last day, when closed, moves to the next open day (the law or its authority says so). */
export const calendarDaysToOpenDay = (days: number): Period => ({ days, business: false, toOpenDay: true });
export const businessDays = (days: number): Period => ({ days, business: true });

/** Open for a law's "días hábiles": Monday to Friday and not a public holiday of the country (bank and bridge days stay open). */
export function isStatutoryBusinessDay(date: CalendarDate, country: string): boolean {
  return weekday(date) <= 5 && !isPublicHoliday(date, country);
}

/**
 * The last day of a period running from `from` (the day of receipt, or the day a first period ended): the days are counted
 * from the next day, so a request received on a Friday before a holiday Monday starts on Tuesday.
 */
export function periodEnd(from: CalendarDate, period: Period, country: string): CalendarDate {
  if (!period.business) return period.toOpenDay ? nextOpenDay(addDays(from, period.days), country) : addDays(from, period.days);
  let d = from;
  // a year never has more closed days than open ones; the bound only guards bad holiday data
  for (let counted = 0, steps = 0; counted < period.days; steps++) {
    if (steps > period.days * 3 + 366) throw new Error(`no ${period.days} business days in ${country} after ${from}`);
    d = addDays(d, 1);
    if (isStatutoryBusinessDay(d, country)) counted++;
  }
  return d;
}

/** `date` itself when open, else the first open day after it. */
export function nextOpenDay(date: CalendarDate, country: string): CalendarDate {
  let d = date;
  for (let steps = 0; !isStatutoryBusinessDay(d, country); steps++) {
    if (steps > 366) throw new Error(`no open day in ${country} after ${date}`);
    d = addDays(d, 1);
  }
  return d;
}

/** "10 business days", "30 days" or "15 days, to the next open day", for the reasons and errors an officer reads. */
export const periodText = (p: Period): string =>
  `${p.days} ${p.business ? 'business days' : p.toOpenDay ? 'days, to the next open day' : 'days'}`;
