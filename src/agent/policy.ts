// The dialogue policy: from one understood reply and its conversation, what the agent does and answers. Pure (the
// debtor's today, what they owe and the org's limits are given). Opt-outs were applied when the reply arrived, so they get
// no answer; a person takes over on signals of vulnerability, legal threats, abuse, a request for one, hardship, low
// confidence or a second misunderstanding; otherwise each intent goes to what the portal would do.
import type { CalendarDate } from '../domain/index.ts';
import { answerOf, bareAmount, daysAsked, disputeGround, meansAll, signalsIn } from './signals.ts';
import { daysUntil, extensionStep, handover, planStep, promiseStep, replyPlan as reply, type PromiseSlots } from './policy-arrangements.ts';
import type { Awaiting, Decision, OwedNow, PastTurn, TurnInput } from './policy-types.ts';
import type { Intent, Understanding } from './types.ts';
import { decideByFile, wordsDecide } from './policy-files.ts';
import { carriesProof } from './reply-files.ts';

/** Under this confidence (but over the org's threshold) the agent asks again once, then hands over. */
export const CLARIFY_BELOW = 0.7;
/** Acts that stop contact (a dispute, a wrong person) need this confidence; under it the agent asks again. */
export const STOPPING_ACT_AT = 0.85;
/** An opt-out read only by the model is applied from this confidence; under it a person decides, and nothing is answered. */
export const MODEL_OPT_OUT_AT = 0.8;
/** An earlier question is answered only within this time. */
const AWAITING_MS = 24 * 3_600_000;
/** Intents strong enough to leave an open question behind. */
const NEW_TOPIC: readonly Intent[] = ['request_link', 'request_plan', 'request_extension', 'balance_inquiry', 'dispute', 'wrong_person',
  'talk_to_human', 'hardship', 'already_paid'];

const none = (action: string, detail: string): Decision => ({ action, detail, effects: [], reply: null, awaiting: null });

/** The first date the debtor names from today on (a span's last day: "next week" is by its Sunday). */
function futureDate(u: Understanding, today: CalendarDate): CalendarDate | undefined {
  const d = u.entities.dates.find((x) => (x.until ?? x.date) >= today);
  return d ? d.until ?? d.date : undefined;
}

/** An amount in the owed currency: read from the text, a bare number, or "all of it". */
function amountSaid(u: Understanding, owed: OwedNow): number | undefined {
  const a = u.entities.amounts.find((x) => x.currency === null || x.currency === owed.currency);
  if (a) return a.amount;
  const bare = bareAmount(u.text, owed.currency);
  if (bare !== null) return bare;
  return meansAll(u.text) ? owed.balance : undefined;
}

function countSaid(u: Understanding): number | undefined {
  const n = u.entities.instalments[0]?.count;
  if (n !== undefined) return n;
  const bare = /^\s*(\d{1,3})\s*[.!]?\s*$/.exec(u.text);
  return bare ? Number(bare[1]) : undefined;
}

/** The question the last turn left open, when it is recent. */
export function openQuestion(history: readonly PastTurn[], now: Date): Awaiting | null {
  const last = history[history.length - 1];
  if (!last?.awaiting) return null;
  return now.getTime() - Date.parse(last.at) <= AWAITING_MS ? last.awaiting : null;
}

/** Reads the reply as the answer to the open question; null when it answers something else. */
function answer(i: TurnInput, q: Awaiting, owed: OwedNow): Decision | null {
  const u = i.understanding;
  const yesNo = answerOf(u.text);
  const otherTopic = NEW_TOPIC.includes(u.intent) && u.confidence >= CLARIFY_BELOW;
  if (q.kind === 'promise') {
    const date = futureDate(u, i.today);
    const amount = amountSaid(u, owed);
    if (date === undefined && amount === undefined) {
      if (yesNo === 'no') return { ...none('declined', 'the debtor declined to name a date or amount'), reply: reply('declined') };
      return null;
    }
    const slots: PromiseSlots = { ...(q.date ? { date: q.date } : {}), ...(q.amount !== undefined ? { amount: q.amount } : {}),
      ...(date ? { date } : {}), ...(amount !== undefined ? { amount } : {}) };
    return promiseStep(i, owed, slots);
  }
  if (q.kind === 'plan_count') {
    const count = countSaid(u);
    if (count !== undefined) return planStep(i, owed, count, u.entities.instalments[0]?.frequency ?? q.frequency);
    return yesNo === 'no' ? { ...none('declined', 'the debtor declined the plans'), reply: reply('declined') } : null;
  }
  if (q.kind === 'plan_confirm' || q.kind === 'extension_confirm') {
    const count = q.kind === 'plan_confirm' ? u.entities.instalments[0]?.count : undefined;
    if (q.kind === 'plan_confirm' && count !== undefined && count !== q.instalments) return planStep(i, owed, count, u.entities.instalments[0]?.frequency ?? q.frequency);
    if (yesNo === 'no') return { ...none('declined', `the debtor declined the ${q.kind === 'plan_confirm' ? 'plan' : 'extension'}`), reply: reply('declined') };
    if (yesNo !== 'yes' || otherTopic) return null;
    return q.kind === 'plan_confirm' ? planConfirmed(i, owed, q) : extensionStep(i, owed, q.days);
  }
  // proof of a payment the debtor says they made: whatever they send next, unless it is about something else
  if (otherTopic && u.intent !== 'already_paid') return null;
  return { action: 'proof_received', detail: 'the debtor sent what they offer as proof; it is added to the verification task', effects: [{ kind: 'proof' }],
    reply: reply('proof_received'), awaiting: null };
}

