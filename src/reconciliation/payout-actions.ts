// A person's decisions on payouts: undo a line wrongly taken for a gateway's payout (it goes back to unmatched, is
// matched as before, and is not recognised again), or mark a waiting credit as a payout the rules did not recognise.
import type { Db } from '../db/index.ts';
import { inTransaction as inTx } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { loadLine, type LineRow } from './lines.ts';
import { writePayout } from './payouts.ts';
import type { PayoutGateway } from './payout-rules.ts';
import { reconcileLines, type ReconcileSummary } from './reconcile.ts';

/** Undoes a payout: the line is unmatched again, then matched like a new line (the undo is kept, so no rule takes it again). */
export async function undoPayout(
  db: Db, orgId: string, actor: string, lineId: string, note: string | null, now: () => Date,
): Promise<Result<{ line: LineRow; reconciliation: ReconcileSummary }>> {
  const r = await inTx(db, async (tx) => {
    const line = await loadLine(tx, orgId, lineId);
    if (!line) return fail('NOT_FOUND', `no statement line ${lineId}`, 'id');
    if ((line.match_state as string) !== 'payout') return fail('INVALID_STATE', `line ${lineId} is ${line.match_state}, not a payout`, 'id');
    await tx.query(`UPDATE statement_line_payouts SET status = 'undone', decided_by = $3, decided_at = $4 WHERE org_id = $1 AND line_id = $2`,
      [orgId, lineId, actor, now().toISOString()]);
    // a debit taken for a payout's return goes back to what it was read as: a returned payment to match, or no receivable
    await tx.query(`UPDATE statement_lines SET match_state = CASE WHEN (direction = 'credit') <> reversal THEN 'unmatched' ELSE 'not_receivable' END
      WHERE org_id = $1 AND id = $2 AND match_state = 'payout'`, [orgId, lineId]);
    await recordAudit(tx, { orgId, actor, action: 'statement_line.not_payout', entity: 'statement_line', entityId: lineId, data: note ? { note } : {} });
    return ok(line);
  });
  if (!r.ok) return r;
  const reconciliation = await reconcileLines(db, orgId, [lineId], { actor, now });
  const after = await loadLine(db, orgId, lineId);
  return ok({ line: after ?? { ...r.value, match_state: 'unmatched' }, reconciliation });
}

/** Marks a waiting credit (unmatched or in review) as a gateway's payout: settled like one, its proposal superseded, off the queue. */
export async function markPayout(
  db: Db, orgId: string, actor: string, lineId: string, p: { gateway: PayoutGateway; payout_id?: string | null; note?: string | null },
  now: () => Date,
): Promise<Result<LineRow>> {
  return inTx(db, async (tx) => {
    const line = await loadLine(tx, orgId, lineId);
    if (!line) return fail('NOT_FOUND', `no statement line ${lineId}`, 'id');
    if (line.direction !== 'credit' || line.reversal) return fail('INVALID_STATE', `line ${lineId} is not a credit`, 'id');
    if (line.match_state !== 'unmatched' && line.match_state !== 'review') {
      return fail('INVALID_STATE', `line ${lineId} is ${line.match_state}, not waiting for a match`, 'id');
    }
    const reasons = [`marked a payout by ${actor}`, ...(p.note ? [p.note] : [])];
    const superseded = await writePayout(tx, orgId, lineId, { gateway: p.gateway, payout_id: p.payout_id ?? null, reasons, basis: 'person' }, actor, now());
    await recordAudit(tx, { orgId, actor, action: 'statement_line.payout', entity: 'statement_line', entityId: lineId,
      data: { gateway: p.gateway, payout_id: p.payout_id ?? null, reasons, was: line.match_state, proposals: superseded } });
    return ok({ ...line, match_state: 'payout' as const });
  });
}
