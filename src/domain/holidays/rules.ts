// The shape of holiday rules as data: when a holiday falls, how it moves or is observed, where and for whom it closes.
import type { CalendarDate } from '../dates.ts';

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Days to move a date by, keyed by the ISO weekday it falls on; weekdays not listed stay put. */
export type WeekdayShift = Partial<Record<Weekday, number>>;

/** Shifts written into law in the countries cobro has holidays for. */
export const SHIFTS = {
  /** US federal observance: Saturday to the Friday before, Sunday to the Monday after. */
  usObserved: { 6: -1, 7: 1 },
  /** Colombia's Ley Emiliani (Ley 51 de 1983): to the next Monday unless it is a Monday. */
  nextMonday: { 2: 6, 3: 5, 4: 4, 5: 3, 6: 2, 7: 1 },
  /** Ireland's St Brigid's Day: 1 February when a Monday or a Friday, otherwise the first Monday of February. */
  ieBrigid: { 2: 6, 3: 5, 4: 4, 6: 2, 7: 1 },
  /** Argentina's movable holidays (Ley 27.399): Tue/Wed to the Monday before, Thu/Fri to the Monday after. */
  arMovable: { 2: -1, 3: -2, 4: 4, 5: 3 },
  /** Chile (Ley 19.668): Tue/Wed/Thu to the Monday of that week, Friday to the next Monday. */
  clMovable: { 2: -1, 3: -2, 4: -3, 5: 3 },
  /** Chile's Reformation Day (Ley 20.299): a Tuesday moves to the Friday before, a Wednesday to the Friday after. */
  clReformation: { 2: -4, 3: 2 },
} as const satisfies Record<string, WeekdayShift>;

/**
 * Who closes on a holiday, so each consumer picks the categories that close its days:
 * - public: a legal holiday (the contact-law gate and business days both keep it);
 * - bank: not a legal holiday, but banks do not open (Brazil's Carnival and Corpus Christi);
 * - bridge: a day decreed non-working for tourism, kept by the public sector and banks (Argentina).
 */
export type HolidayCategory = 'public' | 'bank' | 'bridge';
export const HOLIDAY_CATEGORIES: readonly HolidayCategory[] = ['public', 'bank', 'bridge'];

/**
 * How a holiday that stays on its date is also observed on another day: a weekday shift (US), or
 * 'next_free_weekday' (Ireland: a weekend holiday is also kept on the next weekday not already a holiday).
 */
export type Observance = WeekdayShift | 'next_free_weekday';

/** What any rule may add to its date. */
export interface RuleOptions {
  /** First and last year the rule is law (inclusive); open when absent. */
  from?: number;
  until?: number;
  /** Moves the holiday itself: its own date is no longer a holiday (Ley Emiliani). */
  shift?: WeekdayShift;
  /** Keeps the holiday on its date and adds an observed day (US federal observance). */
  observed?: Observance;
  /** Only a holiday in years when the (unshifted) date falls on one of these weekdays. */
  onlyOn?: readonly Weekday[];
  /** Only kept in these regions (states, communities); national when absent. */
  regions?: readonly string[];
  /** 'public' when absent. */
  category?: HolidayCategory;
}

type RuleBase = RuleOptions & { name: string };

export type HolidayRule =
  | (RuleBase & { kind: 'fixed'; month: number; day: number })
  /** Days from Easter Sunday: -2 Good Friday, -48 Carnival Monday, +60 Corpus Christi. */
  | (RuleBase & { kind: 'easter'; offset: number })
  /** The nth weekday of a month; n = -1 is the last. */
  | (RuleBase & { kind: 'nth_weekday'; month: number; weekday: Weekday; n: number })
  /** Dates set year by year (by decree or astronomy); years not listed have none. */
  | (RuleBase & { kind: 'dates'; dates: readonly CalendarDate[] });

/** One day a holiday is kept on in a year. */
export interface HolidayOccurrence {
  date: CalendarDate;
  name: string;
  category: HolidayCategory;
  /** Set when the holiday is observed on another day: 'actual' is its own date, 'observed' the day it is kept. */
  observance?: 'actual' | 'observed';
}
