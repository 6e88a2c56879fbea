// What a provider payment comes to in the ledger (pure): the figures merged from events in any order, the part kept
// after refunds and chargebacks, and the allocation of a payment to a link's invoices (the rest stays as credit).
import type { DisputeFacts, PaymentFacts } from './gateways/index.ts';

export interface HeldState {
  captured: number;
  /** The running total refunded; it only grows (an older event never lowers it) but for a refund undone. */
  refunded: number;
  disputes: Record<string, Omit<DisputeFacts, 'id'>>;
  /** Refunds reported one by one (Adyen), by their id: refunded is at least their sum; 0 is a refund undone. */
  refunds?: Record<string, number>;
  /** When each of those refunds was made, where the provider says (PayPal), by their id. */
  refundTimes?: Record<string, string>;
}

type HeldDispute = HeldState['disputes'][string];

/**
 * One dispute's state after a report of it: a final state (won, lost) is not undone by a late `open`, nor any state by a
 * report older than the one it came from (`at`, Adyen's eventDate); money taken while open stays taken when a later stage
 * takes none (a notice arriving after the chargeback); the reason and deadline, once said, are kept.
 */
export function mergeDispute(before: HeldDispute | undefined, d: DisputeFacts): HeldDispute | undefined {
  const final = before && before.status !== 'open';
  const stale = before?.at !== undefined && d.at !== undefined && Date.parse(d.at) < Date.parse(before.at);
  // a settlement read from the payment's status (ifHeld) ends only a dispute held open; without one it is nothing
  const applies = d.ifHeld ? before?.status === 'open' : !stale && (!final || d.status !== 'open');
  if (!applies) return before;
  const openedAt = d.openedAt ?? before?.openedAt;
  const keepsHeld = d.status === 'open' && before?.status === 'open' && before.held === undefined;
  const held = d.held === false && !keepsHeld ? false : undefined;
  // an event that takes money makes it a chargeback; one that takes none and names nothing keeps what it was
  const kind = d.kind ?? (d.held === false ? before?.kind : undefined);
  const reason = d.reason ?? before?.reason;
  const respondBy = d.respondBy ?? before?.respondBy;
  const caseId = d.caseId ?? before?.caseId;
  const at = d.at ?? before?.at;
  return { amount: d.amount, status: d.status, ...(openedAt ? { openedAt } : {}), ...(held === false ? { held } : {}), ...(kind ? { kind } : {}),
    ...(reason ? { reason } : {}), ...(respondBy ? { respondBy } : {}), ...(caseId ? { caseId } : {}), ...(at ? { at } : {}) };
}

/** Folds an event's facts into what is known; a dispute's final state (won, lost) is not undone by a late `open`. */
export function mergeFacts(s: HeldState, f: PaymentFacts): HeldState {
  const disputes = { ...s.disputes };
  const merged = f.dispute ? mergeDispute(disputes[f.dispute.id], f.dispute) : undefined;
  if (f.dispute && merged) disputes[f.dispute.id] = merged;
  // an undone refund stays at 0: its own report, arriving late or again, does not bring it back
  const undone = f.refundUndone ? (s.refunds?.[f.refundUndone.id] ?? 0) : 0;
  const refunds = f.refundUndone ? { ...s.refunds, [f.refundUndone.id]: 0 }
    : f.refund ? { ...s.refunds, [f.refund.id]: s.refunds?.[f.refund.id] === 0 ? 0 : f.refund.amount } : s.refunds;
  const oneByOne = Object.values(refunds ?? {}).reduce((sum, a) => sum + a, 0);
  const refunded = Math.max(s.refunded - undone, f.refunded ?? 0, oneByOne);
  const refundTimes = f.refund?.at && !s.refundTimes?.[f.refund.id] ? { ...s.refundTimes, [f.refund.id]: f.refund.at } : s.refundTimes;
  return { captured: Math.max(s.captured, f.captured ?? 0), refunded, disputes, ...(refunds ? { refunds } : {}), ...(refundTimes ? { refundTimes } : {}) };
}

export function disputed(s: HeldState): number {
  return Object.values(s.disputes).filter((d) => d.status !== 'won' && d.held !== false).reduce((sum, d) => sum + d.amount, 0);
}

/**
 * What refunds took from the first opening of a dispute whose money leaves through refunds (PayPal: a lost dispute is paid
 * back as a reversal, an accepted claim as a refund): that money and the dispute's are the same, not twice as much.
 */
function refundedSinceDispute(s: HeldState): number {
  const opened = Object.values(s.disputes).map((d) => d.openedAt).filter((at): at is string => Boolean(at)).map(Date.parse).sort((a, b) => a - b)[0];
  if (opened === undefined) return 0;
  return Object.entries(s.refunds ?? {}).reduce((sum, [id, amount]) => {
    const at = s.refundTimes?.[id];
    return at !== undefined && Date.parse(at) >= opened ? sum + amount : sum;
  }, 0);
}

/** What the org keeps of the payment: captured less refunds and money held or lost in disputes, never below zero. */
export function keptOf(s: HeldState): number {
  const overlapping = refundedSinceDispute(s);
  return Math.max(0, s.captured - (s.refunded - overlapping) - Math.max(overlapping, disputed(s)));
}

/** Why the kept part changed, for the reversal's reason and the audit log. */
export function keptReason(provider: string, paymentRef: string, s: HeldState): string {
  const parts = [`${provider} payment ${paymentRef}: ${s.captured} captured`];
  if (s.refunded) parts.push(`${s.refunded} refunded`);
  const held = disputed(s);
  if (held) parts.push(`${held} in chargebacks`);
  return `${parts.join(', ')}; ${keptOf(s)} kept`;
}

export interface AllocatableInvoice { id: string; balance: number; status: string }

/** Pays the link's invoices in order (oldest due first) up to each balance; what is left is the customer's credit. */
export function allocateToInvoices(invoices: AllocatableInvoice[], amount: number): { invoice_id: string; amount: number }[] {
  const out: { invoice_id: string; amount: number }[] = [];
  let left = amount;
  for (const inv of invoices) {
    if (left <= 0) break;
    if (inv.balance <= 0 || inv.status === 'cancelled' || inv.status === 'written_off') continue;
    const take = Math.min(left, inv.balance);
    out.push({ invoice_id: inv.id, amount: take });
    left -= take;
  }
  return out;
}
