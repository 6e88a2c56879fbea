// What the planner returns: actions to write to the outbox, pending ones to cancel, steps skipped, and
// when the case next needs looking at.
import type { CalendarDate, Money } from '../domain/index.ts';
import type { Channel, SendAction, StepAction, Trigger } from '../strategy/index.ts';

/** A send with its channels decided: unreachable ones replaced by fallbacks where possible. */
export type ResolvedSend = Omit<SendAction, 'channels' | 'fallback'> & {
  channels: Channel[];
  /** Listed channels the customer cannot be reached on (no contact, or opted out). */
  unreachable: Channel[];
  /** Fallbacks still unused, in order: the dispatcher tries the next one when a channel is blocked or fails for good. */
  fallback?: Channel[];
};
export type PlannedStepAction = Exclude<StepAction, SendAction> | ResolvedSend;

export interface InvoiceLine {
  id: string;
  number: string;
  balance: Money;
  dueDate: CalendarDate;
  /** Negative before the due date. */
  daysPastDue: number;
}

export interface PlannedAction {
  idempotencyKey: string;
  caseId: string;
  customerId: string;
  strategyId: string;
  strategyVersion: number;
  stepId: string;
  cycle: number;
  occurrence: string | null;
  trigger: Trigger;
  /** The debtor's local date the action is for (always a business day). */
  scheduledFor: CalendarDate;
  /** Every open invoice of the case, oldest due date first: one message lists them all. */
  invoices: InvoiceLine[];
  /** Open balance per currency. */
  totals: Money[];
  actions: PlannedStepAction[];
  reason: string;
  /** Planned again after the hold that cancelled it ended without payment: the cancelled action's key and the hold's id. */
  replanOf?: { key: string; hold: string };
}

export type StopCode = 'paid' | 'disputed' | 'escalated' | 'opted_out' | 'promise_active' | 'plan_current' | 'payment_claimed' | 'payment_in_flight';

export interface Stop {
  code: StopCode;
  detail: string;
  /** The detail's values for a reader who words it in another language (ids, dates, amounts in minor units). */
  params?: Record<string, string | number | string[] | null>;
  /**
   * A hold (a claim being verified, a voucher or debit in flight, a promise) names itself and the debtor's date it ends by
   * (null: until it is judged): what it cancels is planned again if it ends without payment.
   */
  hold?: { id: string; until: CalendarDate | null };
}

export interface Cancellation {
  idempotencyKey: string;
  stepId: string;
  reason: StopCode;
  detail: string;
  params?: Stop['params'];
  hold?: Stop['hold'];
}

export type SkipCode = 'superseded' | 'condition_failed' | 'no_channel';

/** A due step the planner decided not to run; recording it keeps it from being weighed again. */
export interface SkippedStep {
  idempotencyKey: string;
  stepId: string;
  occurrence: string | null;
  reason: SkipCode;
  detail: string;
  /** superseded: the step due the same day or later that runs instead. */
  by?: string;
}

export interface CasePlan {
  /** The debtor's local date at `now`. */
  today: CalendarDate;
  stop: Stop | null;
  actions: PlannedAction[];
  cancellations: Cancellation[];
  skipped: SkippedStep[];
  /** The next instant the case needs planning again; null when only an event can move it. */
  nextActionAt: Date | null;
  /** The step the case is on after this plan. */
  currentStepId: string | null;
}
