// The debtor portal's chat with the agent: a message the debtor writes on the page is a reply on channel `portal` in the
// customer's conversation, read and decided by the same turn as an SMS or WhatsApp reply, and answered on the page (the
// answer is stored, not sent: the debtor is reading it there). A stop written in the chat is applied before the turn, in
// the transaction that records the message, as a provider's STOP is.
import type { Db, Queryable } from '../db/index.ts';
import { fail, newId, ok, type Result } from '../domain/index.ts';
import { redactCardNumbers } from '../channels/index.ts';
import type { LedgerChannel } from '../compliance/index.ts';
import { chatStopChannels, stopFromChat } from './chat-stop.ts';
import { writeChatAnswer } from './chat-answer.ts';
import { CHAT_CHANNEL } from './chat-words.ts';
import { handoverOpen } from './handover.ts';
import { getAgentSettings } from './settings.ts';
import { queueAgentTurn } from './turns.ts';
import { runTurn, type AgentRuntime } from './turn.ts';
import { sealerFor, storedCopy } from '../vault/index.ts';
import type { TurnRow } from './turn-state.ts';
import type { AgentLanguage } from './types.ts';

export const CHAT_MAX_LENGTH = 1000;

/** The debtor's own chat, through one portal link. */
export interface ChatParty { orgId: string; customerId: string; linkId: string }

export interface ChatLine { id: string; at: string; author: 'debtor' | 'agent' | 'person'; text: string; pay: boolean }

export interface ChatView {
  data: ChatLine[];
  /** The org has the agent on: it answers here. */
  agent: boolean;
  /** A person has the conversation (an open handover): they answer here, the agent does not. */
  with_person: boolean;
  /** A message of the debtor still waits for the agent's turn. */
  pending: boolean;
}

export interface ChatPosted extends ChatView { message: ChatLine; answers: ChatLine[]; stopped: LedgerChannel[] }

interface LineRow { id: string; at: string | Date; author: ChatLine['author']; text: string; pay: boolean }
const line = (r: LineRow): ChatLine => ({ id: r.id, at: new Date(r.at).toISOString(), author: r.author, text: r.text, pay: r.pay });

/** The chat as the debtor sees it: their portal messages and the answers, the last `limit`, newest last. */
export async function chatConversation(q: Queryable, orgId: string, customerId: string, limit = 100): Promise<ChatView> {
  const rows = await q.query<LineRow>(
    `SELECT id, at, author, text, pay FROM (
       SELECT i.id, i.received_at AS at, 'debtor' AS author, i.text, false AS pay, 0 AS rank FROM inbound_messages i
       WHERE i.org_id = $1 AND i.customer_id = $2 AND i.channel = $3
       UNION ALL
       SELECT a.id, a.created_at, a.author, a.text, a.pay, 1 FROM portal_chat_answers a WHERE a.org_id = $1 AND a.customer_id = $2
     ) x ORDER BY at DESC, rank DESC, id DESC LIMIT $4`, [orgId, customerId, CHAT_CHANNEL, limit]);
  const pending = await q.query(`SELECT 1 FROM agent_turns WHERE org_id = $1 AND customer_id = $2 AND channel = $3 AND status = 'pending' LIMIT 1`,
    [orgId, customerId, CHAT_CHANNEL]);
  return { data: rows.reverse().map(line), agent: (await getAgentSettings(q, orgId)).enabled, with_person: await handoverOpen(q, orgId, customerId),
    pending: pending.length > 0 };
}

/** Records the debtor's message (card numbers removed), applies a stop at once, and queues the agent's turn. */
async function recordChatMessage(tx: Queryable, p: ChatParty, text: string, now: Date) {
  const id = newId('inboundMessage', now.getTime());
  // the link it came through is stored as its sender, sealed bound to the message as every sender is when the org has encryption on
  const from = storedCopy(await sealerFor(tx, p.orgId), 'inbound_messages.from_address', id, `portal:${p.linkId}`);
  await tx.query(
    `INSERT INTO inbound_messages (id, org_id, customer_id, channel, provider, provider_message_id, from_address, text, received_at, created_at)
     VALUES ($1, $2, $3, $4, 'portal', $1, $5, $6, $7, $7)`, [id, p.orgId, p.customerId, CHAT_CHANNEL, from, text, now]);
  const channels = chatStopChannels(text);
  const stopped = channels ? await stopFromChat(tx, p.orgId, `portal:${p.linkId}`, p.customerId, channels, text, now) : [];
  const queued = await queueAgentTurn(tx, p.orgId, { inboundId: id, customerId: p.customerId, channel: CHAT_CHANNEL }, now);
  return { id, stopped, queued };
}

/**
 * The debtor's chat message: recorded, then the agent's turn run at once (it decides and acts in its own transaction, as
 * the worker's round would). When an earlier reply of the customer still waits, or the turn fails, the turn stays queued
 * for the worker's round and the answer shows in the chat when it is made.
 */
export async function postChatMessage(db: Db, p: ChatParty, text: string, rt: AgentRuntime, now: Date): Promise<Result<ChatPosted>> {
  const words = redactCardNumbers(text.trim());
  if (words.length === 0) return fail('VALIDATION_FAILED', 'text: write a message', 'text');
  if (words.length > CHAT_MAX_LENGTH) return fail('VALIDATION_FAILED', `text: at most ${CHAT_MAX_LENGTH} characters`, 'text');
  const recorded = await db.transaction((tx) => recordChatMessage(tx, p, words, now));
  if (recorded.queued) {
    const [turn] = await db.query<TurnRow>('SELECT id, inbound_id, customer_id, channel, attempts, created_at FROM agent_turns WHERE org_id = $1 AND inbound_id = $2',
      [p.orgId, recorded.id]);
    try {
      const outcome = turn ? await runTurn(db, p.orgId, turn, await getAgentSettings(db, p.orgId), rt, now) : 'gone';
      if (outcome === 'waiting' && turn) {
        await db.query('UPDATE agent_turns SET next_attempt_at = $3 WHERE org_id = $1 AND id = $2', [p.orgId, turn.id, new Date(now.getTime() + 30_000)]);
      }
    } catch (e) {
      // a bug in the turn: it stays queued, and the worker's round tries it again as it does any other
      if (turn) await db.query('UPDATE agent_turns SET attempts = attempts + 1, error = $3, next_attempt_at = $4 WHERE org_id = $1 AND id = $2',
        [p.orgId, turn.id, (e as Error).message.slice(0, 2000), new Date(now.getTime() + 30_000)]);
    }
  }
  const view = await chatConversation(db, p.orgId, p.customerId);
  const at = view.data.findIndex((l) => l.id === recorded.id);
  const message = view.data[at] ?? { id: recorded.id, at: now.toISOString(), author: 'debtor' as const, text: words, pay: false };
  return ok({ ...view, message, answers: at < 0 ? [] : view.data.slice(at + 1).filter((l) => l.author !== 'debtor'), stopped: recorded.stopped });
}
