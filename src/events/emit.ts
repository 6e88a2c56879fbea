// Writing events into the outbox in the same statement or transaction as the fact, with one pending delivery for every
// enabled endpoint of the org subscribed to the type: nothing is lost between the fact and its webhook.
import type { Queryable } from '../db/index.ts';
import type { NewEvent } from './types.ts';

const NEW_ID = (prefix: string) => `'${prefix}_' || replace(gen_random_uuid()::text, '-', '')`;

/**
 * Two CTEs (`ev`, `ev_deliveries`) to put after `WITH` (and a comma when other CTEs follow): they insert the events that
 * `source` selects, as columns org_id, type, subject, customer_id, data (jsonb) and created_at, and their deliveries.
 * Data-modifying CTEs always run, so a statement that writes a fact can report it in the same statement.
 */
export function eventWrites(source: string): string {
  return `ev AS (
     INSERT INTO events (id, org_id, type, subject, customer_id, data, created_at)
     SELECT ${NEW_ID('evt')}, s.org_id, s.type, s.subject, s.customer_id, s.data, s.created_at FROM (${source}) s
     RETURNING id, org_id, type, created_at),
   ev_deliveries AS (
     INSERT INTO webhook_deliveries (id, org_id, event_id, endpoint_id, status, next_attempt_at, created_at, updated_at)
     SELECT ${NEW_ID('whd')}, ev.org_id, ev.id, w.id, 'pending', ev.created_at, ev.created_at, ev.created_at
     FROM ev JOIN webhook_endpoints w ON w.org_id = ev.org_id AND w.enabled AND (ev.type = ANY (w.event_types) OR '*' = ANY (w.event_types))
     RETURNING 1)`;
}

/** Records events (one statement whatever their number); run it on the transaction that writes the facts. */
export async function emitEvents(q: Queryable, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((e) => ({ org_id: e.orgId, type: e.type, subject: e.subject, customer_id: e.customerId, data: e.data,
    created_at: e.at?.toISOString() ?? null }));
  await q.query(
    `WITH ${eventWrites(`SELECT x.org_id, x.type, x.subject, x.customer_id, x.data, COALESCE(x.created_at, now()) AS created_at
       FROM jsonb_to_recordset($1::jsonb) AS x(org_id text, type text, subject text, customer_id text, data jsonb, created_at timestamptz)`)}
     SELECT count(*)::int AS n FROM ev`, [JSON.stringify(rows)]);
}

export async function emitEvent(q: Queryable, e: NewEvent): Promise<void> {
  await emitEvents(q, [e]);
}
