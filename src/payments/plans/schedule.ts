// The instalment schedule, pure: from a balance, a down payment, a number of instalments, a frequency, a first due date,
// an interest rate and the org's limits, the dated instalments in integer minor units that always sum to the balance
// plus interest, or a failure naming the limit that cannot be met.
import { addDays, daysBetween, daysInMonth, fail, ok, toCalendarDate, type CalendarDate, type Money, type Result } from '../../domain/index.ts';
import { minDownPayment, minInstalment, type Frequency, type NegotiationLimits } from '../limits.ts';

export interface ScheduleInput {
  /** What the plan covers: the open balance of its invoices, in one currency. */
  balance: Money;
  /** Instalments after the down payment. */
  instalments: number;
  /** Paid on the start date; the minimum the limits allow when absent. */
  downPayment?: number;
  frequency: Frequency;
  /** The debtor's today: the down payment falls due on it and interest runs from it. */
  startDate: CalendarDate;
  /** The first instalment after the down payment; one period after the start when absent (within the limits). */
  firstDueDate?: CalendarDate;
  /** Simple annual interest in basis points on what is still owed; the org's rate when absent. */
  interestAnnualBp?: number;
  /**
   * The day an instalment falling due on a date is due instead: the date itself on a business day, else the next one
   * (the customer's country's weekends and holidays, the org's quiet days). Dates stay as counted when absent.
   */
  dueOn?: (date: CalendarDate) => CalendarDate;
}

export interface ScheduledInstalment {
  /** 0 is the down payment, then 1..n. */
  seq: number;
  dueDate: CalendarDate;
  /** The date counted from the first, when it fell on a closed day and the instalment moved to `dueDate`. */
  movedFrom?: CalendarDate;
  principal: number;
  interest: number;
  amount: number;
}

export interface Schedule {
  currency: string;
  principal: number;
  downPayment: number;
  interest: number;
  /** principal + interest: what the instalments add up to. */
  total: number;
  interestAnnualBp: number;
  frequency: Frequency;
  startDate: CalendarDate;
  firstDueDate: CalendarDate;
  lastDueDate: CalendarDate;
  instalments: ScheduledInstalment[];
}

/** The k-th due date (0-based) from the first: every 7 or 14 days, or the same day of each month (the month's last day when shorter). */
export function nthDueDate(first: CalendarDate, frequency: Frequency, k: number): CalendarDate {
  if (frequency === 'weekly') return addDays(first, 7 * k);
  if (frequency === 'biweekly') return addDays(first, 14 * k);
  const [y, m, d] = first.split('-').map(Number) as [number, number, number];
  const months = m - 1 + k;
  const year = y + Math.floor(months / 12);
  const month = (months % 12) + 1;
  return toCalendarDate(year, month, Math.min(d, daysInMonth(year, month)));
}

/** The first due date when none is chosen: one period after the start, but within the limit for the first instalment. */
export function defaultFirstDueDate(start: CalendarDate, frequency: Frequency, limits: NegotiationLimits): CalendarDate {
  const oneLater = nthDueDate(start, frequency, 1);
  const latest = addDays(start, limits.planFirstDueMaxDays);
  return oneLater < latest ? oneLater : latest;
}

/** outstanding x rate x days / 365 / 10,000, rounded half up, in exact integer arithmetic. */
function simpleInterest(outstanding: number, annualBp: number, days: number): number {
  if (annualBp === 0 || days <= 0 || outstanding <= 0) return 0;
  const n = BigInt(outstanding) * BigInt(annualBp) * BigInt(days);
  const d = 3_650_000n;
  return Number((n * 2n + d) / (2n * d));
}

const invalid = (message: string, field: string, limit?: string, details: Record<string, unknown> = {}) =>
  fail<Schedule>('VALIDATION_FAILED', message, field, limit ? { limit, ...details } : details);

/** Checks the choices against the limits that do not need the schedule itself. */
function checkChoices(input: ScheduleInput, limits: NegotiationLimits, down: number, rate: number, first: CalendarDate): Result<Schedule> | null {
  const { balance, instalments: n } = input;
  if (!Number.isSafeInteger(balance.amount) || balance.amount <= 0) return invalid('the balance must be a positive amount in minor units', 'balance');
  if (!Number.isInteger(n) || n < 1) return invalid('a plan has at least one instalment', 'instalments');
  if (n > limits.planMaxInstalments) {
    return invalid(`${n} instalments is more than the limit of ${limits.planMaxInstalments}`, 'instalments', 'planMaxInstalments', { max: limits.planMaxInstalments });
  }
  if (!limits.frequencies.includes(input.frequency)) {
    return invalid(`${input.frequency} instalments are not offered (allowed: ${limits.frequencies.join(', ')})`, 'frequency', 'frequencies', { allowed: limits.frequencies });
  }
  if (!Number.isInteger(rate) || rate < 0 || rate > limits.interestAnnualBp) {
    return invalid(`an annual interest of ${rate} basis points is over the limit of ${limits.interestAnnualBp}`, 'interest', 'interestAnnualBp', { max: limits.interestAnnualBp });
  }
  const minDown = minDownPayment(limits, balance.amount);
  if (!Number.isSafeInteger(down) || down < 0) return invalid('the down payment must be zero or a positive amount in minor units', 'downPayment');
  if (down < minDown) {
    return invalid(`the down payment must be at least ${minDown} (${limits.planMinDownPaymentBp / 100}% of ${balance.amount})`, 'downPayment', 'planMinDownPaymentBp', { min: minDown });
  }
  if (down >= balance.amount) return invalid('the down payment covers the whole balance: no plan is needed', 'downPayment');
  if (first < input.startDate || (down > 0 && first === input.startDate)) {
    return invalid(`the first instalment must fall due after the start ${input.startDate}${down > 0 ? ', the down payment\'s day' : ''}`, 'firstDueDate');
  }
  const latestFirst = addDays(input.startDate, limits.planFirstDueMaxDays);
  if (first > latestFirst) {
    return invalid(`the first instalment must fall due by ${latestFirst} (${limits.planFirstDueMaxDays} days)`, 'firstDueDate', 'planFirstDueMaxDays', { max: latestFirst });
  }
  const last = nthDueDate(first, input.frequency, n - 1);
  const length = daysBetween(input.startDate, last);
  if (length > limits.planMaxDays) {
    return invalid(`the plan would last ${length} days (last instalment ${last}), over the limit of ${limits.planMaxDays}`, 'instalments', 'planMaxDays', { max: limits.planMaxDays, days: length });
  }
  return null;
}

