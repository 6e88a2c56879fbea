// Matching stored lines in batches: each batch looks its candidates up in indexed tables, so the cost follows the lines and
// not the size of the ledger, and is decided in memory then booked set-based in one transaction. Sure matches go first across all batches, so a weaker guess never takes an invoice a sure
// match needs; then the rest are applied above the org's threshold or queued below it. Returns undo their match.
import type { Db } from '../db/index.ts';
import { proposeMatch } from './match/matcher.ts';
import type { MatchSettings, Proposal } from './match/types.ts';
import { candidateIndex, LOOKUP_LIMITS, readPayersOf, takeFirstReads } from './candidates.ts';
import type { MatchSnapshot } from './snapshot.ts';
import { startMatching } from './match-start.ts';
import { IndexChanges, proposeAndRead } from './match/reads.ts';
import { decideLine, outcomeOf, proposalHistory, refused, writeSettlements, type Decision } from './settle.ts';
import { planBooking, type Booking, type BookingState } from './booking.ts';
import { aliasesOf, emptyBookingState, loadBookingState } from './book-writes.ts';
import { isPendingCredit, isPendingReturn, loadLines, toMatchLine, type LineRow } from './lines.ts';
import { undoReturned } from './returns.ts';
import { getSettings, toMatchSettings } from './settings.ts';
import { settlePayouts } from './payouts.ts';

export interface ReconcileSummary {
  /** Credits applied to invoices without review. */
  matched: number;
  /** Credits waiting in the review queue. */
  review: number;
  /** Credits (and returns) nothing could be found for. */
  unmatched: number;
  /** Returns that undid an earlier match. */
  reversed: number;
  /** Debits that are not returns: nothing to do for receivables. */
  not_receivable: number;
  /** Lines held back as the same movement imported before in another file. */
  duplicate: number;
  /** Credits that are a gateway's payout: settled as such, never matched to an invoice nor queued for review. */
  payout: number;
}

export interface ReconcileOptions {
  actor: string;
  now: () => Date;
  /** Lines looked up and matched together (default 2,000). */
  batchSize?: number;
  /**
   * false: look candidates up in SQL, not in the process's copy of the org's invoices. For a run inside a caller's
   * transaction, which may still roll back: the copy is shared by the process and must hold only committed rows.
   */
  snapshot?: boolean;
}

/** In the first pass only proposals at least this sure (or the org's threshold, if higher) are applied. */
export const SURE = 0.95;
const BATCH = 2_000;

export const emptySummary = (): ReconcileSummary => ({ matched: 0, review: 0, unmatched: 0, reversed: 0, not_receivable: 0, duplicate: 0, payout: 0 });

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let at = 0; at < items.length; at += size) yield items.slice(at, at + size);
}

const missing = (state: BookingState, p: Proposal) =>
  !state.customers.has(p.customerId) || p.allocations.some((a) => !state.invoices.has(a.invoiceId));

/**
 * Matches one batch of pending credits in one transaction: every line is decided in memory in order of confidence, each
 * seeing what the lines before it took (index and booked balances), then the batch is written set-based. With `minApply`,
 * lines whose proposal is less sure are left for later and returned; without it every line is settled.
 */
