// Reading events newest first (cursor on the order they were written), and each event's deliveries with their attempts.
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import type { EventRow } from './types.ts';

export interface EventFilter { type?: string; customerId?: string; limit?: number; cursor?: string }

export interface EventPage { data: EventRow[]; has_more: boolean; next_cursor: string | null }

const COLUMNS = 'e.id, e.type, e.subject, e.customer_id, e.data, e.created_at';

export async function listEvents(q: Queryable, orgId: string, f: EventFilter = {}): Promise<EventPage> {
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 500);
  const before = f.cursor ? Number(Buffer.from(f.cursor, 'base64url').toString('utf8')) : null;
  const rows = await q.query<EventRow & { seq: number }>(
    `SELECT ${COLUMNS}, e.seq FROM events e WHERE e.org_id = $1 AND ($2::text IS NULL OR e.type = $2) AND ($3::text IS NULL OR e.customer_id = $3)
       AND ($4::bigint IS NULL OR e.seq < $4) ORDER BY e.seq DESC LIMIT $5`,
    [orgId, f.type ?? null, f.customerId ?? null, before !== null && Number.isSafeInteger(before) ? before : null, limit + 1]);
  const has_more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map(({ seq: _seq, ...e }) => e), has_more,
    next_cursor: has_more && last ? Buffer.from(String(last.seq)).toString('base64url') : null,
  };
}

export async function getEvent(q: Queryable, orgId: string, id: string): Promise<Result<EventRow>> {
  const [row] = await q.query<EventRow>(`SELECT ${COLUMNS} FROM events e WHERE e.org_id = $1 AND e.id = $2`, [orgId, id]);
  return row ? ok(row) : fail('NOT_FOUND', `no event ${id}`, 'id');
}

export interface AttemptRow { attempt: number; url: string; at: string; status: 'succeeded' | 'failed'; response_code: number | null; duration_ms: number; error: string | null }

export interface DeliveryRow {
  id: string; event_id: string; endpoint_id: string; replay: boolean; status: 'pending' | 'succeeded' | 'failed' | 'cancelled';
  attempts: number; next_attempt_at: string; last_response_code: number | null; last_error: string | null; created_at: string;
  updated_at: string; attempt_log: AttemptRow[];
}

/** Every delivery of an event (first ones and replays), each with its attempts in order. */
export async function eventDeliveries(q: Queryable, orgId: string, eventId: string): Promise<Result<DeliveryRow[]>> {
  const event = await getEvent(q, orgId, eventId);
  if (!event.ok) return event;
  const rows = await q.query<DeliveryRow>(
    `SELECT d.id, d.event_id, d.endpoint_id, d.replay, d.status, d.attempts, d.next_attempt_at, d.last_response_code, d.last_error,
       d.created_at, d.updated_at,
       COALESCE((SELECT jsonb_agg(jsonb_build_object('attempt', a.attempt, 'url', a.url, 'at', a.at, 'status', a.status,
         'response_code', a.response_code, 'duration_ms', a.duration_ms, 'error', a.error) ORDER BY a.attempt)
         FROM webhook_attempts a WHERE a.delivery_id = d.id), '[]'::jsonb) AS attempt_log
     FROM webhook_deliveries d WHERE d.org_id = $1 AND d.event_id = $2 ORDER BY d.replay, d.created_at, d.id`, [orgId, eventId]);
  return ok(rows);
}
