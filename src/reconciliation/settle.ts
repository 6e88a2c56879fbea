// Settling credit lines with the matcher's proposals: each line's decision (apply, queue, leave) made in memory with what
// the lines before it took, then the whole batch written set-based in its transaction (nothing half-written).
import type { Queryable } from '../db/index.ts';
import { newId } from '../domain/ids.ts';
import type { AuditEntry } from '../audit/index.ts';
import type { MatchSettings, Proposal } from './match/types.ts';
import { bookingAudit, type Booking } from './booking.ts';
import { allocationsJson, writeBookings } from './book-writes.ts';
import { waiveDiscountedFees } from './discount-fees.ts';
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

export type Outcome = 'matched' | 'review' | 'unmatched';

/** What to do with one credit line: every decision of a batch is made in memory, then written with a few statements. */
export type Decision =
  | { kind: 'unmatched'; line: LineRow; supersede: string[] }
  | { kind: 'review'; line: LineRow }
  | { kind: 'queue'; line: LineRow; p: Proposal; supersede: string[] }
  | { kind: 'apply'; line: LineRow; p: Proposal; supersede: string[]; proposalId?: string };

export const outcomeOf = (d: Decision): Outcome => (d.kind === 'apply' ? 'matched' : d.kind === 'unmatched' ? 'unmatched' : 'review');

/**
 * Applied above the threshold, queued below it, nothing when a person already rejected the same proposal; a proposal still
 * pending from an earlier run is kept when nothing changed (and becomes the applied one), else superseded.
 */
export function decideLine(line: LineRow, found: Proposal | null, history: LineHistory | undefined, settings: MatchSettings): Decision {
  const pending = history?.pending ?? [];
  const p = found && !history?.rejected.has(signature(found)) ? found : null;
  if (!p) return { kind: 'unmatched', line, supersede: pending.map((x) => x.id) };
  const sure = p.confidence >= settings.autoApplyThreshold;
  const same = pending.find((x) => x.signature === signature(p));
  if (!sure && same) return { kind: 'review', line };
  if (!sure) return { kind: 'queue', line, p, supersede: pending.map((x) => x.id) };
  return { kind: 'apply', line, p, supersede: pending.filter((x) => x !== same).map((x) => x.id), ...(same ? { proposalId: same.id } : {}) };
}

/** A sure proposal booking refused (an invoice changed meanwhile...): queued for a person with the reason. */
export function refused(d: Decision & { kind: 'apply' }, history: LineHistory | undefined, message: string): Decision {
  d.p.reasons.push(`it could not be applied: ${message}`);
  return { kind: 'queue', line: d.line, p: d.p, supersede: (history?.pending ?? []).map((x) => x.id) };
}

/**
 * Writes a batch's decisions in order, set-based: pending proposals superseded, lines left unmatched or queued with their
 * proposals, bookings put on the ledger; the audit entries in the order the decisions were made. Call inside one transaction.
 */
export async function writeSettlements(
  q: Queryable, orgId: string, actor: string, decisions: Decision[], bookings: Map<string, Booking>, now: Date,
): Promise<void> {
  const audit: Omit<AuditEntry, 'orgId'>[] = [];
  const superseded: string[] = [];
  const queued: (Decision & { kind: 'queue' })[] = [];
  const unmatched: string[] = [];
  const booked: Booking[] = [];
  // before the audit is built: the fees an earned prompt-payment discount covers are not written off
  const counted = await waiveDiscountedFees(q, orgId, decisions.flatMap((d) => {
    const b = d.kind === 'apply' ? bookings.get(d.line.id) : undefined;
    return b ? [b] : [];
  }));
  for (const d of decisions) {
    if (d.kind !== 'review' && d.supersede.length) {
      superseded.push(...d.supersede);
      audit.push({ actor, action: 'match.superseded', entity: 'statement_line', entityId: d.line.id, data: { proposals: d.supersede } });
      if (d.kind === 'unmatched') unmatched.push(d.line.id);
    }
    if (d.kind === 'queue') queued.push(d);
    const b = d.kind === 'apply' ? bookings.get(d.line.id) : undefined;
    if (b) { booked.push(b); audit.push(...bookingAudit(b, actor)); }
  }
  if (superseded.length) {
    await q.query(`UPDATE match_proposals SET status = 'superseded', decided_by = $3, decided_at = now()
      WHERE org_id = $1 AND id = ANY($2::text[]) AND status = 'proposed'`, [orgId, superseded, actor]);
  }
  if (unmatched.length) {
    await q.query(`UPDATE statement_lines SET match_state = 'unmatched' WHERE org_id = $1 AND id = ANY($2::text[])`, [orgId, unmatched]);
  }
  if (queued.length) {
    const ps = queued.map((d) => d.p);
    await q.query(`INSERT INTO match_proposals (id, org_id, line_id, customer_id, currency, allocations, fee, credit, confidence, reasons)
      SELECT id, $1, l, c, cur, a, f, cr, conf, r FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::bigint[],
        $8::bigint[], $9::float8[], $10::jsonb[]) AS t (id, l, c, cur, a, f, cr, conf, r)`,
    [orgId, queued.map(() => newId('match')), queued.map((d) => d.line.id), ps.map((p) => p.customerId), ps.map((p) => p.currency),
      ps.map(allocationsJson), ps.map((p) => p.fee), ps.map((p) => p.credit), ps.map((p) => p.confidence), ps.map((p) => JSON.stringify(p.reasons))]);
    await q.query(`UPDATE statement_lines SET match_state = 'review' WHERE org_id = $1 AND id = ANY($2::text[])`, [orgId, queued.map((d) => d.line.id)]);
  }
  await writeBookings(q, orgId, actor, booked, audit, now, counted);
}
