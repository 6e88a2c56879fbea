// One turn of the agent: read the reply (built in, or through the optional LLM, before any transaction is opened), then in
// one transaction decide, act through the payments and compliance commands, write the answer into the outbox where the
// gate will weigh it, and record the decision (its row, the timeline's entry, the audit log).
import type { Db, Queryable } from '../db/index.ts';
import { dateInZone } from '../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { redactCardNumbers } from '../channels/index.ts';
import { checkContact, debtorNames, type ChannelKind, type LedgerChannel } from '../compliance/index.ts';
import { matchLanguage } from '../messaging/index.ts';
import { getCallSettings } from '../orgs/index.ts';
import { act, type AgentChannel } from './execute.ts';
import { answerInChat } from './chat-answer.ts';
import { CHAT_CHANNEL } from './chat-words.ts';
import { answerOnCall, misheard, type CallRuntime, type Spoken } from './call-answer.ts';
import { understandWithLlm, type LlmConfig } from './llm.ts';
import { phraseWithLlm, type Phrased } from './phrase.ts';
import { AGENT_TEMPLATE, queueAgentReply, type AgentReplySpec } from './outbox.ts';
import { decideTurn } from './policy.ts';
import { replyCase } from './reply-case.ts';
import type { Decision, PastTurn } from './policy-types.ts';
import { disclosureOf, replyLocale, writeReply } from './replies/index.ts';
import type { AgentSettings } from './settings.ts';
import { owedNow, readCustomer, readReply, turnState, type Customer, type Reply, type TurnRow, type TurnState } from './turn-state.ts';
import type { AgentLanguage, Understanding } from './types.ts';
import { understand } from './understand.ts';
import { fileVerdict, replyFiles } from './reply-files.ts';
import { wordsDecide } from './policy-files.ts';
import { openClaimOf } from './claims.ts';
import { linkClaimProof } from './claim-proof.ts';

export interface AgentRuntime {
  llm?: LlmConfig;
  /** The HTTP client the LLM is asked through (tests pass their own). */
  fetch?: typeof fetch;
  /** A reply said on a call being answered in the same call (the gather webhook). */
  call?: CallRuntime;
}

export interface Read {
  reply: Reply; customer: Customer; understanding: Understanding; llmError: string | null;
  /** Rewords an answer through the LLM when the deployment and the org allow it (facts checked; the draft on any doubt). */
  phrase?: (draft: string, language: AgentLanguage, channel: LedgerChannel, keep: readonly string[]) => Promise<Phrased>;
  call?: CallRuntime;
}

/** WhatsApp's customer-service window after the debtor's message. */
const WINDOW_MS = 24 * 3_600_000;
const GATE_CHANNEL: Readonly<Record<string, ChannelKind>> = { email: 'email', sms: 'sms', whatsapp: 'whatsapp', voice: 'call' };

/** Reads the reply into an understanding; the LLM, when it is configured and the org allows it, outside any transaction. */
export async function readTurn(db: Queryable, orgId: string, t: TurnRow, settings: AgentSettings, rt: AgentRuntime): Promise<Read | null> {
  const reply = await readReply(db, orgId, t.inbound_id);
  const customer = await readCustomer(db, orgId, t.customer_id);
  if (!reply || !customer) return null;
  const owed = await owedNow(db, orgId, customer.id);
  const language = matchLanguage(customer.language ?? undefined) ?? undefined;
  const at = new Date(reply.received_at);
  const text = redactCardNumbers(reply.text);
  const builtIn = understand(text, { now: at, timeZone: customer.timezone, ...(language ? { language } : {}), ...(owed ? { currency: owed.currency } : {}),
    channel: GATE_CHANNEL[reply.channel] ?? 'whatsapp', address: reply.from_address, debtorNames: await debtorNames(db, orgId, customer.id) });
  const llm = rt.llm;
  const call = rt.call ? { call: rt.call } : {};
  if (!llm || !settings.useLlm) return { reply, customer, understanding: builtIn, llmError: null, ...call };
  const r = await understandWithLlm(llm, builtIn, { today: dateInZone(at, customer.timezone), timeZone: customer.timezone,
    ...(owed ? { currency: owed.currency } : {}), ...(language ? { language } : {}) }, rt.fetch ?? fetch);
  const phrase: Read['phrase'] = (draft, lang, channel, keep) => (channel === 'voice' ? Promise.resolve({ text: draft, error: null })
    : phraseWithLlm(llm, draft, { language: lang, channel, keep }, rt.fetch ?? fetch));
  return { reply, customer, understanding: r.understanding, llmError: r.error, ...(llm.phrase ? { phrase } : {}), ...call };
}

