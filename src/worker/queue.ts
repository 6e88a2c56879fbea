// The message queue in SQL: planned actions become messages, and due messages are claimed with SKIP LOCKED.
import { preparedName, type Db, type Queryable } from '../db/index.ts';
import { openCopies } from '../vault/index.ts';
import { eventWrites, messageEventSource } from '../events/index.ts';
import type { MessageRow } from './context.ts';

/**
 * Serialises enqueueDue between processes on PostgreSQL (pg_advisory_xact_lock; the migrations hold 4242001). Keyed by
 * the schema too: advisory locks are the whole database's, and a worker of another schema (another install, or another
 * test file) queues none of this schema's rows, so waiting for it and then queuing nothing left due actions unqueued.
 */
const ENQUEUE_LOCK = 4242002;

/**
 * One queued message per channel of every planned action whose day has come in the debtor's time zone. Workers enqueue
 * one at a time: one that comes while another inserts waits for it to commit and then enqueues nothing itself (the
 * other has just queued what was due; an action that came due between the two workers' clocks is queued by the next
 * pass), instead of inserting the same rows beside it and waiting on each of them, or reading every planned action
 * again to find each already queued (four workers: three such reads of the whole day's actions, 0.2 ms of PostgreSQL
 * per message sent on the scale bench). An action's channels are all queued in one statement,
 * so the unique (org, action, channel) alone tells the actions already queued, each by an index probe (a NOT EXISTS
 * over messages was planned as a scan of messages per action when the table was nearly empty: quadratic, 34 s for
 * 20,000 actions on a new install).
 */
export async function enqueueDue(db: Db, now: Date): Promise<number> {
  const n = await db.transaction(async (tx) => {
    if (db.kind === 'postgres') {
      const [free] = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1, hashtext(current_schema())) AS ok', [ENQUEUE_LOCK]);
      if (!free?.ok) {
        await tx.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [ENQUEUE_LOCK]);
        return 0;
      }
    }
    const rows = await tx.query<{ n: number }>(
      `WITH ins AS (
         INSERT INTO messages (id, org_id, action_id, case_id, customer_id, channel, template, tone, status, next_attempt_at, created_at, updated_at)
         SELECT 'msg_' || substr(md5(a.id || '/' || ch), 1, 22), a.org_id, a.id, a.case_id, a.customer_id, ch, a.template, a.tone,
                'queued', $1::timestamptz, $1::timestamptz, $1::timestamptz
         FROM actions a JOIN customers c ON c.org_id = a.org_id AND c.id = a.customer_id
         CROSS JOIN LATERAL unnest(a.channels) AS ch
         WHERE a.status = 'planned' AND ch IN ('email', 'sms', 'whatsapp', 'voice')
           AND a.scheduled_for <= ($1::timestamptz AT TIME ZONE COALESCE(c.timezone, 'UTC'))::date
         ON CONFLICT (org_id, action_id, channel) DO NOTHING RETURNING 1)
       SELECT count(*)::int AS n FROM ins`, [now]);
    return rows[0]?.n ?? 0;
  });
  // a large enqueue refreshes the planner's statistics (a sample: bounded cost), so the claims that follow read through
  // messages_claim; with the table analysed nearly empty, each claim was planned as a sort of every due message. The
  // table's size and the claim's columns only: every column's statistics (the rendered contents' JSON sorted among them)
  // cost 230 ms of PostgreSQL's CPU on 20,000 messages, these 30-50 ms
  if (n >= ANALYZE_AFTER) await db.exec(`ANALYZE messages (${CLAIM_COLUMNS})`);
  return n;
}

/** Messages enqueued at once from which the statistics are refreshed. */
const ANALYZE_AFTER = 1000;
/** The columns the claim filters and orders by (claimDue), whose statistics a large enqueue refreshes. */
const CLAIM_COLUMNS = 'status, dispatching, next_attempt_at';

/** A claimed message with its action's status and where its row version lies (`row_at`, its ctid, fixed while the claim's lock holds). */
export interface Claimed extends MessageRow { action_status: string; row_at: string }

/**
 * Locks up to `limit` due messages no other transaction holds (SKIP LOCKED), in (next_attempt_at, id) order, with their
 * actions' status. The messages are locked first and their actions read after, for the locked ones alone: with the join
 * under the lock, every message skipped because another worker holds it was joined to its action first (with four
 * workers, a claim passes up to three other batches: 2,500 blocks read per claim against 1,200 with one worker).
 */
