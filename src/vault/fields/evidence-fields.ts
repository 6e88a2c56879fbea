// A gateway dispute's evidence under field encryption (migration 144): the staff's text sealed as JSON bound to its row
// (provider:dispute_id), the files' bytes sealed as base64 bound to the file's id, as the files debtors send are
// (attachment-files.ts), the copy of what cobro filled in kept at an erasure (145) and the gateway's answer (150) bound to
// the row like the text.
// The store seals on write and opens on read; the keys job's two steps seal what was kept in the
// clear, re-seal under a new key, or open back when encryption is turned off; a file weighs 25 rows of a batch.
import type { Queryable } from '../../db/index.ts';
import { isSealed, sealedUnder } from './envelope.ts';
import { sealerFor, type Sealer } from './customer-fields.ts';
import { openCopy } from './copies.ts';
import type { CopyBatch } from './copies-job.ts';

export const EVIDENCE_TEXT_FIELD = 'gateway_dispute_evidence.fields';
export const EVIDENCE_FILE_FIELD = 'gateway_dispute_evidence_files.data';
export const EVIDENCE_SNAPSHOT_FIELD = 'gateway_dispute_evidence.auto_snapshot';
export const EVIDENCE_REPLY_FIELD = 'gateway_dispute_evidence.gateway_reply';
const FILE_WEIGHT = 25;

const rowKey = (provider: string, disputeId: string): string => `${provider}:${disputeId}`;

/** The text as stored: sealed (fields '{}') when the org has field encryption on, in the clear otherwise. */
export async function storedEvidenceText(q: Queryable, orgId: string, provider: string, disputeId: string, fields: object):
  Promise<{ fields: string; fields_sealed: string | null }> {
  const s = await sealerFor(q, orgId);
  return s ? { fields: '{}', fields_sealed: s.sealRow(EVIDENCE_TEXT_FIELD, rowKey(provider, disputeId), JSON.stringify(fields)) }
    : { fields: JSON.stringify(fields), fields_sealed: null };
}

/** The text of a stored row, opened when sealed. */
export async function openEvidenceText<T>(q: Queryable, orgId: string, r: { provider: string; dispute_id: string; fields: T; fields_sealed?: string | null }): Promise<T> {
  if (!isSealed(r.fields_sealed)) return r.fields;
  return JSON.parse((await openCopy(q, orgId, EVIDENCE_TEXT_FIELD, rowKey(r.provider, r.dispute_id), r.fields_sealed!))!) as T;
}

/** What cobro filled in, kept at an erasure (migration 145): sealed bound to the row when the org has field encryption on. */
export async function storedEvidenceSnapshot(q: Queryable, orgId: string, provider: string, disputeId: string, snapshot: object):
  Promise<{ auto_snapshot: string | null; auto_snapshot_sealed: string | null }> {
  const s = await sealerFor(q, orgId);
  const text = JSON.stringify(snapshot);
  return s ? { auto_snapshot: null, auto_snapshot_sealed: s.sealRow(EVIDENCE_SNAPSHOT_FIELD, rowKey(provider, disputeId), text) }
    : { auto_snapshot: text, auto_snapshot_sealed: null };
}

/** The kept copy of what cobro filled in, opened when sealed; null when none is kept. */
export async function openEvidenceSnapshot<T>(q: Queryable, orgId: string,
  r: { provider: string; dispute_id: string; auto_snapshot: T | null; auto_snapshot_sealed: string | null }): Promise<T | null> {
  if (!isSealed(r.auto_snapshot_sealed)) return r.auto_snapshot;
  return JSON.parse((await openCopy(q, orgId, EVIDENCE_SNAPSHOT_FIELD, rowKey(r.provider, r.dispute_id), r.auto_snapshot_sealed))!) as T;
}

/** The gateway's answer (migration 150): sealed bound to the row when the org has field encryption on. */
export async function storedEvidenceReply(q: Queryable, orgId: string, provider: string, disputeId: string, reply: object):
  Promise<{ gateway_reply: string | null; gateway_reply_sealed: string | null }> {
  const s = await sealerFor(q, orgId);
  const text = JSON.stringify(reply);
  return s ? { gateway_reply: null, gateway_reply_sealed: s.sealRow(EVIDENCE_REPLY_FIELD, rowKey(provider, disputeId), text) }
    : { gateway_reply: text, gateway_reply_sealed: null };
}

/** The gateway's last answer, opened when sealed; null when none is kept. */
export async function openEvidenceReply<T>(q: Queryable, orgId: string,
  r: { provider: string; dispute_id: string; gateway_reply: T | null; gateway_reply_sealed?: string | null }): Promise<T | null> {
  if (!isSealed(r.gateway_reply_sealed)) return r.gateway_reply;
  return JSON.parse((await openCopy(q, orgId, EVIDENCE_REPLY_FIELD, rowKey(r.provider, r.dispute_id), r.gateway_reply_sealed!))!) as T;
}

