// Frequency caps over the contact history, counted on the debtor's local calendar (day, ISO week, month, rolling days).
import { addDays, dateInZone, dayNumber, type CalendarDate } from '../../domain/dates.ts';
import { ALLOW, deferUntil, type ReasonCode, type Verdict } from '../decision.ts';
import { firstOfNextMonth, mondayOf, startOfLocalDay } from '../time/zoned.ts';
import type { ContactEvent } from '../types.ts';
import type { Rule } from './context.ts';

/** Outbound contacts that reached the number or address (failed attempts never count). */
export function isCountedContact(e: ContactEvent): boolean {
  return e.direction === 'outbound' && e.outcome !== 'failed';
}

export interface CapSpec {
  rule: string;
  code: ReasonCode;
  message: string;
  timeZone: string;
  events: readonly ContactEvent[];
  limit: number;
}

function localDates(events: readonly ContactEvent[], timeZone: string): CalendarDate[] {
  return events.map((e) => dateInZone(e.at, timeZone));
}

function countBetween(dates: readonly CalendarDate[], first: CalendarDate, last: CalendarDate): number {
  const a = dayNumber(first);
  const b = dayNumber(last);
  return dates.filter((d) => { const n = dayNumber(d); return n >= a && n <= b; }).length;
}

/** A cap per calendar period: the period holding `at` runs from `start(date)` for `length(date)` days. */
function periodCap(spec: CapSpec, start: (d: CalendarDate) => CalendarDate, next: (d: CalendarDate) => CalendarDate): Rule {
  const dates = localDates(spec.events, spec.timeZone);
  return {
    rule: spec.rule,
    check(at: Date): Verdict {
      const today = dateInZone(at, spec.timeZone);
      const used = countBetween(dates, start(today), addDays(next(today), -1));
      if (used < spec.limit) return ALLOW;
      return deferUntil(startOfLocalDay(next(today), spec.timeZone), spec.code, spec.rule, spec.message);
    },
  };
}

export function perDayCap(spec: CapSpec): Rule {
  return periodCap(spec, (d) => d, (d) => addDays(d, 1));
}

export function perIsoWeekCap(spec: CapSpec): Rule {
  return periodCap(spec, mondayOf, (d) => addDays(mondayOf(d), 7));
}

export function perMonthCap(spec: CapSpec): Rule {
  return periodCap(spec, (d) => `${d.slice(0, 7)}-01`, firstOfNextMonth);
}

/** At most `limit` in any `days` consecutive local days, the current day included. */
export function rollingDaysCap(spec: CapSpec & { days: number }): Rule {
  const dates = localDates(spec.events, spec.timeZone);
  const usedOn = (d: CalendarDate) => countBetween(dates, addDays(d, 1 - spec.days), d);
  return {
    rule: spec.rule,
    check(at: Date): Verdict {
      const today = dateInZone(at, spec.timeZone);
      if (usedOn(today) < spec.limit) return ALLOW;
      let day = addDays(today, 1);
      while (usedOn(day) >= spec.limit) day = addDays(day, 1);
      return deferUntil(startOfLocalDay(day, spec.timeZone), spec.code, spec.rule, spec.message);
    },
  };
}

/**
 * No contact for `days` local days counted from the latest matching event, its own day being day 1
 * (US-2 after a conversation), or at least `days` days apart (Chile's spacing of written messages).
 */
export function cooldownRule(spec: Omit<CapSpec, 'limit'> & { days: number }): Rule {
  const dates = localDates(spec.events, spec.timeZone);
  return {
    rule: spec.rule,
    check(at: Date): Verdict {
      if (dates.length === 0) return ALLOW;
      const latest = dates.reduce((a, b) => (dayNumber(a) >= dayNumber(b) ? a : b));
      const reopens = addDays(latest, spec.days);
      if (dayNumber(dateInZone(at, spec.timeZone)) >= dayNumber(reopens)) return ALLOW;
      return deferUntil(startOfLocalDay(reopens, spec.timeZone), spec.code, spec.rule, spec.message);
    },
  };
}
