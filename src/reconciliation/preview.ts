// What matching would do with some lines, booking and queueing nothing: each pending credit's proposal and whether it would
// be applied (the surest first within a batch, as reconciling does). Nothing is written, so no batch depends on another:
// on PostgreSQL they are matched side by side by the main thread and the match pool's threads (match-pool.ts).
import type { Db } from '../db/index.ts';
import { matchSnapshot } from './snapshot.ts';
import { proposalHistory } from './settle.ts';
import { syncMatchTables } from './match-tables.ts';
import { isPendingCredit, loadMatchLines, type MatchLineRow } from './lines.ts';
import { getSettings, toMatchSettings } from './settings.ts';
import { previewBatch, type PreviewLine } from './preview-batch.ts';
import { matchThreads, openRun, type Helper } from './match-pool.ts';

export type { PreviewLine } from './preview-batch.ts';

export interface PreviewOptions {
  /** Lines looked up and matched together (default 2,000). */
  batchSize?: number;
  /**
   * Threads matching batches, this one included (default: COBRO_MATCH_THREADS on PostgreSQL; 1 on PGlite, whose
   * statements run in this thread anyway).
   */
  threads?: number;
}

interface ReadBatch { lines: MatchLineRow[]; rejected: Map<string, Set<string>> }

/** Calls `each` with every pending credit among the lines, batch by batch in order; returns how many there were. */
export async function previewMatches(
  db: Db, orgId: string, lineIds: string[], each: (p: PreviewLine) => void, opts: PreviewOptions = {},
): Promise<number> {
  await syncMatchTables(db, orgId);
  const size = opts.batchSize ?? 2_000;
  const count = Math.ceil(lineIds.length / size);
  const threads = opts.threads ?? (db.kind === 'postgres' ? matchThreads() : 1);
  // the pool's threads catch their copies up while this one does
  const run = count > 1 && threads > 1 ? openRun(db, orgId, threads) : null;
  try {
    return await matchBatches(db, orgId, lineIds, each, size, run?.helpers ?? []);
  } finally {
    run?.end();
  }
}

async function matchBatches(
  db: Db, orgId: string, lineIds: string[], each: (p: PreviewLine) => void, size: number, pool: Helper[],
): Promise<number> {
  const [settings, snap] = await Promise.all([getSettings(db, orgId).then(toMatchSettings), matchSnapshot(db, orgId)]);
  const count = Math.ceil(lineIds.length / size);
  // a batch's lines and their earlier proposals read side by side, the next batch's while this one is matched
  const reads = new Map<number, Promise<ReadBatch>>();
  const read = (b: number): Promise<ReadBatch> | null => {
    if (b >= count) return null;
    let r = reads.get(b);
    if (!r) {
      const ids = lineIds.slice(b * size, (b + 1) * size);
      r = Promise.all([loadMatchLines(db, orgId, ids), proposalHistory(db, orgId, ids)])
        .then(([loaded, history]) => ({ lines: loaded.filter(isPendingCredit),
          rejected: new Map([...history].flatMap(([id, h]) => (h.rejected.size ? [[id, h.rejected]] : []))) }));
      // awaited in its turn; a batch failing before then must not leave this one's failure unhandled
      r.catch(() => {});
      reads.set(b, r);
    }
    return r;
  };
  const results: (PreviewLine[] | undefined)[] = [];
  let next = 0;
  let emitted = 0;
  let n = 0;
  let failed = false;
  const claim = (): number | null => {
    if (failed || next >= count) return null;
    read(next + 1);
    return next++;
  };
  const finish = (b: number, out: PreviewLine[]) => {
    if (failed) return;
    results[b] = out;
    for (let done = results[emitted]; done; done = results[emitted]) {
      for (const p of done) each(p);
      n += done.length;
      results[emitted++] = undefined;
    }
  };
  const here = async (b: number) => {
    const { lines, rejected } = await read(b)!;
    finish(b, await previewBatch(db, orgId, lines, rejected, settings, snap));
  };
  // the pool matches from the same copy as this thread: without one (an org over its limit) this thread does it alone
  const helpers = snap ? pool : [];
  // on PGlite the threads' statements run in this thread, between its batches: it lets them catch up first
  if (db.kind !== 'postgres') await Promise.all(helpers.map((h) => h.prepared));
  let mainDone: () => void = () => {};
  const allClaimed = new Promise<false>((r) => { mainDone = () => r(false); });
  const helped = async (h: Helper) => {
    // a thread still reading its copy when this one has taken the last batch is not waited for
    if (!(await Promise.race([h.prepared, allClaimed]))) return;
    for (let b = claim(); b !== null; b = claim()) {
      const { lines, rejected } = await read(b)!;
      const out = await h.preview({ orgId, settings, lines, rejected: [...rejected].map(([id, s]) => [id, [...s]]) }).catch(() => null);
      // a thread that failed leaves its batch to this one, and takes no further batch
      if (!out) { await here(b); return; }
      finish(b, out);
    }
  };
  try {
    await Promise.all([
      (async () => { try { for (let b = claim(); b !== null; b = claim()) await here(b); } finally { mainDone(); } })(),
      ...helpers.map(helped),
    ]);
  } catch (e) {
    // no thread takes another batch, nor reports one, once the preview failed
    failed = true;
    throw e;
  }
  return n;
}