/**
 * Builds the schedule. The financed part (balance - down payment) is split into equal principal parts; the units left
 * over go one each to the first instalments, so earlier instalments are at most one unit larger. Interest (when any) is
 * simple, on what is still owed, for the days since the previous due date, rounded half up per instalment.
 */
export function buildSchedule(input: ScheduleInput, limits: NegotiationLimits): Result<Schedule> {
  const { balance, instalments: n, frequency, startDate } = input;
  const down = input.downPayment ?? (Number.isSafeInteger(balance.amount) ? minDownPayment(limits, balance.amount) : 0);
  const rate = input.interestAnnualBp ?? limits.interestAnnualBp;
  const first = input.firstDueDate ?? defaultFirstDueDate(startDate, frequency, limits);
  const refused = checkChoices(input, limits, down, rate, first);
  if (refused) return refused;

  const financed = balance.amount - down;
  const base = Math.floor(financed / n);
  const extra = financed - base * n;
  const items: ScheduledInstalment[] = down > 0 ? [{ seq: 0, dueDate: startDate, principal: down, interest: 0, amount: down }] : [];
  let outstanding = financed;
  let previous = startDate;
  for (let k = 0; k < n; k++) {
    const counted = nthDueDate(first, frequency, k);
    const dueDate = movedDueDate(counted, previous, input.dueOn);
    const principal = base + (k < extra ? 1 : 0);
    const interest = simpleInterest(outstanding, rate, daysBetween(previous, dueDate));
    items.push({ seq: k + 1, dueDate, ...(dueDate !== counted ? { movedFrom: counted } : {}), principal, interest, amount: principal + interest });
    outstanding -= principal;
    previous = dueDate;
  }
  const floor = Math.max(1, minInstalment(limits, balance.amount, balance.currency));
  const smallest = Math.min(...items.filter((i) => i.seq > 0).map((i) => i.amount));
  if (smallest < floor) {
    return invalid(`instalments of ${smallest} would be under the minimum instalment of ${floor}: choose fewer instalments or a smaller down payment`,
      'instalments', 'planMinInstalment', { min: floor, smallest });
  }
  const interest = items.reduce((s, i) => s + i.interest, 0);
  return ok({
    currency: balance.currency, principal: balance.amount, downPayment: down, interest, total: balance.amount + interest,
    interestAnnualBp: rate, frequency, startDate, firstDueDate: items.find((i) => i.seq === 1)!.dueDate, lastDueDate: previous, instalments: items,
  });
}

/**
 * An instalment's due date: the counted one, moved to the next business day when `dueOn` says it is closed, and always
 * after the previous instalment's (a long closure never puts two on one day or out of order). Moves only ever later:
 * the debtor never has less time than counted. The limits are checked on the counted dates.
 */
function movedDueDate(counted: CalendarDate, previous: CalendarDate, dueOn: ScheduleInput['dueOn']): CalendarDate {
  if (!dueOn) return counted;
  let d = dueOn(counted);
  while (d <= previous) d = dueOn(addDays(d, 1));
  return d;
}

export interface PlanOption extends Schedule {
  /** Instalments after the down payment. */
  count: number;
}

/** The counts the portal offers, when the limits allow them. */
export const OFFERED_COUNTS = [2, 3, 4, 6, 9, 12, 18, 24, 36] as const;

/** Every offered count and allowed frequency that builds within the limits, with the minimum down payment. */
export function scheduleOptions(balance: Money, startDate: CalendarDate, limits: NegotiationLimits, dueOn?: ScheduleInput['dueOn']): PlanOption[] {
  const out: PlanOption[] = [];
  for (const frequency of limits.frequencies) {
    for (const count of OFFERED_COUNTS) {
      const r = buildSchedule({ balance, instalments: count, frequency, startDate, ...(dueOn ? { dueOn } : {}) }, limits);
      if (r.ok) out.push({ ...r.value, count });
    }
  }
  return out;
}
