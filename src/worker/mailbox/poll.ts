// The IMAP poller: for an org with a mailbox connected (provider 'imap'), when its turn has come, read the unseen mail
// after the last UID taken, keep each message once in the inbox (bounces and replies then go through the same inbound
// round as the webhooks'), and mark it \Seen or move it. Asked to, it keeps the session open for IDLE where the server
// has it (idle.ts waits on it and reads again with readMore). Errors are recorded on the mailbox and returned, never thrown.
import type { Db, Queryable } from '../../db/index.ts';
import { getCredentials, vaultKey } from '../../vault/index.ts';
import { automaticNote, type EgressPolicy, type RawRequest } from '../../channels/index.ts';
import { imapError, openMailbox, type ImapConfig, type ImapError, type MailboxSession } from '../../channels/imap.ts';
import { mailEvents, readMail, type MailRead } from '../../channels/imap-mail.ts';
import { forgetToken, type Connection } from '../../channels/oauth2.ts';
import { connectionOf, mailboxToken } from './token.ts';
import { advance, claimTurn, mailboxState, placeIn, recordError, recordOk, setMode } from './state.ts';
import { keepForRound, keepSettled, type Kept } from './record.ts';
import { holderGone } from './holder.ts';

export interface MailboxDeps {
  db: Db; secretKey?: string;
  /** The operator's egress policy (COBRO_EGRESS_ALLOW): where the mailbox's `host` and `token_url` may be reached; none: unchecked. */
  egress?: EgressPolicy;
}

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

/** A mailbox config with what its login needs: `conn` when it logs in with OAuth2 (to forget a refused cached token). */
interface Conf { cfg: ImapConfig; everyMs: number; idleMs: number | null; conn?: Connection; updatedAt: string }

