// What matching would do with some lines, booking and queueing nothing: each pending credit's proposal and whether it would
// be applied (the surest first within a batch, as reconciling does).
import type { Db } from '../db/index.ts';
import { IndexChanges, proposeAndRead, type Reads } from './match/reads.ts';
import { proposeMatch } from './match/matcher.ts';
import type { Proposal } from './match/types.ts';
import { candidateIndex, LOOKUP_LIMITS, readPayersOf, takeFirstReads } from './candidates.ts';
import { proposalHistory, signature } from './settle.ts';
import { startMatching } from './match-start.ts';
import { isPendingCredit, loadMatchLines, toMatchLine } from './lines.ts';
import { getSettings, toMatchSettings } from './settings.ts';

export interface PreviewLine { line_id: string; proposal: Proposal | null; would_apply: boolean }

/** Calls `each` with every pending credit among the lines, batch by batch; returns how many there were. */
export async function previewMatches(
  db: Db, orgId: string, lineIds: string[], each: (p: PreviewLine) => void, opts: { batchSize?: number } = {},
): Promise<number> {
  const size = opts.batchSize ?? 2_000;
  let n = 0;
  // a batch's lines and their earlier proposals read side by side, and the next batch's while this one is matched (a
  // preview writes nothing, so what it reads does not depend on the batch before); candidates come from the in-memory copy
  const read = (at: number) => {
    const ids = lineIds.slice(at, at + size);
    const both = Promise.all([loadMatchLines(db, orgId, ids), proposalHistory(db, orgId, ids)]);
    // awaited in its turn; a batch failing before then must not leave this one's failure unhandled
    both.catch(() => {});
    return both;
  };
  // the first batch's reads and the settings go out with the look at what moved, the lookup tables' sync and the copy's
  // catch-up, which change neither: the run's first round trips overlap instead of following each other
  let next = lineIds.length ? read(0) : null;
  const settingsRead = getSettings(db, orgId).then(toMatchSettings);
  settingsRead.catch(() => {});
  const [settings, { snap }] = await Promise.all([settingsRead, startMatching(db, orgId)]);
  for (let at = 0; at < lineIds.length; at += size) {
    const [loaded, history] = await next!;
    next = at + size < lineIds.length ? read(at + size) : null;
    const lines = loaded.filter(isPendingCredit);
    const matchLines = new Map(lines.map((l) => [l, toMatchLine(l)]));
    const index = await candidateIndex(db, orgId, [...matchLines.values()], LOOKUP_LIMITS, snap);
    // what a person rejected for a line is not proposed again
    const unlessRejected = (line: (typeof lines)[number], p: Proposal | null) =>
      (p && history.get(line.id)?.rejected.has(signature(p)) ? null : p);
    const propose = (line: (typeof lines)[number]) => unlessRejected(line, proposeMatch(matchLines.get(line)!, index, settings));
    // filled by a loop, not `map` (a list of one kind for the sort, see `opened` in candidates.ts)
    const ranked: { line: (typeof lines)[number]; p: Proposal | null; reads: Reads }[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const ml = matchLines.get(line)!;
      const { p, reads } = proposeAndRead(ml, index, settings, takeFirstReads(index, ml));
      ranked.push({ line, p: unlessRejected(line, p), reads });
    }
    ranked.sort((a, b) => (b.p?.confidence ?? -1) - (a.p?.confidence ?? -1));
    const changes = new IndexChanges(index);
    for (let i = 0; i < ranked.length; i++) {
      const { line, p: first, reads } = ranked[i]!;
      // proposed again only when a line applied before took something this one looked at
      let p: Proposal | null = first;
      if (changes.touches(reads)) {
        changes.added(await readPayersOf(db, orgId, index, matchLines.get(line)!));
        p = propose(line);
      }
      const apply = p !== null && p.confidence >= settings.autoApplyThreshold;
      if (apply && p) for (const a of p.allocations) changes.consume(a.invoiceId, a.amount + a.fee, p.currency);
      each({ line_id: line.id, proposal: p, would_apply: apply });
      n += 1;
    }
  }
  return n;
}
