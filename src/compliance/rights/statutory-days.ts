// Statutory periods counted in calendar days or in a country's business days (weekends and public holidays closed).
import { addDays, weekday, type CalendarDate } from '../../domain/dates.ts';
import { isPublicHoliday } from '../holidays/index.ts';

/** A period a law sets: so many days, counted as calendar days or as business days of the debtor's country. */
export interface Period { days: number; business: boolean }

export const calendarDays = (days: number): Period => ({ days, business: false });
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
  if (!period.business) return addDays(from, period.days);
  let d = from;
  // a year never has more closed days than open ones; the bound only guards bad holiday data
  for (let counted = 0, steps = 0; counted < period.days; steps++) {
    if (steps > period.days * 3 + 366) throw new Error(`no ${period.days} business days in ${country} after ${from}`);
    d = addDays(d, 1);
    if (isStatutoryBusinessDay(d, country)) counted++;
  }
  return d;
}

/** "10 business days" or "30 days", for the reasons and errors an officer reads. */
export const periodText = (p: Period): string => `${p.days} ${p.business ? 'business days' : 'days'}`;
