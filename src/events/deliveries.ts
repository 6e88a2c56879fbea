// The delivery queue: replays asked for by people, claims by workers (a lease, so a worker that dies mid-request is
// replaced), and the record of each attempt with the next try scheduled or the delivery given up.
import type { Queryable } from '../db/index.ts';
import { newId } from '../domain/ids.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { getEvent } from './read.ts';
import { webhookRetryMs, WEBHOOK_MAX_ATTEMPTS } from './retry.ts';
import type { EventRow } from './types.ts';

/**
 * A new delivery of the event to one endpoint, or to every enabled endpoint subscribed to its type; the worker sends
 * it on its next round, signed with a fresh timestamp. Returns the new deliveries' ids.
 */
export async function replayEvent(
  q: Queryable, orgId: string, actor: string, eventId: string, endpointId: string | null, now: Date,
): Promise<Result<string[]>> {
  const event = await getEvent(q, orgId, eventId);
  if (!event.ok) return event;
  const rows = await q.query<{ id: string }>(
    `INSERT INTO webhook_deliveries (id, org_id, event_id, endpoint_id, replay, status, next_attempt_at, created_at, updated_at)
     SELECT 'whd_' || replace(gen_random_uuid()::text, '-', ''), w.org_id, $3, w.id, true, 'pending', $5, $5, $5
     FROM webhook_endpoints w WHERE w.org_id = $1 AND w.enabled
       AND (w.id = $4 OR ($4::text IS NULL AND ($2 = ANY (w.event_types) OR '*' = ANY (w.event_types))))
     RETURNING id`, [orgId, event.value.type, eventId, endpointId, now]);
  if (rows.length === 0) {
    return endpointId ? fail('NOT_FOUND', `no enabled webhook endpoint ${endpointId}`, 'endpoint_id')
      : fail('INVALID_STATE', `no enabled endpoint is subscribed to ${event.value.type}`, 'endpoint_id');
  }
  await recordAudit(q, { orgId, actor, action: 'event.replayed', entity: 'event', entityId: eventId, data: { deliveries: rows.map((r) => r.id) } }, now);
  return ok(rows.map((r) => r.id));
}

export interface ClaimedDelivery {
  id: string; org_id: string; attempt: number; endpoint_id: string; url: string; secret_sealed: string; event: EventRow;
}

/**
 * Claims due deliveries to enabled endpoints (SKIP LOCKED, so workers share the queue) and leases them: their next
 * attempt moves past the lease, so a worker that dies while posting leaves them for another after it.
 * A delivery never tried is due at once, whatever clock wrote its event.
 */
export async function claimDeliveries(q: Queryable, now: Date, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  type Row = Omit<ClaimedDelivery, 'event'> & EventRow & { event_id: string };
  const rows = await q.query<Row>(
    `WITH due AS (
       SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id AND w.enabled
       WHERE d.status = 'pending' AND (d.next_attempt_at <= $1 OR d.attempts = 0)
       ORDER BY d.next_attempt_at, d.id LIMIT $2 FOR UPDATE OF d SKIP LOCKED),
     leased AS (
       UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = $3, updated_at = $1
       FROM due WHERE d.id = due.id RETURNING d.id, d.org_id, d.attempts, d.endpoint_id, d.event_id)
     SELECT l.id, l.org_id, l.attempts AS attempt, l.endpoint_id, w.url, w.secret_sealed,
       e.id AS event_id, e.type, e.subject, e.customer_id, e.data, e.created_at
     FROM leased l JOIN webhook_endpoints w ON w.id = l.endpoint_id JOIN events e ON e.id = l.event_id
     ORDER BY l.id`, [now, limit, new Date(now.getTime() + leaseMs)]);
  return rows.map((r) => ({
    id: r.id, org_id: r.org_id, attempt: r.attempt, endpoint_id: r.endpoint_id, url: r.url, secret_sealed: r.secret_sealed,
    event: { id: r.event_id, type: r.type, subject: r.subject, customer_id: r.customer_id, data: r.data, created_at: r.created_at },
  }));
}

export interface AttemptOutcome { ok: boolean; responseCode: number | null; durationMs: number; error: string | null }

/** Records one attempt; a failure schedules the next try with backoff and jitter, or gives up after the last. */
export async function recordAttempt(
  q: Queryable, d: Pick<ClaimedDelivery, 'id' | 'org_id' | 'attempt' | 'url'>, outcome: AttemptOutcome, at: Date,
  opts: { maxAttempts?: number; random?: () => number } = {},
): Promise<'succeeded' | 'pending' | 'failed'> {
  const status = outcome.ok ? 'succeeded' : d.attempt >= (opts.maxAttempts ?? WEBHOOK_MAX_ATTEMPTS) ? 'failed' : 'pending';
  const next = new Date(at.getTime() + (status === 'pending' ? webhookRetryMs(d.attempt, opts.random) : 0));
  const error = outcome.error?.slice(0, 500) ?? null;
  await q.query(
    `WITH a AS (
       INSERT INTO webhook_attempts (id, org_id, delivery_id, attempt, url, at, status, response_code, duration_ms, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (delivery_id, attempt) DO NOTHING RETURNING 1)
     UPDATE webhook_deliveries SET status = $11, next_attempt_at = $12, last_response_code = $8, last_error = $10, updated_at = $6
     WHERE id = $3 AND status = 'pending' AND attempts = $4`,
    [newId('webhookAttempt'), d.org_id, d.id, d.attempt, d.url, at, outcome.ok ? 'succeeded' : 'failed', outcome.responseCode,
      Math.round(outcome.durationMs), error, status, next]);
  return status;
}