async function matchBatch(
  db: Db, orgId: string, lines: LineRow[], settings: MatchSettings, opts: ReconcileOptions, summary: ReconcileSummary, minApply: number | null,
  snap: MatchSnapshot | null,
): Promise<string[]> {
  if (!lines.length) return [];
  const matchLines = lines.map(toMatchLine);
  const [index, history] = await Promise.all([candidateIndex(db, orgId, matchLines, LOOKUP_LIMITS, snap),
    proposalHistory(db, orgId, lines.map((l) => l.id))]);
  let booked: Booking[] = [];
  const first = lines.map((line, i) => ({ line, ...proposeAndRead(matchLines[i]!, index, settings, takeFirstReads(index, matchLines[i]!)) }))
    .sort((a, b) => (b.p?.confidence ?? -1) - (a.p?.confidence ?? -1));
  const later = await db.transaction(async (q) => {
    const sure = first.flatMap((f) => (f.p && f.p.confidence >= settings.autoApplyThreshold ? [f.p] : []));
    const state = await loadBookingState(q, orgId, emptyBookingState(), lines, sure);
    const later: string[] = [];
    const decisions: Decision[] = [];
    const bookings = new Map<string, Booking>();
    const changes = new IndexChanges(index);
    for (const { line, p: before, reads } of first) {
      // what an earlier line of the batch took is no longer there: propose again when it touched what this line looked at
      let p: Proposal | null = before;
      if (changes.touches(reads)) {
        changes.added(await readPayersOf(q, orgId, index, toMatchLine(line)));
        p = proposeMatch(toMatchLine(line), index, settings);
      }
      if (minApply !== null && (!p || p.confidence < minApply)) { later.push(line.id); continue; }
      let d = decideLine(line, p, history.get(line.id), settings);
      if (d.kind === 'apply') {
        if (missing(state, d.p)) await loadBookingState(q, orgId, state, [], [d.p]);
        const booked = planBooking(state, line, d.p, { now: opts.now, ...(d.proposalId ? { proposalId: d.proposalId } : {}) });
        if (booked.ok) {
          bookings.set(line.id, booked.value);
          for (const a of d.p.allocations) changes.consume(a.invoiceId, a.amount + a.fee, d.p.currency);
          for (const a of aliasesOf(line, d.p.customerId)) changes.learn(a);
        } else d = refused(d, history.get(line.id), booked.error.message);
      }
      decisions.push(d);
    }
    await writeSettlements(q, orgId, opts.actor, decisions, bookings, opts.now());
    for (const d of decisions) summary[outcomeOf(d)] += 1;
    booked = [...bookings.values()];
    return later;
  });
  // what the batch booked, as the next batch's lookups would read it
  await snap?.refresh(db, [...new Set(booked.flatMap((b) => [...b.allocations, ...b.fees].map((a) => a.invoice_id)))],
    [...new Set(booked.map((b) => b.proposal.customerId))]);
  return later;
}

/** Matches the given lines that are still pending (unmatched, or in review when run again). */
export async function reconcileLines(db: Db, orgId: string, lineIds: string[], opts: ReconcileOptions): Promise<ReconcileSummary> {
  const summary = emptySummary();
  if (!lineIds.length) return summary;
  // a gateway's payout is settled before matching, which then never sees it (it is no longer a pending credit)
  summary.payout = await settlePayouts(db, orgId, lineIds, opts);
  // the settings read beside the look at what moved, the lookup tables' sync and the copy's catch-up (which change none)
  const [settings, { snap }] = await Promise.all([getSettings(db, orgId).then(toMatchSettings),
    startMatching(db, orgId, { snapshot: opts.snapshot !== false })]);
  const size = opts.batchSize ?? BATCH;
  const later: string[] = [];
  const returns: LineRow[] = [];
  for (const ids of chunks(lineIds, size)) {
    const rows = await loadLines(db, orgId, ids);
    for (const r of rows) {
      if (r.match_state === 'not_receivable') summary.not_receivable += 1;
      if (r.match_state === 'duplicate') summary.duplicate += 1;
    }
    returns.push(...rows.filter(isPendingReturn));
    later.push(...await matchBatch(db, orgId, rows.filter(isPendingCredit), settings, opts, summary, Math.max(SURE, settings.autoApplyThreshold), snap));
  }
  for (const ids of chunks(later, size)) {
    await matchBatch(db, orgId, (await loadLines(db, orgId, ids)).filter(isPendingCredit), settings, opts, summary, null, snap);
  }
  for (const line of returns) summary[(await undoReturned(db, orgId, line, opts)) ? 'reversed' : 'unmatched'] += 1;
  return summary;
}
