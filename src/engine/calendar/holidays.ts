// The holidays a calendar's rules give for a year, worked out once per calendar and year.
import {
  addDays, daysInMonth, toCalendarDate, weekday, type CalendarDate,
} from '../../domain/index.ts';
import { easterSunday } from './easter.ts';
import type { BusinessCalendar, HolidayRule, Weekday } from './rules.ts';

/** The nth (1-based; -1 = last) given ISO weekday of a month. */
export function nthWeekday(year: number, month: number, wd: Weekday, n: number): CalendarDate {
  if (n > 0) {
    const first = toCalendarDate(year, month, 1);
    return addDays(first, ((wd - weekday(first) + 7) % 7) + (n - 1) * 7);
  }
  const last = toCalendarDate(year, month, daysInMonth(year, month));
  return addDays(last, -((weekday(last) - wd + 7) % 7) + (n + 1) * 7);
}

/** The date a rule gives in one year, before any weekday shift; null when it has none that year. */
function baseDates(rule: HolidayRule, year: number): CalendarDate[] {
  switch (rule.kind) {
    case 'fixed': return [toCalendarDate(year, rule.month, rule.day)];
    case 'easter': return [addDays(easterSunday(year), rule.offset)];
    case 'nth_weekday': return [nthWeekday(year, rule.month, rule.weekday, rule.n)];
    case 'dates': return rule.dates.filter((d) => d.startsWith(`${year}-`));
  }
}

function inForce(rule: HolidayRule, year: number): boolean {
  return (rule.from === undefined || year >= rule.from) && (rule.until === undefined || year <= rule.until);
}

/** Dates a rule closes that derive from one year (a shift may carry them into the next or previous year). */
export function ruleDates(rule: HolidayRule, year: number): CalendarDate[] {
  if (!inForce(rule, year)) return [];
  return baseDates(rule, year).flatMap((date) => {
    const wd = weekday(date) as Weekday;
    if (rule.onlyOn && !rule.onlyOn.includes(wd)) return [];
    return [addDays(date, rule.shift?.[wd] ?? 0)];
  });
}

const cache = new WeakMap<BusinessCalendar, Map<number, ReadonlyMap<CalendarDate, string>>>();

/** Every holiday of a calendar that falls in a year, date -> name (names joined when two coincide). */
export function holidaysOf(calendar: BusinessCalendar, year: number): ReadonlyMap<CalendarDate, string> {
  let byYear = cache.get(calendar);
  if (!byYear) { byYear = new Map(); cache.set(calendar, byYear); }
  const hit = byYear.get(year);
  if (hit) return hit;
  const found = new Map<CalendarDate, string>();
  for (const rule of calendar.holidays) {
    // Observance can pull 1 January of next year back into this one (US, 2027-12-31).
    for (const y of [year - 1, year, year + 1]) {
      for (const date of ruleDates(rule, y)) {
        if (!date.startsWith(`${year}-`)) continue;
        const before = found.get(date);
        found.set(date, before && before !== rule.name ? `${before} / ${rule.name}` : rule.name);
      }
    }
  }
  const sorted = new Map([...found].sort(([a], [b]) => (a < b ? -1 : 1)));
  byYear.set(year, sorted);
  return sorted;
}
