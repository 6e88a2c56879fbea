// Putting one line's proposal on the ledger (the review screen's path: the batch's booking rules for one line) and queueing it.
import { inTransaction, type Queryable } from '../db/index.ts';
import { newId } from '../domain/ids.ts';
import { ok, type Result } from '../domain/result.ts';
import type { Proposal } from './match/types.ts';
import type { LineRow } from './lines.ts';
import { bookingAudit, planBooking } from './booking.ts';
import { waiveDiscountedFees } from './discount-fees.ts';
import { allocationsJson, emptyBookingState, loadBookingState, writeBookings } from './book-writes.ts';

/** Runs fn in one transaction, rolling back when it returns a failure. */
export const inTx = inTransaction;

export interface Applied { proposal_id: string; payment_id: string }

/**
 * Records the line's money as a payment of the proposal's customer with its allocations (external id from the line's
 * fingerprint, so a second run cannot book it twice), writes bank fees off as discounts, marks the line matched and
 * learns the payer's account and name, and re-plans the customer's case: the batch's booking rules and writers, for one
 * line (the review screen). Call inside a transaction.
 */
export async function applyProposal(
  q: Queryable, orgId: string, actor: string, line: LineRow, p: Proposal, opts: { proposalId?: string; now: () => Date },
): Promise<Result<Applied>> {
  const state = await loadBookingState(q, orgId, emptyBookingState(), [line], [p]);
  const booked = planBooking(state, line, p, opts);
  if (!booked.ok) return booked;
  const counted = await waiveDiscountedFees(q, orgId, [booked.value]);
  await writeBookings(q, orgId, actor, [booked.value], bookingAudit(booked.value, actor), opts.now(), counted);
  return ok({ proposal_id: booked.value.proposalId, payment_id: booked.value.payment.id });
}

/** Puts a proposal in the review queue and the line in review. */
export async function queueProposal(q: Queryable, orgId: string, line: LineRow, p: Proposal): Promise<string> {
  const id = newId('match');
  await q.query(`INSERT INTO match_proposals (id, org_id, line_id, customer_id, currency, allocations, fee, credit, confidence, reasons)
    VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
  [id, orgId, line.id, p.customerId, p.currency, allocationsJson(p), p.fee, p.credit, p.confidence, JSON.stringify(p.reasons)]);
  await q.query(`UPDATE statement_lines SET match_state = 'review' WHERE org_id = $1 AND id = $2`, [orgId, line.id]);
  return id;
}
