// Settling one credit line with the matcher's proposal: applied above the threshold, queued below, nothing when a person
// already rejected the same proposal; a proposal still pending from an earlier run is kept when nothing changed, else superseded.
// Lines are settled inside their batch's transaction, each in a savepoint: a line that cannot be applied is rolled back alone.
import type { Queryable } from '../db/index.ts';
import type { Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { addAlias, consume, type MatchIndex } from './match/match-index.ts';
import type { MatchSettings, Proposal } from './match/types.ts';
import { aliasesOf, applyProposal, queueProposal } from './apply.ts';
import type { LineRow } from './lines.ts';

/** What a line's earlier proposals say: the pending ones and what people rejected. */
export interface LineHistory { pending: { id: string; signature: string }[]; rejected: Set<string> }

interface StoredAllocation { invoice_id: string; amount: number; fee: number }

const sign = (customerId: string | null, allocations: StoredAllocation[]): string =>
  `${customerId ?? ''}|${allocations.map((a) => `${a.invoice_id}:${a.amount}:${a.fee}`).sort().join(',')}`;

/** The same customer, invoices and amounts. */
export const signature = (p: Proposal): string =>
  sign(p.customerId, p.allocations.map((a) => ({ invoice_id: a.invoiceId, amount: a.amount, fee: a.fee })));

export async function proposalHistory(q: Queryable, orgId: string, lineIds: string[]): Promise<Map<string, LineHistory>> {
  const out = new Map<string, LineHistory>();
  if (!lineIds.length) return out;
  const rows = await q.query<{ id: string; line_id: string; status: string; customer_id: string | null; allocations: StoredAllocation[] }>(
    `SELECT id, line_id, status, customer_id, allocations FROM match_proposals WHERE org_id = $1 AND line_id = ANY($2::text[])
     AND status IN ('proposed', 'rejected')`, [orgId, lineIds]);
  for (const r of rows) {
    const h = out.get(r.line_id) ?? { pending: [], rejected: new Set<string>() };
    const s = sign(r.customer_id, r.allocations);
    if (r.status === 'proposed') h.pending.push({ id: r.id, signature: s });
    else h.rejected.add(s);
    out.set(r.line_id, h);
  }
  return out;
}

async function supersede(q: Queryable, orgId: string, actor: string, line: LineRow, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await q.query(`UPDATE match_proposals SET status = 'superseded', decided_by = $3, decided_at = now()
    WHERE org_id = $1 AND id = ANY($2::text[]) AND status = 'proposed'`, [orgId, ids, actor]);
  await recordAudit(q, { orgId, actor, action: 'match.superseded', entity: 'statement_line', entityId: line.id, data: { proposals: ids } });
}

export type Outcome = 'matched' | 'review' | 'unmatched';

/** `q` is the batch's transaction. */
export interface SettleContext { q: Queryable; orgId: string; actor: string; now: () => Date; settings: MatchSettings; index: MatchIndex }

/** Runs fn in a savepoint of the open transaction, rolled back to when fn returns a failure or throws. */
async function inSavepoint<T>(q: Queryable, fn: () => Promise<Result<T>>): Promise<Result<T>> {
  await q.query('SAVEPOINT settle_line');
  try {
    const r = await fn();
    await q.query(r.ok ? 'RELEASE SAVEPOINT settle_line' : 'ROLLBACK TO SAVEPOINT settle_line');
    return r;
  } catch (e) {
    await q.query('ROLLBACK TO SAVEPOINT settle_line');
    throw e;
  }
}

/** Applies, queues or leaves the line, and keeps the batch's index in step with what was applied. */
export async function settleLine(c: SettleContext, line: LineRow, found: Proposal | null, history: LineHistory | undefined): Promise<Outcome> {
  const pending = history?.pending ?? [];
  const p = found && !history?.rejected.has(signature(found)) ? found : null;
  if (!p) {
    if (pending.length) {
      await supersede(c.q, c.orgId, c.actor, line, pending.map((x) => x.id));
      await c.q.query(`UPDATE statement_lines SET match_state = 'unmatched' WHERE org_id = $1 AND id = $2`, [c.orgId, line.id]);
    }
    return 'unmatched';
  }
  const sure = p.confidence >= c.settings.autoApplyThreshold;
  const same = pending.find((x) => x.signature === signature(p));
  if (!sure && same) return 'review';
  const stale = pending.filter((x) => x !== same).map((x) => x.id);
  if (sure) {
    const applied = await inSavepoint(c.q, async () => {
      await supersede(c.q, c.orgId, c.actor, line, stale);
      return applyProposal(c.q, c.orgId, c.actor, line, p, { now: c.now, ...(same ? { proposalId: same.id } : {}) });
    });
    if (applied.ok) {
      for (const a of p.allocations) consume(c.index, a.invoiceId, a.amount + a.fee, p.currency);
      for (const a of aliasesOf(line, p.customerId)) addAlias(c.index, a);
      return 'matched';
    }
    p.reasons.push(`it could not be applied: ${applied.error.message}`);
  }
  await supersede(c.q, c.orgId, c.actor, line, pending.map((x) => x.id));
  await queueProposal(c.q, c.orgId, line, p);
  return 'review';
}
