// The IMAP poller: for an org with a mailbox connected (provider 'imap'), when its turn has come, read the unseen mail
// after the last UID taken, keep each message once in the inbox (bounces and replies then go through the same inbound
// round as the webhooks'), and mark it \Seen or move it. Errors are recorded on the mailbox and returned, never thrown.
import type { Db, Queryable } from '../../db/index.ts';
import { getCredentials, vaultKey } from '../../vault/index.ts';
import type { RawRequest } from '../../channels/index.ts';
import { imapError, openMailbox, type ImapConfig, type ImapError, type MailboxSession } from '../../channels/imap.ts';
import { mailEvents, readMail, type MailRead } from '../../channels/imap-mail.ts';
import { advance, claimTurn, placeIn, recordError, recordOk } from './state.ts';
import { keepForRound, keepSettled, type Kept } from './record.ts';

export interface MailboxDeps { db: Db; secretKey?: string }

export interface MailboxReport {
  /** False when the mailbox's turn had not come. */
  polled: boolean;
  read: number;
  stored: number;
  duplicates: number;
  automatic: number;
  oversize: number;
  unreadable: number;
  error?: ImapError;
}

const empty = (polled: boolean): MailboxReport => ({ polled, read: 0, stored: 0, duplicates: 0, automatic: 0, oversize: 0, unreadable: 0 });

/** The org's mailbox settings and password, or why they cannot be used; null when no mailbox is connected or it is turned off. */
async function mailboxConfig(d: MailboxDeps, orgId: string): Promise<{ cfg: ImapConfig; everyMs: number } | { error: ImapError } | null> {
  const r = await getCredentials(d.db, await vaultKey(d.db, d.secretKey), orgId, 'imap');
  if (!r.ok) return { error: { code: 'IMAP_ERROR', message: r.error.message } };
  if (!r.value || r.value.settings.enabled === false) return null;
  const s = r.value.settings;
  return { everyMs: s.poll_seconds * 1000, cfg: {
    host: s.host, port: s.port, secure: s.secure, user: s.user, password: r.value.secrets.password, mailbox: s.mailbox, timeoutMs: s.timeout_seconds * 1000,
    maxMessageBytes: s.max_message_bytes, afterRead: s.after_read, ...(s.move_to ? { moveTo: s.move_to } : {}),
  } };
}

/** cobro's email the mail is about: a Message-ID it names (the returned message's, In-Reply-To, References), else X-Cobro-Action. */
async function sentMessageOf(q: Queryable, orgId: string, read: MailRead): Promise<string | undefined> {
  if (read.kind === 'unreadable') return undefined;
  const ids = read.refs.messageIds;
  const action = read.kind === 'report' ? read.refs.actionId : undefined;
  if (ids.length === 0 && !action) return undefined;
  const [row] = await q.query<{ provider_message_id: string }>(
    `SELECT provider_message_id FROM messages WHERE org_id = $1 AND channel = 'email' AND provider = 'smtp' AND provider_message_id IS NOT NULL
       AND (provider_message_id = ANY($2::text[]) OR action_id = $3)
     ORDER BY provider_message_id = ANY($2::text[]) DESC, created_at DESC LIMIT 1`, [orgId, ids, action ?? null]);
  return row?.provider_message_id ?? (read.kind === 'report' ? ids[0] : undefined);
}

