// US-7 validation notice: when it is due after the initial communication, and when the validation period ends.
import { addDays, dateInZone, weekday, type CalendarDate } from '../../domain/dates.ts';
import { isPublicHoliday } from '../holidays/index.ts';

/** Days after the initial communication within which the notice must go out (§1006.34(a)). */
export const VALIDATION_NOTICE_DAYS = 5;
/** Receipt is assumed this many days after sending, not counting weekends and federal holidays. */
export const ASSUMED_RECEIPT_BUSINESS_DAYS = 5;
export const VALIDATION_PERIOD_DAYS = 30;

function isFederalBusinessDay(date: CalendarDate): boolean {
  return weekday(date) < 6 && !isPublicHoliday(date, 'US');
}

/** The assumed receipt date and the end of the validation period for a notice sent on `sentOn`. */
export function validationPeriod(sentOn: CalendarDate): { assumedReceipt: CalendarDate; endsOn: CalendarDate } {
  let day = sentOn;
  for (let counted = 0; counted < ASSUMED_RECEIPT_BUSINESS_DAYS;) {
    day = addDays(day, 1);
    if (isFederalBusinessDay(day)) counted++;
  }
  return { assumedReceipt: day, endsOn: addDays(day, VALIDATION_PERIOD_DAYS) };
}

export interface ValidationFacts {
  /** Local date of the initial communication about the debt. */
  initialCommunicationOn?: CalendarDate;
  noticeSentOn?: CalendarDate;
  paidInFullOn?: CalendarDate;
}

export type ValidationNoticeStatus =
  | { kind: 'not_started' }
  | { kind: 'sent'; on: CalendarDate; late: boolean }
  | { kind: 'not_needed' }
  | { kind: 'due'; by: CalendarDate }
  /** Raise an alert: the notice is late. */
  | { kind: 'overdue'; dueBy: CalendarDate };

/** Where the notice stands at `now` in the debtor's time zone. */
export function validationNoticeStatus(facts: ValidationFacts, now: Date, timeZone: string): ValidationNoticeStatus {
  const initial = facts.initialCommunicationOn;
  if (!initial) return { kind: 'not_started' };
  const dueBy = addDays(initial, VALIDATION_NOTICE_DAYS);
  if (facts.noticeSentOn) return { kind: 'sent', on: facts.noticeSentOn, late: facts.noticeSentOn > dueBy };
  if (facts.paidInFullOn && facts.paidInFullOn <= dueBy) return { kind: 'not_needed' };
  return dateInZone(now, timeZone) > dueBy ? { kind: 'overdue', dueBy } : { kind: 'due', by: dueBy };
}
