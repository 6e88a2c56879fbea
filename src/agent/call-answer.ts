// The agent's answer to what a debtor said on a call: words to speak in the same call (recorded on the turn, returned as
// TwiML by the gather webhook), short and without links. A link goes by SMS, queued in the outbox where the gate weighs
// it like any message, and the words say what it decided (sent now, sent when it next allows, said as a weekday and time
// in the debtor's zone, or not sent and what the debtor can do instead). The first spoken turn of a call opens with the automated-assistant
// disclosure; a handover puts the call through to the org's agent number, or says a person will call back. On a call
// the debtor made, the written answer goes by SMS to the number on file and is not said.
import type { Queryable } from '../db/index.ts';
import { checkContact } from '../compliance/index.ts';
import { queueAgentReply } from './outbox.ts';
import type { Decision } from './policy-types.ts';
import { disclosureOf, replyLocale, writeReply } from './replies/index.ts';
import { SPOKEN, speakable, type SpokenTexts } from './replies/spoken.ts';
import { weekdayAndTime } from '../messaging/index.ts';
import type { Customer, Reply, TurnRow, TurnState } from './turn-state.ts';
import type { AgentLanguage, Understanding } from './types.ts';

/**
 * Speech recognised with less confidence than this counts as not understood (asked again, then a person), by default: the
 * org's call settings may change it (`speech_threshold`).
 */
export const HEARD_AT = 0.5;

/** What the call does after the words: listen for more, end, or put the debtor through to a person. */
export type CallNext = 'listen' | 'hangup' | 'dial';

/** The spoken answer as kept on the turn (`agent_turns.spoken`). */
export interface Spoken { text: string; language: AgentLanguage; locale: string; next: CallNext }

/**
 * The call the reply was said on: the org's number for people (Twilio settings' agent_number), when it has one, and
 * whether the debtor made it (`unverified`: caller ID can be spoofed, so the answer is not said but sent to the number on file).
 */
export interface CallRuntime { agentNumber?: string; unverified?: boolean }

export interface CallAnswered { messageId: string | null; note: string | null; spoken: Spoken }

/** The recognition's confidence when it is under `threshold` (a written reply, or one heard well, gives null). */
export function misheard(reply: Reply, threshold: number = HEARD_AT): { confidence: number; threshold: number } | null {
  const c = reply.speech_confidence;
  return reply.channel === 'voice' && c !== null && c !== undefined && Number(c) < threshold ? { confidence: Number(c), threshold } : null;
}

/** No earlier turn of this call has spoken (the call is the provider's call id before ":speech:" in the reply's id). */
async function firstOnCall(q: Queryable, orgId: string, t: TurnRow): Promise<boolean> {
  const rows = await q.query(
    `SELECT 1 FROM agent_turns a JOIN inbound_messages i ON i.org_id = a.org_id AND i.id = a.inbound_id
       JOIN inbound_messages me ON me.org_id = a.org_id AND me.id = $2
     WHERE a.org_id = $1 AND a.customer_id = $3 AND a.id <> $4 AND a.spoken IS NOT NULL
       AND split_part(i.provider_message_id, ':speech:', 1) = split_part(me.provider_message_id, ':speech:', 1) LIMIT 1`,
    [orgId, t.inbound_id, t.customer_id, t.id]);
  return rows.length === 0;
}

interface CallFacts { t: TurnRow; reply: Reply; customer: Customer; understanding: Understanding; state: TurnState; call: CallRuntime }

/** What became of the SMS: queued (`later`: the instant the gate defers it to), or not (`messageId` null). */
interface SmsQueued { messageId: string | null; note: string; later?: Date }

