// Stripe's refunds and disputes as payment facts, one reading for the webhooks (charge.refunded, charge.dispute.*) and for
// the nightly check, which lists those made since an instant (GET /v1/refunds and GET /v1/disputes with created[gte],
// all pages) so one whose webhook was lost is recorded the same way: a refund as its charge's running total refunded (the
// charge expanded, as charge.refunded carries it), a dispute as the dispute object its events carry; and one dispute
// retrieved by id (GET /v1/disputes/{id}), for one created before the list's start whose status changes. Applied twice, by
// the webhook and by the check in either order, they change the ledger once (webhooks-decide.ts merges them).
import { fromStripeAmount } from './amounts.ts';
import { field } from './http.ts';
import { listAll, type StripeErrorOf, type StripeGet } from './stripe-pages.ts';
import type { DisputeFacts, GatewayResult, PaymentFacts } from './types.ts';

const DISPUTE_STATUS: Record<string, DisputeFacts['status'] | undefined> = {
  needs_response: 'open', under_review: 'open', lost: 'lost', won: 'won',
  // inquiries (docs.stripe.com/disputes/how-disputes-work#inquiries): the issuer asks before any chargeback; closed, it never became one
  warning_needs_response: 'open', warning_under_review: 'open', warning_closed: 'won',
};

/** Whether the dispute's balance transactions took money from the account (an inquiry's usually took none). */
function fundsWithdrawn(dispute: unknown): boolean {
  const txs = field(dispute, 'balance_transactions', 'object');
  if (!Array.isArray(txs)) return false;
  return txs.reduce((sum: number, tx: unknown) => sum + (field(tx, 'amount', 'number') ?? 0), 0) < 0;
}

const idOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : field(v, 'id', 'string'));
const paymentIntentOf = (o: unknown) => idOf(field(o, 'payment_intent', 'string') ?? field(o, 'payment_intent', 'object'));

/** A charge (docs.stripe.com/api/charges/object) as its refunds stand: amount_refunded is all refunded so far. */
export function chargeRefundFacts(charge: unknown): PaymentFacts | null {
  const currency = field(charge, 'currency', 'string')?.toUpperCase();
  const refunded = currency ? fromStripeAmount(field(charge, 'amount_refunded', 'number') ?? -1, currency) : null;
  const ref = paymentIntentOf(charge) ?? field(charge, 'id', 'string');
  if (!currency || refunded === null || !ref) return null;
  return { provider: 'stripe', paymentRef: ref, currency, refunded };
}

/** A dispute (docs.stripe.com/api/disputes/object) on the payment it holds money of. */
export function stripeDisputeFacts(dispute: unknown): PaymentFacts | null {
  const currency = field(dispute, 'currency', 'string')?.toUpperCase();
  const amount = currency ? fromStripeAmount(field(dispute, 'amount', 'number') ?? -1, currency) : null;
  const stripeStatus = field(dispute, 'status', 'string') ?? '';
  const status = DISPUTE_STATUS[stripeStatus];
  const ref = paymentIntentOf(dispute) ?? idOf(field(dispute, 'charge', 'string'));
  const disputeId = field(dispute, 'id', 'string');
  if (!currency || amount === null || !status || !ref || !disputeId) return null;
  const reason = field(dispute, 'reason', 'string');
  const dueBy = field(field(dispute, 'evidence_details', 'object'), 'due_by', 'number');
  const respondBy = dueBy !== undefined && Number.isFinite(dueBy) ? new Date(dueBy * 1000).toISOString() : undefined;
  // an inquiry holds no money unless Stripe withdrew some; escalated (needs_response), the same dispute takes it
  const inquiry = stripeStatus.startsWith('warning_');
  return { provider: 'stripe', paymentRef: ref, currency,
    dispute: { id: disputeId, amount, status, ...(inquiry ? { kind: 'inquiry' as const } : {}), ...(inquiry && !fundsWithdrawn(dispute) ? { held: false as const } : {}),
      ...(reason ? { reason } : {}), ...(respondBy ? { respondBy } : {}) } };
}

/**
 * The refunds and disputes created since `since`, as facts: each refund's charge (expanded in the list) and each dispute.
 * One cobro cannot read is passed over, as its webhook would be.
 */
export async function listStripeAdjustments(get: StripeGet, since: Date, stripeError: StripeErrorOf): Promise<GatewayResult<PaymentFacts[]>> {
  const created = String(Math.floor(since.getTime() / 1000));
  const refundParams = new URLSearchParams({ 'created[gte]': created, limit: '100' });
  refundParams.append('expand[]', 'data.charge');
  const refunds = await listAll(get, '/v1/refunds', refundParams, stripeError);
  if (!refunds.ok) return refunds;
  const disputes = await listAll(get, '/v1/disputes', new URLSearchParams({ 'created[gte]': created, limit: '100' }), stripeError);
  if (!disputes.ok) return disputes;
  const facts = [...refunds.value.map((r) => chargeRefundFacts(field(r, 'charge', 'object'))), ...disputes.value.map(stripeDisputeFacts)];
  return { ok: true, value: facts.filter((f): f is PaymentFacts => f !== null) };
}

/** One dispute as Stripe has it now (docs.stripe.com/api/disputes/retrieve), as facts; null when Stripe has no such dispute. */
export async function retrieveStripeDispute(get: StripeGet, disputeId: string, stripeError: StripeErrorOf): Promise<GatewayResult<PaymentFacts | null>> {
  const r = await get(`/v1/disputes/${encodeURIComponent(disputeId)}`);
  if (!r.ok) return r;
  if (r.status === 404) return { ok: true, value: null };
  if (r.status !== 200) return { ok: false, error: stripeError(r.status, r.body) };
  return { ok: true, value: stripeDisputeFacts(r.body) };
}