function planConfirmed(i: TurnInput, owed: OwedNow, q: Extract<Awaiting, { kind: 'plan_confirm' }>): Decision {
  const offered = planStep(i, owed, q.instalments, q.frequency);
  if (offered.action !== 'plan_offered' || !offered.reply?.params.plan) return offered;
  return { action: 'plan_created', detail: `plan of ${q.instalments} ${q.frequency} payments agreed`,
    effects: [{ kind: 'plan', instalments: q.instalments, frequency: q.frequency }],
    reply: reply('plan_created', { plan: offered.reply.params.plan }, { kind: 'confirmation' }), awaiting: null };
}

/** The turn before this one was misunderstood too (low confidence or `other`). */
const misunderstoodBefore = (history: readonly PastTurn[]) => history[history.length - 1]?.action === 'clarified';

function byIntent(i: TurnInput, owed: OwedNow): Decision {
  const u = i.understanding;
  switch (u.intent) {
    case 'request_link':
      return { action: 'sent_link', detail: 'sent the payment link', effects: [], reply: reply('link', { total: owed.balance }, { withInvoices: true }), awaiting: null };
    case 'balance_inquiry':
      // nothing overdue yet: what is open and when the next invoice falls due
      if (owed.oldestDue > i.today) {
        return { action: 'told_balance', detail: `told the balance of ${owed.balance} ${owed.currency}, none overdue (next due ${owed.oldestDue})`, effects: [], awaiting: null,
          reply: reply('balance_not_due', { total: owed.balance, count: owed.invoices, date: owed.oldestDue }, { withInvoices: true }) };
      }
      return { action: 'told_balance', detail: `told the balance of ${owed.balance} ${owed.currency}`, effects: [], awaiting: null,
        reply: reply('balance', { total: owed.balance, count: owed.invoices, oldest: owed.oldestDue }, { withInvoices: true }) };
    case 'promise_to_pay': {
      const date = futureDate(u, i.today);
      const amount = amountSaid(u, owed);
      return promiseStep(i, owed, { ...(date ? { date } : {}), ...(amount !== undefined ? { amount } : {}) });
    }
    case 'request_plan':
      return planStep(i, owed, u.entities.instalments[0]?.count, u.entities.instalments[0]?.frequency);
    case 'request_extension':
      return extensionStep(i, owed, daysAsked(u.text, u.language) ?? daysUntil(owed, i.today, futureDate(u, i.today)));
    case 'already_paid': {
      const past = u.entities.dates.find((d) => d.date <= i.today);
      const a = u.entities.amounts[0];
      const effects: Decision['effects'] = [{ kind: 'payment_claim', amount: a?.amount ?? null, currency: a?.currency ?? (a ? owed.currency : null), date: past?.date ?? null }];
      // "ya pagué" with the receipt's photo or PDF: the file is its proof (tied to the claim), so none is asked for
      if (carriesProof(i.files?.verdict)) {
        return { action: 'payment_claim_recorded', detail: 'the debtor says they paid and sent a file as proof; a verification task checks it', awaiting: null,
          effects, reply: reply('receipt_received') };
      }
      return { action: 'payment_claim_recorded', detail: 'the debtor says they paid; a verification task asks for proof', awaiting: { kind: 'proof' },
        effects, reply: reply('payment_claim') };
    }
    case 'dispute':
      return { action: 'dispute_opened', detail: `opened a dispute (${disputeGround(u.text)})`, effects: [{ kind: 'dispute', reason: disputeGround(u.text) }],
        reply: reply('dispute_opened', {}, { kind: 'confirmation', tags: ['dispute-allowed'] }), awaiting: null };
    case 'greeting_thanks':
      return i.history.some((t) => t.replied)
        ? none('acknowledged', 'thanks or a greeting after an answer: nothing more to say')
        : { action: 'greeted', detail: 'greeted and said what it can do', effects: [], reply: reply('greeting'), awaiting: null };
    default:
      return { action: 'clarified', detail: 'asked the debtor to say it again', effects: [], reply: reply('clarify'), awaiting: null };
  }
}

