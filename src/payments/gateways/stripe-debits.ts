// Stripe bank debits (SEPA Direct Debit `sepa_debit`, ACH Direct Debit `us_bank_account`): "delayed notification" methods,
// `processing` for days between the debtor's authorisation and Stripe's word. docs.stripe.com/payments/sepa-debit and
// /payments/ach-direct-debit: the PaymentIntent moves to `processing` (`payment_intent.processing`), then `succeeded`
// (`payment_intent.succeeded`; Checkout also sends `checkout.session.async_payment_succeeded`) or back to
// `requires_payment_method` (`payment_intent.payment_failed`, `last_payment_error.payment_method.type` naming the method;
// Checkout: `checkout.session.async_payment_failed`). A Checkout Session paid this way arrives `complete` with
// `payment_status` `unpaid` (`checkout.session.completed`). The PaymentIntent carries cobro's link id in its metadata
// (sessionForm's payment_intent_data).
import { fromStripeAmount } from './amounts.ts';
import { field } from './http.ts';
import type { PaymentFacts, WebhookMeaning } from './types.ts';

/** The debit methods cobro holds reminders for, as Stripe names them (payment_method_types). */
export const STRIPE_DEBIT_METHODS = ['sepa_debit', 'us_bank_account'] as const;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : []);

/** The debit method among those offered: the one offered (the first of cobro's order when several were). */
export function debitMethodOffered(types: unknown): string | null {
  const offered = strings(types);
  return STRIPE_DEBIT_METHODS.find((m) => offered.includes(m)) ?? null;
}

function intentBase(pi: unknown): PaymentFacts | null {
  const paymentRef = field(pi, 'id', 'string');
  const currency = field(pi, 'currency', 'string')?.toUpperCase();
  const linkId = field(field(pi, 'metadata', 'object'), 'cobro_link_id', 'string');
  if (!paymentRef || !currency || !linkId) return null;
  return { provider: 'stripe', paymentRef, currency, linkId };
}

/**
 * A PaymentIntent event: processing by a debit method (the hold opens), succeeded (the payment's facts, as a paid
 * session's), payment_failed (the debit failed: its hold ends, or a payment already recorded is reversed). A
 * PaymentIntent without cobro's link id was not made through a cobro link and is ignored. `at` is the event's creation.
 */
export function stripeIntentMeaning(type: string, pi: unknown, at: string | undefined): WebhookMeaning {
  const base = intentBase(pi);
  if (!base) return { kind: 'ignore', reason: 'a PaymentIntent without its id, currency or cobro link (not made through a cobro link)' };
  if (type === 'payment_intent.succeeded') {
    const received = field(pi, 'amount_received', 'number');
    const captured = received !== undefined ? fromStripeAmount(received, base.currency!) : null;
    if (captured === null || captured <= 0) return { kind: 'ignore', reason: 'a succeeded PaymentIntent without amount_received' };
    return { kind: 'facts', facts: { ...base, captured, method: 'stripe_checkout', ...(at ? { paidAt: at } : {}) } };
  }
  if (type === 'payment_intent.processing') {
    // vouchers wait in requires_action, cards settle at once: a PaymentIntent processing is a delayed debit
    const method = debitMethodOffered(field(pi, 'payment_method_types', 'object')) ?? 'bank_debit';
    return { kind: 'facts', facts: { ...base, debit: { state: 'processing', method } } };
  }
  // payment_intent.payment_failed: a card declined at once holds nothing and was recorded as nothing, so it changes nothing
  const error = field(pi, 'last_payment_error', 'object');
  const method = field(field(error, 'payment_method', 'object'), 'type', 'string') ?? debitMethodOffered(field(pi, 'payment_method_types', 'object')) ?? 'bank_debit';
  const why = field(error, 'code', 'string') ?? field(error, 'message', 'string');
  return { kind: 'facts', facts: { ...base, debit: { state: 'failed', method, reason: `the ${method} debit failed${why ? ` (${why})` : ''}`, ...(at ? { at } : {}) } } };
}
