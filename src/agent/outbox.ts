// The agent's replies in the outbox: each is a message row the dispatcher claims, gates and sends like any other, with
// an action row of its own (the outbox's messages belong to actions). The action is written done, so re-planning the case
// after a promise or dispute cannot cancel the answer that confirms it; the gate is what holds a reply back. The engine
// exports no command for an outbox row outside a strategy step, so the rows are written here, in its columns.
import type { Queryable } from '../db/index.ts';
import { sealerFor, storedCopy } from '../vault/index.ts';
import { newId, type CalendarDate } from '../domain/index.ts';
import type { Purpose, PurposeTag } from '../compliance/index.ts';
import type { AgentLanguage } from './types.ts';

/** The template name the dispatcher knows an agent reply by. */
export const AGENT_TEMPLATE = 'agent-reply';

/** What a queued reply holds until it is sent (then the message's content is the message as rendered). */
export interface AgentReplySpec {
  turn: string;
  language: AgentLanguage;
  text: string;
  kind: 'reply' | 'confirmation';
  tags: PurposeTag[];
  /**
   * Written by a person working a handover, or by cobro itself (a call's one-time code), rather than by the agent (the gate
   * then weighs it as no AI's).
   */
  by?: 'person' | 'cobro';
}

export interface QueuedReply {
  turnId: string; customerId: string; caseId: string; cycle: number; channel: string;
  /** Only when it is not the customer's own address on the channel (the gate asks whether the debtor gave it). */
  address: string | null;
  invoiceIds: string[];
  today: CalendarDate;
  spec: AgentReplySpec;
  /** The action's idempotency key (`agent:{turnId}` by default), its reason and payload. */
  key?: string;
  reason?: string;
  payload?: Record<string, unknown>;
}

/**
 * A message outside a strategy step (an agent reply, a portal confirmation): its action is written done, so re-planning
 * the case cannot cancel it, and the message is due now; the dispatcher gates, renders and sends it like any other.
 */
export interface DoneMessage {
  /** The action's idempotency key: one message per key. */
  key: string;
  strategyId: string; stepId: string; customerId: string; caseId: string; cycle: number; channel: string;
  /** Only when it is not the customer's own address on the channel. */
  address: string | null;
  template: string; reason: string; invoiceIds: string[]; today: CalendarDate;
  payload: Record<string, unknown>;
  /** What the message holds until it is sent (then its content is the message as rendered). */
  content: Record<string, unknown>;
}

/** Writes the action and its message; returns the message's id, or null (nothing written) when the key's action exists. */
export async function queueDoneMessage(q: Queryable, orgId: string, r: DoneMessage, now: Date): Promise<string | null> {
  const actionId = newId('action', now.getTime());
  const [action] = await q.query<{ id: string }>(
    `INSERT INTO actions (id, org_id, case_id, customer_id, idempotency_key, strategy_id, strategy_version, step_id, cycle, kind, channels,
       template, tone, scheduled_for, status, reason, plan_reason, invoice_ids, payload, event_seq, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $14, 0, $15, $6, 'send', $7, $8, 'neutral', $9, 'sent', $10, $10, $11, $13::jsonb, NULL, $12, $12)
     ON CONFLICT (org_id, idempotency_key) DO NOTHING RETURNING id`,
    [actionId, orgId, r.caseId, r.customerId, r.key, r.cycle, [r.channel], r.template, r.today, r.reason, r.invoiceIds, now,
      JSON.stringify(r.payload), r.strategyId, r.stepId]);
  if (!action) return null;
  const messageId = newId('message', now.getTime());
  await q.query(
    `INSERT INTO messages (id, org_id, action_id, case_id, customer_id, channel, template, tone, address, status, reason, next_attempt_at, content, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'neutral', $8, 'queued', $9, $10, $11::jsonb, $10, $10)`,
    [messageId, orgId, actionId, r.caseId, r.customerId, r.channel, r.template, storedCopy(r.address ? await sealerFor(q, orgId) : null, 'messages.address', messageId, r.address), r.reason, now,
      JSON.stringify(r.content)]);
  return messageId;
}

/** Queues the reply (due now); returns the message's id. One per turn. */
export async function queueAgentReply(q: Queryable, orgId: string, r: QueuedReply, now: Date): Promise<string> {
  const key = r.key ?? `agent:${r.turnId}`;
  const id = await queueDoneMessage(q, orgId, { key, strategyId: 'agent', stepId: 'agent-reply', customerId: r.customerId, caseId: r.caseId, cycle: r.cycle,
    channel: r.channel, address: r.address, template: AGENT_TEMPLATE, reason: r.reason ?? `the agent answers the debtor's ${r.channel} reply (turn ${r.turnId})`,
    invoiceIds: r.invoiceIds, today: r.today, payload: r.payload ?? {}, content: { agent: r.spec } }, now);
  if (!id) throw new Error(`an agent reply with the key ${key} is already queued`);
  return id;
}

export interface AgentReply {
  spec: AgentReplySpec;
  /** WhatsApp's 24-hour window after the debtor's last message is open now: free text may go, else an approved template. */
  whatsappOpen: boolean;
  purpose: Purpose;
}

const WINDOW_MS = 24 * 3_600_000;

/**
 * The agent replies among claimed messages, by message id, with the purpose the gate weighs them by: an answer to the
 * debtor's own message (or a confirmation), written by the AI agent and saying so. Nothing is read when none is one.
 */
export async function agentReplies(q: Queryable, ms: readonly { id: string; template: string | null }[], now: Date): Promise<Map<string, AgentReply>> {
  const ids = ms.filter((m) => m.template === AGENT_TEMPLATE).map((m) => m.id);
  const out = new Map<string, AgentReply>();
  if (ids.length === 0) return out;
  const rows = await q.query<{ id: string; spec: AgentReplySpec | null; last: string | null }>(
    `SELECT m.id, m.content->'agent' AS spec,
       (SELECT max(i.received_at) FROM inbound_messages i WHERE i.org_id = m.org_id AND i.customer_id = m.customer_id AND i.channel = 'whatsapp') AS last
     FROM messages m WHERE m.id = ANY($1::text[])`, [ids]);
  for (const r of rows) {
    if (!r.spec) continue;
    const whatsappOpen = r.last !== null && now.getTime() - new Date(r.last).getTime() <= WINDOW_MS;
    out.set(r.id, { spec: r.spec, whatsappOpen, purpose: {
      kind: r.spec.kind, tags: r.spec.tags, whatsappFormat: whatsappOpen ? 'free_form' : 'template', aiAgent: r.spec.by === undefined, disclosesAi: r.spec.by === undefined,
    } });
  }
  return out;
}
