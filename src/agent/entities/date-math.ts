// Calendar arithmetic for dates debtors name: the next or last weekday, a day of this or next month, month ends and spans.
import { addDays, daysInMonth, toCalendarDate, weekday, type CalendarDate } from '../../domain/index.ts';
import type { Tense } from '../types.ts';

export interface Span {
  date: CalendarDate;
  until?: CalendarDate;
}

export interface Parts { y: number; m: number; d: number }

export function parts(date: CalendarDate): Parts {
  return { y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) };
}

/** The month `offset` months from (y, m): (2026, 12) + 1 is (2027, 1). */
export function shiftMonth(y: number, m: number, offset: number): { y: number; m: number } {
  const index = y * 12 + (m - 1) + offset;
  return { y: Math.floor(index / 12), m: (index % 12) + 1 };
}

/** Day d of a month, or its last day when the month is shorter ("el 31" in April is April 30). */
export function dayOf(y: number, m: number, d: number): CalendarDate {
  return toCalendarDate(y, m, Math.min(d, daysInMonth(y, m)));
}

export function lastDayOf(y: number, m: number): CalendarDate {
  return toCalendarDate(y, m, daysInMonth(y, m));
}

export function addMonths(date: CalendarDate, n: number): CalendarDate {
  const { y, m, d } = parts(date);
  const to = shiftMonth(y, m, n);
  return dayOf(to.y, to.m, d);
}

/** The first `weekdayIso` after today (a week ahead when today is that day), or the last one before today. */
export function nearestWeekday(today: CalendarDate, weekdayIso: number, tense: Tense): CalendarDate {
  const diff = weekdayIso - weekday(today);
  if (tense === 'past') return addDays(today, diff < 0 ? diff : diff - 7);
  return addDays(today, diff > 0 ? diff : diff + 7);
}

/** Monday of the ISO week after today's. */
export function nextMonday(today: CalendarDate): CalendarDate {
  return addDays(today, 8 - weekday(today));
}

/** A day of the month with no month named: this month's when it is still ahead (or today), else next month's; the mirror for the past. */
export function dayOfMonth(today: CalendarDate, d: number, tense: Tense): CalendarDate {
  const t = parts(today);
  if (tense === 'past') {
    if (d <= t.d) return dayOf(t.y, t.m, d);
    const prev = shiftMonth(t.y, t.m, -1);
    return dayOf(prev.y, prev.m, d);
  }
  if (d >= t.d) return dayOf(t.y, t.m, d);
  const next = shiftMonth(t.y, t.m, 1);
  return dayOf(next.y, next.m, d);
}

/** A day and month with no year: this year's, or next year's once it has passed (last year's when speaking of the past). */
export function dayAndMonth(today: CalendarDate, m: number, d: number, tense: Tense): CalendarDate {
  const t = parts(today);
  const thisYear = dayOf(t.y, m, d);
  if (tense === 'past') return thisYear <= today ? thisYear : dayOf(t.y - 1, m, d);
  return thisYear >= today ? thisYear : dayOf(t.y + 1, m, d);
}

/**
 * A whole month by name: this month from today, a later month this year, an earlier one next year; in the past, the last
 * one gone; with no tense said ('nearest'), the last one gone if it was at most two months ago, else the one ahead.
 */
export function monthSpan(today: CalendarDate, m: number, tense: Tense | 'nearest'): Span {
  const t = parts(today);
  if (m === t.m) return { date: tense === 'past' ? toCalendarDate(t.y, m, 1) : today, until: tense === 'past' ? today : lastDayOf(t.y, m) };
  const ahead = (m - t.m + 12) % 12;
  // With no tense said, a month one or two months back is the one meant ("the payment in February", said in March).
  const past = tense === 'past' || (tense === 'nearest' && 12 - ahead <= 2);
  const y = past ? (m < t.m ? t.y : t.y - 1) : (m > t.m ? t.y : t.y + 1);
  return { date: toCalendarDate(y, m, 1), until: lastDayOf(y, m) };
}

/** The month `offset` months away as a span (offset 0: from today to its end). */
export function relativeMonthSpan(today: CalendarDate, offset: number): Span {
  const t = parts(today);
  const to = shiftMonth(t.y, t.m, offset);
  return { date: offset === 0 ? today : toCalendarDate(to.y, to.m, 1), until: lastDayOf(to.y, to.m) };
}

/** The weekend to come (today's when today is Saturday or Sunday), or the one of next week. */
export function weekendSpan(today: CalendarDate, nextWeek: boolean): Span {
  const wd = weekday(today);
  if (nextWeek) {
    const saturday = addDays(nextMonday(today), 5);
    return { date: saturday, until: addDays(saturday, 1) };
  }
  if (wd === 7) return { date: today, until: today };
  const saturday = addDays(today, 6 - wd);
  return { date: saturday, until: addDays(saturday, 1) };
}

/** The next pay day of a "quincena": the 15th or the month's last day, whichever comes first from today. */
export function nextQuincena(today: CalendarDate): CalendarDate {
  const t = parts(today);
  return t.d <= 15 ? toCalendarDate(t.y, t.m, 15) : lastDayOf(t.y, t.m);
}
