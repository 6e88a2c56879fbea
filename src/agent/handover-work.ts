// Working a handover: the conversation as the person reads it (what the debtor wrote, what the agent read and answered,
// what people answered), taking it, answering in one's own words (queued in the outbox; the dispatcher gates it at send
// time as it does a one-off message), and handing the conversation back to the agent (the task is completed).
import type { Queryable } from '../db/index.ts';
import { dateInZone, fail, newId, ok, type Result } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { redactCardNumbers } from '../channels/index.ts';
import { matchLanguage } from '../messaging/index.ts';
import type { HandoverRow } from './handover.ts';
import { queueAgentReply } from './outbox.ts';
import { conversationOf, type ConversationLine } from './conversation.ts';
import { writeChatAnswer } from './chat-answer.ts';
import { CHAT_CHANNEL } from './chat-words.ts';
import type { AgentLanguage } from './types.ts';

export interface HandoverDetail extends HandoverRow { assigned_to: string | null; channel: string; conversation: ConversationLine[] }

async function handoverRow(q: Queryable, orgId: string, id: string): Promise<(HandoverRow & { assigned_to: string | null; channel: string }) | null> {
  const [row] = await q.query<HandoverRow & { assigned_to: string | null; channel: string }>(
    `SELECT h.id, h.customer_id, c.name AS customer_name, h.case_id, h.turn_id, h.task_id, h.reason, h.summary, h.details,
       COALESCE(t.status, 'open') AS status, COALESCE(t.priority, 'normal') AS priority, h.created_at, t.assigned_to, a.channel
     FROM agent_handovers h JOIN customers c ON c.org_id = h.org_id AND c.id = h.customer_id
     JOIN agent_turns a ON a.org_id = h.org_id AND a.id = h.turn_id
     LEFT JOIN tasks t ON t.org_id = h.org_id AND t.id = h.task_id WHERE h.org_id = $1 AND h.id = $2`, [orgId, id]);
  return row ?? null;
}

export async function handoverDetail(q: Queryable, orgId: string, id: string): Promise<Result<HandoverDetail>> {
  const h = await handoverRow(q, orgId, id);
  if (!h) return fail('NOT_FOUND', `no handover ${id}`, 'id');
  return ok({ ...h, conversation: await conversationOf(q, orgId, h.customer_id) });
}

/** Gives the handover's task to the person asking. */
export async function takeHandover(q: Queryable, orgId: string, actor: string, userId: string | null, id: string, now: Date): Promise<Result<HandoverDetail>> {
  if (!userId) return fail('VALIDATION_FAILED', 'only a signed-in user can take a handover (an API key has no worklist)', 'user');
  const h = await handoverRow(q, orgId, id);
  if (!h) return fail('NOT_FOUND', `no handover ${id}`, 'id');
  if (h.status !== 'open') return fail('INVALID_STATE', `handover ${id} is ${h.status}`, 'id');
  await q.query('UPDATE tasks SET assigned_to = $3 WHERE org_id = $1 AND id = $2', [orgId, h.task_id, userId]);
  await recordAudit(q, { orgId, actor, action: 'agent.handover_taken', entity: 'customer', entityId: h.customer_id, data: { handover: id, task: h.task_id } }, now);
  return handoverDetail(q, orgId, id);
}

/**
 * A person's answer on the channel the debtor wrote on, queued as the agent's answers are (the dispatcher gates it when it
 * is due, with its hours, caps, opt-outs and disputes) but marked as written by a person, so it is not weighed as the AI's.
 */
export async function replyToHandover(q: Queryable, orgId: string, actor: string, id: string, text: string, now: Date): Promise<Result<{ message_id: string }>> {
  const words = redactCardNumbers(text.trim());
  if (words.length === 0) return fail('VALIDATION_FAILED', 'text: write the answer', 'text');
  if (words.length > 1000) return fail('VALIDATION_FAILED', 'text: at most 1000 characters', 'text');
  const h = await handoverRow(q, orgId, id);
  if (!h) return fail('NOT_FOUND', `no handover ${id}`, 'id');
  const [c] = await q.query<{ id: string | null; cycle: number | null; timezone: string; language: string | null }>(
    `SELECT k.id, k.cycle, COALESCE(cu.timezone, o.default_timezone, 'UTC') AS timezone, cu.language
     FROM customers cu JOIN orgs o ON o.id = cu.org_id LEFT JOIN cases k ON k.org_id = cu.org_id AND k.customer_id = cu.id AND k.status = 'open'
     WHERE cu.org_id = $1 AND cu.id = $2 LIMIT 1`, [orgId, h.customer_id]);
  const language: AgentLanguage = (matchLanguage(c?.language ?? undefined) as AgentLanguage | null) ?? 'es';
  if (c && h.channel === CHAT_CHANNEL) {
    // the debtor wrote in the portal chat: the answer is shown there, where they read it, and no provider sends anything
    const answerId = await writeChatAnswer(q, orgId, { customerId: h.customer_id, turnId: h.turn_id, author: 'person', actor, language, text: words }, now);
    await recordAudit(q, { orgId, actor, action: 'agent.handover_answered', entity: 'customer', entityId: h.customer_id, data: { handover: id, chat_answer: answerId } }, now);
    return ok({ message_id: answerId });
  }
  if (!c?.id || c.cycle === null) return fail('INVALID_STATE', 'the customer has no open case to answer about', 'id');
  if (h.channel === 'voice') return fail('VALIDATION_FAILED', 'the debtor called: answer by calling back', 'channel');
  const turn = newId('agentTurn', now.getTime());
  const messageId = await queueAgentReply(q, orgId, { turnId: `${h.turn_id}:person:${turn}`, customerId: h.customer_id, caseId: c.id, cycle: c.cycle,
    channel: h.channel, address: null, invoiceIds: [], today: dateInZone(now, c.timezone),
    spec: { turn: h.turn_id, language, text: words, kind: 'reply', tags: [], by: 'person' } }, now);
  await recordAudit(q, { orgId, actor, action: 'agent.handover_answered', entity: 'customer', entityId: h.customer_id, data: { handover: id, message: messageId } }, now);
  return ok({ message_id: messageId });
}

/** Gives the conversation back to the agent: the handover's task is done, so the agent answers the debtor's next reply. */
export async function handBack(q: Queryable, orgId: string, actor: string, id: string, note: string | null, now: Date): Promise<Result<HandoverDetail>> {
  const h = await handoverRow(q, orgId, id);
  if (!h) return fail('NOT_FOUND', `no handover ${id}`, 'id');
  if (h.status !== 'open') return fail('INVALID_STATE', `handover ${id} is ${h.status}`, 'id');
  await q.query(`UPDATE tasks SET status = 'done', outcome = $3, completed_at = $4, completed_by = $5 WHERE org_id = $1 AND id = $2`,
    [orgId, h.task_id, `handed back to the agent${note ? `: ${note}` : ''}`.slice(0, 1000), now.toISOString(), actor]);
  await recordAudit(q, { orgId, actor, action: 'agent.handed_back', entity: 'customer', entityId: h.customer_id, data: { handover: id, task: h.task_id } }, now);
  return handoverDetail(q, orgId, id);
}
