// The booking rules of a matched line, in one place for the review screen and for whole batches: what a line's money
// becomes (a payment with explicit allocations, bank fees as discounts, the rest as customer credit), checked against the
// invoices as they stand, with no database call. The writers in book-writes.ts put the result on the ledger.
import { newId } from '../domain/ids.ts';
import { dateInZone } from '../domain/dates.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import type { AuditEntry } from '../audit/index.ts';
import type { Proposal } from './match/types.ts';
import { lineDate, type LineRow } from './lines.ts';

/** An invoice as booking checks it (locked by the caller). */
export interface BookedInvoice {
  id: string; number: string; customer_id: string; currency: string; balance: number; status: string; cancelled: boolean;
}

/** What booking reads: the invoices the proposals name, the customers that exist and the payments already booked. */
export interface BookingState {
  invoices: Map<string, BookedInvoice>;
  customers: Set<string>;
  /** External ids of payments the org has (`bank:` + the line's fingerprint). */
  externalIds: Set<string>;
}

export interface Booking {
  line: LineRow;
  proposal: Proposal;
  /** The proposal row: updated when it was pending, inserted otherwise. */
  proposalId: string;
  updatesProposal: boolean;
  payment: { id: string; externalId: string; date: string; reference: string | null; unapplied: number };
  allocations: { id: string; invoice_id: string; amount: number }[];
  /** Bank fees written off as discounts: the adjustment's signed effect is minus the fee. */
  fees: { id: string; invoice_id: string; fee: number; reason: string }[];
}

export const externalIdOf = (line: LineRow): string => `bank:${line.fingerprint}`;

/** The invoice ids a proposal touches. */
export const invoiceIdsOf = (p: Proposal): string[] => p.allocations.map((a) => a.invoiceId);

/**
 * Checks a proposal against the state and, when it can be booked, returns its rows and lowers the state's balances (so
 * the next line of a batch sees what this one took). Failures are the ones recordPayment and applyAdjustment give, in
 * their order, and leave the state as it was.
 */
export function planBooking(
  state: BookingState, line: LineRow, p: Proposal, opts: { proposalId?: string; now: () => Date },
): Result<Booking> {
  if (line.direction !== 'credit' || line.reversal) return fail('INVALID_STATE', 'only credit lines pay invoices', 'line_id');
  if (line.match_state === 'matched') return fail('INVALID_STATE', `line ${line.id} is already matched`, 'line_id');
  if (!state.customers.has(p.customerId)) return fail('NOT_FOUND', `no customer ${p.customerId}`, 'customer_id');
  const externalId = externalIdOf(line);
  if (state.externalIds.has(externalId)) return fail('CONFLICT', `a payment with external_id "${externalId}" exists`, 'external_id');
  const balances = new Map<string, number>();
  const balance = (inv: BookedInvoice) => balances.get(inv.id) ?? inv.balance;
  const paid = p.allocations.filter((a) => a.amount > 0);
  let total = 0;
  for (const [i, a] of paid.entries()) {
    const inv = state.invoices.get(a.invoiceId);
    const field = `allocations[${i}]`;
    if (!inv) return fail('NOT_FOUND', `no invoice ${a.invoiceId}`, `${field}.invoice_id`);
    if (balances.has(inv.id)) return fail('VALIDATION_FAILED', `invoice ${inv.number} is allocated twice`, `${field}.invoice_id`);
    if (inv.customer_id !== p.customerId) return fail('VALIDATION_FAILED', `invoice ${inv.number} belongs to another customer`, `${field}.invoice_id`);
    if (inv.currency !== line.currency) return fail('CURRENCY_MISMATCH', `invoice ${inv.number} is in ${inv.currency}, the payment in ${line.currency}`, `${field}.invoice_id`);
    if (inv.status === 'cancelled') return fail('INVALID_STATE', `invoice ${inv.number} is cancelled`, `${field}.invoice_id`);
    if (a.amount > inv.balance) return fail('VALIDATION_FAILED', `allocation of ${a.amount} exceeds the balance ${inv.balance} of invoice ${inv.number}`, `${field}.amount`);
    total += a.amount;
    balances.set(inv.id, inv.balance - a.amount);
  }
  if (total > line.amount) return fail('VALIDATION_FAILED', `allocations (${total}) exceed the payment (${line.amount})`, 'allocations');
  const fees: Booking['fees'] = [];
  for (const a of p.allocations.filter((x) => x.fee > 0)) {
    const inv = state.invoices.get(a.invoiceId);
    if (!inv) return fail('NOT_FOUND', `no invoice ${a.invoiceId}`, 'invoice_id');
    if (inv.cancelled) return fail('INVALID_STATE', `invoice ${inv.number} is cancelled`, 'invoice_id');
    if (a.fee > balance(inv)) return fail('VALIDATION_FAILED', `a discount of ${a.fee} exceeds the balance ${balance(inv)} of invoice ${inv.number}`, 'amount');
    balances.set(inv.id, balance(inv) - a.fee);
    fees.push({ id: newId('adjustment'), invoice_id: inv.id, fee: a.fee, reason: `bank fee deducted from the transfer on statement line ${line.id}` });
  }
  for (const [id, left] of balances) state.invoices.get(id)!.balance = left;
  state.externalIds.add(externalId);
  const reference = (line.structured_reference ?? line.remittance_text ?? line.end_to_end_id)?.slice(0, 200) ?? null;
  return ok({
    line, proposal: p, proposalId: opts.proposalId ?? newId('match'), updatesProposal: Boolean(opts.proposalId),
    payment: { id: newId('payment'), externalId, date: lineDate(line) ?? dateInZone(opts.now(), 'UTC'), reference, unapplied: line.amount - total },
    allocations: paid.map((a) => ({ id: newId('allocation'), invoice_id: a.invoiceId, amount: a.amount })), fees,
  });
}

/** The audit entries of a booking, in the order the ledger commands write them. */
export function bookingAudit(b: Booking, actor: string): Omit<AuditEntry, 'orgId'>[] {
  const plan = b.allocations.map((a) => ({ invoice_id: a.invoice_id, amount: a.amount }));
  return [
    { actor, action: 'payment.recorded', entity: 'payment', entityId: b.payment.id,
      data: { amount: b.line.amount, currency: b.line.currency, allocations: plan } },
    ...b.fees.map((f) => ({ actor, action: 'adjustment.applied', entity: 'invoice', entityId: f.invoice_id,
      data: { adjustment: f.id, kind: 'discount', amount: -f.fee } })),
    { actor, action: 'statement_line.matched', entity: 'statement_line', entityId: b.line.id,
      data: { proposal: b.proposalId, payment: b.payment.id, confidence: b.proposal.confidence } },
  ];
}
