// Where an org's mailbox poller stands (imap_mailboxes): the turn claimed so two workers never read one mailbox at
// once, the folder's UIDVALIDITY and last UID taken, counts, and the last error kept until a poll succeeds.
import type { Queryable } from '../../db/index.ts';
import type { ImapError } from '../../channels/imap.ts';

export interface MailboxState {
  org_id: string;
  mailbox: string;
  uid_validity: string | null;
  last_uid: number;
  next_poll_at: string | null;
  last_polled_at: string | null;
  last_ok_at: string | null;
  last_error_code: string | null;
  last_error: string | null;
  last_error_at: string | null;
  failures: number;
  stored: number;
  oversize: number;
  mode: 'idle' | 'poll' | null;
  /** The worker holding it now (holder.ts), JSON; null when none does. */
  held_by: string | null;
}

const COLUMNS = `org_id, mailbox, uid_validity::text, last_uid::float8 AS last_uid, next_poll_at::text, last_polled_at::text, last_ok_at::text,
  last_error_code, last_error, last_error_at::text, failures, stored::float8 AS stored, oversize::float8 AS oversize, mode, held_by`;

export async function mailboxState(q: Queryable, orgId: string): Promise<MailboxState | undefined> {
  return (await q.query<MailboxState>(`SELECT ${COLUMNS} FROM imap_mailboxes WHERE org_id = $1`, [orgId]))[0];
}

/** Who takes a turn: `by`, the worker's holder (held_by while it reads or idles); `gone`, a holder seen gone whose hold it may take now. */
export interface Claim { force: boolean; by?: string; gone?: string }

/**
 * Takes the org's turn when it has come (or `force`, or the mailbox is still held by `gone`): the row's next poll moves
 * `everyMs` ahead and it is held by `by`; undefined when not due (compare-and-set: one of two workers taking over wins).
 */
export async function claimTurn(q: Queryable, orgId: string, mailbox: string, now: Date, everyMs: number, c: Claim): Promise<MailboxState | undefined> {
  await q.query(`INSERT INTO imap_mailboxes (org_id, mailbox, updated_at) VALUES ($1, $2, $3) ON CONFLICT (org_id) DO NOTHING`, [orgId, mailbox, now]);
  return (await q.query<MailboxState>(
    `UPDATE imap_mailboxes SET next_poll_at = $3, last_polled_at = $2, updated_at = $2, held_by = $5
     WHERE org_id = $1 AND ($4 OR next_poll_at IS NULL OR next_poll_at <= $2 OR held_by = $6) RETURNING ${COLUMNS}`,
    [orgId, now, new Date(now.getTime() + everyMs), c.force, c.by ?? null, c.gone ?? null]))[0];
}

/** The folder as opened now: another folder, or a changed UIDVALIDITY, starts again from UID 0. */
export async function placeIn(q: Queryable, orgId: string, mailbox: string, uidValidity: string, s: MailboxState, now: Date): Promise<number> {
  const same = s.mailbox === mailbox && s.uid_validity === uidValidity;
  await q.query('UPDATE imap_mailboxes SET mailbox = $2, uid_validity = $3, last_uid = $4, updated_at = $5 WHERE org_id = $1',
    [orgId, mailbox, uidValidity, same ? s.last_uid : 0, now]);
  return same ? s.last_uid : 0;
}

export async function advance(q: Queryable, orgId: string, uid: number, counts: { stored: number; oversize: number }, now: Date): Promise<void> {
  await q.query(`UPDATE imap_mailboxes SET last_uid = GREATEST(last_uid, $2), stored = stored + $3, oversize = oversize + $4, updated_at = $5 WHERE org_id = $1`,
    [orgId, uid, counts.stored, counts.oversize, now]);
}

export async function recordOk(q: Queryable, orgId: string, now: Date): Promise<void> {
  await q.query(`UPDATE imap_mailboxes SET last_ok_at = $2, failures = 0, last_error_code = NULL, last_error = NULL, updated_at = $2 WHERE org_id = $1`, [orgId, now]);
}

/** Kept until the next good poll; the next try waits longer after each failure (up to an hour). The visit ends: no one holds the mailbox. */
export async function recordError(q: Queryable, orgId: string, error: ImapError, now: Date, everyMs: number): Promise<void> {
  await q.query(
    `UPDATE imap_mailboxes SET last_error_code = $2, last_error = $3, last_error_at = $4, failures = failures + 1, updated_at = $4, held_by = NULL,
       next_poll_at = $4::timestamptz + make_interval(secs => LEAST(3600, ($5::float8 / 1000) * power(2, LEAST(failures, 10))))
     WHERE org_id = $1`, [orgId, error.code, error.message, now, everyMs]);
}

/**
 * How the mailbox is read now; `leaseUntil` (while idling) keeps other workers off it until then, held by `by`. Polling, it
 * is held by none: the mailbox is let go (with `leaseUntil` now, for the next visit at once).
 */
export async function setMode(q: Queryable, orgId: string, mode: 'idle' | 'poll', leaseUntil?: Date, by?: string): Promise<void> {
  await q.query('UPDATE imap_mailboxes SET mode = $2, next_poll_at = COALESCE($3, next_poll_at), held_by = $4 WHERE org_id = $1',
    [orgId, mode, leaseUntil ?? null, mode === 'idle' ? by ?? null : null]);
}
