// Verifying an org's audit log lane by lane: in each lane, places without gaps, each entry's hash recomputed, each linked
// to the one before (the first to its lane's start), the last to the lane's head; and no lane missing below another.
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/index.ts';
import { ENTRY_HASH, laneGenesis } from './index.ts';

export type AuditVerdict =
  /** lanes: how many hold entries (an org's lanes are made at its first entry, empty) */
  | { ok: true; entries: number; lanes: number; head: string | null }
  | { ok: false; entries: number; lane: number; seq: number; id: string | null; reason: string };

/** One lane's verdict: the entries it holds, or the first bad one. */
type LaneVerdict = { ok: true; entries: number } | { ok: false; entries: number; seq: number; id: string | null; reason: string };

/**
 * Walks each lane in pages; names the first entry that was edited, deleted or put out of order. `head` is the head hash
 * of the one lane holding entries (lane 0 for a log written before lanes: its head as before), else a hash of the heads
 * of every lane holding entries.
 */
export async function verifyAudit(q: Queryable, orgId: string, pageSize = 10_000): Promise<AuditVerdict> {
  const heads = new Map((await q.query<{ lane: number; seq: string; hash: string }>('SELECT lane, seq, hash FROM audit_heads WHERE org_id = $1', [orgId]))
    .map((h) => [Number(h.lane), { seq: Number(h.seq), hash: h.hash }]));
  // the lanes entries are in, one index probe each
  const logged = await q.query<{ lane: number }>(
    `WITH RECURSIVE l AS (
       SELECT min(lane) AS lane FROM audit_log WHERE org_id = $1
       UNION ALL
       SELECT (SELECT min(lane) FROM audit_log WHERE org_id = $1 AND lane > l.lane) FROM l WHERE l.lane IS NOT NULL
     ) SELECT lane FROM l WHERE lane IS NOT NULL`, [orgId]);
  const lanes = [...new Set([...heads.keys(), ...logged.map((l) => Number(l.lane))])].sort((a, b) => a - b);
  let entries = 0;
  const used: number[] = [];
  for (const [i, lane] of lanes.entries()) {
    if (lane !== i) {
      return { ok: false, entries, lane: i, seq: 1, id: null, reason: `lane ${i} is missing while lane ${lane} exists: its entries and head were deleted` };
    }
    const v = await verifyLane(q, orgId, lane, heads.get(lane), pageSize);
    if (!v.ok) return { ok: false, entries: entries + v.entries, lane, seq: v.seq, id: v.id, reason: v.reason };
    entries += v.entries;
    if (v.entries > 0) used.push(lane);
  }
  const head = used.length === 0 ? null : used.length === 1 ? heads.get(used[0]!)!.hash
    : createHash('sha256').update(used.map((l) => `${l}:${heads.get(l)!.hash}`).join('\n')).digest('hex');
  return { ok: true, entries, lanes: used.length, head };
}

async function verifyLane(q: Queryable, orgId: string, lane: number, head: { seq: number; hash: string } | undefined, pageSize: number): Promise<LaneVerdict> {
  // lane 0 is named as entries were before there were lanes
  const entry = (seq: number) => (lane === 0 ? `entry ${seq}` : `entry ${seq} of lane ${lane}`);
  let expectedSeq = 1;
  let prevHash = laneGenesis(lane);
  for (;;) {
    const rows = await q.query<{ id: string; seq: string; prev_hash: string; hash: string; computed: string }>(
      `SELECT id, seq, prev_hash, hash, ${ENTRY_HASH('prev_hash', 'seq', 'id', 'at', 'actor', 'action', 'entity', 'entity_id', 'data')} AS computed
       FROM audit_log WHERE org_id = $1 AND lane = $2 AND seq >= $3 ORDER BY seq LIMIT $4`, [orgId, lane, expectedSeq, pageSize]);
    for (const r of rows) {
      const seq = Number(r.seq);
      const fail = (reason: string): LaneVerdict => ({ ok: false, entries: expectedSeq - 1, seq, id: r.id, reason });
      if (seq !== expectedSeq) return { ok: false, entries: expectedSeq - 1, seq: expectedSeq, id: null, reason: `${entry(expectedSeq)} is missing` };
      if (r.prev_hash !== prevHash) return fail(`${entry(seq)} (${r.id}) does not follow the entry before it`);
      if (r.computed !== r.hash) return fail(`${entry(seq)} (${r.id}) was changed after it was written`);
      prevHash = r.hash;
      expectedSeq++;
    }
    if (rows.length < pageSize) break;
  }
  const entries = expectedSeq - 1;
  if (!head) return { ok: false, entries, seq: entries, id: null, reason: `lane ${lane} has ${entries} entries but no head: its head was deleted` };
  if (head.seq !== entries) {
    return { ok: false, entries, seq: entries + 1, id: null,
      reason: `${lane === 0 ? 'the chain' : `lane ${lane}`} ends at entry ${entries} but its head says ${head.seq}: entries were deleted` };
  }
  if (head.hash !== prevHash) return { ok: false, entries, seq: entries, id: null, reason: `the last entry ${lane === 0 ? '' : `of lane ${lane} `}does not match ${lane === 0 ? 'the chain' : 'its'} head` };
  return { ok: true, entries };
}