/** The customer's own address on the channel, to tell whether the reply came from it. */
function ownAddress(c: Customer, channel: string): string | null {
  return channel === 'email' ? c.email?.toLowerCase() ?? null : channel === 'whatsapp' ? c.whatsapp ?? c.phone : c.phone;
}

interface Answered { messageId: string | null; note: string | null; spoken?: Spoken }

/** Writes the answer and queues it, unless the gate would block it now (an opt-out in the same second, a cease request ...). */
async function answer(q: Queryable, orgId: string, t: TurnRow, r: Read, s: TurnState, d: Decision, now: Date): Promise<Answered> {
  // the portal chat: the answer is shown on the page the debtor is reading, not sent on a channel
  if (r.reply.channel === CHAT_CHANNEL) return { messageId: await answerInChat(q, orgId, t, r, s, d, now), note: null };
  const plan = d.reply;
  if (!plan) return { messageId: null, note: null };
  if (!s.caseRow) return { messageId: null, note: 'no case to file the answer under: no answer queued' };
  const channel = r.reply.channel as LedgerChannel;
  const own = ownAddress(r.customer, channel);
  const address = own && own === (channel === 'email' ? r.reply.from_address.toLowerCase() : r.reply.from_address) ? null : r.reply.from_address;
  const gate = await checkContact(q, orgId, { customerId: r.customer.id, channel, ...(address ? { address } : {}),
    purpose: { kind: plan.kind, tags: plan.tags, aiAgent: true, disclosesAi: true,
      whatsappFormat: now.getTime() - Date.parse(r.reply.received_at) <= WINDOW_MS ? 'free_form' : 'template' } }, now);
  if (gate.ok && gate.value.kind === 'block') return { messageId: null, note: `answer held back: the gate blocks it (${gate.value.reason.code})` };
  const language = r.understanding.language as AgentLanguage;
  const first = !s.history.some((p: PastTurn) => p.replied && p.channel === channel);
  const company = r.customer.org_name.replace(/[{}]/g, '');
  const draft = writeReply(plan, { language, locale: replyLocale(language, r.customer.country), company, currency: s.owed?.currency ?? 'USD', first, short: channel === 'sms' });
  const disclosure = disclosureOf(language, company);
  const phrased = r.phrase ? await r.phrase(draft, language, channel, [first ? disclosure.intro : disclosure.signoff]) : { text: draft, error: null };
  const spec: AgentReplySpec = { turn: t.id, language, kind: plan.kind, tags: plan.tags, text: phrased.text };
  const messageId = await queueAgentReply(q, orgId, { turnId: t.id, customerId: r.customer.id, caseId: s.caseRow.id, cycle: s.caseRow.cycle, channel, address,
    invoiceIds: plan.withInvoices ? s.owed?.invoiceIds ?? [] : [], today: s.today, spec }, now);
  const notes = [gate.ok && gate.value.kind === 'defer' ? `answer deferred by the gate (${gate.value.reason.code})` : null,
    r.phrase ? (phrased.error ? `LLM wording not used: ${phrased.error}` : 'worded by the LLM') : null].filter(Boolean);
  return { messageId, note: notes.length ? notes.join('; ') : null };
}

export type TurnOutcome = 'decided' | 'waiting' | 'gone';