/** Decides one turn. */
export function decideTurn(i: TurnInput, now: Date): Decision {
  const u = i.understanding;
  if (u.optOut.kind === 'wrong_party') {
    return { ...none('wrong_person_flagged', 'the compliance rules read a wrong person: the address is suppressed and flagged; no answer'),
      effects: [{ kind: 'wrong_person', applied: true }] };
  }
  if (u.optOut.kind === 'name_mismatch') {
    // before the model's wrong_person, which would suppress the address: a person checks who answered first
    return none('name_mismatch_flagged', `the reply says they are not "${u.optOut.name}", who is not the debtor: flagged for review, nothing suppressed; no answer`);
  }
  // an inconvenient time is in the contact profile already; the rest of the message is answered as usual
  if (u.optOut.kind !== 'none' && u.optOut.kind !== 'inconvenient_times') {
    return none('keyword_applied', `${u.optOut.kind} read by the compliance rules and applied when the reply arrived; no answer`);
  }
  if (i.handoverOpen) return none('held_for_person', 'a person has this conversation (open handover): the agent does not answer');
  if (i.misheard) {
    // speech the recognition was unsure of is not acted on: asked again once, then a person
    const heard = `speech recognised with confidence ${i.misheard.confidence}, under ${i.misheard.threshold}`;
    if (misunderstoodBefore(i.history)) return handover('misunderstood', `a second reply not understood (${heard})`);
    return { action: 'clarified', detail: `${heard}: asked again`, effects: [], reply: reply('clarify'), awaiting: null };
  }
  const signal = signalsIn(u.text)[0];
  if (signal) return handover(signal, `${signal.replace('_', ' ')} in the message`, signal === 'vulnerability');
  if (u.intent === 'opt_out' && u.optOut.kind === 'inconvenient_times') {
    return none('times_noted', 'the reply names times that are inconvenient (recorded in the contact profile), not a refusal: no answer');
  }
  if (u.intent === 'opt_out') {
    return u.confidence >= Math.max(MODEL_OPT_OUT_AT, i.threshold)
      ? { ...none('opt_out_applied', `the model read an opt-out (${u.confidence}) the keyword rules did not: the channel is suppressed, no answer`),
        effects: [{ kind: 'opt_out' }] }
      : handover('opt_out_unsure', `maybe an opt-out (${u.confidence}): a person decides; no answer`);
  }
  // a photo or PDF with no words the agent acts on: the file decides (policy-files.ts)
  if (i.files && !wordsDecide(u)) return decideByFile(i, i.files);
  const q = openQuestion(i.history, now);
  if (q && i.owed) {
    const a = answer(i, q, i.owed);
    if (a) return a;
  }
  if (u.confidence < i.threshold) return handover('low_confidence', `read as ${u.intent} with confidence ${u.confidence}, under the threshold ${i.threshold}`);
  if (u.intent === 'talk_to_human') return handover('talk_to_human', 'the debtor asked for a person');
  if (u.intent === 'hardship') return handover('hardship', 'the debtor cannot pay because of their circumstances', true);
  const stopping = (u.intent === 'dispute' || u.intent === 'wrong_person') && u.confidence < STOPPING_ACT_AT;
  if (u.intent === 'other' || u.confidence < CLARIFY_BELOW || stopping) {
    if (misunderstoodBefore(i.history)) return handover('misunderstood', `a second reply not understood (${u.intent}, ${u.confidence})`);
    return { action: 'clarified', detail: `read as ${u.intent} with confidence ${u.confidence}: asked again`, effects: [], reply: reply('clarify'), awaiting: null };
  }
  if (u.intent === 'wrong_person') {
    return { ...none('wrong_person_flagged', 'the reply says this is not the debtor: the address is suppressed and flagged for review'), effects: [{ kind: 'wrong_person' }] };
  }
  if (!i.owed) {
    if (u.intent === 'greeting_thanks') return none('acknowledged', 'nothing is owed; a greeting needs no answer');
    // paid, and the ledger agrees: thanked (a person looks only when invoices are still open, under dispute)
    if (u.intent === 'already_paid' && !i.disputedOpen) {
      return { action: 'thanked_paid', detail: 'the debtor says they paid and nothing is open: thanked', effects: [], awaiting: null,
        reply: reply('paid_thanks', {}, { kind: 'confirmation' }) };
    }
    if (u.intent === 'dispute' || u.intent === 'already_paid') return handover('no_option', `${u.intent} with nothing open and undisputed: a person looks`);
    return { action: 'nothing_owed', detail: 'nothing is owed on open, undisputed invoices', effects: [], awaiting: null,
      reply: reply('nothing_owed', {}, { kind: 'confirmation' }) };
  }
  return byIntent(i, i.owed);
}
