// Deciding a reply whose file speaks for it (pure): a photo or PDF sent with no words, or with words the agent does not act
// on ("", "gracias", "👍"), from a debtor with something overdue is the proof of a payment they made, and goes the way
// "ya pagué" goes (a claim holding reminders while a person verifies it), answered "we received your receipt" rather
// than asked for one. A second file while a claim is open joins it. With nothing overdue it is thanked and kept. A file
// cobro does not keep (a video, too large) opens nothing: the debtor is asked for a photo or PDF, a person takes a second
// one; a file that could not be fetched is handed to a person, who sees it at the provider.
import { CLARIFY_BELOW } from './policy.ts';
import { handover, replyPlan as reply } from './policy-arrangements.ts';
import type { Decision, TurnInput } from './policy-types.ts';
import type { FileVerdict } from './reply-files.ts';
import type { Understanding } from './types.ts';

/**
 * How sure the agent is that a photo or PDF sent with no words is a payment's proof: a reading of its own, weighed against
 * the org's threshold like any intent (an org whose threshold is above it has a person look at each such file).
 */
export const FILE_PROOF_CONFIDENCE = 0.8;

/** The words carry an intent the agent acts on, so they decide, as for any reply; a greeting, thanks or what it cannot read does not. */
export const wordsDecide = (u: Understanding): boolean => u.intent !== 'other' && u.intent !== 'greeting_thanks' && u.confidence >= CLARIFY_BELOW;

const none = (action: string, detail: string): Decision => ({ action, detail, effects: [], reply: null, awaiting: null });

function proof(i: TurnInput, v: Extract<FileVerdict, { kind: 'proof' }>, claimOpen: boolean): Decision {
  const what = `${v.stored + v.fetching} file${v.stored + v.fetching === 1 ? '' : 's'}${v.stored === 0 ? ' (still being fetched)' : ''}`;
  if (!i.caseOpen) {
    return { action: 'file_kept', detail: `${what} sent with nothing overdue: kept with the reply and thanked; no claim`, effects: [], awaiting: null,
      reply: reply('file_thanks', {}, { kind: 'confirmation' }) };
  }
  if (!i.owed) return handover('no_option', `${what} sent as proof while every open invoice is disputed: a person looks`);
  if (FILE_PROOF_CONFIDENCE < i.threshold) {
    return handover('low_confidence', `${what} sent with no words, read as proof of payment with confidence ${FILE_PROOF_CONFIDENCE}, under the threshold ${i.threshold}`);
  }
  const read = { intent: 'already_paid' as const, confidence: FILE_PROOF_CONFIDENCE, by: 'file' as const };
  if (claimOpen) {
    return { action: 'proof_received', detail: `${what} sent while a claimed payment is open: joined to it as its proof`, effects: [{ kind: 'proof' }],
      reply: reply('receipt_received'), awaiting: null, read };
  }
  return { action: 'payment_claim_recorded', detail: `${what} sent with no words, taken as proof of a payment: a claim holds reminders while a person verifies it`,
    effects: [{ kind: 'payment_claim', amount: null, currency: null, date: null, byFile: true }], reply: reply('receipt_received'), awaiting: null, read };
}

/** Decides a reply whose words do not decide (see wordsDecide) by its files; a verdict still waiting is taken as proof being fetched. */
export function decideByFile(i: TurnInput, files: NonNullable<TurnInput['files']>): Decision {
  const w = files.verdict;
  const v: Exclude<FileVerdict, { kind: 'wait' }> = w.kind !== 'wait' ? w
    : w.fetching > 0 ? { kind: 'proof', stored: 0, fetching: w.fetching } : { kind: 'refused', why: 'not a photo or PDF' };
  if (v.kind === 'proof') return proof(i, v, files.claimOpen);
  if (!i.caseOpen) return none('file_not_kept', `a file not kept (${v.why}) with nothing overdue: no answer`);
  if (v.kind === 'failed') return handover('action_failed', `the file sent could not be fetched from the provider (${v.why}): a person looks at it there`);
  if (i.history[i.history.length - 1]?.action === 'file_refused') return handover('misunderstood', `a second file cobro does not keep (${v.why})`);
  return { action: 'file_refused', detail: `the file sent is not one cobro keeps (${v.why}): asked for a photo or PDF; no claim`, effects: [], awaiting: null,
    reply: reply('file_refused') };
}
