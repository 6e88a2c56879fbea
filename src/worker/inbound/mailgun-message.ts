// A Mailgun store() notification's stored message, read by the worker before its reply is applied: the message asked for
// in MIME form at its `message-url` (only at Mailgun's hosts, with the org's API key) and read as a mailbox's mail is, so
// its words, its sender, the email it answers (In-Reply-To, then References), whether it is an automatic reply, and its
// files come from the message itself rather than from the fields Mailgun posted. A message that cannot be had (no longer
// stored, a URL elsewhere, a refused key) leaves the posted fields to decide; one that fails for now is asked again later.
import type { Db, Queryable } from '../../db/index.ts';
import { fetchMailgunMessage, redactCardNumbers, type StoredMessageFetch } from '../../channels/index.ts';
import { readMail, type MailRead } from '../../channels/imap-mail.ts';
import { vaultKey } from '../../vault/index.ts';
import { getReplyFileSettings, replyFileLimits } from '../../orgs/index.ts';
import { keepEmailFiles } from './email-files.ts';
import { attachmentRetryMs, mailgunStoredConfig, type AttachmentFetchDeps } from './attachment-fetch.ts';
import type { StoredEvent } from './store.ts';

/** Asked at most this many times, a minute apart and doubling (about half an hour); then the posted fields decide. */
export const STORED_MESSAGE_MAX_ATTEMPTS = 6;
/** Mailgun takes messages up to 25 MB; its JSON answer carries one escaped. */
const MESSAGE_MAX_BYTES = 40 * 1024 * 1024;
/** The HTML converted to text up to this many bytes (as a mailbox's default `max_message_bytes`). */
const HTML_LIMIT = 2_000_000;

type Reply = Extract<StoredEvent, { type: 'reply' }>;
type Mail = Extract<MailRead, { kind: 'reply' | 'automatic' }>;
interface Due { id: string; event: Reply; attempts: number }

export interface StoredMessageReport { tried: number; read: number; posted: number; waiting: number }

/** cobro's email a reply answers among the Message-IDs it names (In-Reply-To first, then References from the newest). */
async function answeredAmong(q: Queryable, orgId: string, ids: readonly string[]): Promise<string | undefined> {
  if (ids.length === 0) return undefined;
  const [row] = await q.query<{ provider_message_id: string }>(
    `SELECT provider_message_id FROM messages WHERE org_id = $1 AND channel = 'email' AND provider IN ('smtp', 'mailgun') AND provider_message_id = ANY($2::text[])
     ORDER BY array_position($2::text[], provider_message_id) LIMIT 1`, [orgId, ids]);
  return row?.provider_message_id;
}

/** The reply as the stored message tells it; its files kept now, in place of those the notification named by URL. */
async function fromMessage(q: Queryable, orgId: string, e: Reply, mail: Mail, now: Date): Promise<Reply> {
  const { storedMessage: _url, media: _posted, automatic: _auto, inReplyTo: posted, ...rest } = e;
  const inReplyTo = await answeredAmong(q, orgId, mail.refs.messageIds) ?? mail.inReplyTo ?? posted;
  const at = mail.at ?? (e.at ? new Date(e.at) : now);
  const media = await keepEmailFiles(q, orgId, 'mailgun', e.eventId, mail.files ?? [], at, now);
  // no words in the message (a file alone): the words Mailgun posted, if any
  const text = mail.text.trim() || e.text;
  return { ...rest, from: mail.from || e.from, to: mail.to || e.to, text: redactCardNumbers(text), at: at.toISOString(), ...(inReplyTo ? { inReplyTo } : {}),
    ...(media.length ? { media } : {}), ...(mail.kind === 'automatic' ? { automatic: mail.why ?? 'an automatic reply' } : {}),
    note: 'read from the message Mailgun stored' };
}

/** The reply as Mailgun posted it, with why the stored message did not decide. */
function asPosted(e: Reply, why: string): Reply {
  const { storedMessage: _url, ...rest } = e;
  return { ...rest, note: `Mailgun's stored message not read (${why}): the fields Mailgun posted`.slice(0, 1000) };
}

/** Writes what reading one stored message came to, once: a row another worker already settled is left as it is. */
async function settle(db: Db, orgId: string, row: Due, r: StoredMessageFetch, now: Date): Promise<keyof Omit<StoredMessageReport, 'tried'> | null> {
  const mail = r.ok ? await readMail(r.mime, { fallbackId: row.event.eventId }, HTML_LIMIT) : undefined;
  return db.transaction(async (tx) => {
    const [still] = await tx.query(`SELECT 1 FROM inbox_events WHERE org_id = $1 AND id = $2 AND attempts = $3 AND event ? 'storedMessage' FOR UPDATE`,
      [orgId, row.id, row.attempts]);
    if (!still) return null;
    const attempts = row.attempts + 1;
    let event: Reply;
    if (mail && (mail.kind === 'reply' || mail.kind === 'automatic')) event = await fromMessage(tx, orgId, row.event, mail, now);
    else if (mail) event = asPosted(row.event, mail.kind === 'unreadable' ? mail.note : 'a delivery report, not a reply');
    else if (!r.ok && r.kind === 'temporary' && attempts < STORED_MESSAGE_MAX_ATTEMPTS) {
      await tx.query('UPDATE inbox_events SET attempts = $3, next_attempt_at = $4, error = $5 WHERE org_id = $1 AND id = $2',
        [orgId, row.id, attempts, new Date(now.getTime() + attachmentRetryMs(attempts)), `waiting for Mailgun's stored message: ${r.code}: ${r.message}`.slice(0, 2000)]);
      return 'waiting';
    } else event = asPosted(row.event, r.ok ? 'unread' : `${r.kind === 'temporary' ? `gave up after ${attempts} attempts: ` : ''}${r.code}: ${r.message}`);
    await tx.query('UPDATE inbox_events SET event = $3, attempts = $4, next_attempt_at = $5, error = NULL WHERE org_id = $1 AND id = $2',
      [orgId, row.id, JSON.stringify(event), attempts, now]);
    return event.note?.startsWith('read from') ? 'read' : 'posted';
  });
}

/** Reads the stored messages of the org's Mailgun notifications whose turn has come (at most `limit`), before the inbound round applies them. */
export async function readStoredMessages(d: Omit<AttachmentFetchDeps, 'limits'>, orgId: string, now: Date, limit = 20): Promise<StoredMessageReport> {
  const report: StoredMessageReport = { tried: 0, read: 0, posted: 0, waiting: 0 };
  const due = await d.db.query<Due>(
    `SELECT id, event, attempts FROM inbox_events WHERE org_id = $1 AND provider = 'mailgun' AND status IN ('received', 'failed')
       AND next_attempt_at IS NOT NULL AND next_attempt_at <= $2 AND event ? 'storedMessage'
     ORDER BY received_at, id LIMIT $3`, [orgId, now, limit]);
  if (due.length === 0) return report;
  const cfg = await mailgunStoredConfig(d, await vaultKey(d.db, d.secretKey), orgId);
  const { timeoutMs } = replyFileLimits(await getReplyFileSettings(d.db, orgId));
  for (const row of due) {
    const r: StoredMessageFetch = typeof cfg === 'string' ? { ok: false, kind: 'temporary', code: 'NO_CREDENTIALS', message: cfg }
      : await fetchMailgunMessage(cfg, row.event.storedMessage ?? '', { maxBytes: MESSAGE_MAX_BYTES, timeoutMs });
    const outcome = await settle(d.db, orgId, row, r, now);
    if (!outcome) continue;
    report.tried++;
    report[outcome]++;
  }
  return report;
}
