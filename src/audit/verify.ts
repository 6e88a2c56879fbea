// Verifying an org's audit chain: places without gaps, each entry's hash recomputed, each linked to the one before.
import type { Queryable } from '../db/index.ts';
import { ENTRY_HASH } from './index.ts';

export type AuditVerdict =
  | { ok: true; entries: number; head: string | null }
  | { ok: false; entries: number; seq: number; id: string | null; reason: string };

/** Walks the chain in pages; names the first entry that was edited, deleted or put out of order. */
export async function verifyAudit(q: Queryable, orgId: string, pageSize = 10_000): Promise<AuditVerdict> {
  const [head] = await q.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_heads WHERE org_id = $1', [orgId]);
  let expectedSeq = 1;
  let prevHash = '';
  for (;;) {
    const rows = await q.query<{ id: string; seq: number; prev_hash: string; hash: string; computed: string }>(
      `SELECT id, seq, prev_hash, hash, ${ENTRY_HASH('prev_hash', 'seq', 'id', 'at', 'actor', 'action', 'entity', 'entity_id', 'data')} AS computed
       FROM audit_log WHERE org_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3`, [orgId, expectedSeq, pageSize]);
    for (const r of rows) {
      const fail = (reason: string): AuditVerdict => ({ ok: false, entries: expectedSeq - 1, seq: r.seq, id: r.id, reason });
      if (r.seq !== expectedSeq) return { ok: false, entries: expectedSeq - 1, seq: expectedSeq, id: null, reason: `entry ${expectedSeq} is missing` };
      if (r.prev_hash !== prevHash) return fail(`entry ${r.seq} (${r.id}) does not follow the entry before it`);
      if (r.computed !== r.hash) return fail(`entry ${r.seq} (${r.id}) was changed after it was written`);
      prevHash = r.hash;
      expectedSeq++;
    }
    if (rows.length < pageSize) break;
  }
  const entries = expectedSeq - 1;
  if ((head?.seq ?? 0) !== entries) {
    return { ok: false, entries, seq: entries + 1, id: null, reason: `the chain ends at entry ${entries} but its head says ${head?.seq ?? 0}: entries were deleted` };
  }
  if (head && head.hash !== prevHash) return { ok: false, entries, seq: entries, id: null, reason: 'the last entry does not match the chain head' };
  return { ok: true, entries, head: head?.hash ?? null };
}
