// The dialogue policy, table-driven on understood replies built by a small factory: what it does and answers per intent,
// inside and outside the negotiation limits, with open questions, and when it hands over.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LIMITS } from '../payments/index.ts';
import { decideTurn } from './policy.ts';
import type { PastTurn, TurnInput } from './policy-types.ts';
import type { Intent, Understanding } from './types.ts';

const now = new Date('2026-03-10T17:00:00Z');

function anUnderstanding(over: Partial<Understanding> & { intent: Intent }): Understanding {
  return {
    text: 'hola', language: 'es', languageConfidence: 0.9, languageSource: 'text', confidence: 0.95, alternatives: [], decidedBy: 'model',
    entities: { dates: [], amounts: [], instalments: [] }, optOut: { kind: 'none' }, ...over,
  };
}

function aTurn(u: Partial<Understanding> & { intent: Intent }, over: Partial<TurnInput> = {}): TurnInput {
  return {
    understanding: anUnderstanding(u), today: '2026-03-10', owed: { currency: 'MXN', balance: 600_000, invoices: 2, oldestDue: '2026-02-01' },
    limits: DEFAULT_LIMITS, threshold: 0.5, history: [], activePlan: false, extensionsUsed: 0, handoverOpen: false, ...over,
  };
}

const past = (over: Partial<PastTurn>): PastTurn => ({ at: '2026-03-10T16:50:00.000Z', channel: 'sms', intent: null, confidence: 0.9, action: null,
  awaiting: null, replied: true, ...over });
const friday = { text: 'el viernes', date: '2026-03-13' };

