// The nightly check (R-5): re-reads each connected gateway's recent payments, records through the webhooks' own path any
// paid one cobro missed (a lost webhook is recovered), the refunds and disputes it missed, and reports those it cannot
// match to a link; disputes cobro holds open are read again by id where the gateway lists them by creation, and bank debits
// it holds in flight by their payment; once a day per org
// from the worker round, which also retries stored events whose turn has come.
import type { Db, Queryable } from '../db/index.ts';
import { inTx } from '../db/index.ts';
import { newId } from '../domain/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { connectedGateways, gatewayFor, type GatewayAdapter, type GatewayName, type PaymentFacts } from './gateways/index.ts';
import type { GatewayContext } from './links.ts';
import { applyFacts } from './webhooks-apply.ts';
import { retryInbox, type RetryReport } from './webhooks.ts';
import { expireStaleLinks, type ExpiryRound } from './links-expiry.ts';
import { fetchDuePayoutTransactions, type PayoutFetchRound } from './payout-transactions.ts';
import { HELD_DISPUTES_PER_CHECK, heldOpenDisputes } from './open-disputes.ts';
import { HELD_DEBITS_PER_CHECK, heldDebits } from './held-debits.ts';
import { captureApprovedOrders, type ApprovalRound } from './approved-orders.ts';
import { completeLapsedFraudNotices, type FraudNoticeRound } from './gateway-fraud-notices.ts';
import { rereadVouchers, type VoucherRereadRound } from './voucher-reread.ts';
import { remindEvidenceDue } from './dispute-evidence-reminder.ts';

export interface CheckFinding {
  provider: GatewayName; payment_ref: string; link_id: string | null; amount: number; currency: string; paid_at: string | null;
  payment_id?: string | null; reason?: string;
}

export interface GatewayCheckReport {
  id: string; since: string; ran_at: string; providers: GatewayName[];
  /** Paid provider payments seen. */
  checked: number;
  /** Of those, already in the ledger as the provider has them. */
  in_ledger: number;
  /** Paid, but cobro had not recorded them: recorded now. */
  recovered: CheckFinding[];
  /** Recorded before, but a refund or chargeback had been missed: adjusted now. */
  adjusted: CheckFinding[];
  /** Paid, but through nothing cobro can match to a customer: a person must look. */
  unmatched: CheckFinding[];
  errors: { provider: GatewayName; message: string }[];
}

export type CheckTrigger = 'worker' | 'api' | 'cli';

const DAY_MS = 86_400_000;
/** Stripe retries a webhook for up to three days: the worker's check looks that far back. */
export const CHECK_LOOKBACK_MS = 3 * DAY_MS;

function finding(f: PaymentFacts, extra: Partial<CheckFinding> = {}): CheckFinding {
  return { provider: f.provider, payment_ref: f.paymentRef, link_id: f.linkId ?? null, amount: f.captured ?? 0, currency: f.currency ?? '',
    paid_at: f.paidAt ?? null, ...extra };
}

/** One refund or dispute applied as its webhook would be; reported under `adjusted` when it changed what is kept. */
async function applyAdjustment(ctx: GatewayContext, orgId: string, gw: GatewayAdapter, f: PaymentFacts, now: Date, report: GatewayCheckReport): Promise<void> {
  try {
    const outcome = await inTx(ctx.db, (tx) => applyFacts(tx, orgId, `gateway-check:${gw.provider}`, f, now));
    if (outcome.kind !== 'adjusted') return;
    report.adjusted.push(finding(f, { link_id: outcome.linkId, payment_id: outcome.paymentId, amount: f.dispute?.amount ?? f.refund?.amount ?? f.refunded ?? 0,
      reason: f.dispute ? `dispute ${f.dispute.id} ${f.dispute.status}` : f.refund ? `refund ${f.refund.id} of ${f.refund.amount}` : `${f.refunded} refunded` }));
  } catch (e) {
    report.errors.push({ provider: gw.provider, message: `${f.paymentRef}: ${(e as Error).message}` });
  }
}

/**
 * Refunds and disputes the gateway lists since `since` (Stripe's refunds and disputes, PayPal's refunds and reversals and
 * changed disputes), after its payments: each applied as its webhook would be, so one whose webhook was lost adjusts the
 * payment it touches, and one already recorded (or its webhook arriving later) changes nothing. One on a payment cobro does
 * not hold is left alone. The ids of the disputes listed, which need no second reading.
 */
