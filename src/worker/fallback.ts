// Channel fallback: when the gate blocks a channel or the provider fails for good (invalid number, hard bounce, opted out
// at the provider), the step's next fallback channel is queued for the same action, and goes through the gate like any send.
import type { Queryable } from '../db/index.ts';
import type { MessageChannel } from './adapters.ts';

const CHANNELS: readonly string[] = ['email', 'sms', 'whatsapp', 'voice'];

/** Blocks about the debt or the person, not the channel: any other channel would be blocked too (or must not be tried). */
const NOT_CHANNEL_BOUND = new Set([
  'DEBT_SETTLED', 'PAYMENT_PENDING', 'PROMISE_ACTIVE', 'DISPUTE_UNVERIFIED', 'CEASE_REQUESTED', 'TIME_BARRED_LEGAL_THREAT',
  'THIRD_PARTY', 'PAYEE_NOT_CREDITOR', 'LAWFUL_BASIS_MISSING', 'AUTOMATED_DECISION', 'TIME_ZONE_UNKNOWN', 'JURISDICTION_UNKNOWN',
  // Colombia: never several channels in the same week
  'ONE_CHANNEL_PER_WEEK',
]);

/** Whether a block with this reason code should try the step's fallback channel. */
export function fallbackAfterBlock(code: string): boolean {
  return !NOT_CHANNEL_BOUND.has(code);
}

interface SendInPayload { type?: unknown; template?: unknown; fallback?: unknown }

/** The first fallback channel of the action's send step (matched by template) not tried yet for this action. */
export function pickFallback(payload: unknown, template: string | null, tried: readonly string[]): MessageChannel | null {
  const actions = (payload as { actions?: unknown } | null)?.actions;
  if (!Array.isArray(actions)) return null;
  const sends = (actions as SendInPayload[]).filter((a) => a?.type === 'send');
  const send = sends.find((a) => a.template === template) ?? (sends.length === 1 ? sends[0] : undefined);
  const fallback = Array.isArray(send?.fallback) ? (send.fallback as unknown[]) : [];
  const next = fallback.find((c): c is MessageChannel => typeof c === 'string' && CHANNELS.includes(c) && !tried.includes(c));
  return next ?? null;
}

export interface FailedMessage { id: string; org_id: string; action_id: string; channel: string }

/**
 * Queues the step's next fallback channel for the failed message's action, due now; returns the channel, or null when
 * the step has no fallback left or the action was cancelled. Idempotent: one message per action and channel.
 */
export async function fireFallback(q: Queryable, m: FailedMessage, why: string, now: Date): Promise<MessageChannel | null> {
  const [a] = await q.query<{ payload: unknown; template: string | null; status: string }>(
    'SELECT payload, template, status FROM actions WHERE org_id = $1 AND id = $2', [m.org_id, m.action_id]);
  if (!a || a.status === 'cancelled' || a.status === 'skipped') return null;
  const tried = (await q.query<{ channel: string }>('SELECT channel FROM messages WHERE org_id = $1 AND action_id = $2', [m.org_id, m.action_id]))
    .map((r) => r.channel);
  const channel = pickFallback(a.payload, a.template, [...tried, m.channel]);
  if (!channel) return null;
  const rows = await q.query(
    `INSERT INTO messages (id, org_id, action_id, case_id, customer_id, channel, template, tone, status, reason, fallback_of, next_attempt_at, created_at, updated_at)
     SELECT 'msg_' || substr(md5(a.id || '/' || $3), 1, 22), a.org_id, a.id, a.case_id, a.customer_id, $3, a.template, a.tone, 'queued', $4, $5, $6, $6, $6
     FROM actions a WHERE a.org_id = $1 AND a.id = $2
     ON CONFLICT (org_id, action_id, channel) DO NOTHING RETURNING id`,
    [m.org_id, m.action_id, channel, `fallback after ${m.channel}: ${why}`.slice(0, 1000), m.id, now]);
  return rows.length > 0 ? channel : null;
}
