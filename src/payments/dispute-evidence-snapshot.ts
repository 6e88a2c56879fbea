// What cobro fills a dispute's evidence in with, kept through an erasure (migration 145). An erasure keeps an open dispute's
// evidence under the legal-claims exemption but erases the records cobro reads its part from, so before they go a copy of
// that part is stored with each evidence row kept (sealed under field encryption as the staff's text is); the draft view,
// cobro's documents and the submit read the copy when there is one, and the records otherwise.
import type { Queryable } from '../db/index.ts';
import { openEvidenceSnapshot, storedEvidenceSnapshot } from '../vault/fields/evidence-fields.ts';
import { autoEvidence, type AutoEvidence } from './dispute-evidence-auto.ts';
import { disputeRef, evidenceRow, findGatewayDispute, type EvidenceProvider, type GatewayDisputeRef } from './dispute-evidence-store.ts';

/** The evidence's filled-in part: the copy kept at an erasure when there is one, read from the records otherwise. */
export async function evidenceAuto(q: Queryable, orgId: string, d: GatewayDisputeRef): Promise<AutoEvidence> {
  const [row] = await q.query<{ provider: string; dispute_id: string; auto_snapshot: AutoEvidence | null; auto_snapshot_sealed: string | null }>(
    `SELECT provider, dispute_id, auto_snapshot, auto_snapshot_sealed FROM gateway_dispute_evidence
     WHERE org_id = $1 AND provider = $2 AND dispute_id = $3`, [orgId, d.provider, d.dispute_id]);
  const kept = row ? await openEvidenceSnapshot<AutoEvidence>(q, orgId, row) : null;
  return kept ?? autoEvidence(q, orgId, d);
}

/**
 * Before a customer's records are erased: stores the filled-in part with each of their evidence rows `kept` (open disputes),
 * unless one is stored already. Returns how many were stored.
 */
export async function snapshotKeptEvidence(q: Queryable, orgId: string, kept: { provider: string; dispute_id: string }[]): Promise<number> {
  let stored = 0;
  for (const k of kept) {
    const [has] = await q.query<{ n: number }>(
      `SELECT 1 AS n FROM gateway_dispute_evidence WHERE org_id = $1 AND provider = $2 AND dispute_id = $3
         AND (auto_snapshot IS NOT NULL OR auto_snapshot_sealed IS NOT NULL)`, [orgId, k.provider, k.dispute_id]);
    if (has) continue;
    const d = await findGatewayDispute(q, orgId, k.dispute_id, k.provider);
    if (!d.ok) continue;
    const copy = await storedEvidenceSnapshot(q, orgId, k.provider, k.dispute_id, await autoEvidence(q, orgId, d.value));
    await q.query('UPDATE gateway_dispute_evidence SET auto_snapshot = $4::jsonb, auto_snapshot_sealed = $5 WHERE org_id = $1 AND provider = $2 AND dispute_id = $3',
      [orgId, k.provider, k.dispute_id, copy.auto_snapshot, copy.auto_snapshot_sealed]);
    stored++;
  }
  return stored;
}

/**
 * Before a customer's records are erased: makes the evidence row of each of their open Stripe, Adyen or PayPal disputes whose
 * evidence was never opened, so that what cobro fills in is kept for it too (the erasure then lists it as kept).
 */
export async function openEvidenceRows(q: Queryable, orgId: string, customerId: string, actor: string, now: Date): Promise<void> {
  const open = await q.query<{ provider: EvidenceProvider; payment_ref: string; customer_id: string; link_id: string; currency: string; id: string; d: Record<string, unknown> }>(
    `SELECT g.provider, g.payment_ref, g.customer_id, g.link_id, g.currency, x.key AS id, x.value AS d
     FROM gateway_payments g CROSS JOIN LATERAL jsonb_each(coalesce(g.disputes, '{}'::jsonb)) x
     WHERE g.org_id = $1 AND g.customer_id = $2 AND g.provider IN ('stripe', 'adyen', 'paypal', 'mercadopago') AND coalesce(x.value ->> 'status', 'open') = 'open'
       AND NOT EXISTS (SELECT 1 FROM gateway_dispute_evidence e WHERE e.org_id = g.org_id AND e.provider = g.provider AND e.dispute_id = x.key)`,
    [orgId, customerId]);
  for (const r of open) await evidenceRow(q, orgId, disputeRef(r, r.id), actor, now);
}
