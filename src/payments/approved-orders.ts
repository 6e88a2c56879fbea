// Orders the payer approved whose approval never reached cobro (PayPal's CHECKOUT.ORDER.APPROVED lost, or the webhook not
// subscribed to it): without it the order is never captured and the debtor, who paid as far as they can tell, keeps
// getting reminders. The worker reads each open link's order at the provider once the link is ORDER_GRACE_MS old, and
// again every ORDER_RECHECK_MS while the link stays open: an approved order is captured and recorded through the
// webhooks' own path (captureApproved, applyFacts), one captured at the provider already (its capture's webhooks lost
// too) is recorded; anything else waits for the next look. A webhook arriving meanwhile captures with the same
// PayPal-Request-Id, so the payment is recorded once either way.
import type { Queryable } from '../db/index.ts';
import { inTx } from '../db/index.ts';
import { gatewayFor, type GatewayAdapter, type GatewayName, type PaymentFacts } from './gateways/index.ts';
import type { GatewayContext } from './links.ts';
import { applyFacts } from './webhooks-apply.ts';
import { captureApproved } from './webhooks.ts';

/** A link's order is first read this long after the link opens (its webhook normally comes within seconds). */
export const ORDER_GRACE_MS = 10 * 60_000;
/** Then read again this often while the link stays open (a PayPal link is open three hours: about nine reads). */
export const ORDER_RECHECK_MS = 20 * 60_000;
const BATCH = 50;
/** The providers whose checkouts are orders cobro captures once the payer approves them. */
const ORDER_PROVIDERS: readonly GatewayName[] = ['paypal'];

export interface OrderFinding { provider: GatewayName; link_id: string; order_ref: string; payment_ref: string; amount: number; payment_id: string | null }

export interface ApprovalRound {
  /** Orders read at the provider. */
  read: number;
  /** Approved orders cobro captured now. */
  captured: OrderFinding[];
  /** Orders captured at the provider already that cobro had not recorded: recorded now. */
  recorded: OrderFinding[];
  errors: { provider: GatewayName; link_id: string; message: string }[];
}

/** Takes the links whose order is due a look, stamping the look (so two workers never read the same order at once). */
async function due(q: Queryable, orgId: string, provider: GatewayName, now: Date): Promise<{ id: string; provider_ref: string }[]> {
  return q.query<{ id: string; provider_ref: string }>(
    `UPDATE payment_links SET approval_checked_at = $3
     WHERE id IN (SELECT id FROM payment_links
                  WHERE org_id = $1 AND provider = $2 AND status = 'open' AND expire_state IS NULL AND provider_ref IS NOT NULL
                    AND expires_at > $3 AND created_at <= $4 AND (approval_checked_at IS NULL OR approval_checked_at <= $5)
                  ORDER BY approval_checked_at NULLS FIRST, created_at, id LIMIT $6 FOR UPDATE SKIP LOCKED)
     RETURNING id, provider_ref`,
    [orgId, provider, now, new Date(now.getTime() - ORDER_GRACE_MS), new Date(now.getTime() - ORDER_RECHECK_MS), BATCH]);
}

/** The facts one order gives now: the capture made here for an approved order, the one the provider holds, or none. */
async function orderFacts(ctx: GatewayContext, orgId: string, gw: GatewayAdapter, orderRef: string, now: Date): Promise<{ facts: PaymentFacts; captured: boolean } | null> {
  const order = await gw.readOrder!(orderRef, now);
  if (!order.ok) throw new Error(order.error.message);
  if (order.value?.status === 'APPROVED') {
    const meaning = await captureApproved(ctx, orgId, gw, orderRef, now);
    return meaning.kind === 'facts' ? { facts: meaning.facts, captured: true } : null;
  }
  if (order.value?.status === 'COMPLETED' && order.value.capture?.captured) return { facts: order.value.capture, captured: false };
  return null;
}

/** The worker's look at the open links' orders of every connected provider that has orders. */
/** `providers`: the org's connected gateways. */
export async function captureApprovedOrders(ctx: GatewayContext, orgId: string, providers: readonly GatewayName[], now: Date): Promise<ApprovalRound> {
  const round: ApprovalRound = { read: 0, captured: [], recorded: [], errors: [] };
  for (const provider of providers.filter((p) => ORDER_PROVIDERS.includes(p))) {
    const links = await due(ctx.db, orgId, provider, now);
    if (!links.length) continue;
    const gw = await gatewayFor(ctx, orgId, provider);
    if (!gw.ok) { round.errors.push({ provider, link_id: links[0]!.id, message: gw.error.message }); continue; }
    if (!gw.value.readOrder || !gw.value.captureOrder) continue;
    for (const l of links) {
      try {
        round.read++;
        const found = await orderFacts(ctx, orgId, gw.value, l.provider_ref, now);
        if (!found) continue;
        const outcome = await inTx(ctx.db, (tx) => applyFacts(tx, orgId, `worker:${provider}-order`, found.facts, now));
        if (outcome.kind !== 'recorded' && !found.captured) continue;
        const f: OrderFinding = { provider, link_id: l.id, order_ref: l.provider_ref, payment_ref: found.facts.paymentRef, amount: found.facts.captured ?? 0,
          payment_id: outcome.kind === 'recorded' ? outcome.paymentId : null };
        (found.captured ? round.captured : round.recorded).push(f);
      } catch (e) {
        round.errors.push({ provider, link_id: l.id, message: (e as Error).message });
      }
    }
  }
  return round;
}
