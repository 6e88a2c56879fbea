// The shape of a business calendar as data: weekend days and holiday rules (fixed, Easter-relative,
// nth weekday, explicit dates) with weekday shifts such as US observance or Colombia's Ley Emiliani.

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Days to move a holiday by, keyed by the ISO weekday it falls on; weekdays not listed stay put. */
export type WeekdayShift = Partial<Record<Weekday, number>>;

/** Shifts written into law in the countries cobro ships calendars for. */
export const SHIFTS = {
  /** US federal observance: Saturday to the Friday before, Sunday to the Monday after. */
  usObserved: { 6: -1, 7: 1 },
  /** Colombia's Ley Emiliani (Ley 51 de 1983): to the next Monday unless it is a Monday. */
  nextMonday: { 2: 6, 3: 5, 4: 4, 5: 3, 6: 2, 7: 1 },
  /** Argentina's movable holidays (Ley 27.399): Tue/Wed to the Monday before, Thu/Fri to the Monday after. */
  arMovable: { 2: -1, 3: -2, 4: 4, 5: 3 },
  /** Chile (Ley 19.668): Tue/Wed/Thu to the Monday of that week, Friday to the next Monday. */
  clMovable: { 2: -1, 3: -2, 4: -3, 5: 3 },
  /** Chile's Reformation Day (Ley 20.299): a Tuesday moves to the Friday before, a Wednesday to the Friday after. */
  clReformation: { 2: -4, 3: 2 },
} as const satisfies Record<string, WeekdayShift>;

/** What any rule may add: the years it is law, a weekday shift, the weekdays it only exists on. */
export interface RuleOptions {
  /** First and last year the rule is law (inclusive); open when absent. */
  from?: number;
  until?: number;
  shift?: WeekdayShift;
  /** Only a holiday in years when the (unshifted) date falls on one of these weekdays. */
  onlyOn?: readonly Weekday[];
}

type RuleBase = RuleOptions & { name: string };

export type HolidayRule =
  | (RuleBase & { kind: 'fixed'; month: number; day: number })
  /** Days from Easter Sunday: -2 Good Friday, -48 Carnival Monday, +60 Corpus Christi. */
  | (RuleBase & { kind: 'easter'; offset: number })
  /** The nth weekday of a month; n = -1 is the last. */
  | (RuleBase & { kind: 'nth_weekday'; month: number; weekday: Weekday; n: number })
  /** Dates set year by year (by decree or astronomy); years not listed have none. */
  | (RuleBase & { kind: 'dates'; dates: readonly string[] });

export interface BusinessCalendar {
  /** ISO 3166-1 alpha-2. */
  country: string;
  weekend: readonly Weekday[];
  holidays: readonly HolidayRule[];
}