/** Queues the written answer (the link in it) as an SMS to the debtor's phone, unless the gate blocks an SMS now. */
async function linkBySms(q: Queryable, orgId: string, f: CallFacts, d: Decision, language: AgentLanguage, locale: string, company: string, now: Date)
  : Promise<SmsQueued> {
  const plan = d.reply!;
  const s = f.state;
  if (!s.caseRow) return { messageId: null, note: 'no open case: the link was not sent by SMS' };
  const own = f.call.unverified === true || f.customer.phone === f.reply.from_address;
  const gate = await checkContact(q, orgId, { customerId: f.customer.id, channel: 'sms', ...(own ? {} : { address: f.reply.from_address }),
    purpose: { kind: plan.kind, tags: plan.tags, aiAgent: true, disclosesAi: true } }, now);
  if (!gate.ok || gate.value.kind === 'block') {
    return { messageId: null, note: `the link by SMS is held back: ${gate.ok && gate.value.kind === 'block' ? `the gate blocks it (${gate.value.reason.code})` : 'the gate could not decide'}` };
  }
  const text = writeReply(plan, { language, locale, company, currency: s.owed?.currency ?? 'USD', first: true, short: true });
  const messageId = await queueAgentReply(q, orgId, { turnId: f.t.id, customerId: f.customer.id, caseId: s.caseRow.id, cycle: s.caseRow.cycle, channel: 'sms',
    address: own ? null : f.reply.from_address, invoiceIds: plan.withInvoices ? s.owed?.invoiceIds ?? [] : [], today: s.today,
    spec: { turn: f.t.id, language, kind: plan.kind, tags: plan.tags, text } }, now);
  if (gate.value.kind === 'defer') return { messageId, note: `link by SMS queued, deferred by the gate (${gate.value.reason.code})`, later: gate.value.until };
  return { messageId, note: 'link queued by SMS' };
}

/** The words for the SMS as the gate decided it: sent now, sent later (when, in the debtor's zone and locale), or not sent. */
function smsSaid(sms: SmsQueued, w: SpokenTexts, kind: 'link' | 'answer', locale: string, timeZone: string, now: Date): string {
  if (!sms.messageId) return kind === 'link' ? w.linkHeld : w.answerHeld;
  if (!sms.later) return kind === 'link' ? w.linkSent : w.answerSent;
  const when = weekdayAndTime(sms.later, locale, timeZone, now);
  return kind === 'link' ? w.linkLater(when) : w.answerLater(when);
}

/** The words for a decision with no written answer of its own, or one that ends or hands over the call. */
function ending(f: CallFacts, d: Decision, language: AgentLanguage): { text: string; next: CallNext } | null {
  const w = SPOKEN[language];
  const handover = d.effects.some((e) => e.kind === 'handover') || d.action === 'held_for_person';
  if (handover) {
    const care = d.reply?.key === 'handover_care' ? `${w.care} ` : '';
    return f.call.agentNumber ? { text: `${care}${w.transfer}`, next: 'dial' } : { text: `${care}${w.callBack}`, next: 'hangup' };
  }
  if (d.action === 'opt_out_applied' || (d.action === 'keyword_applied' && f.understanding.optOut.kind === 'opt_out')) return { text: w.stopped, next: 'hangup' };
  if (d.action === 'wrong_person_flagged') return { text: w.wrongPerson, next: 'hangup' };
  if (!d.reply) return { text: w.goodbye, next: 'hangup' };
  return null;
}

/** The spoken answer, and the SMS with the link when the answer holds one. */
export async function answerOnCall(q: Queryable, orgId: string, f: CallFacts, d: Decision, now: Date): Promise<CallAnswered> {
  const language = f.understanding.language;
  const locale = replyLocale(language, f.customer.country);
  const company = f.customer.org_name.replace(/[{}]/g, '');
  const intro = (await firstOnCall(q, orgId, f.t)) ? SPOKEN[language].intro(company) : '';
  const spoken = (text: string, next: CallNext): Spoken => ({ text: [intro, text].map((x) => x.trim()).filter(Boolean).join(' '), language, locale, next });
  const ends = ending(f, d, language);
  if (ends) return { messageId: null, note: null, spoken: spoken(ends.text, ends.next) };
  const plan = d.reply!;
  const written = writeReply(plan, { language, locale, company, currency: f.state.owed?.currency ?? 'USD', first: false });
  if (f.call.unverified) {
    // a call the debtor made: nothing about the debt is said to whoever holds the line; the answer goes to the number on file
    const sms = await linkBySms(q, orgId, f, d, language, locale, company, now);
    return { messageId: sms.messageId, note: sms.note, spoken: spoken(smsSaid(sms, SPOKEN[language], 'answer', locale, f.customer.timezone, now), 'listen') };
  }
  const said = speakable(written, language, disclosureOf(language, company).signoff);
  if (!said.linked) return { messageId: null, note: null, spoken: spoken(said.text, 'listen') };
  const sms = await linkBySms(q, orgId, f, d, language, locale, company, now);
  const text = [said.text, smsSaid(sms, SPOKEN[language], 'link', locale, f.customer.timezone, now)].filter(Boolean).join(' ');
  return { messageId: sms.messageId, note: sms.note, spoken: spoken(text, 'listen') };
}
