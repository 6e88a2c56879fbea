// Lines held back as the same movement imported from another file: a person who finds one is not a duplicate releases
// it, and it is matched like any new line.
import type { Db } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { loadLine, type LineRow } from './lines.ts';
import { reconcileLines, type ReconcileSummary } from './reconcile.ts';

/** Releases a held-back line: it takes the state a new line of its kind gets and is matched at once. */
export async function releaseDuplicate(
  db: Db, orgId: string, actor: string, lineId: string, now: () => Date,
): Promise<Result<{ line: LineRow; reconciliation: ReconcileSummary }>> {
  const line = await loadLine(db, orgId, lineId);
  if (!line) return fail('NOT_FOUND', `no statement line ${lineId}`, 'id');
  if (line.match_state !== 'duplicate') return fail('INVALID_STATE', `line ${lineId} is ${line.match_state}, not held back as a duplicate`, 'id');
  const state = (line.direction === 'credit') !== line.reversal ? 'unmatched' : 'not_receivable';
  await db.transaction(async (tx) => {
    await tx.query(`UPDATE statement_lines SET match_state = $3, duplicate_of = NULL WHERE org_id = $1 AND id = $2 AND match_state = 'duplicate'`,
      [orgId, lineId, state]);
    await recordAudit(tx, { orgId, actor, action: 'statement_line.released', entity: 'statement_line', entityId: lineId,
      data: { duplicate_of: line.duplicate_of } });
  });
  const reconciliation = await reconcileLines(db, orgId, [lineId], { actor, now });
  const after = await loadLine(db, orgId, lineId);
  return ok({ line: after ?? line, reconciliation });
}
