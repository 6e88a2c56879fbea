// The period KPIs are computed over (calendar dates, both ends included) and the month slices count-back DSO walks back through.
import { addDays, daysBetween, daysInMonth, toCalendarDate, type CalendarDate } from '../domain/dates.ts';

export interface Period { from: CalendarDate; to: CalendarDate }

/** Days in the period, both ends included: 2026-03-01 to 2026-03-31 is 31. */
export function periodDays(p: Period): number {
  return daysBetween(p.from, p.to) + 1;
}

/** The last day before the period: opening balances are those at the end of it. */
export function openingDate(p: Period): CalendarDate {
  return addDays(p.from, -1);
}

/** The same day `months` calendar months earlier, kept inside the month (2026-03-31 less one month is 2026-02-28). */
export function monthsBefore(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return toCalendarDate(year, month, Math.min(d, daysInMonth(year, month)));
}

/** One month of sales walked back over by count-back DSO: the days after `after` up to `through`. */
export interface MonthSlice { after: CalendarDate; through: CalendarDate; days: number }

/** The `count` months ending on `end`, newest first: (end less 1 month, end], (end less 2 months, end less 1 month], ... */
export function monthSlices(end: CalendarDate, count: number): MonthSlice[] {
  const slices: MonthSlice[] = [];
  for (let k = 1; k <= count; k++) {
    const through = monthsBefore(end, k - 1);
    const after = monthsBefore(end, k);
    slices.push({ after, through, days: daysBetween(after, through) });
  }
  return slices;
}