/** The org's mailbox settings and secrets (an access token got when it uses OAuth2), or why they cannot be used; null when none is connected or it is off. */
async function mailboxConfig(d: MailboxDeps, orgId: string, now: Date): Promise<Conf | { error: ImapError } | null> {
  const key = await vaultKey(d.db, d.secretKey);
  const r = await getCredentials(d.db, key, orgId, 'imap');
  if (!r.ok) return { error: { code: 'IMAP_ERROR', message: r.error.message } };
  if (!r.value || r.value.settings.enabled === false) return null;
  const s = r.value.settings;
  const x = r.value.secrets;
  const [row] = await d.db.query<{ at: string }>(`SELECT updated_at::text AS at FROM provider_credentials WHERE org_id = $1 AND provider = 'imap'`, [orgId]);
  const cfg: ImapConfig = { host: s.host, port: s.port, secure: s.secure, user: s.user, mailbox: s.mailbox, timeoutMs: s.timeout_seconds * 1000,
    maxMessageBytes: s.max_message_bytes, afterRead: s.after_read, ...(s.move_to ? { moveTo: s.move_to } : {}), ...(d.egress ? { egress: d.egress } : {}) };
  const base = { everyMs: s.poll_seconds * 1000, idleMs: s.idle === false ? null : (s.idle_seconds ?? 1500) * 1000, updatedAt: row?.at ?? '' };
  if (s.auth !== 'oauth2') return { ...base, cfg: { ...cfg, password: x.password ?? '' } };
  const conn = connectionOf(orgId, s, base.updatedAt);
  const got = await mailboxToken(d.db, key, orgId, conn, s, x, now, cfg.timeoutMs, d.egress);
  if (!got.ok) return { error: { code: got.error.code, message: got.error.message } };
  return { ...base, cfg: { ...cfg, accessToken: got.token }, ...('refresh' in got.source ? { conn } : {}) };
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
    kept = await keepSettled(d.db, orgId, read.eventId, body, events[0], 'processed', automaticNote(read.why ?? 'an automatic reply'), now);
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

/** A session kept open to IDLE on (idle.ts), with what reading it again needs. */
export interface IdleHandle { session: MailboxSession; cfg: ImapConfig; everyMs: number; idleMs: number; updatedAt: string }

/**
 * Polls the org's mailbox when its turn has come (`force`: now). Null when the org has no mailbox connected. Each message
 * is kept before it is marked read and the last UID moves after it, so a crash reads a message again at most, and the
 * inbox's unique event id keeps it once. With `idle`, a server with IDLE (and a mailbox not set against it) keeps the
 * session open: it is returned, its mode recorded as 'idle', and the caller waits on it and closes it. `by` (the loop's
 * holder) is recorded as holding the mailbox while it reads and idles; a mailbox still held by a holder known to be gone
 * (holder.ts) is taken over without waiting for its turn or lease.
 */
export async function visitMailbox(d: MailboxDeps, orgId: string, now: Date, opts: { force?: boolean; idle?: { leaseMs: number }; by?: string } = {},
): Promise<{ report: MailboxReport; idle?: IdleHandle } | null> {
  // cheap first: most orgs have no mailbox, and most rounds fall between two polls
  const [row] = await d.db.query<{ due: boolean; held_by: string | null }>(
    `SELECT m.next_poll_at IS NULL OR m.next_poll_at <= $2 AS due, m.held_by FROM provider_credentials c LEFT JOIN imap_mailboxes m ON m.org_id = c.org_id
     WHERE c.org_id = $1 AND c.provider = 'imap'`, [orgId, now]);
  if (!row) return null;
  const gone = !row.due && row.held_by !== null && row.held_by !== opts.by && holderGone(row.held_by, d.db.kind === 'pglite') ? row.held_by : undefined;
  if (!row.due && !opts.force && gone === undefined) return { report: empty(false) };
  const claim = { force: opts.force ?? false, ...(opts.by ? { by: opts.by } : {}), ...(gone !== undefined ? { gone } : {}) };
  const conf = await mailboxConfig(d, orgId, now);
  if (conf === null) return null;
  if ('error' in conf) {
    if (!(await claimTurn(d.db, orgId, 'INBOX', now, 60_000, claim))) return { report: empty(false) };
    await recordError(d.db, orgId, conf.error, now, 60_000);
    return { report: { ...empty(true), error: conf.error } };
  }
  const { everyMs } = conf;
  const idleMs = opts.idle && conf.idleMs !== null ? conf.idleMs : undefined;
  const cfg: ImapConfig = { ...conf.cfg, ...(idleMs !== undefined ? { idleMs } : {}) };
  const state = await claimTurn(d.db, orgId, cfg.mailbox, now, everyMs, claim);
  if (!state) return { report: empty(false) };
  const report = empty(true);
  const opened = await openMailbox(cfg);
  if (!opened.ok) {
    // a refused cached token is forgotten: the next try gets a new one
    if (opened.error.code === 'IMAP_AUTH_FAILED' && conf.conn) forgetToken(conf.conn);
    await recordError(d.db, orgId, opened.error, now, everyMs);
    await setMode(d.db, orgId, 'poll');
    return { report: { ...report, error: opened.error } };
  }
  const { session } = opened;
  let keep = false;
  try {
    const after = await placeIn(d.db, orgId, cfg.mailbox, session.uidValidity, state, now);
    for (const m of await session.unseenAfter(after)) await takeMessage(d, orgId, cfg, session, m, report, now);
    await recordOk(d.db, orgId, now);
    keep = idleMs !== undefined && opts.idle !== undefined && session.canIdle;
    await setMode(d.db, orgId, keep ? 'idle' : 'poll', keep ? new Date(now.getTime() + opts.idle!.leaseMs) : undefined, opts.by);
    return keep ? { report, idle: { session, cfg, everyMs, idleMs: idleMs!, updatedAt: conf.updatedAt } } : { report };
  } catch (e) {
    const error = imapError(e, cfg);
    await recordError(d.db, orgId, error, now, everyMs);
    await setMode(d.db, orgId, 'poll');
    return { report: { ...report, error } };
  } finally {
    if (!keep) await session.close();
  }
}

export async function pollMailbox(d: MailboxDeps, orgId: string, now: Date, opts: { force?: boolean } = {}): Promise<MailboxReport | null> {
  return (await visitMailbox(d, orgId, now, opts))?.report ?? null;
}

/** New mail on an idling session: read after the last UID taken (the folder as it was opened), the lease moved on. Throws on an IMAP error. */
export async function readMore(d: MailboxDeps, orgId: string, h: IdleHandle, now: Date, leaseMs: number, by?: string): Promise<MailboxReport> {
  const report = empty(true);
  const s = await mailboxState(d.db, orgId);
  if (!s) throw new Error('the mailbox row is gone');
  const after = await placeIn(d.db, orgId, h.cfg.mailbox, h.session.uidValidity, s, now);
  for (const m of await h.session.unseenAfter(after)) await takeMessage(d, orgId, h.cfg, h.session, m, report, now);
  await recordOk(d.db, orgId, now);
  await setMode(d.db, orgId, 'idle', new Date(now.getTime() + leaseMs), by);
  return report;
}
