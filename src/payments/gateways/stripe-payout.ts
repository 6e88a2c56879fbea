// A Stripe payout read from Stripe itself (GET /v1/payouts/{id}, docs.stripe.com/api/payouts/retrieve): whether it is
// automatic (Stripe lists balance transactions by payout for automatic payouts only), its status (pending, in_transit,
// paid, failed, canceled) and reconciliation_status, and, when paid, failed or canceled, the same facts its event gives.
import { apiUrl, callGateway, field } from './http.ts';
import { interpretStripeEvent, STRIPE_API, type StripeConfig } from './stripe.ts';
import type { GatewayResult, PayoutFacts, PayoutReconciliation } from './types.ts';

export interface StripePayoutSeen {
  /** Stripe's status of the payout. */
  status: string;
  /** false: a manual payout (requested, not made by the payout schedule); null when Stripe did not say. */
  automatic: boolean | null;
  reconciliation: PayoutReconciliation | null;
  /** The payout as its payout.updated event would report it (amount in cobro minor units); null while pending or in transit. */
  facts: PayoutFacts | null;
}

const RECONCILIATION = new Set<string>(['in_progress', 'completed', 'not_applicable']);

/** Reads the payout; an answer other than 200, or one that is not the payout asked for, is a failure. */
export async function retrieveStripePayout(config: StripeConfig, payoutId: string, now: Date): Promise<GatewayResult<StripePayoutSeen>> {
  const r = await callGateway({ egress: config.egress, url: apiUrl(config.apiBase ?? STRIPE_API, `/v1/payouts/${encodeURIComponent(payoutId)}`), method: 'GET',
    headers: { authorization: `Bearer ${config.secretKey}` } });
  if (!r.ok) return r;
  if (r.status !== 200) {
    const message = field(field(r.body, 'error', 'object'), 'message', 'string') ?? 'no message';
    return { ok: false, error: { kind: 'rejected', status: r.status, message: `Stripe answered ${r.status} reading payout ${payoutId}: ${message}` } };
  }
  const status = field(r.body, 'status', 'string');
  if (field(r.body, 'id', 'string') !== payoutId || !status) return { ok: false, error: { kind: 'rejected', message: `Stripe answered payout ${payoutId} without its id or status` } };
  const reconciliation = field(r.body, 'reconciliation_status', 'string') ?? '';
  const meaning = interpretStripeEvent({ object: 'event', type: 'payout.updated', created: Math.floor(now.getTime() / 1000), data: { object: r.body } });
  return { ok: true, value: { status, automatic: field(r.body, 'automatic', 'boolean') ?? null,
    reconciliation: RECONCILIATION.has(reconciliation) ? reconciliation as PayoutReconciliation : null, facts: meaning.kind === 'payout' ? meaning.payout : null } };
}
