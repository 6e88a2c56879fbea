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
import { chatCursorText, latestChatLines, shownLine } from './chat-lines.ts';
import { handoverOpen } from './handover.ts';
import { getAgentSettings } from './settings.ts';
import { queueAgentTurn } from './turns.ts';
import { runTurn, type AgentRuntime } from './turn.ts';
import { sealerFor, storedCopy } from '../vault/index.ts';
import type { TurnRow } from './turn-state.ts';
import type { AgentLanguage } from './types.ts';

export const CHAT_MAX_LENGTH = 1000;
/** The lines the chat shows (the newest). */
export const CHAT_LINES_SHOWN = 100;

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
  /** Where the chat's stream takes up after these lines (its Last-Event-ID), or null while the chat is empty. */
  cursor: string | null;
}

export type ChatFlags = Pick<ChatView, 'agent' | 'with_person' | 'pending'>;

export interface ChatPosted extends ChatView { message: ChatLine; answers: ChatLine[]; stopped: LedgerChannel[] }

/** Whether the agent answers here, a person has the conversation, a message waits for the agent's turn. */
export async function chatFlags(q: Queryable, orgId: string, customerId: string): Promise<ChatFlags> {
  const pending = await q.query(`SELECT 1 FROM agent_turns WHERE org_id = $1 AND customer_id = $2 AND channel = $3 AND status = 'pending' LIMIT 1`,
    [orgId, customerId, CHAT_CHANNEL]);
  return { agent: (await getAgentSettings(q, orgId)).enabled, with_person: await handoverOpen(q, orgId, customerId), pending: pending.length > 0 };
}

/** The chat as the debtor sees it: their portal messages and the answers, the last `limit`, in the order recorded. */
export async function chatConversation(q: Queryable, orgId: string, customerId: string, limit = CHAT_LINES_SHOWN): Promise<ChatView> {
  const { lines, cursor } = await latestChatLines(q, orgId, customerId, limit);
  return { data: lines.map(shownLine), ...await chatFlags(q, orgId, customerId), cursor: lines.length > 0 ? chatCursorText(cursor) : null };
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
