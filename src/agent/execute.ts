// Doing what the policy decided, through the same commands the portal and collectors use (promises, plans, extensions,
// disputes, opt-outs), each inside a savepoint: a command that refuses (a limit changed, a plan appeared) undoes only
// itself, and the turn becomes a handover saying why.
import type { Queryable } from '../db/index.ts';
import { formatMinor, type Result } from '../domain/index.ts';
import { suppress, type LedgerChannel } from '../compliance/index.ts';
import { createPlan, createPromise, openDispute, requestExtension } from '../payments/index.ts';
import { redactCardNumbers } from '../channels/index.ts';
import { openHandover, type HandoverFacts } from './handover.ts';
import type { Decision, Effect } from './policy-types.ts';
import { addToTask, openTaskOf, putTask } from './tasks.ts';
import { openClaim, openClaimOf } from './claims.ts';
import { CHAT_CHANNEL } from './chat-words.ts';
import { stopFromChat } from './chat-stop.ts';

/** A provider's channel, or the debtor portal's chat. */
export type AgentChannel = LedgerChannel | typeof CHAT_CHANNEL;

export interface ActContext {
  orgId: string;
  customerId: string;
  caseId: string | null;
  turnId: string;
  channel: AgentChannel;
  /** The address the reply came from. */
  from: string;
  text: string;
  /** What a handover needs besides its reason and detail. */
  facts: Omit<HandoverFacts, 'reason' | 'detail'>;
}

export interface Acted {
  handoverId: string | null; reference: string | null; notes: string[];
  /** The open claim's hold end (the first day reminders may come again), for the answer to name. */
  holdUntil: string | null;
}

const CLAIM = 'agent:claim:';

async function savepoint<T>(q: Queryable, fn: () => Promise<Result<T>>): Promise<Result<T>> {
  await q.query('SAVEPOINT agent_effect');
  try {
    const r = await fn();
    await q.query(r.ok ? 'RELEASE SAVEPOINT agent_effect' : 'ROLLBACK TO SAVEPOINT agent_effect');
    return r;
  } catch (e) {
    // a bug, not a refusal: the whole turn fails and is tried again
    await q.query('ROLLBACK TO SAVEPOINT agent_effect');
    throw e;
  }
}

/** The verification task, and the claim that holds the case's reminders while it is open (see claims.ts). */
async function claim(q: Queryable, c: ActContext, e: Extract<Effect, { kind: 'payment_claim' }>, now: Date, out: Acted): Promise<string> {
  const said = [e.amount !== null && e.currency ? `${formatMinor(e.amount, e.currency)} ${e.currency}` : null, e.date ? `on ${e.date}` : null].filter(Boolean).join(' ');
  const words = redactCardNumbers(c.text).slice(0, 500);
  const what = e.byFile
    ? `Verify a payment the debtor sent a file for as its proof, on ${c.channel}${words.trim() ? ` with "${words}"` : ' with no words'} (the file is named below). `
    : `Verify a payment the debtor says they made${said ? ` (${said})` : ''}: "${words}" on ${c.channel}. `;
  const task = await putTask(q, c.orgId, { customerId: c.customerId, caseId: c.caseId, key: `${CLAIM}${c.turnId}`, kind: 'review', priority: 'high', dueDate: c.facts.today,
    note: `${what}Find it (bank statement, gateway) and record it, or answer that it was not found. ${e.byFile ? '' : 'The agent asked for proof. '}`
      + 'Reminders are held while it is verified: confirm or reject the claim (cobro agent claim CLAIM_ID --confirm|--reject).' }, now);
  if (!c.caseId) return task;
  const held = await openClaim(q, c.orgId, { customerId: c.customerId, caseId: c.caseId, turnId: c.turnId, taskId: task,
    amount: e.amount, currency: e.currency, paidOn: e.date }, now);
  out.holdUntil = held.holdUntil;
  return `${task} (claim ${held.id}, reminders held until ${held.holdUntil})`;
}

