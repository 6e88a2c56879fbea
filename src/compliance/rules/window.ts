// Contact windows: allowed local hours per weekday, closed days and holidays, and the next opening.
import { addDays, fromDayNumber, weekday, zoneOffsetMinutes, type CalendarDate } from '../../domain/dates.ts';
import { ALLOW, deferUntil, blockWith, type Verdict } from '../decision.ts';
import { formatClock, instantAt, localTime, parseClock } from '../time/zoned.ts';
import type { Rule } from './context.ts';

/** Allowed span of one day, 'HH:MM' from (inclusive) to (exclusive); null when the day is closed. */
export type DayHours = readonly [from: string, to: string] | null;

/** Monday first, Sunday last. */
export type WeeklyHours = readonly [DayHours, DayHours, DayHours, DayHours, DayHours, DayHours, DayHours];

export function week(spec: { monFri: DayHours; sat?: DayHours; sun?: DayHours }): WeeklyHours {
  const d = spec.monFri;
  return [d, d, d, d, d, spec.sat ?? null, spec.sun ?? null];
}

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function hoursOn(hours: WeeklyHours, date: CalendarDate): DayHours {
  return hours[weekday(date) - 1] ?? null;
}

export interface WindowSpec {
  rule: string;
  /** Who sets the window, for the sentence: 'Reg F', 'Ley 2300' ... */
  source: string;
  hours: WeeklyHours;
  timeZone: string;
  isHoliday?: (date: CalendarDate) => boolean;
}

/** How far ahead a window looks for its next opening before it gives up (and blocks). */
const SEARCH_DAYS = 40;

/** Each weekday's span in minutes (Monday first), parsed once per table of hours. */
const parsedHours = new WeakMap<WeeklyHours, readonly ([number, number] | null)[]>();

function minutesOf(hours: WeeklyHours): readonly ([number, number] | null)[] {
  let spans = parsedHours.get(hours);
  if (!spans) {
    spans = hours.map((h) => (h ? [parseClock(h[0]), parseClock(h[1])] as [number, number] : null));
    parsedHours.set(hours, spans);
  }
  return spans;
}

/** ISO weekday of a day number (days since 1970-01-01, a Thursday). */
const weekdayOf = (day: number) => ((((day + 3) % 7) + 7) % 7) + 1;

/** A rule allowing contact only inside a weekly window, never on holidays when `isHoliday` is given. */
export function windowRule(spec: WindowSpec): Rule {
  const spans = minutesOf(spec.hours);
  // a window is shared by every decision in its zone (windowsByZone): what it works out per day is kept
  const holidays = new Map<number, boolean>();
  const opening = new Map<number, number>();
  const closedOn = (day: number) => {
    if (spec.isHoliday === undefined) return false;
    let closed = holidays.get(day);
    if (closed === undefined) {
      closed = spec.isHoliday(fromDayNumber(day));
      if (holidays.size > 10_000) holidays.clear();
      holidays.set(day, closed);
    }
    return closed;
  };
  const openingOf = (day: number, minute: number) => {
    let ms = opening.get(day);
    if (ms === undefined) {
      ms = instantAt(fromDayNumber(day), minute, spec.timeZone).getTime();
      if (opening.size > 10_000) opening.clear();
      opening.set(day, ms);
    }
    return ms;
  };
  return {
    rule: spec.rule,
    check(at: Date): Verdict {
      const ms = at.getTime();
      const wall = Math.floor(ms / 60_000) + zoneOffsetMinutes(ms, spec.timeZone);
      const day = Math.floor(wall / 1440);
      const minute = wall - day * 1440;
      const today = spans[weekdayOf(day) - 1] ?? null;
      const holiday = closedOn(day);
      if (today && !holiday && minute >= today[0] && minute < today[1]) return ALLOW;
      for (let d = 0; d <= SEARCH_DAYS; d++) {
        const span = spans[weekdayOf(day + d) - 1] ?? null;
        if (!span || closedOn(day + d)) continue;
        if (d === 0 && minute >= span[0]) continue;
        const untilMs = openingOf(day + d, span[0]);
        if (untilMs <= ms) continue;
        const until = new Date(untilMs);
        const dayName = DAY_NAMES[weekdayOf(day) - 1] ?? '';
        const here = `it is ${dayName} ${formatClock(minute)} in ${spec.timeZone}`;
        if (holiday) return deferUntil(until, 'HOLIDAY', spec.rule, `${spec.source} forbids contact on public holidays; ${here}.`);
        const named = hoursOn(spec.hours, fromDayNumber(day));
        if (!named) return deferUntil(until, 'CLOSED_DAY', spec.rule, `${spec.source} forbids contact on ${dayName}s; ${here}.`);
        return deferUntil(until, 'OUTSIDE_HOURS', spec.rule,
          `${spec.source} allows contact from ${named[0]} to ${named[1]} on ${dayName}s; ${here}.`);
      }
      return blockWith('NO_ALLOWED_TIME', spec.rule, `${spec.source} leaves no allowed time in the next ${SEARCH_DAYS} days.`);
    },
  };
}

