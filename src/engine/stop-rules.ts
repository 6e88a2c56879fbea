// Stop rules: the states in which no action is planned and pending ones are cancelled, checked in order.
import { addDays, formatMinor, hasPrefix, type CalendarDate } from '../domain/index.ts';
import type { CaseState } from './case-state.ts';
import { openInvoices } from './case-facts.ts';
import type { Stop } from './plan-types.ts';

export interface StopDecision {
  stop: Stop;
  /** The local date on which the stop may lift by itself (promise or instalment falls due), if any. */
  resumeOn: CalendarDate | null;
}

/** True while a pending promise has not reached the day after its due date. */
export function promiseActive(state: CaseState, today: CalendarDate): boolean {
  const p = state.promise;
  return p !== null && p.status === 'pending' && p.dueDate >= today;
}

/** Unpaid instalments whose due date has passed, in plan order. */
export function missedInstalments(state: CaseState, today: CalendarDate): { index: number; dueDate: CalendarDate }[] {
  return (state.plan?.instalments ?? [])
    .map((inst, index) => ({ index, dueDate: inst.dueDate, paid: inst.paid }))
    .filter((i) => !i.paid && i.dueDate < today);
}

/** A customer who never opted out is reachable (tasks still run without contacts); one who did, only
 * while some contact channel is left. */
function reachable(state: CaseState): boolean {
  const { channels, optedOut } = state.customer;
  return optedOut.length === 0 || channels.some((c) => !optedOut.includes(c));
}

/** The claimed payment (or voucher in flight) that holds reminders today: its hold has not run out and it covers every open invoice (a newer one is reminded). */
export function claimHolds(state: CaseState, today: CalendarDate): NonNullable<CaseState['claim']> | null {
  const c = state.claim;
  if (!c || today >= c.holdUntil) return null;
  return openInvoices(state).every((i) => c.invoiceIds.includes(i.id)) ? c : null;
}

/** Why nothing may be planned for this case today, or null when the sequence runs. */
export function stopRule(state: CaseState, today: CalendarDate): StopDecision | null {
  const all = state.invoices.filter((i) => i.balance.amount > 0);
  if (all.length === 0) return { stop: { code: 'paid', detail: 'no balance left' }, resumeOn: null };
  if (state.dispute || openInvoices(state).length === 0) {
    return { stop: { code: 'disputed', detail: state.dispute ? `dispute ${state.dispute.id} is open` : 'every open invoice is disputed',
      params: { dispute_id: state.dispute?.id ?? null } }, resumeOn: null };
  }
  if (state.escalated) return { stop: { code: 'escalated', detail: 'the case was handed over; no automatic contact' }, resumeOn: null };
  if (!reachable(state)) {
    return { stop: { code: 'opted_out', detail: `opted out on every channel (${state.customer.optedOut.join(', ')})`,
      params: { channels: [...state.customer.optedOut] } }, resumeOn: null };
  }
  const claim = claimHolds(state, today);
  // a bank debit processing (src/payments/in-flight-debits.ts) holds the same way, until the gateway settles it or at most
  // its longest confirmation time; a payment PayPal holds pending for another reason (its review, the merchant to accept it:
  // src/payments/gateways/paypal-pending.ts) the same way, said as such
  if (claim && hasPrefix(claim.id, 'debitInFlight')) {
    const paypal = claim.method?.startsWith('paypal_') === true;
    const what = paypal ? `PayPal holds the payment pending (${claim.method}); reminders held until PayPal completes or denies it`
      : 'a bank debit is processing at the gateway; reminders held until it settles';
    return { stop: { code: 'payment_in_flight', detail: `payment in flight (${claim.id}): ${what}, at most until ${claim.holdUntil}`,
      params: { hold_id: claim.id, until: claim.holdUntil, via: 'debit', ...(paypal ? { method: claim.method } : {}) }, hold: { id: claim.id, until: claim.holdUntil } },
      resumeOn: claim.holdUntil };
  }
  // a voucher issued and not paid yet (src/payments/in-flight.ts) holds the same way, until the day after it expires
  if (claim && hasPrefix(claim.id, 'paymentInFlight')) {
    return { stop: { code: 'payment_in_flight', detail: `payment in flight (${claim.id}): a voucher was issued and is not paid yet; reminders held until ${claim.holdUntil}`,
      params: { hold_id: claim.id, until: claim.holdUntil }, hold: { id: claim.id, until: claim.holdUntil } },
      resumeOn: claim.holdUntil };
  }
  if (claim) {
    return { stop: { code: 'payment_claimed', detail: `claim ${claim.id}: the debtor says they paid; reminders held until ${claim.holdUntil} while it is verified`,
      params: { claim_id: claim.id, until: claim.holdUntil }, hold: { id: claim.id, until: claim.holdUntil } },
      resumeOn: claim.holdUntil };
  }
  const p = state.promise;
  if (p && promiseActive(state, today)) {
    const amount = `${formatMinor(p.amount.amount, p.amount.currency)} ${p.amount.currency}`;
    return { stop: { code: 'promise_active', detail: `promise ${p.id} to pay ${amount} by ${p.dueDate}`,
      params: { promise_id: p.id, amount: p.amount.amount, currency: p.amount.currency, due_date: p.dueDate },
      hold: { id: p.id, until: addDays(p.dueDate, 1) } }, resumeOn: addDays(p.dueDate, 1) };
  }
  const plan = state.plan;
  if (plan && missedInstalments(state, today).length === 0) {
    const next = plan.instalments.find((i) => !i.paid);
    const resumeOn = next ? addDays(next.dueDate, 1) : null;
    // the plan holds what it cancels: planned again if it breaks (the day after an unpaid instalment's date + grace) or
    // is cancelled, unless the strategy's missed-instalment step (or a later one) answers it first
    return {
      stop: { code: 'plan_current', detail: `plan ${plan.id} is current${next ? `; next instalment due ${next.dueDate}` : ''}`,
        params: { plan_id: plan.id, next_due: next?.dueDate ?? null }, hold: { id: plan.id, until: resumeOn } },
      resumeOn,
    };
  }
  return null;
}