async function one(q: Queryable, c: ActContext, e: Effect, now: Date, out: Acted): Promise<Result<unknown>> {
  const base = { customerId: c.customerId, source: 'agent' as const };
  switch (e.kind) {
    case 'promise': return createPromise(q, c.orgId, 'agent', { ...base, amount: e.amount, currency: e.currency, dueDate: e.dueDate, channel: c.channel }, now);
    case 'plan': return createPlan(q, c.orgId, 'agent', { ...base, instalments: e.instalments, frequency: e.frequency }, now);
    case 'extension': return requestExtension(q, c.orgId, 'agent', { ...base, days: e.days, reason: `asked on ${c.channel} through the agent` }, now);
    case 'dispute': {
      const r = await openDispute(q, c.orgId, 'agent', { ...base, invoiceIds: [], reason: e.reason, text: redactCardNumbers(c.text).slice(0, 5000) }, now);
      if (r.ok) out.reference = r.value.id;
      return r;
    }
    case 'payment_claim': {
      out.notes.push(`verification task ${await claim(q, c, e, now, out)}`);
      return { ok: true, value: null };
    }
    case 'proof': {
      // the open claim's own task; a file is named on it when it is tied to the claim (claim-proof.ts), so no words add no line
      const open = await openClaimOf(q, c.orgId, c.customerId);
      if (open) out.holdUntil = open.hold_until;
      const task = open ? { id: open.task_id } : await openTaskOf(q, c.orgId, c.customerId, CLAIM);
      const words = redactCardNumbers(c.text).slice(0, 500);
      if (task && words.trim()) await addToTask(q, c.orgId, task.id, `Proof sent on ${c.channel} at ${now.toISOString()}: "${words}"`);
      else if (!task) out.notes.push(`verification task ${await claim(q, c, { kind: 'payment_claim', amount: null, currency: null, date: null }, now, out)}`);
      return { ok: true, value: null };
    }
    case 'wrong_person': {
      if (c.channel === CHAT_CHANNEL) {
        // the portal's link was opened by someone who says they are not the debtor: no address to suppress, a person looks
        const task = await putTask(q, c.orgId, { customerId: c.customerId, caseId: c.caseId, key: `agent:wrong:${c.turnId}`, kind: 'review', priority: 'high',
          dueDate: c.facts.today, note: `Someone in the portal chat says they are not the debtor: "${redactCardNumbers(c.text).slice(0, 500)}". Check who the link reached.` }, now);
        out.notes.push(`review task ${task}`);
        return { ok: true, value: null };
      }
      if (e.applied) {
        out.notes.push('address suppressed and flagged when the reply arrived');
        return { ok: true, value: null };
      }
      const r = await suppress(q, c.orgId, 'agent', c.customerId, { scope: 'address', channel: c.channel, address: c.from,
        reason: 'wrong person: a reply from this address says it is not the debtor', source: 'agent' }, now);
      if (!r.ok) return r;
      const task = await putTask(q, c.orgId, { customerId: c.customerId, caseId: c.caseId, key: `agent:wrong:${c.turnId}`, kind: 'review', priority: 'high',
        dueDate: c.facts.today, note: `Wrong person at ${c.from} (${c.channel}): "${redactCardNumbers(c.text).slice(0, 500)}". The address is suppressed; find the debtor's right contact.` }, now);
      out.notes.push(`address suppressed, review task ${task}`);
      return r;
    }
    case 'opt_out':
      if (c.channel === CHAT_CHANNEL) {
        const stopped = await stopFromChat(q, c.orgId, 'agent', c.customerId, ['email', 'sms', 'whatsapp', 'voice'], c.text, now);
        out.notes.push(`stopped ${stopped.length ? stopped.join(', ') : 'nothing more (every channel was already stopped)'}`);
        return { ok: true, value: null };
      }
      return suppress(q, c.orgId, 'agent', c.customerId, { scope: 'channel', channel: c.channel,
        reason: `opt-out read by the agent: "${redactCardNumbers(c.text).slice(0, 200)}"`, source: 'free_text' }, now);
    case 'handover':
      return { ok: true, value: null };
  }
}

/**
 * Applies the decision's effects in order; a handover is opened last, with the decision's detail. When a command
 * refuses, what it did is undone and the decision becomes a handover (reason action_failed) naming the refusal.
 */
export async function act(q: Queryable, c: ActContext, d: Decision, now: Date): Promise<{ decision: Decision; acted: Acted }> {
  const acted: Acted = { handoverId: null, reference: null, notes: [], holdUntil: null };
  let decision = d;
  for (const e of d.effects) {
    const r = await savepoint(q, () => one(q, c, e, now, acted));
    if (!r.ok) {
      decision = { action: 'handed_over', detail: `${d.action} failed: ${r.error.message}`, effects: [{ kind: 'handover', reason: 'action_failed' }],
        reply: { key: 'handover', params: {}, kind: 'reply', tags: [], withInvoices: false }, awaiting: null };
      break;
    }
  }
  const h = decision.effects.find((e): e is Extract<Effect, { kind: 'handover' }> => e.kind === 'handover');
  if (h) acted.handoverId = (await openHandover(q, c.orgId, { ...c.facts, reason: h.reason, detail: decision.detail }, now)).id;
  return { decision, acted };
}