/**
 * The windows of one spec, per time zone, each built on first use: a window's answers depend only on its spec, so every
 * decision in a zone shares one rule and what it has worked out (holidays, openings), and no decision builds one.
 */
export function windowsByZone(spec: Omit<WindowSpec, 'timeZone'>): (timeZone: string) => Rule {
  const built = new Map<string, Rule>();
  return (timeZone) => {
    let rule = built.get(timeZone);
    if (!rule) {
      if (built.size > 10_000) built.clear();
      built.set(timeZone, rule = windowRule({ ...spec, timeZone }));
    }
    return rule;
  };
}

/** windowsByZone per object the spec is made from (a policy, its hours), for specs that come from a tenant's settings. */
export function windowsPer<K extends object>(make: (key: K) => Omit<WindowSpec, 'timeZone'>): (key: K, timeZone: string) => Rule {
  const byKey = new WeakMap<K, (timeZone: string) => Rule>();
  return (key, timeZone) => {
    let inZone = byKey.get(key);
    if (!inZone) byKey.set(key, inZone = windowsByZone(make(key)));
    return inZone(timeZone);
  };
}

export interface BlackoutSpec {
  rule: string;
  timeZone: string;
  weekdays?: readonly number[];
  from: string;
  to: string;
}

/** A rule forbidding a span of local time (e.g. hours the consumer said are inconvenient); may cross midnight. */
export function blackoutRule(spec: BlackoutSpec): Rule {
  const from = parseClock(spec.from);
  const to = parseClock(spec.to);
  const appliesOn = (date: CalendarDate) => !spec.weekdays || spec.weekdays.includes(weekday(date));
  return {
    rule: spec.rule,
    check(at: Date): Verdict {
      const now = localTime(at, spec.timeZone);
      const message = `The debtor said ${spec.from}-${spec.to} is inconvenient.`;
      if (from < to) {
        if (appliesOn(now.date) && now.minute >= from && now.minute < to) {
          return deferUntil(instantAt(now.date, to, spec.timeZone), 'INCONVENIENT_TIME', spec.rule, message);
        }
        return ALLOW;
      }
      // Crossing midnight: the evening part belongs to the day it starts on.
      if (appliesOn(now.date) && now.minute >= from) {
        return deferUntil(instantAt(addDays(now.date, 1), to, spec.timeZone), 'INCONVENIENT_TIME', spec.rule, message);
      }
      if (appliesOn(addDays(now.date, -1)) && now.minute < to) {
        return deferUntil(instantAt(now.date, to, spec.timeZone), 'INCONVENIENT_TIME', spec.rule, message);
      }
      return ALLOW;
    },
  };
}
