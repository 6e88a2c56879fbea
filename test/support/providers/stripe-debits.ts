// Bank debits on the fake Stripe (SEPA Direct Debit, ACH): a Checkout Session the debtor paid by debit, its PaymentIntent
// `processing`, then `succeeded` or failed, as Stripe's events carry them (docs.stripe.com/payments/sepa-debit/accept-a-payment,
// /payments/ach-direct-debit): checkout.session.completed with payment_status unpaid and payment_intent.processing, then
// payment_intent.succeeded and checkout.session.async_payment_succeeded, or payment_intent.payment_failed (the PaymentIntent
// back to requires_payment_method, last_payment_error naming the method) and checkout.session.async_payment_failed. The
// PaymentIntent's metadata is what the session's create request put in payment_intent_data[metadata]. Delivered through
// the fake's deliver, signed as Stripe signs.
import { randomBytes } from 'node:crypto';
import type { FakeStripe, StripeObject } from './stripe.ts';

export type DebitMethod = 'sepa_debit' | 'us_bank_account';

export interface StripeDebit {
  pi: StripeObject;
  /** checkout.session.completed (unpaid) and payment_intent.processing. */
  authorised: { completed: StripeObject; processing: StripeObject };
  /** Marks the session paid and the PaymentIntent succeeded: payment_intent.succeeded and checkout.session.async_payment_succeeded. */
  succeed(): { intent: StripeObject; session: StripeObject };
  /** Marks the debit failed (code as Stripe's last_payment_error): payment_intent.payment_failed and checkout.session.async_payment_failed. */
  fail(code?: string): { intent: StripeObject; session: StripeObject };
}

/** The debtor pays session `sessionId` by `method`: the session completes unpaid and its PaymentIntent is processing. */
export function payByDebit(stripe: FakeStripe, sessionId: string, method: DebitMethod, now: () => Date): StripeDebit {
  const s = stripe.sessions.get(sessionId);
  if (!s) throw new Error(`no session ${sessionId}`);
  const form = stripe.created.find((c) => c.form['client_reference_id'] === s.client_reference_id)?.form ?? {};
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) { const m = /^payment_intent_data\[metadata\]\[(.+)\]$/.exec(k); if (m) metadata[m[1]!] = v; }
  const id = `pi_${randomBytes(12).toString('hex')}`;
  const pi: StripeObject = { id, object: 'payment_intent', amount: s.amount_total, amount_received: 0, currency: s.currency, status: 'processing',
    metadata, payment_method: `pm_${randomBytes(8).toString('hex')}`, payment_method_types: [method], last_payment_error: null,
    created: Math.floor(now().getTime() / 1000), livemode: false };
  Object.assign(s, { status: 'complete', payment_status: 'unpaid', payment_intent: id, payment_method_types: ['card', method] });
  const event = (type: string, object: StripeObject): StripeObject => ({
    id: `evt_${randomBytes(12).toString('hex')}`, object: 'event', api_version: '2024-06-20', created: Math.floor(now().getTime() / 1000),
    data: { object: { ...object } }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type,
  });
  return {
    pi,
    authorised: { completed: event('checkout.session.completed', s), processing: event('payment_intent.processing', pi) },
    succeed() {
      Object.assign(pi, { status: 'succeeded', amount_received: pi.amount, latest_charge: `py_${randomBytes(8).toString('hex')}` });
      Object.assign(s, { payment_status: 'paid' });
      stripe.charges.set(id, { id: pi.latest_charge, object: 'charge', amount: pi.amount, amount_refunded: 0, currency: pi.currency, payment_intent: id,
        refunded: false, status: 'succeeded', payment_method_details: { type: method } });
      return { intent: event('payment_intent.succeeded', pi), session: event('checkout.session.async_payment_succeeded', s) };
    },
    fail(code = method === 'sepa_debit' ? 'insufficient_funds' : 'debit_not_authorized') {
      Object.assign(pi, { status: 'requires_payment_method', last_payment_error: { type: 'invalid_request_error', code,
        message: 'The payment failed.', payment_method: { id: pi.payment_method, object: 'payment_method', type: method } } });
      return { intent: event('payment_intent.payment_failed', pi), session: event('checkout.session.async_payment_failed', s) };
    },
  };
}
