// The disputes cobro holds open, for the nightly check to read again by id: a provider whose dispute list filters by
// creation time only (Stripe) never lists an older dispute again when it is won or lost, and its webhook may be lost.
// Oldest visited first (applying a dispute touches its payment's updated_at), so a bounded number a night goes round them all.
import type { Queryable } from '../db/index.ts';
import type { GatewayName } from './gateways/index.ts';

/** How many held open disputes one check reads again per gateway; the others wait for the next nights, in turn. */
export const HELD_DISPUTES_PER_CHECK = 200;

export interface HeldDispute { paymentRef: string; disputeId: string }

/** The org's disputes held open on the gateway's payments, the longest unvisited first, at most `limit`. */
export async function heldOpenDisputes(q: Queryable, orgId: string, provider: GatewayName, limit: number): Promise<HeldDispute[]> {
  // the jsonpath test is the partial index's predicate (migration 092): only payments holding an open dispute are read
  const rows = await q.query<{ payment_ref: string; dispute_id: string }>(
    `SELECT g.payment_ref, d.key AS dispute_id FROM gateway_payments g CROSS JOIN LATERAL jsonb_each(g.disputes) d
     WHERE g.org_id = $1 AND g.provider = $2 AND g.disputes @? '$.* ? (@.status == "open")' AND d.value->>'status' = 'open'
     ORDER BY g.updated_at, g.payment_ref, d.key LIMIT $3`, [orgId, provider, limit]);
  return rows.map((r) => ({ paymentRef: r.payment_ref, disputeId: r.dispute_id }));
}
