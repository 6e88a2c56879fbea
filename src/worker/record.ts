// Writing the dispatcher's progress in batches: messages marked handed right before their provider calls, and sends
// recorded (message, action, contact, audit entry) a batch per transaction, so the database costs a few statements per
// batch rather than per message and no org's audit chain makes its sends wait on one another.
import type { Db } from '../db/index.ts';
import { recordAuditBatch } from '../audit/index.ts';
import { emitMessageEvent } from '../events/index.ts';
import { recordContacts } from '../compliance/index.ts';
import type { RenderedMessage } from '../messaging/index.ts';
import type { MessageRow } from './context.ts';
import { coalescer, type Coalescer } from './coalesce.ts';
import { AGENT_TEMPLATE } from '../agent/index.ts';

export interface SentRecord {
  message: MessageRow; address: string; rendered: RenderedMessage;
  receipt: { provider: string; providerMessageId: string; state: string }; cost?: { micros: number; currency: string };
}

/**
 * Marks messages as handed to their provider, just before the calls: each only while it is still this attempt's to send
 * (a recovery that requeued it, and a worker that gated it again, take it away). False for a message means: do not send.
 */
export async function markHandedMany(db: Db, ms: readonly { id: string; attempts: number }[], now: Date): Promise<boolean[]> {
  const rows = await db.query<{ id: string }>(
    `UPDATE messages m SET handed_at = $3 FROM unnest($1::text[], $2::int[]) AS k(id, attempts)
     WHERE m.id = ANY($1::text[]) AND m.id = k.id AND m.status = 'sending' AND m.attempts = k.attempts AND m.handed_at IS NULL RETURNING m.id`,
    [ms.map((m) => m.id), ms.map((m) => m.attempts), now]);
  const handed = new Set(rows.map((r) => r.id));
  return ms.map((m) => handed.has(m.id));
}

/**
 * Records sent messages in one transaction: their state and content, their actions sent, the contacts the caps count
 * (the agent's answers to a debtor's own message as solicited), the audit entries.
 */
export async function recordSentMany(db: Db, records: readonly SentRecord[], now: Date): Promise<void> {
  if (records.length === 0) return;
  const state = (r: SentRecord) => (r.receipt.state === 'delivered' || r.receipt.state === 'read' ? r.receipt.state : 'sent');
  await db.transaction(async (tx) => {
    await tx.query(
      `UPDATE messages m SET status = v.status, provider = v.provider, provider_message_id = v.provider_message_id, address = v.address,
         content = v.content::jsonb, sent_at = $1, updated_at = $1, cost_micros = v.cost_micros, cost_currency = v.cost_currency
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::text[])
         AS v(id, status, provider, provider_message_id, address, content, cost_micros, cost_currency)
       WHERE m.id = ANY($2::text[]) AND m.id = v.id`,
      [now, records.map((r) => r.message.id), records.map(state), records.map((r) => r.receipt.provider), records.map((r) => r.receipt.providerMessageId),
        records.map((r) => r.address), records.map((r) => JSON.stringify(r.rendered)), records.map((r) => r.cost?.micros ?? null),
        records.map((r) => r.cost?.currency ?? null)]);
    for (const r of records) if (r.receipt.state === 'delivered') await emitMessageEvent(tx, r.message.id, 'message.delivered', now);
    await tx.query(
      `UPDATE actions a SET status = 'sent', updated_at = $1 FROM unnest($2::text[], $3::text[]) AS k(org_id, id)
       WHERE a.id = ANY($3::text[]) AND a.org_id = k.org_id AND a.id = k.id AND a.status = 'planned'`,
      [now, records.map((r) => r.message.org_id), records.map((r) => r.message.action_id)]);
    const byOrg = new Map<string, SentRecord[]>();
    for (const r of records) byOrg.set(r.message.org_id, [...(byOrg.get(r.message.org_id) ?? []), r]);
    for (const [orgId, rs] of byOrg) {
      await recordContacts(tx, orgId, rs.map((r) => ({ customerId: r.message.customer_id, at: now, channel: r.message.channel, direction: 'outbound' as const,
        outcome: 'delivered' as const, address: r.address, solicited: r.message.template === AGENT_TEMPLATE })));
      await recordAuditBatch(tx, orgId, rs.map((r) => ({ actor: 'dispatcher', action: 'message.sent', entity: 'customer', entityId: r.message.customer_id,
        data: { message: r.message.id, channel: r.message.channel, template: r.message.template, provider: r.receipt.provider } })), now);
    }
  });
}

/**
 * What one dispatch pass writes through: `handed` is awaited before each provider call and `sent` after it, so a sender
 * takes its next message only once its last is recorded (a crash leaves at most `concurrency` sends uncertain), while
 * the senders' marks and records share statements.
 */
export interface DispatchWriters { handed: Coalescer<MessageRow, boolean>; sent: Coalescer<SentRecord, void>; drain(): Promise<void> }

export function dispatchWriters(db: Db, now: Date): DispatchWriters {
  const handed = coalescer<MessageRow, boolean>((ms) => markHandedMany(db, ms, now));
  const sent = coalescer<SentRecord, void>(async (rs) => { await recordSentMany(db, rs, now); return rs.map(() => undefined); });
  return { handed, sent, drain: async () => { await handed.drain(); await sent.drain(); } };
}
