// Event retention: events older than the retention (COBRO_EVENT_RETENTION_DAYS) are deleted with their deliveries and
// attempts, in bounded batches, oldest first; an event with a delivery still pending (waiting or retrying) is kept.
import type { Queryable } from '../db/index.ts';

export const EVENT_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;

export interface EventRetention { days: number; delete_before: string }
export interface EventPurge { events: number; deliveries: number; attempts: number; batches: number }

/** The retention in force and the instant before which events are deleted. */
export function eventRetention(days: number, now: Date): EventRetention {
  return { days, delete_before: new Date(now.getTime() - days * DAY_MS).toISOString() };
}

/** One batch: the oldest events before the cutoff with no pending delivery, deleted in one statement with what hangs off them. */
async function purgeBatch(q: Queryable, before: string, limit: number): Promise<Omit<EventPurge, 'batches'>> {
  // events locked (FOR UPDATE), so a replay queued meanwhile waits and then fails on the event's foreign key, never orphaned
  const [r] = await q.query<Omit<EventPurge, 'batches'>>(
    `WITH doomed AS (
       SELECT e.id FROM events e
       WHERE e.created_at < $1 AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'pending')
       ORDER BY e.created_at LIMIT $2 FOR UPDATE OF e SKIP LOCKED),
     gone AS (SELECT d.id FROM webhook_deliveries d WHERE d.event_id IN (SELECT id FROM doomed)),
     a AS (DELETE FROM webhook_attempts t WHERE t.delivery_id IN (SELECT id FROM gone) RETURNING 1),
     d AS (DELETE FROM webhook_deliveries d WHERE d.id IN (SELECT id FROM gone) RETURNING 1),
     e AS (DELETE FROM events e WHERE e.id IN (SELECT id FROM doomed) RETURNING 1)
     SELECT (SELECT count(*) FROM e)::int AS events, (SELECT count(*) FROM d)::int AS deliveries, (SELECT count(*) FROM a)::int AS attempts`,
    [before, limit]);
  return r!;
}

/**
 * Deletes events of every org older than `days`, `batch` at a time and at most `maxBatches` batches (each its own short
 * statement), so one round's work is bounded; what is left goes on the next round.
 */
export async function purgeEvents(
  q: Queryable, days: number, now: Date, o: { batch?: number; maxBatches?: number } = {},
): Promise<EventPurge> {
  const before = eventRetention(days, now).delete_before;
  const total: EventPurge = { events: 0, deliveries: 0, attempts: 0, batches: 0 };
  const batch = o.batch ?? 1000;
  while (total.batches < (o.maxBatches ?? 10)) {
    const r = await purgeBatch(q, before, batch);
    total.batches++;
    total.events += r.events;
    total.deliveries += r.deliveries;
    total.attempts += r.attempts;
    if (r.events < batch) break;
  }
  return total;
}
