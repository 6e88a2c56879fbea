// Facts about a provider payment applied to the ledger, on the caller's transaction: the first sight of a paid checkout
// records the payment against the link's invoices and completes the link (flagged for review when the link was stale); a
// refund or chargeback reverses the payment in force and records the kept part anew (the ledger reverses whole payments
// only); then a prompt-payment discount the payment earned is applied and the customer's case re-planned.
import type { Queryable } from '../db/index.ts';
import { dateInZone } from '../domain/dates.ts';
import { recordAudit } from '../audit/index.ts';
import { recordPayment, reversePayment } from '../ledger/index.ts';
import { replanCase } from '../engine/index.ts';
import { getOrg } from '../orgs/index.ts';
import type { PaymentFacts } from './gateways/index.ts';
import { completeLink, linkById, type LinkRow } from './links-store.ts';
import { reviewTask } from './disputes-task.ts';
import { applyEarnedDiscounts } from './arrangements-discounts.ts';
import { allocateToInvoices, keptOf, keptReason, mergeFacts, type HeldState } from './webhooks-decide.ts';
import { applyVoucher, endInFlightOf } from './in-flight.ts';
import { applyDebit } from './in-flight-debits.ts';
import { followGatewayDispute } from './gateway-dispute-tasks.ts';
import { followDisputeBeforePayment } from './gateway-dispute-early.ts';
import { mercadoPagoDisputeId } from './mercadopago-disputes.ts';

export type ApplyOutcome =
  | { kind: 'recorded'; paymentId: string; linkId: string; customerId: string; kept: number }
  | { kind: 'adjusted'; paymentId: string | null; linkId: string; customerId: string; kept: number }
  | { kind: 'unchanged'; linkId: string }
  /** a refund or dispute for a payment not recorded yet: kept and tried again after */
  | { kind: 'waiting'; reason: string }
  /** paid, but not through a link cobro knows */
  | { kind: 'unmatched'; reason: string }
  /** nothing to do (not paid yet) */
  | { kind: 'nothing'; reason: string };

interface HeldRow {
  link_id: string; customer_id: string; currency: string; captured: number; refunded: number;
  disputes: HeldState['disputes']; refunds: Record<string, number>; refund_times: Record<string, string>; payment_id: string | null; kept: number; revision: number;
  paid_at: string | null;
}

async function heldRow(q: Queryable, orgId: string, f: PaymentFacts): Promise<HeldRow | null> {
  const [r] = await q.query<HeldRow>(
    `SELECT link_id, customer_id, currency, captured, refunded, disputes, refunds, refund_times, payment_id, kept, revision, paid_at FROM gateway_payments
     WHERE org_id = $1 AND provider = $2 AND payment_ref = $3 FOR UPDATE`, [orgId, f.provider, f.paymentRef]);
  return r ?? null;
}

/** Records `amount` for the link's customer, allocated to the link's invoices as they stand now; with what they owed before. */
async function recordKept(q: Queryable, orgId: string, actor: string, link: LinkRow, f: PaymentFacts, amount: number, externalId: string, now: Date): Promise<{ id: string; owed: number }> {
  const invoices = await q.query<{ id: string; balance: number; status: string }>(
    `SELECT id, balance, status FROM invoices WHERE org_id = $1 AND id = ANY($2::text[]) AND currency = $3
     ORDER BY due_date, number FOR UPDATE`, [orgId, link.invoice_ids, link.currency]);
  const org = await getOrg(q, orgId);
  const r = await recordPayment(q, orgId, actor, {
    customer_id: link.customer_id, amount, currency: link.currency, date: dateInZone(f.paidAt ? new Date(f.paidAt) : now, org?.default_timezone ?? 'UTC'),
    method: f.method ?? null, reference: f.paymentRef, source: f.provider, external_id: externalId, allocations: allocateToInvoices(invoices, amount),
  });
  if (!r.ok) throw new Error(`recording ${f.provider} payment ${f.paymentRef}: ${r.error.message}`);
  return { id: r.value.id, owed: invoices.reduce((s, i) => s + Number(i.balance), 0) };
}

/**
 * A payment through a link already made stale (superseded, or its invoices paid: being or already expired at the provider)
 * is recorded as any other (what the invoices no longer owe is credit) and put before a person: a review task.
 */
