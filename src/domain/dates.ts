// Calendar dates ('2026-03-01', no time zone) and instants, with parsing in the formats imports use.

export type CalendarDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1000 || y > 9999) return false;
  return d <= daysInMonth(y, m);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return MONTH_DAYS[m - 1] ?? 0;
}

export function isCalendarDate(s: string): boolean {
  const m = ISO.exec(s);
  return !!m && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function toCalendarDate(y: number, m: number, d: number): CalendarDate {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Day number since 1970-01-01 for a calendar date (used for day arithmetic). */
export function dayNumber(date: CalendarDate): number {
  const known = dayNumbers.get(date);
  if (known !== undefined) return known;
  const m = ISO.exec(date);
  if (!m) throw new Error(`not a calendar date: ${date}`);
  const n = Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000);
  remember(date, n);
  return n;
}

export function fromDayNumber(n: number): CalendarDate {
  const known = dates.get(n);
  if (known !== undefined) return known;
  const date = new Date(n * 86_400_000).toISOString().slice(0, 10);
  remember(date, n);
  return date;
}

// Date arithmetic runs several times per case in the tick; the few thousand dates in use are remembered both ways.
const dayNumbers = new Map<string, number>();
const dates = new Map<number, CalendarDate>();
function remember(date: CalendarDate, n: number): void {
  if (dates.size > 100_000) { dates.clear(); dayNumbers.clear(); }
  dayNumbers.set(date, n);
  dates.set(n, date);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(dayNumber(date) + days);
}

export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function weekday(date: CalendarDate): number {
  const d = new Date(dayNumber(date) * 86_400_000).getUTCDay();
  return d === 0 ? 7 : d;
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();
const QUARTER_HOUR = 900_000;

function clockFormat(timeZone: string): Intl.DateTimeFormat {
  let f = clockFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    clockFormats.set(timeZone, f);
  }
  return f;
}

/** Quarter hours per block of a zone's offset table (about 43 days). */
const BLOCK = 4_096;
const UNKNOWN = -32_768;

/** One zone's offsets, per quarter hour in blocks, and the block asked for last (callers ask about nearby instants in runs). */
interface ZoneOffsets { name: string; blocks: Map<number, Int16Array>; lastBlock: number; last: Int16Array }
const offsetCache = new Map<string, ZoneOffsets>();
let lastZone: ZoneOffsets | undefined;

function offsetAt(bucket: number, timeZone: string): number {
  const start = bucket * QUARTER_HOUR;
  const parts = clockFormat(timeZone).formatToParts(new Date(start));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((wall - start) / 60_000);
}

function zoneOffsets(timeZone: string): ZoneOffsets {
  let zone = lastZone;
  if (zone !== undefined && zone.name === timeZone) return zone;
  zone = offsetCache.get(timeZone);
  if (!zone) offsetCache.set(timeZone, zone = { name: timeZone, blocks: new Map(), lastBlock: NaN, last: new Int16Array(0) });
  return (lastZone = zone);
}

/**
 * Minutes the local clock in `timeZone` is ahead of UTC at an instant. Zones change offset only on a quarter hour,
 * so one Intl lookup per zone and quarter hour is kept: Intl costs microseconds, the gate asks thousands of times.
 */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const bucket = Math.floor(ms / QUARTER_HOUR);
  const zone = zoneOffsets(timeZone);
  const index = Math.floor(bucket / BLOCK);
  let block = zone.last;
  if (index !== zone.lastBlock) {
    let known = zone.blocks.get(index);
    if (!known) {
      if (zone.blocks.size > 1_000) zone.blocks.clear();
      zone.blocks.set(index, known = new Int16Array(BLOCK).fill(UNKNOWN));
    }
    zone.lastBlock = index;
    zone.last = block = known;
  }
  const at = bucket - index * BLOCK;
  let offset = block[at]!;
  if (offset === UNKNOWN) block[at] = offset = offsetAt(bucket, timeZone);
  return offset;
}

/** The calendar date of an instant in a time zone ("America/Mexico_City"). */
export function dateInZone(instant: Date, timeZone: string): CalendarDate {
  const ms = instant.getTime();
  return fromDayNumber(Math.floor((ms + zoneOffsetMinutes(ms, timeZone) * 60_000) / 86_400_000));
}

const knownZones = new Map<string, boolean>();

export function isTimeZone(tz: string): boolean {
  const known = knownZones.get(tz);
  if (known !== undefined) return known;
  let ok = false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    ok = tz.length > 0;
  } catch {
    ok = false;
  }
  if (knownZones.size < 10_000) knownZones.set(tz, ok);
  return ok;
}

/**
 * Parses a date written in a pattern of D, M and YYYY/YY tokens with any separators
 * ("M/D/YYYY", "DD.MM.YYYY", "YYYY-MM-DD"). Returns null when the text does not fit or the date
 * does not exist (2026-02-30).
 */
const compiled = new Map<string, { re: RegExp; tokens: string[] }>();

function compile(pattern: string): { re: RegExp; tokens: string[] } {
  const hit = compiled.get(pattern);
  if (hit) return hit;
  const tokens: string[] = [];
  const source = pattern.replace(/YYYY|YY|MM|M|DD|D|[.*+?^${}()|[\]\\]/g, (t) => {
    if (/^[YMD]+$/.test(t)) {
      tokens.push(t);
      return t.length === 4 ? '(\\d{4})' : t.length === 2 ? '(\\d{2})' : '(\\d{1,2})';
    }
    return `\\${t}`;
  });
  const entry = { re: new RegExp(`^${source}$`), tokens };
  compiled.set(pattern, entry);
  return entry;
}

export function parseDate(text: string, pattern = 'YYYY-MM-DD'): CalendarDate | null {
  const { re, tokens } = compile(pattern);
  const m = re.exec(text.trim());
  if (!m) return null;
  let y = 0, mo = 0, d = 0;
  tokens.forEach((t, i) => {
    const v = Number(m[i + 1]);
    if (t.startsWith('Y')) y = t.length === 2 ? 2000 + v : v;
    else if (t.startsWith('M')) mo = v;
    else d = v;
  });
  return isValidDate(y, mo, d) ? toCalendarDate(y, mo, d) : null;
}