async function checkAdjustments(ctx: GatewayContext, orgId: string, gw: GatewayAdapter, since: Date, now: Date, report: GatewayCheckReport): Promise<Set<string> | null> {
  if (!gw.recentAdjustments) return new Set();
  const listed = await gw.recentAdjustments(since, now);
  if (!listed.ok) { report.errors.push({ provider: gw.provider, message: listed.error.message }); return null; }
  for (const f of listed.value) await applyAdjustment(ctx, orgId, gw, f, now, report);
  return new Set(listed.value.flatMap((f) => (f.dispute ? [f.dispute.id] : [])));
}

/**
 * The disputes cobro holds open that the lists did not show (Stripe lists disputes by creation: one opened before `since`
 * and won or lost since is not among them), each read again by id, a bounded number a night, the longest unvisited first,
 * and applied as its webhook would be. The first failure stops the round; those not read come first the next night.
 */
async function checkHeldDisputes(ctx: GatewayContext, orgId: string, gw: GatewayAdapter, listed: Set<string>, now: Date, report: GatewayCheckReport): Promise<void> {
  if (!gw.retrieveDispute) return;
  for (const held of await heldOpenDisputes(ctx.db, orgId, gw.provider, HELD_DISPUTES_PER_CHECK)) {
    if (listed.has(held.disputeId)) continue;
    const r = await gw.retrieveDispute(held.disputeId);
    if (!r.ok) { report.errors.push({ provider: gw.provider, message: `dispute ${held.disputeId}: ${r.error.message}` }); return; }
    if (!r.value) { report.errors.push({ provider: gw.provider, message: `dispute ${held.disputeId} of ${held.paymentRef}: the gateway has no such dispute` }); continue; }
    await applyAdjustment(ctx, orgId, gw, r.value, now, report);
  }
}

/**
 * The debits cobro holds in flight, each read again by its payment (older than the look-back, a debit's confirmation can
 * be): one the gateway now has paid is returned to be recorded, as its lost webhook would have; one the gateway says failed
 * (a PayPal eCheck denied) ends its hold now, as its webhook would have. The first failure stops the round.
 */
async function heldDebitPayments(ctx: GatewayContext, orgId: string, gw: GatewayAdapter, now: Date, report: GatewayCheckReport): Promise<PaymentFacts[]> {
  const out: PaymentFacts[] = [];
  for (const ref of await heldDebits(ctx.db, orgId, gw.provider, HELD_DEBITS_PER_CHECK)) {
    const r = await gw.fetchPayment(ref, now);
    if (!r.ok) { report.errors.push({ provider: gw.provider, message: `held debit ${ref}: ${r.error.message}` }); break; }
    if (r.value?.captured) out.push(r.value);
    else if (r.value?.debit?.state === 'failed') await applyAdjustment(ctx, orgId, gw, r.value, now, report);
  }
  return out;
}

async function checkOne(ctx: GatewayContext, orgId: string, provider: GatewayName, since: Date, now: Date, report: GatewayCheckReport): Promise<void> {
  const adapter = await gatewayFor(ctx, orgId, provider);
  if (!adapter.ok) { report.errors.push({ provider, message: adapter.error.message }); return; }
  const recent = await adapter.value.recentPayments(since, now);
  if (!recent.ok) { report.errors.push({ provider, message: recent.error.message }); return; }
  const listed = new Set(recent.value.map((f) => f.paymentRef));
  const held = (await heldDebitPayments(ctx, orgId, adapter.value, now, report)).filter((f) => !listed.has(f.paymentRef));
  for (const f of [...recent.value, ...held]) {
    if (!f.captured) continue;
    report.checked++;
    try {
      const outcome = await inTx(ctx.db, (tx) => applyFacts(tx, orgId, `gateway-check:${provider}`, f, now));
      if (outcome.kind === 'recorded') report.recovered.push(finding(f, { link_id: outcome.linkId, payment_id: outcome.paymentId }));
      else if (outcome.kind === 'adjusted') report.adjusted.push(finding(f, { link_id: outcome.linkId, payment_id: outcome.paymentId }));
      else if (outcome.kind === 'unmatched') report.unmatched.push(finding(f, { reason: outcome.reason }));
      else report.in_ledger++;
    } catch (e) {
      report.errors.push({ provider, message: `${f.paymentRef}: ${(e as Error).message}` });
    }
  }
  const disputes = await checkAdjustments(ctx, orgId, adapter.value, since, now, report);
  if (disputes) await checkHeldDisputes(ctx, orgId, adapter.value, disputes, now, report);
}