async function flagLatePayment(q: Queryable, orgId: string, link: LinkRow, f: PaymentFacts, paymentId: string, now: Date): Promise<void> {
  const org = await getOrg(q, orgId);
  const note = `Paid ${f.captured} ${link.currency} through payment link ${link.id} (${f.provider} ${f.paymentRef}) after it was made stale `
    + `(${link.expire_reason ?? (link.status === 'expired' ? 'expired' : 'its invoices owed less by then')}): payment ${paymentId} may leave credit to refund or apply.`;
  await reviewTask(q, orgId, link.customer_id, `late-link:${f.provider}:${f.paymentRef}`, note, dateInZone(now, org?.default_timezone ?? 'UTC'), now);
}

async function firstSight(q: Queryable, orgId: string, actor: string, f: PaymentFacts, link: LinkRow | null, now: Date): Promise<ApplyOutcome | HeldRow> {
  if (!f.captured) {
    // a dispute's references may name the customer already: its review task need not wait for the payment
    if (f.dispute) await followDisputeBeforePayment(q, orgId, actor, f, now);
    return f.refunded || f.refund || f.dispute ? { kind: 'waiting', reason: `no payment recorded yet for ${f.provider} ${f.paymentRef}` }
      : { kind: 'nothing', reason: `${f.provider} payment ${f.paymentRef} is not paid` };
  }
  if (!link) return { kind: 'unmatched', reason: f.linkId ? `no ${f.provider} payment link ${f.linkId} in this org` : `${f.provider} payment ${f.paymentRef} names no cobro link` };
  if (f.currency !== link.currency) throw new Error(`${f.provider} payment ${f.paymentRef} is in ${f.currency}, its link ${link.id} in ${link.currency}`);
  const { id: paymentId, owed } = await recordKept(q, orgId, actor, link, f, f.captured, `${f.provider}:${f.paymentRef}`, now);
  await q.query(
    `INSERT INTO gateway_payments (org_id, provider, payment_ref, link_id, customer_id, currency, captured, payment_id, kept, paid_at, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$7,$9,$10,$10)`,
    [orgId, f.provider, f.paymentRef, link.id, link.customer_id, link.currency, f.captured, paymentId, f.paidAt ?? null, now]);
  await completeLink(q, orgId, link.id, paymentId, now);
  // paid through a link made stale, or for invoices that owed less by then (paid another way before its expiry ran)
  const late = link.expire_state !== null || link.status === 'expired' || owed < f.captured;
  await recordAudit(q, { orgId, actor, action: 'payment_link.paid', entity: 'payment_link', entityId: link.id,
    data: { provider: f.provider, payment_ref: f.paymentRef, session_ref: f.sessionRef ?? null, amount: f.captured, currency: link.currency, payment_id: paymentId,
      ...(late ? { paid_after_expiry: true, expire_reason: link.expire_reason } : {}) } }, now);
  if (late) await flagLatePayment(q, orgId, link, f, paymentId, now);
  return { link_id: link.id, customer_id: link.customer_id, currency: link.currency, captured: f.captured, refunded: 0, disputes: {}, refunds: {}, refund_times: {}, payment_id: paymentId,
    kept: f.captured, revision: 0, paid_at: f.paidAt ?? null };
}

/**
 * A debit that failed after its payment was recorded, as the dispute lost it comes to (all of what was captured, under
 * its own id); null when the failure is not later than the payment (an older event arriving late).
 */
function returnedDebit(f: PaymentFacts, row: HeldRow): PaymentFacts | null {
  const at = f.debit?.at ? Date.parse(f.debit.at) : NaN;
  const paid = row.paid_at ? Date.parse(row.paid_at) : NaN;
  if (Number.isNaN(at) || Number.isNaN(paid) || at <= paid) return null;
  return { ...f, dispute: { id: `debit_failed:${f.paymentRef}`, amount: row.captured, status: 'lost', ...(f.debit?.reason ? { reason: f.debit.reason } : {}) } };
}

/** A Mercado Pago reading's dispute under the id of the payment's dispute it speaks of (mercadopago-disputes.ts), or none. */
function withMercadoPagoDispute(f: PaymentFacts, disputes: HeldState['disputes']): PaymentFacts {
  if (!f.dispute) return f;
  const id = mercadoPagoDisputeId(disputes, f.paymentRef, f.dispute);
  if (id !== null) return { ...f, dispute: { ...f.dispute, id } };
  const { dispute: _none, ...rest } = f;
  return rest;
}

