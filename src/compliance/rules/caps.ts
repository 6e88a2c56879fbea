// Frequency caps over the contact history, counted on the debtor's local calendar (day, ISO week, month, rolling days).
import { fromDayNumber, zoneOffsetMinutes } from '../../domain/dates.ts';
import { ALLOW, deferUntil, type ReasonCode, type Verdict } from '../decision.ts';
import { startOfLocalDay } from '../time/zoned.ts';
import type { ContactEvent } from '../types.ts';
import type { GateContext, Rule } from './context.ts';

const DAY_MS = 86_400_000;

/** Outbound contacts that reached the number or address (failed attempts never count). */
export function isCountedContact(e: ContactEvent): boolean {
  return e.direction === 'outbound' && e.outcome !== 'failed';
}

/** The local day number (days since 1970-01-01) of an instant in a time zone. */
export function localDay(ms: number, timeZone: string): number {
  return Math.floor((ms + zoneOffsetMinutes(ms, timeZone) * 60_000) / DAY_MS);
}

/** ISO weekday (1 = Monday) of a day number; day 0, 1970-01-01, was a Thursday. */
export const isoWeekdayOf = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;

/**
 * The local days, in the debtor's zone, of the history's events that `keep` counts. Each event's day is worked out once
 * per decision, however many caps count it.
 */
export function daysOf(ctx: GateContext, keep: (e: ContactEvent) => boolean): number[] {
  const events = ctx.history.events;
  const days = (ctx.eventDays ??= []);
  const out: number[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (!keep(e)) continue;
    let d = days[i];
    if (d === undefined) days[i] = d = localDay(e.at.getTime(), ctx.debtor.timeZone);
    out.push(d);
  }
  return out;
}

export interface CapSpec {
  rule: string;
  code: ReasonCode;
  message: string;
  timeZone: string;
  /** Local day numbers of the contacts that count (see daysOf). */
  days: readonly number[];
  limit: number;
  /** The instant decided on: a cap that allows then and ever after is not built. */
  now: Date;
}

const latest = (days: readonly number[]) => days.reduce((a, b) => (b > a ? b : a), -Infinity);
const count = (days: readonly number[], from: number, until: number) => {
  let n = 0;
  for (const d of days) if (d >= from && d < until) n++;
  return n;
};

/**
 * A cap per calendar period: the period holding a day runs from `start(day)` to `next(day)` (excluded). A local day
 * never goes back by a whole day as time goes on, so a cap whose contacts all lie before the period of the day before
 * `now` allows from `now` on and is left out.
 */
function periodCap(spec: CapSpec, start: (day: number) => number, next: (day: number) => number): Rule | undefined {
  const { days, limit, timeZone } = spec;
  if (limit > 0 && latest(days) < start(localDay(spec.now.getTime(), timeZone) - 1)) return undefined;
  return {
    rule: spec.rule,
    check(at: Date): Verdict {
      const today = localDay(at.getTime(), timeZone);
      if (count(days, start(today), next(today)) < limit) return ALLOW;
      return deferUntil(startOfLocalDay(fromDayNumber(next(today)), timeZone), spec.code, spec.rule, spec.message);
    },
  };
}

const sameDay = (d: number) => d;
const nextDay = (d: number) => d + 1;
const mondayOf = (d: number) => d - (isoWeekdayOf(d) - 1);
const nextMonday = (d: number) => mondayOf(d) + 7;
const monthStart = (d: number) => {
  const date = fromDayNumber(d);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, 1) / DAY_MS;
};
const nextMonthStart = (d: number) => {
  const date = fromDayNumber(d);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 1) / DAY_MS;
};

export function perDayCap(spec: CapSpec): Rule | undefined {
  return periodCap(spec, sameDay, nextDay);
}

export function perIsoWeekCap(spec: CapSpec): Rule | undefined {
  return periodCap(spec, mondayOf, nextMonday);
}

export function perMonthCap(spec: CapSpec): Rule | undefined {
  return periodCap(spec, monthStart, nextMonthStart);
}

/** At most `limit` in any `days` consecutive local days, the current day included. */
export function rollingDaysCap(spec: CapSpec & { window: number }): Rule | undefined {
  const { days, limit, timeZone, window } = spec;
  if (limit > 0 && latest(days) < localDay(spec.now.getTime(), timeZone) - window) return undefined;
  const usedOn = (d: number) => count(days, d + 1 - window, d + 1);
  return {
    rule: spec.rule,
    check(at: Date): Verdict {
      const today = localDay(at.getTime(), timeZone);
      if (usedOn(today) < limit) return ALLOW;
      let day = today + 1;
      while (usedOn(day) >= limit) day += 1;
      return deferUntil(startOfLocalDay(fromDayNumber(day), timeZone), spec.code, spec.rule, spec.message);
    },
  };
}

/**
 * No contact for `window` local days counted from the latest matching event, its own day being day 1
 * (US-2 after a conversation), or at least `window` days apart (Chile's spacing of written messages).
 */
export function cooldownRule(spec: Omit<CapSpec, 'limit'> & { window: number }): Rule | undefined {
  const { timeZone } = spec;
  if (spec.days.length === 0) return undefined;
  const reopens = latest(spec.days) + spec.window;
  if (localDay(spec.now.getTime(), timeZone) - 1 >= reopens) return undefined;
  return {
    rule: spec.rule,
    check(at: Date): Verdict {
      if (localDay(at.getTime(), timeZone) >= reopens) return ALLOW;
      return deferUntil(startOfLocalDay(fromDayNumber(reopens), timeZone), spec.code, spec.rule, spec.message);
    },
  };
}