export async function claimDue(q: Queryable, now: Date, limit: number): Promise<Claimed[]> {
  // the sort key as epoch milliseconds (a number): a timestamp read as such is parsed into an ISO string per row, and
  // sorting by it parsed two dates per comparison (about 4 µs of the dispatcher's CPU per message claimed, against 1.5)
  const rows = await q.query<Claimed & { due: number }>(
    `WITH c AS MATERIALIZED (
       SELECT m.ctid, m.id, m.org_id, m.action_id, m.case_id, m.customer_id, m.channel, m.template, m.tone, m.address, m.attempts, m.next_attempt_at
       FROM messages m WHERE m.dispatching AND m.status IN ('queued', 'deferred') AND m.next_attempt_at <= $1
       ORDER BY m.next_attempt_at, m.id LIMIT $2 FOR UPDATE SKIP LOCKED)
     SELECT c.id, c.org_id, c.action_id, c.case_id, c.customer_id, c.channel, c.template, c.tone, c.address, c.attempts,
       floor(extract(epoch FROM c.next_attempt_at) * 1000)::float8 AS due, a.status AS action_status, c.ctid::text AS row_at
     FROM c CROSS JOIN LATERAL (SELECT a.status FROM actions a WHERE a.org_id = c.org_id AND a.id = c.action_id OFFSET 0) a`, [now, limit]);
  // in the claim's order (the join need not keep it), without the sort key
  const ordered = rows.sort((x, y) => Number(x.due) - Number(y.due) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)).map(({ due: _due, ...m }) => m);
  // a sealed address (an org with field encryption on) is opened once here, for the whole batch
  return openCopies(q, (m) => m.org_id, 'messages.address', ordered);
}

/** Moves a message to a status (a new `sending` is not yet handed); a failure is reported to integrators (`message.failed`) in the same statement. */
export async function setStatus(
  q: Queryable, id: string, status: string, now: Date, extra: { reason?: string | null; nextAttemptAt?: Date; attempts?: number } = {},
): Promise<void> {
  const update = `UPDATE messages SET status = $2, updated_at = $3, reason = COALESCE($4, reason), next_attempt_at = COALESCE($5, next_attempt_at),
       attempts = COALESCE($6, attempts), handed_at = CASE WHEN $2 = 'sending' THEN NULL ELSE handed_at END WHERE id = $1`;
  await q.query(status === 'failed' ? `WITH m AS (${update} RETURNING *), ${eventWrites(messageEventSource('m', "'message.failed'", '$3'))} SELECT 1` : update,
    [id, status, now, extra.reason ?? null, extra.nextAttemptAt ?? null, extra.attempts ?? null]);
}

/**
 * Marks messages the gate allowed as sending (one more attempt, not yet handed to the provider), in one statement. Given
 * where the claim found their rows (`at`), in the transaction that still holds the claim's locks (no other writer can
 * move them), each row is read there (a TID scan), not looked up by id: by ids, a batch of 500 was planned as a scan of
 * the whole table whenever the batch was a few percent of it (every dispatcher batch of the bench). A row this
 * transaction wrote again since is not found there and is marked by its id; a position naming another message would be
 * a bug, thrown so that the transaction rolls back.
 */
export async function markSending(q: Queryable, ids: readonly string[], now: Date, at?: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  let rest = ids;
  if (at && at.length === ids.length) {
    const marked = new Set((await q.query<{ id: string }>(MARK_SENDING_AT, [at, now], MARK_SENDING_AT_NAME)).map((r) => r.id));
    const wanted = new Set(ids);
    const stray = [...marked].filter((id) => !wanted.has(id));
    if (stray.length) throw new Error(`markSending: the claim's row positions named other messages (${stray.join(', ')})`);
    rest = ids.filter((id) => !marked.has(id));
    if (rest.length === 0) return;
  }
  await q.query(`UPDATE messages SET ${SENDING} WHERE id = ANY($1::text[])`, [rest, now]);
}

const SENDING = `status = 'sending', updated_at = $2, attempts = attempts + 1, handed_at = NULL`;
// by position alone (an id condition beside it let PostgreSQL 18 plan an index scan of the ids instead); the ids
// returned are checked
const MARK_SENDING_AT = `UPDATE messages SET ${SENDING} WHERE ctid = ANY($1::tid[]) RETURNING id`;
const MARK_SENDING_AT_NAME = preparedName(MARK_SENDING_AT);

/** Messages left `sending` longer than staleMs: handed to the provider (the send may have happened) or never handed. */
export async function staleSending(q: Queryable, now: Date, staleMs: number): Promise<{ id: string; org_id: string; channel: MessageRow['channel']; handed: boolean }[]> {
  return q.query(
    `SELECT id, org_id, channel, handed_at IS NOT NULL AS handed FROM messages
     WHERE dispatching AND status = 'sending' AND COALESCE(handed_at, updated_at) < $1 ORDER BY id`, [new Date(now.getTime() - staleMs)]);
}

/** Exponential backoff with jitter: 30 s, 1 min, 2 min ... capped at an hour, each within ±20%. */
export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}
