// What matching would do with one batch of pending credits, booking nothing: each line's proposal and whether it would be
// applied, the surest first, each seeing what the lines before it would take. A pure function of the lines, the org's
// in-memory copy (or SQL lookups) and settings: the main thread and the match pool's threads (match-pool.ts) run the same.
import type { Queryable } from '../db/index.ts';
import { IndexChanges, proposeAndRead } from './match/reads.ts';
import { proposeMatch } from './match/matcher.ts';
import type { MatchSettings, Proposal } from './match/types.ts';
import { candidateIndex, LOOKUP_LIMITS, readPayersOf, takeFirstReads } from './candidates.ts';
import type { MatchSnapshot } from './snapshot.ts';
import { signature } from './settle.ts';
import { toMatchLine, type MatchLineRow } from './lines.ts';

export interface PreviewLine { line_id: string; proposal: Proposal | null; would_apply: boolean }

/** Line id -> signatures of the proposals a person rejected for it (never proposed again). */
export type Rejected = ReadonlyMap<string, ReadonlySet<string>>;

/** The batch's pending credits previewed, in the order decided (the surest first). */
export async function previewBatch(
  q: Queryable, orgId: string, lines: MatchLineRow[], rejected: Rejected, settings: MatchSettings, snap: MatchSnapshot | null,
): Promise<PreviewLine[]> {
  const matchLines = new Map(lines.map((l) => [l, toMatchLine(l)]));
  const index = await candidateIndex(q, orgId, [...matchLines.values()], LOOKUP_LIMITS, snap);
  const unlessRejected = (line: MatchLineRow, p: Proposal | null) => (p && rejected.get(line.id)?.has(signature(p)) ? null : p);
  const propose = (line: MatchLineRow) => unlessRejected(line, proposeMatch(matchLines.get(line)!, index, settings));
  const ranked = lines.map((line) => {
    const ml = matchLines.get(line)!;
    const { p, reads } = proposeAndRead(ml, index, settings, takeFirstReads(index, ml));
    return { line, p: unlessRejected(line, p), reads };
  })
    .sort((a, b) => (b.p?.confidence ?? -1) - (a.p?.confidence ?? -1));
  const changes = new IndexChanges(index);
  const out: PreviewLine[] = [];
  for (const { line, p: first, reads } of ranked) {
    // proposed again only when a line applied before took something this one looked at
    let p: Proposal | null = first;
    if (changes.touches(reads)) {
      changes.added(await readPayersOf(q, orgId, index, matchLines.get(line)!));
      p = propose(line);
    }
    const apply = p !== null && p.confidence >= settings.autoApplyThreshold;
    if (apply && p) for (const a of p.allocations) changes.consume(a.invoiceId, a.amount + a.fee, p.currency);
    out.push({ line_id: line.id, proposal: p, would_apply: apply });
  }
  return out;
}
