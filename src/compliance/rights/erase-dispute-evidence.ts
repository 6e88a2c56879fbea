// Gateway dispute evidence under erasure (migrations 141, 142): while the Stripe or Adyen dispute is open (or under review)
// the evidence and its files are the merchant's defence of a legal claim, kept under GDPR art. 17(3)(e), and the erasure
// says which and why; once the dispute is closed (won, lost, withdrawn) its text and the gateway's answer are emptied and
// its files deleted, at the erasure for a closed dispute, by the retention purge for one that closes later.
import type { Queryable } from '../../db/index.ts';

/** Why evidence outlives an erasure, in the erasure's outcome and its audit record. */
export const EVIDENCE_KEPT_REASON = 'the gateway dispute is still open: its evidence is the defence of a legal claim (GDPR art. 17(3)(e)); '
  + 'it is erased once the dispute closes';

export interface KeptEvidence { provider: string; dispute_id: string; payment_ref: string; dispute_status: string; files: number; reason: string }

/** The dispute's status as cobro recorded it from the gateway (open when unknown: nothing is lost by keeping it a day more). */
const DISPUTE_STATUS = `coalesce((SELECT g.disputes -> e.dispute_id ->> 'status' FROM gateway_payments g
    WHERE g.org_id = e.org_id AND g.provider = e.provider AND g.payment_ref = e.payment_ref), 'open')`;

/** The evidence of one customer ($2), or of every erased customer of the org when $2 is null, whose dispute is closed. */
const CLOSED = `FROM gateway_dispute_evidence e WHERE e.org_id = $1
    AND ($2::text IS NOT NULL AND e.customer_id = $2
      OR $2::text IS NULL AND e.customer_id IN (SELECT id FROM customers c WHERE c.org_id = $1 AND c.erased_at IS NOT NULL))
    AND ${DISPUTE_STATUS} <> 'open'`;

/** Still holding something personal: text, the gateway's answer or an error, or a file. */
const HOLDS = `(e.fields <> '{}'::jsonb OR e.fields_sealed IS NOT NULL OR e.auto_snapshot IS NOT NULL OR e.auto_snapshot_sealed IS NOT NULL
    OR e.gateway_reply IS NOT NULL OR e.gateway_reply_sealed IS NOT NULL OR e.last_error IS NOT NULL
    OR EXISTS (SELECT 1 FROM gateway_dispute_evidence_files f WHERE f.org_id = e.org_id AND f.provider = e.provider AND f.dispute_id = e.dispute_id))`;

/** The evidence of the customer kept because its dispute is open. */
export async function keptEvidence(q: Queryable, orgId: string, customerId: string): Promise<KeptEvidence[]> {
  const rows = await q.query<Omit<KeptEvidence, 'reason'>>(
    `SELECT e.provider, e.dispute_id, e.payment_ref, ${DISPUTE_STATUS} AS dispute_status,
       (SELECT count(*)::int FROM gateway_dispute_evidence_files f WHERE f.org_id = e.org_id AND f.provider = e.provider AND f.dispute_id = e.dispute_id) AS files
     FROM gateway_dispute_evidence e WHERE e.org_id = $1 AND e.customer_id = $2 AND ${DISPUTE_STATUS} = 'open' ORDER BY e.provider, e.dispute_id`,
    [orgId, customerId]);
  return rows.map((r) => ({ ...r, reason: EVIDENCE_KEPT_REASON }));
}

export interface EvidenceErased { gateway_dispute_evidence: number; gateway_dispute_evidence_files: number }

/**
 * Empties the evidence of closed disputes: of one customer being erased, or (customerId null, the purge) of every customer
 * already erased. With dryRun only counts. The rows stay (status, dates, who submitted: the record that it was answered).
 */
export async function eraseClosedEvidence(q: Queryable, orgId: string, customerId: string | null, dryRun = false): Promise<EvidenceErased> {
  const params = [orgId, customerId];
  const [n] = await q.query<{ rows: number; files: number }>(
    `SELECT count(*) FILTER (WHERE ${HOLDS})::int AS rows, coalesce(sum((SELECT count(*) FROM gateway_dispute_evidence_files f
       WHERE f.org_id = e.org_id AND f.provider = e.provider AND f.dispute_id = e.dispute_id)), 0)::int AS files ${CLOSED}`, params);
  const counts = { gateway_dispute_evidence: n?.rows ?? 0, gateway_dispute_evidence_files: n?.files ?? 0 };
  if (dryRun || counts.gateway_dispute_evidence === 0) return counts;
  await q.query(`DELETE FROM gateway_dispute_evidence_files WHERE org_id = $1 AND (org_id, provider, dispute_id) IN
      (SELECT e.org_id, e.provider, e.dispute_id ${CLOSED})`, params);
  await q.query(`UPDATE gateway_dispute_evidence SET fields = '{}', fields_sealed = NULL, auto_snapshot = NULL, auto_snapshot_sealed = NULL, gateway_reply = NULL, gateway_reply_sealed = NULL,
    last_error = NULL
    WHERE org_id = $1 AND (org_id, provider, dispute_id) IN (SELECT e.org_id, e.provider, e.dispute_id ${CLOSED} AND ${HOLDS})`, params);
  return counts;
}