/** One message: read, kept once (applied by the inbound round, or settled with its reason), then marked read. */
async function takeMessage(d: MailboxDeps, orgId: string, cfg: ImapConfig, session: MailboxSession, m: { uid: number; size: number }, report: MailboxReport, now: Date): Promise<void> {
  const ref = { mailbox: cfg.mailbox, uidValidity: session.uidValidity, uid: m.uid };
  const placeId = `imap:${ref.mailbox}:${ref.uidValidity}:${ref.uid}`;
  let kept: Kept;
  if (m.size > cfg.maxMessageBytes) {
    // left unread in the folder for a person; recorded so that it shows
    kept = await keepSettled(d.db, orgId, placeId, '', undefined, 'failed', `not read: ${m.size} bytes, over the mailbox's limit of ${cfg.maxMessageBytes}`, now);
    report.oversize++;
    await advance(d.db, orgId, m.uid, { stored: 0, oversize: 1 }, now);
    return;
  }
  const source = await session.source(m.uid);
  const read: MailRead = source ? await readMail(source, ref, cfg.maxMessageBytes) : { kind: 'unreadable', eventId: placeId, note: 'the server sent no body' };
  const body = source?.toString('utf8') ?? '';
  report.read++;
  const events = mailEvents(read, await sentMessageOf(d.db, orgId, read));
  const raw: RawRequest = { method: 'IMAP', url: `imap://${cfg.host}/${encodeURIComponent(cfg.mailbox)};UIDVALIDITY=${ref.uidValidity}/;UID=${m.uid}`,
    headers: { 'content-type': 'message/rfc822' }, body: source ?? Buffer.alloc(0) };
  if (read.kind === 'unreadable') {
    report.unreadable++;
    kept = await keepSettled(d.db, orgId, read.eventId, body, undefined, 'failed', read.note, now);
  } else if (read.kind === 'automatic') {
    report.automatic++;
    kept = await keepSettled(d.db, orgId, read.eventId, body, events[0], 'processed', `an automatic reply (${read.why}): kept, not answered`, now);
  } else if (events.length > 0) {
    kept = await keepForRound(d.db, orgId, raw, events, now);
  } else {
    const why = read.kind === 'report' ? (read.outcome.state === null ? read.outcome.note : 'a delivery report naming no message cobro sent') : 'a reply with no text';
    kept = await keepSettled(d.db, orgId, read.eventId, body, undefined, 'processed', why, now);
  }
  report.stored += kept.stored;
  report.duplicates += kept.duplicates;
  await session.markRead(m.uid);
  await advance(d.db, orgId, m.uid, { stored: kept.stored, oversize: 0 }, now);
}

/**
 * Polls the org's mailbox when its turn has come (`force`: now). Null when the org has no mailbox connected. Each message
 * is kept before it is marked read and the last UID moves after it, so a crash reads a message again at most, and the
 * inbox's unique event id keeps it once.
 */
export async function pollMailbox(d: MailboxDeps, orgId: string, now: Date, opts: { force?: boolean } = {}): Promise<MailboxReport | null> {
  // cheap first: most orgs have no mailbox, and most rounds fall between two polls
  const [row] = await d.db.query<{ due: boolean }>(
    `SELECT m.next_poll_at IS NULL OR m.next_poll_at <= $2 AS due FROM provider_credentials c LEFT JOIN imap_mailboxes m ON m.org_id = c.org_id
     WHERE c.org_id = $1 AND c.provider = 'imap'`, [orgId, now]);
  if (!row) return null;
  if (!row.due && !opts.force) return empty(false);
  const conf = await mailboxConfig(d, orgId);
  if (conf === null) return null;
  if ('error' in conf) {
    if (!(await claimTurn(d.db, orgId, 'INBOX', now, 60_000, opts.force ?? false))) return empty(false);
    await recordError(d.db, orgId, conf.error, now, 60_000);
    return { ...empty(true), error: conf.error };
  }
  const { cfg, everyMs } = conf;
  const state = await claimTurn(d.db, orgId, cfg.mailbox, now, everyMs, opts.force ?? false);
  if (!state) return empty(false);
  const report = empty(true);
  const opened = await openMailbox(cfg);
  if (!opened.ok) {
    await recordError(d.db, orgId, opened.error, now, everyMs);
    return { ...report, error: opened.error };
  }
  const { session } = opened;
  try {
    const after = await placeIn(d.db, orgId, cfg.mailbox, session.uidValidity, state, now);
    for (const m of await session.unseenAfter(after)) await takeMessage(d, orgId, cfg, session, m, report, now);
    await recordOk(d.db, orgId, now);
    return report;
  } catch (e) {
    const error = imapError(e, cfg);
    await recordError(d.db, orgId, error, now, everyMs);
    return { ...report, error };
  } finally {
    await session.close();
  }
}
