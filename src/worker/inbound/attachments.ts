// The files a reply carries (WhatsApp images and documents, MMS): written pending with the reply, one row per provider
// media id (a webhook delivered twice keeps one), for the worker to fetch (attachment-fetch.ts); an email's files, kept
// when it came (email-files.ts), tied to the reply when it is applied. Read back for the API, opened when kept sealed.
import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/index.ts';
import { newId } from '../../domain/ids.ts';
import type { MediaRef } from '../../channels/index.ts';
import { isSealed, openCopy, sealerFor } from '../../vault/index.ts';

// the field name sealed bytes are bound to (with the row's id), as the field encryption job knows it
export { ATTACHMENT_FIELD } from '../../vault/fields/attachment-files.ts';
import { ATTACHMENT_FIELD } from '../../vault/fields/attachment-files.ts';

/** How a kept file's bytes are written: in the clear, or sealed bound to its row when the org has field encryption on. */
export async function keptBytes(q: Queryable, orgId: string, id: string, data: Buffer)
  : Promise<{ size: number; sha256: string; data: Buffer | null; data_sealed: string | null }> {
  const sealer = await sealerFor(q, orgId);
  const sealed = sealer ? sealer.sealRow(ATTACHMENT_FIELD, id, data.toString('base64')) : null;
  return { size: data.length, sha256: createHash('sha256').update(data).digest('hex'), data: sealed ? null : data, data_sealed: sealed };
}

/** Records the reply's files: WhatsApp's and Twilio's to be fetched, an email's (already kept) tied to it; returns how many. */
export async function recordMedia(q: Queryable, orgId: string, provider: string, inboundId: string, customerId: string | null,
  media: readonly MediaRef[] | undefined, receivedAt: Date, now: Date): Promise<number> {
  if (!media?.length) return 0;
  // fetched later: WhatsApp's and Twilio's files, and those a Mailgun store() notification names by URL; the rest came
  // inside the mail and were kept with it (email-files.ts): tied to the reply here
  const later = provider === 'meta' || provider === 'twilio' ? media : provider === 'mailgun' ? media.filter((m) => m.url) : [];
  let tied = 0;
  if (later.length < media.length) {
    tied = (await q.query(`UPDATE inbound_attachments SET inbound_id = $3, customer_id = $4, received_at = $5
      WHERE org_id = $1 AND provider = $2 AND provider_media_id = ANY($6::text[]) AND inbound_id IS NULL RETURNING id`,
    [orgId, provider, inboundId, customerId, receivedAt, media.filter((m) => !later.includes(m)).map((m) => m.id)])).length;
  }
  if (later.length === 0) return tied;
  const rows = later.slice(0, 10).map((m) => ({ id: newId('inboundAttachment', now.getTime()), media_id: m.id.slice(0, 200), url: m.url?.slice(0, 2000) ?? null,
    declared: m.contentType?.slice(0, 200) ?? null, filename: m.filename?.slice(0, 200) ?? null }));
  const inserted = await q.query(
    `INSERT INTO inbound_attachments (id, org_id, inbound_id, customer_id, provider, provider_media_id, media_url, declared_type, filename, status,
       next_attempt_at, received_at, created_at)
     SELECT x.id, $1, $2, $3, $4, x.media_id, x.url, x.declared, x.filename, 'pending', $6, $5, $6
     FROM jsonb_to_recordset($7::jsonb) AS x(id text, media_id text, url text, declared text, filename text)
     ON CONFLICT (org_id, provider, provider_media_id) DO NOTHING RETURNING id`,
    [orgId, inboundId, customerId, provider, receivedAt, now, JSON.stringify(rows)]);
  return tied + inserted.length;
}

export interface AttachmentRow {
  id: string; inbound_id: string; customer_id: string | null; provider: string; status: 'pending' | 'stored' | 'refused' | 'failed';
  content_type: string | null; declared_type: string | null; filename: string | null; size: number | null; sha256: string | null;
  attempts: number; error: string | null; claim_id: string | null; received_at: string; fetched_at: string | null;
}

const COLUMNS = `id, inbound_id, customer_id, provider, status, content_type, declared_type, filename, size, sha256, attempts, error, claim_id,
  received_at, fetched_at`;

/** The files of one reply, in the order sent; undefined when the org has no such reply. */
export async function replyAttachments(q: Queryable, orgId: string, inboundId: string): Promise<AttachmentRow[] | undefined> {
  const [reply] = await q.query('SELECT 1 FROM inbound_messages WHERE org_id = $1 AND id = $2', [orgId, inboundId]);
  if (!reply) return undefined;
  return q.query<AttachmentRow>(`SELECT ${COLUMNS} FROM inbound_attachments WHERE org_id = $1 AND inbound_id = $2 ORDER BY created_at, id`, [orgId, inboundId]);
}

/** The files of several replies (a case's conversation), by reply. */
export async function attachmentsOfReplies(q: Queryable, orgId: string, inboundIds: readonly string[]): Promise<Map<string, AttachmentRow[]>> {
  const out = new Map<string, AttachmentRow[]>();
  if (inboundIds.length === 0) return out;
  for (const r of await q.query<AttachmentRow>(`SELECT ${COLUMNS} FROM inbound_attachments WHERE org_id = $1 AND inbound_id = ANY($2::text[]) ORDER BY created_at, id`,
    [orgId, inboundIds])) out.set(r.inbound_id, [...(out.get(r.inbound_id) ?? []), r]);
  return out;
}

/**
 * A kept file's bytes (opened when sealed), with the name to send it under; undefined when there is none to send. With
 * no reply named (`cobro replies file`), any reply's file by its id; a file still waiting for its reply is never sent.
 */
export async function attachmentFile(q: Queryable, orgId: string, inboundId: string | null, id: string)
  : Promise<{ row: AttachmentRow; filename: string; contentType: string; data: Buffer } | undefined> {
  const [row] = await q.query<AttachmentRow & { data: Uint8Array | null; data_sealed: string | null }>(
    `SELECT ${COLUMNS}, data, data_sealed FROM inbound_attachments
     WHERE org_id = $1 AND inbound_id = COALESCE($2::text, inbound_id) AND id = $3 AND status = 'stored'`, [orgId, inboundId, id]);
  if (!row) return undefined;
  const data = isSealed(row.data_sealed) ? Buffer.from((await openCopy(q, orgId, ATTACHMENT_FIELD, id, row.data_sealed))!, 'base64')
    : row.data ? Buffer.from(row.data) : undefined;
  if (!data) return undefined;
  const { data: _d, data_sealed: _s, ...rest } = row;
  const ext = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/heic': 'heic', 'application/pdf': 'pdf' }[row.content_type ?? ''] ?? 'bin';
  return { row: rest, filename: row.filename ?? `${id}.${ext}`, contentType: row.content_type ?? 'application/octet-stream', data };
}