describe('the dialogue policy', () => {
  const cases: [string, TurnInput, string, string | null][] = [
    ['sends the link', aTurn({ intent: 'request_link' }), 'sent_link', 'link'],
    ['tells the balance', aTurn({ intent: 'balance_inquiry' }), 'told_balance', 'balance'],
    ['tells the balance and the next due date when nothing is overdue', aTurn({ intent: 'balance_inquiry' },
      { owed: { currency: 'MXN', balance: 600_000, invoices: 2, oldestDue: '2026-03-20' } }), 'told_balance', 'balance_not_due'],
    ['thanks a debtor who says they paid when nothing is owed', aTurn({ intent: 'already_paid' }, { owed: null }), 'thanked_paid', 'paid_thanks'],
    ['hands over a claimed payment when only disputed invoices are open', aTurn({ intent: 'already_paid' }, { owed: null, disputedOpen: true }), 'handed_over', 'handover'],
    ['records a promise with its date and amount', aTurn({ intent: 'promise_to_pay', entities: { dates: [friday], amounts: [{ text: '3000', amount: 300_000, currency: 'MXN', explicit: false }], instalments: [] } }),
      'promise_recorded', 'promise_confirmed'],
    ['asks the amount of a promise that names only a day', aTurn({ intent: 'promise_to_pay', entities: { dates: [friday], amounts: [], instalments: [] } }), 'asked_promise_amount', 'promise_ask_amount'],
    ['asks the day of a promise that names none', aTurn({ intent: 'promise_to_pay' }), 'asked_promise_date', 'promise_ask_date'],
    ['refuses a promise beyond the days allowed', aTurn({ intent: 'promise_to_pay', entities: { dates: [{ text: 'en abril', date: '2026-04-20' }], amounts: [], instalments: [] } }),
      'promise_refused', 'promise_date_too_far'],
    ['refuses a promise under the smallest share', aTurn({ intent: 'promise_to_pay', entities: { dates: [friday], amounts: [{ text: '100', amount: 10_000, currency: 'MXN', explicit: false }], instalments: [] } }),
      'promise_refused', 'promise_amount_too_small'],
    ['names the plans when no count is said', aTurn({ intent: 'request_plan' }), 'plan_options', 'plan_options'],
    ['proposes a plan within the limits', aTurn({ intent: 'request_plan', entities: { dates: [], amounts: [], instalments: [{ text: '3 cuotas', count: 3 }] } }), 'plan_offered', 'plan_offer'],
    ['refuses a plan over the count allowed and proposes the most', aTurn({ intent: 'request_plan', entities: { dates: [], amounts: [], instalments: [{ text: '12 cuotas', count: 12 }] } }),
      'plan_refused', 'plan_refused'],
    ['gives more time within the limit', aTurn({ intent: 'request_extension', text: 'necesito una semana más' }), 'extension_granted', 'extension_granted'],
    ['refuses more time than the limit and proposes the limit', aTurn({ intent: 'request_extension', text: 'denme 30 días' }), 'extension_refused', 'extension_refused'],
    ['names the plans when no extension is left', aTurn({ intent: 'request_extension', text: 'una semana más' }, { extensionsUsed: 1 }), 'extension_refused', 'extension_none_left'],
    ['records a claimed payment and asks for proof', aTurn({ intent: 'already_paid' }), 'payment_claim_recorded', 'payment_claim'],
    ['opens a dispute', aTurn({ intent: 'dispute', text: 'me cobraron dos veces' }), 'dispute_opened', 'dispute_opened'],
    ['flags a wrong person and says nothing', aTurn({ intent: 'wrong_person', confidence: 0.97 }), 'wrong_person_flagged', null],
    ['asks again rather than flag a wrong person it is unsure of', aTurn({ intent: 'wrong_person', confidence: 0.74 }), 'clarified', 'clarify'],
    ['answers nothing to an opt-out the compliance rules applied', aTurn({ intent: 'opt_out', decidedBy: 'opt_out_rule', optOut: { kind: 'opt_out', scopes: [{ kind: 'all' }], matched: 'stop', rule: 'SMS-1' } }),
      'keyword_applied', null],
    ['flags a wrong person the compliance rules read (address already suppressed) and says nothing', aTurn({ intent: 'wrong_person', decidedBy: 'opt_out_rule',
      optOut: { kind: 'wrong_party', scope: { kind: 'address', channel: 'sms', address: '+5215512340012' }, matched: 'wrong number' } }), 'wrong_person_flagged', null],
    ['suppresses nothing when the model reads a wrong person but the name said is not the debtor\'s', aTurn({ intent: 'wrong_person', confidence: 0.97,
      optOut: { kind: 'name_mismatch', name: 'pedro', matched: 'no soy pedro' } }), 'name_mismatch_flagged', null],
    ['suppresses nothing when the model takes an inconvenient time for an opt-out', aTurn({ intent: 'opt_out', confidence: 0.97,
      optOut: { kind: 'inconvenient_times', times: [{ from: '00:00', to: '12:00' }], matched: 'do not call me before noon' } }), 'times_noted', null],
    ['answers the rest of a message that states an inconvenient time', aTurn({ intent: 'request_link',
      optOut: { kind: 'inconvenient_times', times: [{ from: '18:00', to: '00:00' }], matched: 'no me llamen despues de las 6' } }), 'sent_link', 'link'],
    ['applies an opt-out only the model read, and says nothing', aTurn({ intent: 'opt_out', confidence: 0.93 }), 'opt_out_applied', null],
    ['hands an unsure opt-out to a person without answering', aTurn({ intent: 'opt_out', confidence: 0.6 }), 'handed_over', null],
    ['hands over on request', aTurn({ intent: 'talk_to_human' }), 'handed_over', 'handover'],
    ['hands over hardship with care', aTurn({ intent: 'hardship' }), 'handed_over', 'handover_care'],
    ['hands over a legal threat whatever the intent', aTurn({ intent: 'promise_to_pay', text: 'pago el viernes pero hablaré con mi abogado' }), 'handed_over', 'handover'],
    ['hands over below the confidence threshold', aTurn({ intent: 'request_link', confidence: 0.4 }), 'handed_over', 'handover'],
    ['asks again when it does not understand', aTurn({ intent: 'other', confidence: 0.8 }), 'clarified', 'clarify'],
    ['hands over a second misunderstanding', aTurn({ intent: 'other', confidence: 0.8 }, { history: [past({ action: 'clarified' })] }), 'handed_over', 'handover'],
    ['stays silent while a person has the conversation', aTurn({ intent: 'request_link' }, { handoverOpen: true }), 'held_for_person', null],
    ['greets once, then lets thanks end the conversation', aTurn({ intent: 'greeting_thanks' }, { history: [past({ action: 'promise_recorded' })] }), 'acknowledged', null],
    ['says nothing is owed', aTurn({ intent: 'request_link' }, { owed: null }), 'nothing_owed', 'nothing_owed'],
    ['does not promise over an active plan', aTurn({ intent: 'promise_to_pay', entities: { dates: [friday], amounts: [], instalments: [] } }, { activePlan: true }), 'handed_over', 'handover'],
  ];
  for (const [name, input, action, key] of cases) {
    it(name, () => {
      const d = decideTurn(input, now);
      assert.deepEqual([d.action, d.reply?.key ?? null], [action, key], d.detail);
    });
  }

  it('keeps promises, plans and extensions inside the limits it states', () => {
    const promise = decideTurn(aTurn({ intent: 'promise_to_pay', entities: { dates: [friday], amounts: [{ text: '9000', amount: 900_000, currency: 'MXN', explicit: false }], instalments: [] } }), now);
    assert.deepEqual(promise.effects, [{ kind: 'promise', amount: 600_000, currency: 'MXN', dueDate: '2026-03-13' }], 'no more than is owed');
    const refused = decideTurn(aTurn({ intent: 'request_plan', entities: { dates: [], amounts: [], instalments: [{ text: '12', count: 12 }] } }), now);
    assert.deepEqual([refused.effects, refused.awaiting], [[], { kind: 'plan_confirm', instalments: 6, frequency: 'monthly' }]);
    assert.equal(refused.reply?.params.plan?.count, 6);
    const more = decideTurn(aTurn({ intent: 'request_extension', text: 'denme 30 días' }), now);
    assert.deepEqual([more.effects, more.awaiting], [[], { kind: 'extension_confirm', days: 14 }]);
  });

  it('reads the answer to its own question: an amount, "todo", yes to a plan, proof of payment', () => {
    const amount = aTurn({ intent: 'other', confidence: 0.3, text: '$2.000' }, { history: [past({ action: 'asked_promise_amount', awaiting: { kind: 'promise', date: '2026-03-13' } })] });
    assert.deepEqual(decideTurn(amount, now).effects, [{ kind: 'promise', amount: 200_000, currency: 'MXN', dueDate: '2026-03-13' }]);
    const all = aTurn({ intent: 'greeting_thanks', text: 'todo' }, { history: [past({ awaiting: { kind: 'promise', date: '2026-03-13' } })] });
    assert.deepEqual(decideTurn(all, now).effects, [{ kind: 'promise', amount: 600_000, currency: 'MXN', dueDate: '2026-03-13' }]);
    const yes = aTurn({ intent: 'greeting_thanks', text: 'sí, dale' }, { history: [past({ awaiting: { kind: 'plan_confirm', instalments: 3, frequency: 'monthly' } })] });
    assert.deepEqual([decideTurn(yes, now).action, decideTurn(yes, now).effects], ['plan_created', [{ kind: 'plan', instalments: 3, frequency: 'monthly' }]]);
    const no = aTurn({ intent: 'other', text: 'no gracias' }, { history: [past({ awaiting: { kind: 'plan_confirm', instalments: 3, frequency: 'monthly' } })] });
    assert.deepEqual([decideTurn(no, now).action, decideTurn(no, now).effects], ['declined', []]);
    const proof = aTurn({ intent: 'other', confidence: 0.4, text: 'folio 88812 banamex' }, { history: [past({ awaiting: { kind: 'proof' } })] });
    assert.deepEqual(decideTurn(proof, now).effects, [{ kind: 'proof' }]);
  });

  it('forgets a question after a day, and leaves it for a new topic', () => {
    const stale = aTurn({ intent: 'other', confidence: 0.3, text: '2000' }, { history: [past({ at: '2026-03-09T10:00:00.000Z', awaiting: { kind: 'promise', date: '2026-03-13' } })] });
    assert.equal(decideTurn(stale, now).action, 'handed_over');
    const topic = aTurn({ intent: 'request_link', text: 'mejor mándame el link' }, { history: [past({ awaiting: { kind: 'plan_confirm', instalments: 3, frequency: 'monthly' } })] });
    assert.equal(decideTurn(topic, now).action, 'sent_link');
  });
});