/** A file's bytes as stored. */
export async function storedEvidenceFile(q: Queryable, orgId: string, id: string, data: Buffer): Promise<{ data: Buffer | null; data_sealed: string | null }> {
  const s = await sealerFor(q, orgId);
  return s ? { data: null, data_sealed: s.sealRow(EVIDENCE_FILE_FIELD, id, data.toString('base64')) } : { data, data_sealed: null };
}

/** A stored file's bytes, opened when sealed. */
export async function openEvidenceFile(q: Queryable, orgId: string, id: string, data: Uint8Array | null, sealed: string | null): Promise<Buffer> {
  return isSealed(sealed) ? Buffer.from((await openCopy(q, orgId, EVIDENCE_FILE_FIELD, id, sealed))!, 'base64') : Buffer.from(data ?? new Uint8Array());
}

/** The job's step over the evidence's text, the copy of what cobro filled in kept at an erasure and the gateway's answer, walked by provider:dispute_id. */
export async function evidenceTextBatch(q: Queryable, orgId: string, s: Sealer | null, after: string, limit: number): Promise<CopyBatch> {
  const rows = await q.query<{ k: string; provider: string; dispute_id: string; fields: object; fields_sealed: string | null;
    auto_snapshot: object | null; auto_snapshot_sealed: string | null; gateway_reply: object | null; gateway_reply_sealed: string | null }>(
    `SELECT provider || ':' || dispute_id AS k, provider, dispute_id, fields, fields_sealed, auto_snapshot, auto_snapshot_sealed, gateway_reply, gateway_reply_sealed
     FROM gateway_dispute_evidence WHERE org_id = $1 AND provider || ':' || dispute_id > $2 ORDER BY 1 LIMIT $3 FOR UPDATE`, [orgId, after, limit]);
  const done = (sealed: string | null) => (s ? sealedUnder(sealed, s.version, true) : sealed === null);
  let changed = 0;
  for (const r of rows) {
    const where = 'WHERE org_id = $1 AND provider = $2 AND dispute_id = $3';
    const empty = r.fields_sealed === null && Object.keys(r.fields).length === 0;
    // each JSON column beside its sealed one: [clear, sealed, field, opened, clear value when empty]
    const parts = [
      ['fields', 'fields_sealed', EVIDENCE_TEXT_FIELD, !empty && !done(r.fields_sealed), async () => openEvidenceText(q, orgId, r), "'{}'"],
      ['auto_snapshot', 'auto_snapshot_sealed', EVIDENCE_SNAPSHOT_FIELD, (r.auto_snapshot !== null || r.auto_snapshot_sealed !== null) && !done(r.auto_snapshot_sealed),
        async () => openEvidenceSnapshot(q, orgId, r), 'NULL'],
      ['gateway_reply', 'gateway_reply_sealed', EVIDENCE_REPLY_FIELD, (r.gateway_reply !== null || r.gateway_reply_sealed !== null) && !done(r.gateway_reply_sealed),
        async () => openEvidenceReply(q, orgId, r), 'NULL'],
    ] as const;
    let any = false;
    for (const [clear, sealed, field, due, open, empty] of parts) {
      if (!due) continue;
      const t = JSON.stringify(await open());
      await q.query(`UPDATE gateway_dispute_evidence SET ${clear} = COALESCE($4::jsonb, ${empty}::jsonb), ${sealed} = $5 ${where}`,
        [orgId, r.provider, r.dispute_id, s ? null : t, s ? s.sealRow(field, r.k, t) : null]);
      any = true;
    }
    if (any) changed++;
  }
  return { seen: rows.length, changed, last: rows[rows.length - 1]?.k ?? null };
}

/** The job's step over the evidence's files, walked by id. */
export async function evidenceFilesBatch(q: Queryable, orgId: string, s: Sealer | null, after: string, limit: number): Promise<CopyBatch> {
  const rows = await q.query<{ id: string; data: Uint8Array | null; data_sealed: string | null }>(
    `SELECT id, data, data_sealed FROM gateway_dispute_evidence_files WHERE org_id = $1 AND id > $2 ORDER BY id LIMIT $3 FOR UPDATE`,
    [orgId, after, Math.max(1, Math.ceil(limit / FILE_WEIGHT))]);
  let changed = 0;
  for (const r of rows) {
    if (s ? sealedUnder(r.data_sealed, s.version, true) : r.data !== null) continue;
    const bytes = await openEvidenceFile(q, orgId, r.id, r.data, r.data_sealed);
    await q.query('UPDATE gateway_dispute_evidence_files SET data = $3, data_sealed = $4 WHERE org_id = $1 AND id = $2',
      [orgId, r.id, s ? null : bytes, s ? s.sealRow(EVIDENCE_FILE_FIELD, r.id, bytes.toString('base64')) : null]);
    changed++;
  }
  return { seen: Math.min(limit, rows.length * FILE_WEIGHT), changed, last: rows[rows.length - 1]?.id ?? null };
}