/** Re-reads the org's gateways for payments since `since`, recovers what was missed, and stores and audits the report. */
export async function checkGateways(ctx: GatewayContext, orgId: string, since: Date, now: Date, trigger: CheckTrigger = 'api'): Promise<GatewayCheckReport> {
  const providers = await connectedGateways(ctx.db, orgId);
  const report: GatewayCheckReport = { id: newId('gatewayCheck', now.getTime()), since: since.toISOString(), ran_at: now.toISOString(), providers,
    checked: 0, in_ledger: 0, recovered: [], adjusted: [], unmatched: [], errors: [] };
  for (const p of providers) await checkOne(ctx, orgId, p, since, now, report);
  // disputes near their deadline with no evidence submitted: a reminder each (dispute-evidence-reminder.ts)
  if (providers.includes('stripe') || providers.includes('adyen') || providers.includes('paypal')) await remindEvidenceDue(ctx.db, orgId, now);
  await ctx.db.query('INSERT INTO gateway_checks (id, org_id, since, ran_at, trigger, report) VALUES ($1, $2, $3, $4, $5, $6)',
    [report.id, orgId, since, now, trigger, JSON.stringify(report)]);
  await recordAudit(ctx.db, { orgId, actor: `gateway-check:${trigger}`, action: 'gateways.checked', entity: 'gateway_check', entityId: report.id,
    data: { since: report.since, providers, checked: report.checked, recovered: report.recovered.map((r) => r.payment_ref),
      adjusted: report.adjusted.map((r) => r.payment_ref), unmatched: report.unmatched.map((r) => r.payment_ref), errors: report.errors.length } }, now);
  return report;
}

export interface GatewayRound {
  retried: RetryReport; approvals: ApprovalRound; check: GatewayCheckReport | null; payouts: PayoutFetchRound; expiry: ExpiryRound; fraudNotices: FraudNoticeRound;
  vouchers: VoucherRereadRound;
}

/**
 * The worker's part for one org: stored events whose turn has come are tried again, approved orders whose approval was lost
 * are captured, stale payment links are expired, paid payouts' balance transactions are
 * fetched, vouchers whose choice could not be read are read again, and the nightly check runs when the last one is a day old. Nothing at all (one query) for an org with no gateway connected.
 */
export async function gatewayRound(ctx: GatewayContext & { db: Db }, orgId: string, now: Date): Promise<GatewayRound | null> {
  const providers = await connectedGateways(ctx.db, orgId);
  if (providers.length === 0) return null;
  const retried = await retryInbox(ctx, orgId, now);
  // orders approved at the provider whose approval never arrived, captured while their links are open (approved-orders.ts)
  const approvals = await captureApprovedOrders(ctx, orgId, providers, now);
  // older open links made stale (superseded, or their invoices paid, the payments just retried included) expired at the provider
  const expiry = await expireStaleLinks(ctx, orgId, now);
  // paid payouts (payout.paid just processed above, or earlier) whose balance transactions are not kept yet
  const payouts = await fetchDuePayoutTransactions(ctx, orgId, now);
  // Adyen fraud notices no chargeback followed within the schemes' window: their review tasks completed
  const fraudNotices = providers.includes('adyen') ? await ctx.db.transaction((tx) => completeLapsedFraudNotices(tx, orgId, now)) : { completed: [] };
  // vouchers whose choice could not be read when their hold opened (an outage), read again when their turn has come
  const vouchers = await rereadVouchers(ctx, orgId, now);
  const [last] = await ctx.db.query<{ ran_at: string | null }>('SELECT max(ran_at) AS ran_at FROM gateway_checks WHERE org_id = $1', [orgId]);
  const due = !last?.ran_at || now.getTime() - Date.parse(last.ran_at) >= DAY_MS;
  const check = due ? await checkGateways(ctx, orgId, new Date(now.getTime() - CHECK_LOOKBACK_MS), now, 'worker') : null;
  return { retried, approvals, check, payouts, expiry, fraudNotices, vouchers };
}
