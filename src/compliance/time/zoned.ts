// Wall-clock time in a debtor's time zone: reading it from an instant and finding the instant of a local time.
import { dayNumber, fromDayNumber, zoneOffsetMinutes, type CalendarDate } from '../../domain/dates.ts';

export interface LocalTime {
  date: CalendarDate;
  /** Minutes since local midnight, 0..1439. */
  minute: number;
}

/** The local calendar date and minute of the day of an instant in a time zone. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const ms = instant.getTime();
  const wall = Math.floor(ms / 60_000) + zoneOffsetMinutes(ms, timeZone);
  const day = Math.floor(wall / 1440);
  return { date: fromDayNumber(day), minute: wall - day * 1440 };
}

function wallAt(instantMs: number, timeZone: string): number {
  return Math.floor(instantMs / 60_000) + zoneOffsetMinutes(instantMs, timeZone);
}

/**
 * The first instant at which the local clock in `timeZone` reads `date` at `minute` or later.
 * On a clock change that skips the time (spring forward) this is the instant the clock jumps;
 * when the time happens twice (fall back) it is the earlier of the two.
 */
export function instantAt(date: CalendarDate, minute: number, timeZone: string): Date {
  const target = dayNumber(date) * 1440 + minute;
  const naive = target * 60_000;
  // Offsets in minutes (local minus UTC) around the naive guess; a zone never moves more than a day. The earliest
  // candidate whose wall clock reads the target wins (the earlier of a repeated hour).
  let best = Infinity;
  for (const probe of [naive - 86_400_000, naive, naive + 86_400_000]) {
    const ms = naive - (wallAt(probe, timeZone) - Math.floor(probe / 60_000)) * 60_000;
    if (ms < best && wallAt(ms, timeZone) === target) best = ms;
  }
  if (best !== Infinity) return new Date(best);
  // The local time does not exist: search the gap for the first minute that reads later.
  let lo = naive - 86_400_000;
  let hi = naive + 86_400_000;
  while (hi - lo > 60_000) {
    const mid = Math.floor((lo + hi) / 2 / 60_000) * 60_000;
    if (wallAt(mid, timeZone) >= target) hi = mid; else lo = mid;
  }
  return new Date(hi);
}

/** The instant local midnight starts on `date`. */
export function startOfLocalDay(date: CalendarDate, timeZone: string): Date {
  return instantAt(date, 0, timeZone);
}

/** 'HH:MM' to minutes since midnight; '24:00' is allowed as the end of a day. */
export function parseClock(text: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (!m || h > 24 || min > 59 || (h === 24 && min > 0)) throw new Error(`not a clock time: ${text}`);
  return h * 60 + min;
}

export function formatClock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** ISO week start (Monday) of a calendar date. */
export function mondayOf(date: CalendarDate): CalendarDate {
  const n = dayNumber(date);
  const isoWeekday = ((new Date(n * 86_400_000).getUTCDay() + 6) % 7) + 1;
  return fromDayNumber(n - (isoWeekday - 1));
}

/** First day of the month after `date`. */
export function firstOfNextMonth(date: CalendarDate): CalendarDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}
