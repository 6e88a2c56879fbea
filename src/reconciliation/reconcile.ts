// Matching stored lines in batches: each batch looks its candidates up in indexed tables, so the cost follows the lines and
// not the size of the ledger. Sure matches go first across all batches, so a weaker guess never takes an invoice a sure
// match needs; then the rest are applied above the org's threshold or queued below it. Returns undo their match.
import type { Db } from '../db/index.ts';
import { proposeMatch } from './match/matcher.ts';
import type { MatchSettings, Proposal } from './match/types.ts';
import { candidateIndex } from './candidates.ts';
import { syncMatchTables } from './match-tables.ts';
import { proposalHistory, settleLine, type SettleContext } from './settle.ts';
import { isPendingCredit, isPendingReturn, loadLines, toMatchLine, type LineRow } from './lines.ts';
import { undoReturned } from './returns.ts';
import { getSettings, toMatchSettings } from './settings.ts';

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
}

export interface ReconcileOptions {
  actor: string;
  now: () => Date;
  /** Lines looked up and matched together (default 2,000). */
  batchSize?: number;
}

/** In the first pass only proposals at least this sure (or the org's threshold, if higher) are applied. */
export const SURE = 0.95;
const BATCH = 2_000;
/** Lines settled in one transaction. */
const GROUP = 100;

export const emptySummary = (): ReconcileSummary => ({ matched: 0, review: 0, unmatched: 0, reversed: 0, not_receivable: 0, duplicate: 0 });

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let at = 0; at < items.length; at += size) yield items.slice(at, at + size);
}

/**
 * Matches one batch of pending credits. With `minApply`, lines whose proposal is less sure are left for later and
 * returned; without it every line is settled.
 */
async function matchBatch(
  db: Db, orgId: string, lines: LineRow[], settings: MatchSettings, opts: ReconcileOptions, summary: ReconcileSummary, minApply: number | null,
): Promise<string[]> {
  if (!lines.length) return [];
  const index = await candidateIndex(db, orgId, lines.map(toMatchLine));
  const history = await proposalHistory(db, orgId, lines.map((l) => l.id));
  const first = lines.map((line) => ({ line, p: proposeMatch(toMatchLine(line), index, settings) }))
    .sort((a, b) => (b.p?.confidence ?? -1) - (a.p?.confidence ?? -1));
  const later: string[] = [];
  let applied = 0;
  for (let at = 0; at < first.length; at += GROUP) {
    // one transaction per group of lines (a commit per line would cost more than the line), a savepoint per line
    await db.transaction(async (q) => {
      const ctx: SettleContext = { q, orgId, actor: opts.actor, now: opts.now, settings, index };
      for (const { line, p: before } of first.slice(at, at + GROUP)) {
        // what an earlier line of the batch took is no longer there: propose again once anything was applied
        const p: Proposal | null = applied ? proposeMatch(toMatchLine(line), index, settings) : before;
        if (minApply !== null && (!p || p.confidence < minApply)) { later.push(line.id); continue; }
        const outcome = await settleLine(ctx, line, p, history.get(line.id));
        if (outcome === 'matched') applied += 1;
        summary[outcome] += 1;
      }
    });
  }
  return later;
}

/** Matches the given lines that are still pending (unmatched, or in review when run again). */
export async function reconcileLines(db: Db, orgId: string, lineIds: string[], opts: ReconcileOptions): Promise<ReconcileSummary> {
  const summary = emptySummary();
  if (!lineIds.length) return summary;
  await syncMatchTables(db, orgId);
  const settings = toMatchSettings(await getSettings(db, orgId));
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
    later.push(...await matchBatch(db, orgId, rows.filter(isPendingCredit), settings, opts, summary, Math.max(SURE, settings.autoApplyThreshold)));
  }
  for (const ids of chunks(later, size)) {
    await matchBatch(db, orgId, (await loadLines(db, orgId, ids)).filter(isPendingCredit), settings, opts, summary, null);
  }
  for (const line of returns) summary[(await undoReturned(db, orgId, line, opts)) ? 'reversed' : 'unmatched'] += 1;
  return summary;
}
