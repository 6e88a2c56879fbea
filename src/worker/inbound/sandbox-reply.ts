// A reply played by hand through the built-in sandbox: what a debtor would have answered by SMS, WhatsApp or email to an
// org whose channel reaches nobody (the demo, development). It takes the provider's path from the inbox on: stored as an
// inbox event, applied like any reply (the conversation, STOP/START and refusals to the suppressions, the agent's turn),
// at once rather than at the worker's next round. Refused for a channel the org has a real provider on: there, replies
// come from the provider, signed.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/index.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { getCustomer } from '../../ledger/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { runAgentTurns, type AgentRuntime } from '../../agent/index.ts';
import { adaptersFor, type Adapters } from '../adapters.ts';
import { addressFor } from '../context.ts';
import { processOne } from './process.ts';
import { storeInbound } from './store.ts';

export const SANDBOX_REPLY_CHANNELS = ['sms', 'whatsapp', 'email'] as const;
export type SandboxReplyChannel = (typeof SANDBOX_REPLY_CHANNELS)[number];

export interface SandboxReply { customer: string; channel: SandboxReplyChannel; text: string }

export interface SandboxReplyResult {
  inbox_event_id: string;
  /** What applying it did: processed, or waiting / failed with the inbox's note. */
  status: 'processed' | 'waiting' | 'failed' | 'skipped';
  note: string | null;
  inbound_message_id: string | null;
  from: string;
  /** The agent's answers queued for this customer by the turn (sent through the gate by the dispatcher). */
  answers: number;
}

export async function playSandboxReply(db: Db, orgId: string, actor: string, adapters: Adapters, r: SandboxReply, now: Date,
  agent: AgentRuntime = {}): Promise<Result<SandboxReplyResult>> {
  const text = r.text.trim();
  if (!text) return fail('VALIDATION_FAILED', 'the reply has no text', 'text');
  const adapter = (await adaptersFor(adapters, orgId))[r.channel];
  if (adapter.provider !== 'sandbox') {
    return fail('INVALID_STATE', `${r.channel} goes through ${adapter.provider} for this org: replies come from the provider's webhook`, 'channel');
  }
  const customer = await getCustomer(db, orgId, r.customer);
  if (!customer.ok) return fail('NOT_FOUND', `no customer ${r.customer}`, 'customer_id');
  const from = addressFor(customer.value, r.channel);
  if (!from) return fail('VALIDATION_FAILED', `customer ${r.customer} has no ${r.channel} address`, 'channel');
  const eventId = `sbx_${now.getTime().toString(36)}_${randomBytes(6).toString('hex')}`;
  const body = Buffer.from(JSON.stringify({ channel: r.channel, from, text }));
  const stored = await storeInbound(db, orgId, 'sandbox', { method: 'POST', url: '/v1/sandbox/replies', headers: { 'content-type': 'application/json' }, body }, [{
    type: 'reply', provider: 'sandbox', eventId, channel: r.channel, providerMessageId: eventId, from, to: 'sandbox', text, at: now,
  }], undefined, now);
  if (!stored.ok) return fail('CONFLICT', stored.message, 'text');
  const [row] = await db.query<{ id: string }>('SELECT id FROM inbox_events WHERE org_id = $1 AND provider = $2 AND event_id = $3', [orgId, 'sandbox', `${orgId}/${eventId}`]);
  if (!row) return fail('NOT_FOUND', 'the played reply was not stored', 'text');
  await recordAudit(db, { orgId, actor, action: 'sandbox.reply_played', entity: 'customer', entityId: customer.value.id, data: { channel: r.channel, inbox_event_id: row.id } });
  const status = await processOne(db, orgId, row.id, now);
  const [after] = await db.query<{ error: string | null }>('SELECT error FROM inbox_events WHERE id = $1', [row.id]);
  const [inbound] = await db.query<{ id: string }>('SELECT id FROM inbound_messages WHERE org_id = $1 AND inbox_event_id = $2', [orgId, row.id]);
  const before = await answersCount(db, orgId, customer.value.id);
  if (inbound) await runAgentTurns(db, orgId, now, agent, 200, customer.value.id);
  return ok({ inbox_event_id: row.id, status, note: after?.error ?? null, inbound_message_id: inbound?.id ?? null, from,
    answers: (await answersCount(db, orgId, customer.value.id)) - before });
}

async function answersCount(db: Db, orgId: string, customerId: string): Promise<number> {
  const [r] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages WHERE org_id = $1 AND customer_id = $2`, [orgId, customerId]);
  return r?.n ?? 0;
}
