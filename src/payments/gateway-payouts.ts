// Payouts a gateway reported through its verified webhook (Stripe payout.paid, payout.failed, payout.canceled): kept with
// their latest state so that bank reconciliation knows the statement's credit of that amount for the gateway's payout
// (R-6, src/reconciliation/payouts.ts), never an invoice's payment, and knows when a payout did not arrive after all.
import type { Queryable } from '../db/index.ts';
import { formatMinor } from '../domain/money.ts';
import type { PayoutFacts, PayoutReconciliation, PayoutStatus } from './gateways/index.ts';

interface Held { status: PayoutStatus; status_at: string | null; reconciliation_status: PayoutReconciliation | null }

/**
 * Whether an event's state replaces the one held. Failed and canceled are final: a payout.paid delivered late (Stripe
 * retries for days, in any order) never brings such a payout back. Between two reports of a paid payout the later event
 * (by its created time) wins, so a repeat or an older one changes nothing.
 */
export function replacesPayoutState(held: Pick<Held, 'status' | 'status_at'>, next: Pick<PayoutFacts, 'status' | 'reportedAt'>): boolean {
  if (held.status !== 'paid') return false;
  if (next.status !== 'paid') return true;
  return next.reportedAt !== null && (held.status_at === null || Date.parse(next.reportedAt) > Date.parse(held.status_at));
}

/**
 * Keeps the reconciliation status an event reports (completed is final). Reaching completed makes the payout's balance
 * transactions due to be read again at once (the worker's next round), as a read before it may have missed some.
 */
async function noteReconciliation(q: Queryable, orgId: string, p: PayoutFacts, held: PayoutReconciliation | null): Promise<string> {
  const next = p.reconciliationStatus;
  // Stripe's alone: no other gateway's payout has its transactions read again by the Stripe round
  if (p.provider !== 'stripe' || !next || held === 'completed' || held === next) return '';
  const again = next === 'completed';
  await q.query(`UPDATE gateway_payouts SET reconciliation_status = $4${again ? ", txn_state = 'pending', txn_attempts = 0, txn_next_at = NULL" : ''}
    WHERE org_id = $1 AND gateway = $2 AND payout_id = $3`, [orgId, p.provider, p.payoutId, next]);
  return again ? '; Stripe has reconciled it: its balance transactions are read again' : `; Stripe's reconciliation ${next}`;
}

export interface RecordedPayout {
  /** What was done, for the inbox's note. */
  note: string;
  /** The payout is now known not to have arrived (failed or canceled by this event): its bank lines are to be revisited. */
  lost: boolean;
}

/** Stores the payout, or its new state; a repeated, older or superseded event changes nothing. */
export async function recordGatewayPayout(q: Queryable, orgId: string, p: PayoutFacts, now: Date): Promise<RecordedPayout> {
  const label = `payout ${p.payoutId} of ${formatMinor(p.amount, p.currency)} ${p.currency} arriving ${p.arrivalDate}`;
  const inserted = await q.query(`INSERT INTO gateway_payouts (org_id, gateway, payout_id, amount, currency, arrival_date, statement_descriptor,
      received_at, status, status_at, failure_code, reconciliation_status)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (org_id, gateway, payout_id) DO NOTHING RETURNING payout_id`,
  [orgId, p.provider, p.payoutId, p.amount, p.currency, p.arrivalDate, p.descriptor, now.toISOString(), p.status, p.reportedAt, p.failureCode,
    p.reconciliationStatus ?? null]);
  if (inserted.length) return { note: `recorded ${label} (${p.status}), for bank reconciliation`, lost: p.status !== 'paid' };
  const [held] = await q.query<Held>(`SELECT status, status_at::text AS status_at, reconciliation_status FROM gateway_payouts
    WHERE org_id = $1 AND gateway = $2 AND payout_id = $3 FOR UPDATE`, [orgId, p.provider, p.payoutId]);
  const reconciled = held ? await noteReconciliation(q, orgId, p, held.reconciliation_status) : '';
  if (!held || !replacesPayoutState(held, p)) {
    return { note: `already had ${label} (${held?.status ?? 'unknown'}); this ${p.status} report changes nothing${reconciled}`, lost: false };
  }
  await q.query(`UPDATE gateway_payouts SET status = $4, status_at = $5, failure_code = $6, amount = $7, arrival_date = $8,
      statement_descriptor = COALESCE($9, statement_descriptor)
    WHERE org_id = $1 AND gateway = $2 AND payout_id = $3`,
  [orgId, p.provider, p.payoutId, p.status, p.reportedAt, p.failureCode, p.amount, p.arrivalDate, p.descriptor]);
  return { note: `${label} is now ${p.status}${p.failureCode ? ` (${p.failureCode})` : ''}${reconciled}`, lost: p.status !== 'paid' };
}
