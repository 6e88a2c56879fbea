// A file the debtor sent as the proof of a payment they say they made: a photo or PDF from a day before the claim was made
// until it ends is taken as its proof, and said on the claim's verification task (where the person checking it looks).
import type { Queryable } from '../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { addToTask } from './tasks.ts';

/** How long before a claim a file still counts as sent with it (a receipt photo first, "ya pagué" after). */
export const PROOF_BEFORE_CLAIM = '1 day';

interface Linked { id: string; claim_id: string; task_id: string; customer_id: string; inbound_id: string; channel: string; filename: string | null;
  type: string | null; status: string }

/** Takes the files not yet tied to a claim as the proof of their customer's open claim; returns how many. */
export async function linkClaimProof(q: Queryable, orgId: string, now: Date): Promise<number> {
  const rows = await q.query<Linked>(
    `WITH linked AS (
       UPDATE inbound_attachments a SET claim_id = c.id FROM agent_claims c
       WHERE a.org_id = $1 AND c.org_id = $1 AND a.claim_id IS NULL AND a.status IN ('pending', 'stored') AND a.customer_id = c.customer_id
         AND c.status = 'open' AND c.source = 'debtor' AND a.received_at >= c.created_at - interval '${PROOF_BEFORE_CLAIM}'
       RETURNING a.id, a.claim_id, c.task_id, a.customer_id, a.inbound_id, a.filename, COALESCE(a.content_type, a.declared_type) AS type, a.status)
     SELECT l.*, m.channel FROM linked l JOIN inbound_messages m ON m.org_id = $1 AND m.id = l.inbound_id ORDER BY l.id`, [orgId]);
  for (const r of rows) {
    const what = [r.type, r.filename ? `"${r.filename}"` : null].filter(Boolean).join(' ') || 'a file';
    await addToTask(q, orgId, r.task_id, `Proof attached on ${r.channel} at ${now.toISOString()}: ${what} (attachment ${r.id} of reply ${r.inbound_id}; `
      + `${r.status === 'stored' ? 'open it in the case\'s conversation' : 'being fetched from the provider'}).`);
    await recordAudit(q, { orgId, actor: 'agent', action: 'agent.claim_proof', entity: 'customer', entityId: r.customer_id,
      data: { claim: r.claim_id, attachment: r.id, reply: r.inbound_id } }, now);
  }
  return rows.length;
}

/** The files taken as the proof of each of these claims. */
export async function claimProof(q: Queryable, orgId: string, claimIds: readonly string[]): Promise<Map<string, { id: string; inbound_id: string; status: string }[]>> {
  const out = new Map<string, { id: string; inbound_id: string; status: string }[]>();
  if (claimIds.length === 0) return out;
  for (const r of await q.query<{ id: string; inbound_id: string; status: string; claim_id: string }>(
    'SELECT id, inbound_id, status, claim_id FROM inbound_attachments WHERE org_id = $1 AND claim_id = ANY($2::text[]) ORDER BY received_at, id', [orgId, claimIds])) {
    out.set(r.claim_id, [...(out.get(r.claim_id) ?? []), { id: r.id, inbound_id: r.inbound_id, status: r.status }]);
  }
  return out;
}
