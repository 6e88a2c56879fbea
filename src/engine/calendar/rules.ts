// The shape of a business calendar: weekend days plus holiday rules, whose types and shifts come from the domain holidays.
import type { HolidayRule, Weekday } from '../../domain/holidays/index.ts';

export {
  SHIFTS, type HolidayCategory, type HolidayRule, type Observance, type RuleOptions, type Weekday, type WeekdayShift,
} from '../../domain/holidays/index.ts';

export interface BusinessCalendar {
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** The region (ISO 3166-2 subdivision part: 'SP', 'CT') whose own holidays close days too; national only when absent. */
  region?: string;
  weekend: readonly Weekday[];
  holidays: readonly HolidayRule[];
  /** Days this calendar's user closes besides the country's (an org's own quiet days), date -> name. */
  closedDays?: ReadonlyMap<string, string>;
}
