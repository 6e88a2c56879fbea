// Reminders a hold cancelled, planned again: an action cancelled by a claimed payment being verified, a voucher or bank
// debit in flight or a promise is planned again once that hold has ended without payment (rejected, expired, failed, run
// out, broken), under its own key, unless a later step has come due since (it then supersedes it, as after a late tick).
// A hold that ended in payment leaves it cancelled.
import type { CalendarDate } from '../domain/index.ts';
import type { CaseState, ExistingAction, HeldBy } from './case-state.ts';

/** What a re-planned action's key adds to the key of the action the hold cancelled: distinct, so the outbox keeps both. */
export const REPLAN_SUFFIX = '/replan';

export const replanKey = (cancelledKey: string): string => `${cancelledKey}${REPLAN_SUFFIX}`;

/** Whether the hold has ended without payment on the debtor's date `today`: ended so, or still open past its end. */
export function endedUnpaid(h: HeldBy, today: CalendarDate): boolean {
  return h.end === 'unpaid' || (h.end === 'open' && h.until !== null && today >= h.until);
}

/** The case's actions cancelled by a hold that has since ended unpaid and not yet weighed again, oldest first. */
export function released(state: CaseState, today: CalendarDate): (ExistingAction & { heldBy: HeldBy })[] {
  const keys = new Set(state.actions.map((a) => a.idempotencyKey));
  return state.actions
    .filter((a): a is ExistingAction & { heldBy: HeldBy } =>
      a.status === 'cancelled' && a.heldBy !== undefined && endedUnpaid(a.heldBy, today) && !keys.has(replanKey(a.idempotencyKey)))
    .sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor));
}

/**
 * A strategy step planned (or sent, or recorded as skipped) after `since`: the sequence has moved on past what was cancelled
 * then. The agent's answers and other actions of no step (`steps` lists the strategy's) do not count.
 */
export function movedOnSince(state: CaseState, since: CalendarDate, steps: ReadonlySet<string>): string | null {
  return state.actions.find((a) => a.status !== 'cancelled' && a.scheduledFor > since && steps.has(a.stepId))?.stepId ?? null;
}
