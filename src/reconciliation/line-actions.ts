// What a person does with a waiting credit line itself: apply it to invoices they choose (split across several if need be)
// whether or not the matcher proposed anything, or mark it as not ours (not a customer's payment), so it leaves the queue.
import type { Db } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { inTransaction as inTx } from '../db/index.ts';
import { loadLine, type LineRow } from './lines.ts';
import { queueProposal } from './apply.ts';
import { changeProposal, type ProposalChange } from './review.ts';
import type { ProposalView } from './queries.ts';

const WAITING = ['unmatched', 'review'];

function waiting(line: LineRow | null, id: string): Result<LineRow> {
  if (!line) return fail('NOT_FOUND', `no statement line ${id}`, 'id');
  if (line.direction !== 'credit' || line.reversal) return fail('INVALID_STATE', `line ${id} is not a credit`, 'id');
  if (!WAITING.includes(line.match_state)) return fail('INVALID_STATE', `line ${id} is ${line.match_state}, not waiting for a match`, 'id');
  return ok(line);
}

/**
 * Applies a waiting line to the invoices and amounts given: its pending proposal is changed, or, when the matcher found
 * nothing, an empty one is queued first so the decision is recorded like any other.
 */
export async function assignLine(
  db: Db, orgId: string, actor: string, lineId: string, change: ProposalChange, now: () => Date,
): Promise<Result<ProposalView>> {
  const line = waiting(await loadLine(db, orgId, lineId), lineId);
  if (!line.ok) return line;
  const [pending] = await db.query<{ id: string }>(
    `SELECT id FROM match_proposals WHERE org_id = $1 AND line_id = $2 AND status = 'proposed' ORDER BY id DESC LIMIT 1`, [orgId, lineId]);
  let proposalId = pending?.id;
  if (!proposalId) {
    proposalId = await db.transaction((tx) => queueProposal(tx, orgId, line.value, { customerId: '', currency: line.value.currency,
      allocations: [], fee: 0, credit: line.value.amount, confidence: 0, reasons: ['no match was found; chosen by a person'] }));
  }
  const r = await changeProposal(db, orgId, actor, proposalId, change, now);
  if (!r.ok && !pending) {
    // the empty proposal made above was only a vehicle: take it back so the line is as it was
    await db.transaction(async (tx) => {
      await tx.query(`DELETE FROM match_proposals WHERE org_id = $1 AND id = $2 AND status = 'proposed'`, [orgId, proposalId]);
      await tx.query(`UPDATE statement_lines SET match_state = 'unmatched' WHERE org_id = $1 AND id = $2 AND match_state = 'review'`, [orgId, lineId]);
    });
  }
  return r;
}

/** Marks a waiting credit as not ours (a refund, a transfer between own accounts...): no payment, off the queue, audited. */
export async function dismissLine(db: Db, orgId: string, actor: string, lineId: string, note: string | null): Promise<Result<LineRow>> {
  return inTx(db, async (tx) => {
    const line = waiting(await loadLine(tx, orgId, lineId), lineId);
    if (!line.ok) return line;
    const rejected = await tx.query<{ id: string }>(`UPDATE match_proposals SET status = 'rejected', decided_by = $3, decided_at = now()
      WHERE org_id = $1 AND line_id = $2 AND status = 'proposed' RETURNING id`, [orgId, lineId, actor]);
    await tx.query(`UPDATE statement_lines SET match_state = 'not_receivable' WHERE org_id = $1 AND id = $2`, [orgId, lineId]);
    await recordAudit(tx, { orgId, actor, action: 'statement_line.not_ours', entity: 'statement_line', entityId: lineId,
      data: { proposals: rejected.map((p) => p.id), ...(note ? { note } : {}) } });
    const after = await loadLine(tx, orgId, lineId);
    return after ? ok(after) : fail('NOT_FOUND', `no statement line ${lineId}`, 'id');
  });
}

/** Puts a credit a person marked not ours back on the queue, unmatched (to be applied by hand or matched again), audited. */
export async function restoreLine(db: Db, orgId: string, actor: string, lineId: string, note: string | null): Promise<Result<LineRow>> {
  return inTx(db, async (tx) => {
    const line = await loadLine(tx, orgId, lineId);
    if (!line) return fail('NOT_FOUND', `no statement line ${lineId}`, 'id');
    // a credit's only way to not_receivable is a person's "not ours" (debits and returned credits are never receivables)
    if (line.direction !== 'credit' || line.reversal) return fail('INVALID_STATE', `line ${lineId} is not a credit`, 'id');
    if (line.match_state !== 'not_receivable') return fail('INVALID_STATE', `line ${lineId} is ${line.match_state}, not marked not ours`, 'id');
    await tx.query(`UPDATE statement_lines SET match_state = 'unmatched' WHERE org_id = $1 AND id = $2 AND match_state = 'not_receivable'`, [orgId, lineId]);
    await recordAudit(tx, { orgId, actor, action: 'statement_line.restored', entity: 'statement_line', entityId: lineId,
      data: note ? { note } : {} });
    const after = await loadLine(tx, orgId, lineId);
    return after ? ok(after) : fail('NOT_FOUND', `no statement line ${lineId}`, 'id');
  });
}
