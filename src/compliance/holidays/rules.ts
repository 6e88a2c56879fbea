// Holiday rules as data (fixed date, Easter-relative, nth weekday, listed dates) and the moves some countries apply.
import { addDays, toCalendarDate, weekday, daysInMonth, type CalendarDate } from '../../domain/dates.ts';
import { easterSunday } from './easter.ts';

/**
 * How a holiday moves off its date:
 * - next_monday: Colombia's Ley Emiliani (Ley 51 de 1983), to the following Monday unless it is one.
 * - ar_trasladable: Argentina's Ley 27.399, Tuesday/Wednesday to the Monday before, Thursday/Friday to the Monday after.
 * - cl_19668: Chile's Ley 19.668, Tuesday to Thursday to that week's Monday, Friday to the next Monday.
 * - us_observed: the actual day plus a weekday observance (Saturday to Friday, Sunday to Monday).
 * - ie_substitute: the actual day plus, on a weekend, the next weekday that is not already a holiday.
 */
export type Move = 'next_monday' | 'ar_trasladable' | 'cl_19668' | 'us_observed' | 'ie_substitute';

export type HolidayRule = { name: string; regions?: readonly string[]; from?: number; to?: number; move?: Move } & (
  | { kind: 'fixed'; month: number; day: number }
  | { kind: 'easter'; offset: number }
  /** n-th given ISO weekday of a month; n = -1 is the last one. */
  | { kind: 'nth_weekday'; month: number; weekday: number; n: number }
  /** Dates decided each year (astronomical or decreed), listed as data. */
  | { kind: 'listed'; dates: readonly CalendarDate[] }
  | { kind: 'computed'; on: (year: number) => CalendarDate | null }
);

export interface Holiday {
  date: CalendarDate;
  name: string;
}

function nthWeekday(year: number, month: number, isoWeekday: number, n: number): CalendarDate {
  if (n > 0) {
    const first = toCalendarDate(year, month, 1);
    const shift = (isoWeekday - weekday(first) + 7) % 7;
    return addDays(first, shift + 7 * (n - 1));
  }
  const last = toCalendarDate(year, month, daysInMonth(year, month));
  return addDays(last, -((weekday(last) - isoWeekday + 7) % 7));
}

function baseDate(rule: HolidayRule, year: number): CalendarDate | null {
  switch (rule.kind) {
    case 'fixed': return toCalendarDate(year, rule.month, rule.day);
    case 'easter': return addDays(easterSunday(year), rule.offset);
    case 'nth_weekday': return nthWeekday(year, rule.month, rule.weekday, rule.n);
    case 'listed': return rule.dates.find((d) => d.startsWith(`${year}-`)) ?? null;
    case 'computed': return rule.on(year);
  }
}

/** The dates a holiday is kept on: usually one, two where the actual day and an observance both count. */
function keptOn(date: CalendarDate, move: Move | undefined, taken: ReadonlySet<CalendarDate>): CalendarDate[] {
  const wd = weekday(date);
  switch (move) {
    case undefined: return [date];
    case 'next_monday': return [wd === 1 ? date : addDays(date, 8 - wd)];
    case 'ar_trasladable':
      return [wd === 2 || wd === 3 ? addDays(date, 1 - wd) : wd === 4 || wd === 5 ? addDays(date, 8 - wd) : date];
    case 'cl_19668':
      return [wd >= 2 && wd <= 4 ? addDays(date, 1 - wd) : wd === 5 ? addDays(date, 3) : date];
    case 'us_observed':
      return wd === 6 ? [date, addDays(date, -1)] : wd === 7 ? [date, addDays(date, 1)] : [date];
    case 'ie_substitute': {
      if (wd < 6) return [date];
      let sub = addDays(date, 1);
      while (weekday(sub) >= 6 || taken.has(sub)) sub = addDays(sub, 1);
      return [date, sub];
    }
  }
}

/** Every holiday of a year under the rules, for a region when given, sorted by date. */
export function evaluateRules(rules: readonly HolidayRule[], year: number, region?: string): Holiday[] {
  const out: Holiday[] = [];
  const taken = new Set<CalendarDate>();
  // A holiday of next year can be observed this year (1 January on a Saturday is observed on 31 December).
  for (const y of [year, year + 1]) {
    for (const rule of rules) {
      if (rule.regions && (!region || !rule.regions.includes(region))) continue;
      if ((rule.from !== undefined && y < rule.from) || (rule.to !== undefined && y > rule.to)) continue;
      const base = baseDate(rule, y);
      if (!base) continue;
      for (const date of keptOn(base, rule.move, taken)) {
        if (!date.startsWith(`${year}-`)) continue;
        taken.add(date);
        out.push({ date, name: date === base ? rule.name : `${rule.name} (observed)` });
      }
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
