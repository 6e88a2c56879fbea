// The agent's replies: what each one needs said (already formatted for the debtor's language and place) and the key
// that names it. Texts may carry {{payment_link}} and {{portal_link}}, filled when the message is rendered for sending.

export const REPLY_KEYS = [
  'link', 'balance', 'balance_not_due', 'nothing_owed', 'paid_thanks', 'promise_confirmed', 'promise_ask_date', 'promise_ask_amount', 'promise_date_too_far',
  'promise_amount_too_small', 'declined', 'plan_options', 'plan_offer', 'plan_refused', 'plan_created', 'extension_granted',
  'extension_offer', 'extension_refused', 'extension_none_left', 'payment_claim', 'proof_received', 'dispute_opened', 'handover',
  'handover_care', 'clarify', 'greeting', 'receipt_received', 'file_thanks', 'file_refused',
] as const;
export type ReplyKey = (typeof REPLY_KEYS)[number];

/** A plan as the reply states it, every part formatted. */
export interface PlanWords {
  count: number;
  /** "monthly", "mensuales", "mensais" ... */
  frequency: string;
  instalment: string;
  /** The down payment, '' when none. */
  down: string;
  first: string;
  last: string;
}

/** Every value a reply may state, formatted for the debtor; each reply uses the ones it needs. */
export interface Words {
  company: string;
  total: string;
  amount: string;
  min: string;
  date: string;
  latest: string;
  oldest: string;
  count: number;
  asked: number;
  days: number;
  reference: string;
  plan: PlanWords | null;
  options: PlanWords[];
}

export interface ReplyTexts {
  intro(w: Words): string;
  signoff: string;
  frequency: { weekly: string; biweekly: string; monthly: string };
  /** One plan option in a list ("3 monthly payments of $500.00"). */
  option(p: PlanWords): string;
  texts: Readonly<Record<ReplyKey, (w: Words) => string>>;
}
