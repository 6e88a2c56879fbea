// Data-subject requests (EU-2): answered within one month of receipt, extendable by two more only if the person is told in time.
import { daysInMonth, toCalendarDate, type CalendarDate } from '../../domain/dates.ts';
import { fail, ok, type Result } from '../../domain/result.ts';

/** The same day `months` later, or the month's last day when it has no such day (31 January + 1 month = 28 or 29 February). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return toCalendarDate(year, month, Math.min(d, daysInMonth(year, month)));
}

/** When an answer is due: one month after the request was received (GDPR art. 12(3)). */
export function requestDueDate(receivedOn: CalendarDate): CalendarDate {
  return addMonths(receivedOn, 1);
}

/**
 * The due date after an extension of two further months, allowed only when the person is told of it, with the
 * reasons, within the first month (on or before the original due date).
 */
export function extendedDueDate(dueOn: CalendarDate, toldOn: CalendarDate): Result<CalendarDate> {
  if (toldOn > dueOn) {
    return fail('VALIDATION_FAILED', `an extension must be told to the person within the first month, by ${dueOn}; it was told on ${toldOn}`, 'told_on');
  }
  return ok(addMonths(dueOn, 2));
}
