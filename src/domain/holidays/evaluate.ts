// Working out the days a set of holiday rules gives in a year: base dates, moves, observances, regions and categories.
import { addDays, daysInMonth, toCalendarDate, weekday, type CalendarDate } from '../dates.ts';
import { easterSunday } from '../easter.ts';
import {
  HOLIDAY_CATEGORIES, type HolidayCategory, type HolidayOccurrence, type HolidayRule, type Observance, type Weekday,
} from './rules.ts';

/** The nth (1-based; -1 = last) given ISO weekday of a month. */
export function nthWeekday(year: number, month: number, wd: Weekday, n: number): CalendarDate {
  if (n > 0) {
    const first = toCalendarDate(year, month, 1);
    return addDays(first, ((wd - weekday(first) + 7) % 7) + (n - 1) * 7);
  }
  const last = toCalendarDate(year, month, daysInMonth(year, month));
  return addDays(last, -((weekday(last) - wd + 7) % 7) + (n + 1) * 7);
}

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

/** Dates a rule's holiday falls on that derive from one year, after any shift (which may cross into another year). */
export function ruleDates(rule: HolidayRule, year: number): CalendarDate[] {
  if (!inForce(rule, year)) return [];
  return baseDates(rule, year).flatMap((date) => {
    const wd = weekday(date) as Weekday;
    if (rule.onlyOn && !rule.onlyOn.includes(wd)) return [];
    return [addDays(date, rule.shift?.[wd] ?? 0)];
  });
}

/** The other day a holiday is observed on, or null when it is kept on its own date only. */
function observedOn(date: CalendarDate, observance: Observance, taken: ReadonlySet<CalendarDate>): CalendarDate | null {
  const wd = weekday(date) as Weekday;
  if (observance !== 'next_free_weekday') {
    const by = observance[wd] ?? 0;
    return by === 0 ? null : addDays(date, by);
  }
  if (wd < 6) return null;
  let sub = addDays(date, 1);
  while (weekday(sub) >= 6 || taken.has(sub)) sub = addDays(sub, 1);
  return sub;
}

export interface OccurrenceOptions {
  /** The region (state, community) whose own holidays are added; national ones only when absent. */
  region?: string;
  /** The categories wanted; all when absent. */
  categories?: readonly HolidayCategory[];
}

function applies(rule: HolidayRule, options: OccurrenceOptions): boolean {
  if (rule.regions && (!options.region || !rule.regions.includes(options.region))) return false;
  return (options.categories ?? HOLIDAY_CATEGORIES).includes(rule.category ?? 'public');
}

/** Every day the rules keep as a holiday in a year, sorted by date (two holidays on one day give two entries). */
export function holidayOccurrences(
  rules: readonly HolidayRule[], year: number, options: OccurrenceOptions = {},
): HolidayOccurrence[] {
  const out: HolidayOccurrence[] = [];
  const taken = new Set<CalendarDate>();
  const keep = (occurrence: HolidayOccurrence) => {
    if (!occurrence.date.startsWith(`${year}-`)) return;
    taken.add(occurrence.date);
    out.push(occurrence);
  };
  // Moves and observances can carry a holiday across New Year (1 January 2028 is observed on 31 December 2027).
  for (const y of [year - 1, year, year + 1]) {
    for (const rule of rules) {
      if (!applies(rule, options)) continue;
      const base = { name: rule.name, category: rule.category ?? 'public' } as const;
      for (const date of ruleDates(rule, y)) {
        const observed = rule.observed ? observedOn(date, rule.observed, taken) : null;
        if (observed === null) { keep({ ...base, date }); continue; }
        keep({ ...base, date, observance: 'actual' });
        keep({ ...base, date: observed, observance: 'observed' });
      }
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
