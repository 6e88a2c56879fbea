// The business calendars cobro ships: Saturday and Sunday weekends and each country's holidays from the domain tables.
// Regional holidays (Spanish communities, US states, Brazilian states) are not kept: a calendar has no region.
import { HOLIDAY_COUNTRIES, holidayRules } from '../../domain/holidays/index.ts';
import type { BusinessCalendar, Weekday } from './rules.ts';

const SAT_SUN: readonly Weekday[] = [6, 7];

export const CALENDARS: Readonly<Record<string, BusinessCalendar>> = Object.fromEntries(
  HOLIDAY_COUNTRIES.map((country) => [country, { country, weekend: SAT_SUN, holidays: holidayRules(country) }]),
);
