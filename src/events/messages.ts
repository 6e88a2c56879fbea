// Message events (delivered, failed) read from the message row itself, so every writer of a message state reports alike.
import type { Queryable } from '../db/index.ts';
import { eventWrites } from './emit.ts';

/** A source for `eventWrites`: message rows of `from` (a table or CTE with a WHERE) as events of the given type. */
export function messageEventSource(from: string, type: string, at: string): string {
  return `SELECT org_id, ${type}::text AS type, id AS subject, customer_id, jsonb_build_object('message_id', id, 'customer_id', customer_id,
    'action_id', action_id, 'case_id', case_id, 'channel', channel, 'provider', provider, 'status', status, 'reason', reason) AS data,
    ${at}::timestamptz AS created_at FROM ${from}`;
}

/** Reports that a message was delivered or failed; run it in the transaction that records the state. */
export async function emitMessageEvent(q: Queryable, messageId: string, type: 'message.delivered' | 'message.failed', at: Date): Promise<void> {
  await q.query(`WITH ${eventWrites(messageEventSource('messages WHERE id = $1', '$2', '$3'))} SELECT count(*)::int AS n FROM ev`, [messageId, type, at]);
}
