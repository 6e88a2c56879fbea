// The agent's answer to a portal chat message: written in the debtor's language like any answer (the disclosure first),
// stored for the page rather than queued for a provider (the debtor is reading the page, so no contact goes out and the
// gate has nothing to weigh), with the payment link shown as the page's pay button.
import type { Queryable } from '../db/index.ts';
import { newId } from '../domain/index.ts';
import { redactCardNumbers } from '../channels/index.ts';
import { chatNotice } from './chat-words.ts';
import type { Decision, PastTurn } from './policy-types.ts';
import { disclosureOf, replyLocale, writeReply } from './replies/index.ts';
import type { Read } from './turn.ts';
import type { TurnRow, TurnState } from './turn-state.ts';
import type { AgentLanguage } from './types.ts';

/** The answer as the chat shows it: the links the renderer would fill become the page's pay button. */
export function chatText(text: string): { text: string; pay: boolean } {
  const pay = /\{\{(payment_link|portal_link)\}\}/.test(text);
  return { text: text.replace(/\s*\{\{(payment_link|portal_link)\}\}/g, '').trim(), pay };
}

/** Stores an answer shown in the chat; returns its id. */
export async function writeChatAnswer(q: Queryable, orgId: string, a: { customerId: string; turnId: string | null; author: 'agent' | 'person'; actor?: string;
  language: AgentLanguage; text: string }, now: Date): Promise<string> {
  const id = newId('chatAnswer', now.getTime());
  const shown = chatText(redactCardNumbers(a.text));
  await q.query(`INSERT INTO portal_chat_answers (id, org_id, customer_id, turn_id, author, actor, language, text, pay, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [id, orgId, a.customerId, a.turnId, a.author, a.actor ?? null, a.language, shown.text, shown.pay, now]);
  return id;
}

/** What the chat says where a provider's channel would get no answer: a stop applied, a START, a HELP. */
function withoutReply(r: Read, d: Decision): { text: string } | { reply: Decision['reply'] } | null {
  const o = r.understanding.optOut;
  if (d.action === 'opt_out_applied' || (d.action === 'keyword_applied' && o.kind === 'opt_out')) return { text: chatNotice(r.understanding.language, 'stopped') };
  if (d.action === 'keyword_applied' && o.kind === 'opt_in') return { text: chatNotice(r.understanding.language, 'allow_again') };
  if (d.action === 'keyword_applied' && o.kind === 'help') return { reply: { key: 'greeting', params: {}, kind: 'reply', tags: [], withInvoices: false } };
  return null;
}

/** Writes the turn's answer into the chat; returns its id, or null when the decision answers nothing (a person has it). */
export async function answerInChat(q: Queryable, orgId: string, t: TurnRow, r: Read, s: TurnState, d: Decision, now: Date): Promise<string | null> {
  const language = r.understanding.language as AgentLanguage;
  const company = r.customer.org_name.replace(/[{}]/g, '');
  const first = !s.history.some((p: PastTurn) => p.replied && p.channel === t.channel);
  const other = d.reply ? null : withoutReply(r, d);
  const plan = d.reply ?? (other && 'reply' in other ? other.reply : null);
  let text: string;
  if (plan) {
    const draft = writeReply(plan, { language, locale: replyLocale(language, r.customer.country), company, currency: s.owed?.currency ?? 'USD', first });
    const disclosure = disclosureOf(language, company);
    text = r.phrase ? (await r.phrase(draft, language, 'whatsapp', [first ? disclosure.intro : disclosure.signoff])).text : draft;
  } else if (other && 'text' in other) {
    const disclosure = disclosureOf(language, company);
    text = first ? `${disclosure.intro} ${other.text}` : `${other.text} ${disclosure.signoff}`;
  } else return null;
  return writeChatAnswer(q, orgId, { customerId: r.customer.id, turnId: t.id, author: 'agent', language, text }, now);
}
