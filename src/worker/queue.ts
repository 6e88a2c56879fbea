// The message queue in SQL: planned actions become messages, and due messages are claimed with SKIP LOCKED.
import type { Db, Queryable } from '../db/index.ts';
import { openCopies } from '../vault/index.ts';
import { eventWrites, messageEventSource } from '../events/index.ts';
import type { MessageRow } from './context.ts';

/** Serialises enqueueDue between processes on PostgreSQL (pg_advisory_xact_lock; the migrations hold 4242001). */
const ENQUEUE_LOCK = 4242002;

/**
 * One queued message per channel of every planned action whose day has come in the debtor's time zone. Workers enqueue
 * one at a time: one that comes while another inserts waits for it, then finds those actions done, instead of
 * inserting the same rows beside it and waiting on each of them. An action's channels are all queued in one statement,
 * so the unique (org, action, channel) alone tells the actions already queued, each by an index probe (a NOT EXISTS
 * over messages was planned as a scan of messages per action when the table was nearly empty: quadratic, 34 s for
 * 20,000 actions on a new install).
 */
export async function enqueueDue(db: Db, now: Date): Promise<number> {
  const n = await db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [ENQUEUE_LOCK]);
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
  // messages_claim; with the table analysed nearly empty, each claim was planned as a sort of every due message
  if (n >= ANALYZE_AFTER) await db.exec('ANALYZE messages');
  return n;
}

/** Messages enqueued at once from which the statistics are refreshed. */
const ANALYZE_AFTER = 1000;

export interface Claimed extends MessageRow { action_status: string }

export async function claimDue(q: Queryable, now: Date, limit: number): Promise<Claimed[]> {
  // a sealed address (an org with field encryption on) is opened once here, for the whole batch
  return openCopies(q, (m) => m.org_id, 'messages.address', await q.query<Claimed>(
    `SELECT m.id, m.org_id, m.action_id, m.case_id, m.customer_id, m.channel, m.template, m.tone, m.address, m.attempts, a.status AS action_status
     FROM messages m JOIN actions a ON a.org_id = m.org_id AND a.id = m.action_id
     WHERE m.status IN ('queued', 'deferred') AND m.next_attempt_at <= $1
     ORDER BY m.next_attempt_at, m.id LIMIT $2 FOR UPDATE OF m SKIP LOCKED`, [now, limit]));
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

/** Marks messages the gate allowed as sending (one more attempt, not yet handed to the provider), in one statement. */
export async function markSending(q: Queryable, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await q.query(`UPDATE messages SET status = 'sending', updated_at = $2, attempts = attempts + 1, handed_at = NULL WHERE id = ANY($1::text[])`, [ids, now]);
}

/** Messages left `sending` longer than staleMs: handed to the provider (the send may have happened) or never handed. */
export async function staleSending(q: Queryable, now: Date, staleMs: number): Promise<{ id: string; org_id: string; channel: MessageRow['channel']; handed: boolean }[]> {
  return q.query(
    `SELECT id, org_id, channel, handed_at IS NOT NULL AS handed FROM messages
     WHERE status = 'sending' AND COALESCE(handed_at, updated_at) < $1 ORDER BY id`, [new Date(now.getTime() - staleMs)]);
}

/** Exponential backoff with jitter: 30 s, 1 min, 2 min ... capped at an hour, each within ±20%. */
export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}
