// Instants for calendar dates in a time zone: when a debtor's local day begins.
import { dateInZone, dayNumber, type CalendarDate } from '../domain/index.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in minutes (Bogota -300, Tokyo +540). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    formatters.set(timeZone, f);
  }
  const name = f.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/**
 * The first instant of a local date in a time zone. When clocks jump at midnight (Santiago in
 * September) the day begins at 01:00 local, and that instant is returned.
 */
export function startOfDayInZone(date: CalendarDate, timeZone: string): Date {
  const utcMidnight = dayNumber(date) * 86_400_000;
  const before = offsetMinutes(new Date(utcMidnight), timeZone);
  const first = utcMidnight - before * 60_000;
  const after = offsetMinutes(new Date(first), timeZone);
  const candidates = [first, utcMidnight - after * 60_000].sort((a, b) => a - b);
  const inDay = candidates.find((t) => dateInZone(new Date(t), timeZone) === date);
  return new Date(inDay ?? Math.max(...candidates));
}
