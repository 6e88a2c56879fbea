// Business calendars: weekends and public holidays per country as data, and business-day arithmetic.
export * from './rules.ts';
export { CALENDARS, regionalCalendar } from './countries.ts';
export { easterSunday } from './easter.ts';
export { holidaysOf, nthWeekday } from './holidays.ts';
export * from './business-days.ts';
