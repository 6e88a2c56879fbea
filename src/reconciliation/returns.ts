// A returned payment (a reversal line): finds the credit it takes back and undoes that credit's payment or pending proposal.
import type { Db } from '../db/index.ts';
import { ok } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { reversePayment } from '../ledger/index.ts';
import { pickReversed, type ReversibleCredit } from './match/reversal.ts';
import { inTx } from './apply.ts';
import { openCopies } from '../vault/index.ts';
import { LINE_SELECT, lineDate, type LineRow } from './lines.ts';

const asCredit = (l: LineRow): ReversibleCredit => ({ id: l.id, amount: l.amount, currency: l.currency, date: lineDate(l),
  endToEndId: l.end_to_end_id, counterpartyAccount: l.counterparty_account, counterpartyName: l.counterparty_name });

/** True when the return was tied to its credit and that credit undone. */
export async function undoReturned(db: Db, orgId: string, line: LineRow, opts: { actor: string }): Promise<boolean> {
  const candidates = await openCopies(db, orgId, 'statement_lines.counterparty_account', await db.query<LineRow>(`SELECT ${LINE_SELECT} FROM statement_lines
    WHERE org_id = $1 AND amount = $2 AND currency = $3
    AND direction = 'credit' AND NOT reversal AND match_state IN ('matched', 'review')`, [orgId, line.amount, line.currency]));
  const pick = pickReversed(asCredit(line), candidates.map(asCredit));
  const original = pick ? candidates.find((c) => c.id === pick.id) : undefined;
  if (!pick || !original) return false;
  const r = await inTx(db, async (tx) => {
    if (original.match_state === 'matched' && original.payment_id) {
      const rev = await reversePayment(tx, orgId, opts.actor, original.payment_id, `returned: statement line ${line.id}`);
      if (!rev.ok) return rev;
    } else {
      await tx.query(`UPDATE match_proposals SET status = 'rejected', decided_by = $3, decided_at = now()
        WHERE org_id = $1 AND line_id = $2 AND status = 'proposed'`, [orgId, original.id, opts.actor]);
    }
    await tx.query(`UPDATE statement_lines SET match_state = 'reversed' WHERE org_id = $1 AND id = $2`, [orgId, original.id]);
    await tx.query(`UPDATE statement_lines SET match_state = 'reversal', payment_id = $3 WHERE org_id = $1 AND id = $2`,
      [orgId, line.id, original.payment_id]);
    await recordAudit(tx, { orgId, actor: opts.actor, action: 'statement_line.reversed', entity: 'statement_line', entityId: original.id,
      data: { reversal_line: line.id, payment: original.payment_id, reason: pick.reason } });
    return ok(true);
  });
  return r.ok;
}
