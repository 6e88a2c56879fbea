// Bank debits cobro holds in flight, for the nightly check to read again by their payment: a debit confirmed days after its
// checkout (SEPA up to 14 business days) is beyond the check's look-back, so a lost success webhook would leave its hold to
// run out and reminders to resume for a debt that is paid. Oldest first, a bounded number a night.
import type { Queryable } from '../db/index.ts';
import type { GatewayName } from './gateways/index.ts';

/** How many held debits one check reads again per gateway. */
export const HELD_DEBITS_PER_CHECK = 200;

/** The provider payments of the org's open debit holds, the oldest first, at most `limit`. */
export async function heldDebits(q: Queryable, orgId: string, provider: GatewayName, limit: number): Promise<string[]> {
  const rows = await q.query<{ payment_ref: string }>(
    `SELECT payment_ref FROM agent_claims WHERE org_id = $1 AND source = 'debit' AND provider = $2 AND status = 'open'
     ORDER BY created_at, id LIMIT $3`, [orgId, provider, limit]);
  return rows.map((r) => r.payment_ref);
}