/**
 * Applies one provider payment's facts. Locks the link, then the payment's row, so concurrent deliveries of the same
 * payment (repeats, the nightly check) wait for each other and the second finds the first's work done.
 */
export async function applyFacts(q: Queryable, orgId: string, actor: string, f: PaymentFacts, now: Date): Promise<ApplyOutcome> {
  const link = f.linkId ? await linkById(q, orgId, f.linkId, true) : null;
  const knownLink = link && link.provider === f.provider ? link : null;
  // a voucher issued or ended unpaid: a payment in flight, held apart from the ledger (in-flight.ts)
  if (f.voucher && !f.captured) return applyVoucher(q, orgId, actor, f, knownLink, now);
  const found = await heldRow(q, orgId, f);
  // a bank debit processing, or failed before it was recorded: a payment in flight too (in-flight-debits.ts)
  if (f.debit && (f.debit.state === 'processing' || !found)) return applyDebit(q, orgId, actor, f, knownLink, now);
  // failed after it was recorded as paid (said after the success, not an older failure arriving late): a returned debit, reversed
  if (f.debit && found) {
    const returned = returnedDebit(f, found);
    if (!returned) return { kind: 'unchanged', linkId: found.link_id };
    f = returned;
  }
  const first = found ? null : await firstSight(q, orgId, actor, f, knownLink, now);
  if (first && 'kind' in first) return first;
  const row = (found ?? first) as HeldRow;
  if (f.provider === 'mercadopago') f = withMercadoPagoDispute(f, row.disputes);
  const before: HeldState = { captured: row.captured, refunded: row.refunded, disputes: row.disputes, refunds: row.refunds, refundTimes: row.refund_times };
  const after = mergeFacts(before, f);
  const kept = keptOf(after);
  let paymentId = row.payment_id;
  let revision = row.revision;
  if (kept !== row.kept) {
    const reason = keptReason(f.provider, f.paymentRef, after);
    if (paymentId) {
      const r = await reversePayment(q, orgId, actor, paymentId, reason);
      if (!r.ok && r.error.code !== 'INVALID_STATE') throw new Error(`reversing ${paymentId}: ${r.error.message}`);
    }
    paymentId = null;
    if (kept > 0) {
      revision += 1;
      const holder = (await linkById(q, orgId, row.link_id))!;
      // the part kept was paid when the payment was, not when it was refunded
      const paidAt = row.paid_at ?? f.paidAt;
      paymentId = (await recordKept(q, orgId, actor, holder, { ...f, ...(paidAt ? { paidAt } : {}) }, kept, `${f.provider}:${f.paymentRef}:kept-${revision}`, now)).id;
    }
    await recordAudit(q, { orgId, actor, action: 'gateway.payment_adjusted', entity: 'payment', entityId: row.payment_id ?? paymentId ?? f.paymentRef,
      data: { provider: f.provider, payment_ref: f.paymentRef, reason, captured: after.captured, refunded: after.refunded, disputes: after.disputes,
        kept, reversed: row.payment_id, recorded: paymentId } }, now);
  }
  await q.query(
    `UPDATE gateway_payments SET refunded = $4, disputes = $5, payment_id = $6, kept = $7, revision = $8, updated_at = $9, refunds = $10, refund_times = $11
     WHERE org_id = $1 AND provider = $2 AND payment_ref = $3`,
    [orgId, f.provider, f.paymentRef, after.refunded, JSON.stringify(after.disputes), paymentId, kept, revision, now, JSON.stringify(after.refunds ?? {}),
      JSON.stringify(after.refundTimes ?? {})]);
  // the voucher or debit that was in flight is paid: its hold ends (the payment has closed or re-planned the case)
  if (first) await endInFlightOf(q, orgId, f, 'confirmed', now);
  if (first || kept !== row.kept) {
    await applyEarnedDiscounts(q, orgId, [row.customer_id], now);
    await replanCase(q, orgId, row.customer_id, now);
  }
  // a dispute first seen open puts a review task on the worklist, one closed completes it (on the case as re-planned)
  await followGatewayDispute(q, orgId, actor, f, before.disputes, after.disputes, row.customer_id, row.currency, now);
  if (first) return { kind: 'recorded', paymentId: paymentId ?? row.payment_id!, linkId: row.link_id, customerId: row.customer_id, kept };
  return kept !== row.kept ? { kind: 'adjusted', paymentId, linkId: row.link_id, customerId: row.customer_id, kept } : { kind: 'unchanged', linkId: row.link_id };
}
