// Running matching again on lines still waiting (unmatched, or with a proposal in review), e.g. after new invoices were
// imported; a dry run says what would happen without booking or queueing anything.
import type { Db } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { previewMatches } from './preview.ts';
import { emptySummary, reconcileLines, type ReconcileSummary } from './reconcile.ts';
import { findPayouts } from './payouts.ts';

export interface RerunOptions {
  actor: string;
  now: () => Date;
  /** Only this statement's lines. */
  statementId?: string;
  /** Also lines whose proposal waits in review (default); a changed proposal supersedes the old one. */
  includeReview?: boolean;
  /** Say what would be applied and queued; nothing is booked or queued (the lookup tables are brought up to date). */
  dryRun?: boolean;
}

export interface RerunReport extends ReconcileSummary {
  /** Lines looked at. */
  lines: number;
  dry_run: boolean;
}

const PAGE = 10_000;

async function waitingLines(db: Db, orgId: string, o: RerunOptions): Promise<string[]> {
  const states = o.includeReview === false ? ['unmatched'] : ['unmatched', 'review'];
  const ids: string[] = [];
  for (let after = ''; ;) {
    const rows = await db.query<{ id: string }>(`SELECT id FROM statement_lines WHERE org_id = $1 AND match_state = ANY($2::text[])
      AND (direction = 'credit') <> reversal AND id > $3 ${o.statementId ? 'AND statement_id = $5' : ''} ORDER BY id LIMIT $4`,
    [orgId, states, after, PAGE, ...(o.statementId ? [o.statementId] : [])]);
    ids.push(...rows.map((r) => r.id));
    if (rows.length < PAGE) return ids;
    after = rows[rows.length - 1]!.id;
  }
}

/** Matches the org's waiting lines again: what now names an open invoice or a known payer is applied or queued. */
export async function rerunMatching(db: Db, orgId: string, o: RerunOptions): Promise<Result<RerunReport>> {
  if (o.statementId) {
    const found = await db.query('SELECT 1 FROM statements WHERE org_id = $1 AND id = $2', [orgId, o.statementId]);
    if (!found.length) return fail('NOT_FOUND', `no statement ${o.statementId}`, 'statement_id');
  }
  const ids = await waitingLines(db, orgId, o);
  if (o.dryRun) {
    const summary = emptySummary();
    // a gateway's payout would be settled as one, not matched
    const payouts = new Set((await findPayouts(db, orgId, ids)).map((f) => f.line.id));
    summary.payout = payouts.size;
    await previewMatches(db, orgId, ids.filter((id) => !payouts.has(id)), (p) => { summary[p.would_apply ? 'matched' : p.proposal ? 'review' : 'unmatched'] += 1; });
    return ok({ ...summary, lines: ids.length, dry_run: true });
  }
  const summary = await reconcileLines(db, orgId, ids, { actor: o.actor, now: o.now });
  await recordAudit(db, { orgId, actor: o.actor, action: 'reconciliation.rerun', entity: 'org', entityId: orgId,
    data: { statement: o.statementId ?? null, lines: ids.length, ...summary } });
  return ok({ ...summary, lines: ids.length, dry_run: false });
}
