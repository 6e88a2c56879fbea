// Instants for calendar dates in a time zone: when a debtor's local day begins.
import { dayNumber, fromDayNumber, type CalendarDate } from '../domain/index.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
const QUARTER_HOUR = 900_000;

function readOffset(instant: Date, timeZone: string): number {
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
 * The zone's offset from UTC at an instant, in minutes (Bogota -300, Tokyo +540). Zones change offset
 * only on quarter hours, so offsets are remembered per zone and quarter hour: Intl is slow.
 */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(instant.getTime() / QUARTER_HOUR)}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const offset = readOffset(instant, timeZone);
  if (offsets.size > 200_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** The debtor's calendar date at an instant (as `dateInZone`, with the zone's formatter kept). */
export function localDate(instant: Date, timeZone: string): CalendarDate {
  const local = instant.getTime() + offsetMinutes(instant, timeZone) * 60_000;
  return fromDayNumber(Math.floor(local / 86_400_000));
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
  const inDay = candidates.find((t) => localDate(new Date(t), timeZone) === date);
  return new Date(inDay ?? Math.max(...candidates));
}
