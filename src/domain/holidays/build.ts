// Short constructors for writing the per-country holiday tables.
import type { HolidayRule, RuleOptions, Weekday } from './rules.ts';

export const fixed = (month: number, day: number, name: string, options: RuleOptions = {}): HolidayRule =>
  ({ kind: 'fixed', month, day, name, ...options });

export const easter = (offset: number, name: string, options: RuleOptions = {}): HolidayRule =>
  ({ kind: 'easter', offset, name, ...options });

/** The nth (-1 = last) ISO weekday of a month: nth(3, 1, 1, ...) is the third Monday of January. */
export const nth = (n: number, weekday: Weekday, month: number, name: string, options: RuleOptions = {}): HolidayRule =>
  ({ kind: 'nth_weekday', n, weekday, month, name, ...options });

export const listed = (dates: readonly string[], name: string, options: RuleOptions = {}): HolidayRule =>
  ({ kind: 'dates', dates, name, ...options });
