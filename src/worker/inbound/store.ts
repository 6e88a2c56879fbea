// Storing verified provider events: one inbox row per provider event id, the raw body beside the normalised event,
// card numbers removed first (PCI-1); a Mailgun token is bound to the body it first came with, so it cannot sign another.
// Files that came inside an email are kept apart in the same transaction (email-files.ts): the event names them, and the
// body is kept without their bytes.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/index.ts';
import { newId } from '../../domain/ids.ts';
import { mailWithoutFiles, redactCardNumbers, replaceFormField, withoutFiles, type InboundEvent, type RawRequest } from '../../channels/index.ts';
import { keepEmailFiles } from './email-files.ts';
import type { EventSource } from './read.ts';

export type StoreOutcome = { ok: true; stored: number; duplicates: number } | { ok: false; code: 'TOKEN_REUSED'; message: string };

type WithoutAt<T> = T extends unknown ? Omit<T, 'at'> & { at?: string } : never;
/** The event as kept in `inbox_events.event`: dates as ISO strings, reply text without card numbers. */
export type StoredEvent = WithoutAt<InboundEvent>;

function storable(e: InboundEvent): StoredEvent {
  const { files: _files, ...rest } = e as InboundEvent & { files?: unknown };
  const out = { ...rest, ...(e.at ? { at: e.at.toISOString() } : {}) } as StoredEvent;
  return out.type === 'reply' ? { ...out, text: redactCardNumbers(out.text) } : out;
}

/**
 * The body as the inbox keeps it: without the bytes of the files kept apart (a form's file parts; a mail's whole body,
 * and so SendGrid's raw `email` field, its headers only).
 */
function keptBody(provider: EventSource, raw: RawRequest, events: readonly InboundEvent[]): Buffer {
  const type = (raw.headers['content-type'] ?? '').toLowerCase();
  const files = events.reduce((n, e) => n + (e.type === 'reply' ? e.files?.length ?? 0 : 0), 0);
  if (type.startsWith('message/rfc822') && files > 0) return mailWithoutFiles(raw.body, files);
  const form = withoutFiles(raw.body, raw.headers['content-type']);
  return provider === 'sendgrid' && files > 0 ? replaceFormField(form, raw.headers['content-type'], 'email', (mail) => mailWithoutFiles(mail, files)) : form;
}

export async function storeInbound(db: Db, orgId: string, provider: EventSource, raw: RawRequest, events: readonly InboundEvent[],
  token: string | undefined, now: Date): Promise<StoreOutcome> {
  const form = (raw.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
  const body = redactCardNumbers(keptBody(provider, raw, events).toString('utf8'), { formEncoded: form });
  const hash = createHash('sha256').update(raw.body).digest('hex');
  return db.transaction(async (tx): Promise<StoreOutcome> => {
    if (token) {
      const fresh = await tx.query(
        `INSERT INTO webhook_tokens (provider, token, org_id, body_sha256, seen_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (provider, token) DO NOTHING RETURNING 1`, [provider, token, orgId, hash, now]);
      if (fresh.length === 0) {
        const [seen] = await tx.query<{ body_sha256: string; org_id: string }>('SELECT body_sha256, org_id FROM webhook_tokens WHERE provider = $1 AND token = $2', [provider, token]);
        if (!seen || seen.body_sha256 !== hash || seen.org_id !== orgId) {
          return { ok: false, code: 'TOKEN_REUSED', message: 'this signed token already came with another body' };
        }
      }
    }
    if (events.length === 0) return { ok: true, stored: 0, duplicates: 0 };
    const named: InboundEvent[] = [];
    for (const e of events) {
      const media = e.type === 'reply' && e.files?.length ? await keepEmailFiles(tx, orgId, provider, e.eventId, e.files, e.at ?? now, now) : [];
      named.push(media.length && e.type === 'reply' ? { ...e, media: [...(e.media ?? []), ...media] } : e);
    }
    // namespaced by org: another tenant can never take an event id first
    const rows = named.map((e) => ({ id: newId('inboxEvent', now.getTime()), event_id: `${orgId}/${e.eventId}`, event: storable(e) }));
    const inserted = await tx.query(
      `INSERT INTO inbox_events (id, org_id, provider, event_id, received_at, body, status, next_attempt_at, event)
       SELECT x.id, $1, $2, x.event_id, $3, $4, 'received', $3, x.event FROM jsonb_to_recordset($5::jsonb) AS x(id text, event_id text, event jsonb)
       ON CONFLICT (provider, event_id) DO NOTHING RETURNING id`, [orgId, provider, now, body, JSON.stringify(rows)]);
    return { ok: true, stored: inserted.length, duplicates: rows.length - inserted.length };
  });
}

/** Tokens older than Mailgun's tolerance can no longer verify, so they need not be kept. */
export async function pruneTokens(db: Db, now: Date, keepMs = 2 * 86_400_000): Promise<void> {
  await db.query('DELETE FROM webhook_tokens WHERE seen_at < $1', [new Date(now.getTime() - keepMs)]);
}
