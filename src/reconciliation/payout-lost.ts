// R-6, a reported payout that did not arrive (Stripe payout.failed or payout.canceled), handled in the webhook's own
// transaction: a debit on a statement giving the payout back is settled as its reversal; when there is none, the credit
// lines settled on that payout's amount and date alone (not by their own text) go back to matching, recorded and audited
// like a person's undo, and are matched again at once.
import type { Db, Queryable } from '../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { settlePayouts } from './payouts.ts';
import { RETURN_DAYS } from './payout-returns.ts';
import { reconcileLines, type ReconcileSummary } from './reconcile.ts';

export interface LostPayoutReport {
  /** Debits settled now as the payout's return. */
  returned: number;
  /** Lines no longer settled on the payout, matched again. */
  rematched: string[];
  /** What matching made of them. */
  reconciliation: ReconcileSummary | null;
  note: string;
}

/** The caller's transaction as a Db whose transactions are that one (nothing here commits on its own). */
function withinTransaction(tx: Queryable, kind: Db['kind']): Db {
  return {
    kind, database: tx.database, query: (sql, params, name) => tx.query(sql, params, name), copyCsv: (t, c, csv) => tx.copyCsv(t, c, csv),
    transaction: (fn) => fn(tx),
    exec: () => Promise.reject(new Error('exec is not available inside a transaction')), close: async () => {},
  };
}

/**
 * The gateway's payout `payoutId` did not arrive (its row in gateway_payouts already says failed or canceled). Runs on the
 * caller's transaction: the lines' new states, their audit and the new proposals commit with the event, or not at all.
 */
export async function settleLostPayout(
  tx: Queryable, kind: Db['kind'], orgId: string, gateway: string, payoutId: string, opts: { actor: string; now: Date },
): Promise<LostPayoutReport> {
  const db = withinTransaction(tx, kind);
  const now = () => opts.now;
  const debits = await tx.query<{ id: string }>(`SELECT l.id FROM statement_lines l JOIN gateway_payouts g ON g.org_id = l.org_id
      AND g.currency = l.currency AND g.amount = l.amount
      AND COALESCE(l.booking_date, l.value_date) BETWEEN g.arrival_date - 3 AND g.arrival_date + ${RETURN_DAYS}
    WHERE g.org_id = $1 AND g.gateway = $2 AND g.payout_id = $3 AND l.direction = 'debit' AND l.match_state IN ('unmatched', 'not_receivable')
    ORDER BY l.id`, [orgId, gateway, payoutId]);
  const returned = await settlePayouts(db, orgId, debits.map((d) => d.id), { actor: opts.actor, now });
  const [back] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM statement_line_payouts
    WHERE org_id = $1 AND gateway = $2 AND payout_id = $3 AND status = 'payout' AND basis = 'return'`, [orgId, gateway, payoutId]);
  const settled = await tx.query<{ line_id: string }>(`SELECT x.line_id FROM statement_line_payouts x
      JOIN statement_lines l ON l.org_id = x.org_id AND l.id = x.line_id AND l.match_state = 'payout'
    WHERE x.org_id = $1 AND x.gateway = $2 AND x.payout_id = $3 AND x.status = 'payout' AND x.basis = 'reported' ORDER BY x.line_id`,
  [orgId, gateway, payoutId]);
  // the payout reached the bank and was given back: its credit stays settled, the debit is its reversal
  if ((back?.n ?? 0) > 0 || !settled.length) {
    return { returned, rematched: [], reconciliation: null,
      note: returned ? `${returned} debit settled as the payout's return` : settled.length ? 'its return was already settled' : 'no bank line was settled on it' };
  }
  const ids = settled.map((s) => s.line_id);
  const note = `the ${gateway} payout ${payoutId} did not arrive`;
  await tx.query(`UPDATE statement_line_payouts SET status = 'withdrawn', decided_by = $3, decided_at = $4 WHERE org_id = $1 AND line_id = ANY($2::text[])`,
    [orgId, ids, opts.actor, opts.now.toISOString()]);
  await tx.query(`UPDATE statement_lines SET match_state = 'unmatched' WHERE org_id = $1 AND id = ANY($2::text[]) AND match_state = 'payout'`, [orgId, ids]);
  for (const id of ids) {
    await recordAudit(tx, { orgId, actor: opts.actor, action: 'statement_line.not_payout', entity: 'statement_line', entityId: id,
      data: { note, gateway, payout_id: payoutId } }, opts.now);
  }
  const reconciliation = await reconcileLines(db, orgId, ids, { actor: opts.actor, now, snapshot: false });
  const outcome = Object.entries(reconciliation).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ');
  return { returned, rematched: ids, reconciliation, note: `${ids.length} line(s) settled on it back to matching (${outcome || 'nothing'})` };
}