/** Decides and acts on one turn in the caller's transaction. */
export async function decideAndAct(tx: Queryable, orgId: string, t: TurnRow, r: Read, settings: AgentSettings, now: Date): Promise<TurnOutcome> {
  const [locked] = await tx.query<{ status: string }>('SELECT status FROM agent_turns WHERE org_id = $1 AND id = $2 FOR UPDATE', [orgId, t.id]);
  if (locked?.status !== 'pending') return 'gone';
  // a conversation is answered in order: an earlier reply of the customer still waiting holds this one back
  const earlier = await tx.query(`SELECT 1 FROM agent_turns WHERE org_id = $1 AND customer_id = $2 AND status = 'pending' AND (created_at, id) < ($3::timestamptz, $4) LIMIT 1`,
    [orgId, t.customer_id, t.created_at, t.id]);
  if (earlier.length > 0) return 'waiting';
  // a receipt's photo or PDF the words leave to decide: the turn waits (a little) for the worker to fetch it, so the answer
  // says what was received (reply-files.ts)
  const files = await replyFiles(tx, orgId, t.inbound_id);
  const verdict = fileVerdict(files, new Date(r.reply.received_at), now);
  if (verdict?.kind === 'wait' && !wordsDecide(r.understanding)) return 'waiting';
  const s = await turnState(tx, orgId, r.customer, t.id, now);
  const u = r.understanding;
  const fileFacts = { files: verdict ? { verdict, claimOpen: (await openClaimOf(tx, orgId, r.customer.id)) !== null } : null, caseOpen: s.caseRow !== null };
  // speech is weighed against the org's call settings' confidence (0.5 by default)
  const heardAt = r.reply.channel === 'voice' ? (await getCallSettings(tx, orgId)).speechThreshold : undefined;
  const decided = decideTurn({ understanding: u, today: s.today, owed: s.owed, limits: s.limits, threshold: settings.confidenceThreshold, history: s.history,
    activePlan: s.activePlan, extensionsUsed: s.extensionsUsed, handoverOpen: s.handoverOpen, disputedOpen: s.disputedOpen, misheard: misheard(r.reply, heardAt), dueOn: s.dueOn, ...fileFacts }, now);
  // nothing overdue (no open case): what it answers, claims or hands over is filed under the customer's case, kept closed
  const filed = s.caseRow ?? (decided.reply || decided.effects.length ? await replyCase(tx, orgId, r.customer.id, now) : null);
  const state: TurnState = filed ? { ...s, caseRow: { id: filed.id, cycle: filed.cycle } } : s;
  const caseId = state.caseRow?.id ?? null;
  const { decision, acted } = await act(tx, { orgId, customerId: r.customer.id, caseId, turnId: t.id, channel: r.reply.channel as AgentChannel,
    from: r.reply.from_address, text: u.text, facts: { customer: { id: r.customer.id, name: r.customer.name, externalId: r.customer.external_id },
      caseId, turnId: t.id, channel: r.reply.channel, understanding: u, history: s.history, owed: s.owed, pendingPromise: s.pendingPromise,
      today: s.today } }, decided, now);
  // the reply's files already fetched tied to the claim just opened or already open, named on its verification task (files
  // still being fetched are tied by the worker's fetch round, as before)
  if (verdict && verdict.kind !== 'wait') await linkClaimProof(tx, orgId, now);
  const made = { ...(acted.reference ? { reference: acted.reference } : {}), ...(acted.holdUntil && decision.reply?.key === 'receipt_received' ? { date: acted.holdUntil } : {}) };
  const withRef = decision.reply && Object.keys(made).length ? { ...decision, reply: { ...decision.reply, params: { ...decision.reply.params, ...made } } } : decision;
  // a file that decided is recorded as what the reply was taken as (intent, confidence, read by `file`)
  const read = decision.read ?? { intent: u.intent, confidence: u.confidence, by: u.decidedBy };
  // said on a call: the answer is spoken in the same call (a link in it goes by SMS through the gate)
  const answered: Answered = r.reply.channel === 'voice'
    ? await answerOnCall(tx, orgId, { t, reply: r.reply, customer: r.customer, understanding: u, state, call: r.call ?? {} }, withRef, now)
    : await answer(tx, orgId, t, r, state, withRef, now);
  const detail = [decision.detail, ...acted.notes, answered.note, r.llmError ? `LLM not used: ${r.llmError}` : null].filter(Boolean).join('; ');
  await tx.query(
    `UPDATE agent_turns SET status = 'decided', intent = $3, confidence = $4, language = $5, understood_by = $6, entities = $7::jsonb, action = $8, detail = $9,
       awaiting = $10::jsonb, reply_message_id = $11, handover_id = $12, decided_at = $13, spoken = $14::jsonb, error = NULL, next_attempt_at = NULL
     WHERE org_id = $1 AND id = $2`,
    [orgId, t.id, read.intent, read.confidence, u.language, read.by, JSON.stringify(u.entities), decision.action, detail.slice(0, 2000),
      decision.awaiting && (answered.messageId || answered.spoken) ? JSON.stringify(decision.awaiting) : null, answered.messageId, acted.handoverId, now,
      answered.spoken ? JSON.stringify(answered.spoken) : null]);
  await recordAudit(tx, { orgId, actor: 'agent', action: 'agent.decided', entity: 'customer', entityId: r.customer.id, data: {
    turn: t.id, reply: t.inbound_id, intent: read.intent, confidence: read.confidence, understood_by: read.by, action: decision.action,
    message: answered.messageId, handover: acted.handoverId, template: answered.messageId ? AGENT_TEMPLATE : null } }, now);
  return 'decided';
}

/** Runs one turn: the read outside, the decision in a transaction of its own. */
export async function runTurn(db: Db, orgId: string, t: TurnRow, settings: AgentSettings, rt: AgentRuntime, now: Date): Promise<TurnOutcome> {
  const r = await readTurn(db, orgId, t, settings, rt);
  if (!r) {
    await db.query(`UPDATE agent_turns SET status = 'decided', action = 'nothing', detail = 'the reply or the customer is gone', decided_at = $3, next_attempt_at = NULL
      WHERE org_id = $1 AND id = $2`, [orgId, t.id, now]);
    return 'gone';
  }
  return db.transaction((tx) => decideAndAct(tx, orgId, t, r, settings, now));
}
