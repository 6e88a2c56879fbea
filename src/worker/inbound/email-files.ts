// The files that came inside an email reply (Mailgun's forward, a mailbox's mail), kept when the reply is stored: no
// fetch, the same rules as a fetched file (the org's size cap; JPEG, PNG, WebP, HEIC or PDF by their first bytes), sealed
// when the org has field encryption on. One row per file, keyed by the reply's id and the file's place in it (a mail
// delivered twice keeps one); the reply is tied to them when it is applied (recordMedia), which names them in `media`.
import type { Queryable } from '../../db/index.ts';
import { newId } from '../../domain/ids.ts';
import { allowedMediaType, checkMediaBytes, type EmailFile, type MediaRef } from '../../channels/index.ts';
import { getReplyFileSettings, replyFileLimits } from '../../orgs/index.ts';
import { keptBytes } from './attachments.ts';

/** Keeps (or refuses, with why) each file; returns the references the stored reply names them by. */
export async function keepEmailFiles(q: Queryable, orgId: string, provider: string, eventId: string, files: readonly EmailFile[], receivedAt: Date,
  now: Date): Promise<MediaRef[]> {
  if (files.length === 0) return [];
  const { maxBytes } = replyFileLimits(await getReplyFileSettings(q, orgId));
  const refs: MediaRef[] = [];
  for (const [i, f] of files.entries()) {
    const ref: MediaRef = { id: `${eventId.slice(0, 190)}#${i + 1}`, ...(f.contentType ? { contentType: f.contentType } : {}), ...(f.filename ? { filename: f.filename } : {}) };
    refs.push(ref);
    const id = newId('inboundAttachment', now.getTime());
    // mail programs often call a PDF application/octet-stream: a declared type is held against the bytes only when it is one kept
    const check = checkMediaBytes(f.data, allowedMediaType(f.contentType), maxBytes);
    const kept = check.ok ? await keptBytes(q, orgId, id, f.data) : null;
    await q.query(
      `INSERT INTO inbound_attachments (id, org_id, inbound_id, customer_id, provider, provider_media_id, declared_type, filename, status, attempts,
         error, content_type, size, sha256, data, data_sealed, received_at, created_at, fetched_at)
       VALUES ($1, $2, NULL, NULL, $3, $4, $5, $6, $7, 1, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (org_id, provider, provider_media_id) DO NOTHING`,
      [id, orgId, provider, ref.id, f.contentType ?? null, f.filename ?? null, check.ok ? 'stored' : 'refused',
        check.ok ? null : `${check.code}: ${check.message}`, check.ok ? check.contentType : null, kept?.size ?? f.data.length, kept?.sha256 ?? null,
        kept?.data ?? null, kept?.data_sealed ?? null, receivedAt, now, check.ok ? now : null]);
  }
  return refs;
}
