// The files debtors sent with replies (inbound_attachments) in the re-encryption job: a kept file sealed as base64 under
// the active data key, bound to its row, when encryption is on; opened back to bytes when it is turned off. A file
// weighs as many rows of a batch as FILE_WEIGHT, so a batch moves a few megabytes rather than hundreds of files.
import type { Queryable } from '../../db/index.ts';
import { isSealed, sealedUnder } from './envelope.ts';
import type { Sealer } from './customer-fields.ts';
import { openCopy } from './copies.ts';
import type { CopyBatch } from './copies-job.ts';

/** The field a file's bytes are sealed as (with the row's id). */
export const ATTACHMENT_FIELD = 'inbound_attachments.data';
const FILE_WEIGHT = 25;

export async function attachmentFilesBatch(q: Queryable, orgId: string, s: Sealer | null, after: string, limit: number): Promise<CopyBatch> {
  const rows = await q.query<{ id: string; data: Uint8Array | null; data_sealed: string | null }>(
    `SELECT id, data, data_sealed FROM inbound_attachments WHERE org_id = $1 AND id > $2 AND status = 'stored' ORDER BY id LIMIT $3 FOR UPDATE`,
    [orgId, after, Math.max(1, Math.ceil(limit / FILE_WEIGHT))]);
  let changed = 0;
  for (const r of rows) {
    if (s ? sealedUnder(r.data_sealed, s.version, true) : r.data !== null) continue;
    const base64 = isSealed(r.data_sealed) ? (await openCopy(q, orgId, ATTACHMENT_FIELD, r.id, r.data_sealed))! : Buffer.from(r.data ?? new Uint8Array()).toString('base64');
    await q.query('UPDATE inbound_attachments SET data = $3, data_sealed = $4 WHERE org_id = $1 AND id = $2',
      [orgId, r.id, s ? null : Buffer.from(base64, 'base64'), s ? s.sealRow(ATTACHMENT_FIELD, r.id, base64) : null]);
    changed++;
  }
  return { seen: Math.min(limit, rows.length * FILE_WEIGHT), changed, last: rows[rows.length - 1]?.id ?? null };
}
