// Stripe Checkout paid by a voucher (OXXO, boleto): a payment in flight between the voucher's issue and its payment or expiry.
// docs.stripe.com/payments/oxxo/accept-a-payment?payment-ui=checkout and /payments/boleto/accept-a-payment: with a delayed
// method `checkout.session.completed` arrives with `payment_status` `unpaid` (the voucher was issued, nothing is paid yet),
// then `checkout.session.async_payment_succeeded` (paid: read by sessionFacts as any paid session) or
// `checkout.session.async_payment_failed` (the voucher expired unpaid). The session's
// `payment_method_options.{oxxo,boleto}.expires_after_days` is "the number of calendar days before a voucher expires. For
// example, if you create a voucher on Monday and you set expires_after_days to 2, the voucher will expire on Wednesday at
// 23:59" America/Mexico_City (OXXO) or America/Sao_Paulo (boleto) time (the Checkout Session object's reference). The
// session does not say which method the debtor chose; its PaymentIntent does, in `next_action` (docs.stripe.com/api/
// payment_intents/object#payment_intent_object-next_action: `oxxo_display_details.expires_after`,
// `boleto_display_details.expires_at`, `konbini_display_details.expires_at`, Unix timestamps): chosenVoucher reads it.
import { addDays, dateInZone, zoneOffsetMinutes } from '../../domain/dates.ts';
import { field } from './http.ts';
import { debitMethodOffered } from './stripe-debits.ts';
import type { PaymentFacts, WebhookMeaning } from './types.ts';

interface VoucherMethod { zone: string; defaultDays: number }

/**
 * The voucher methods Checkout offers, the zone their expiry is counted in, and the days used when the session does not
 * say (Stripe's default for both is 3 calendar days when `expires_after_days` is not set [S: the API reference's
 * parameter text; not confirmed against a live session]).
 */
const VOUCHERS: Record<string, VoucherMethod> = {
  oxxo: { zone: 'America/Mexico_City', defaultDays: 3 },
  boleto: { zone: 'America/Sao_Paulo', defaultDays: 3 },
  // "expire on Wednesday 23:59:59 JST" for 2 days from a Monday; 3 days when not set (the reference's expires_after_days)
  konbini: { zone: 'Asia/Tokyo', defaultDays: 3 },
};

/** Where each voucher method's PaymentIntent says its expiry: next_action's display details and their timestamp's name. */
const DISPLAY: Record<string, { details: string; expiry: string }> = {
  oxxo: { details: 'oxxo_display_details', expiry: 'expires_after' },
  boleto: { details: 'boleto_display_details', expiry: 'expires_at' },
  konbini: { details: 'konbini_display_details', expiry: 'expires_at' },
};

/** The voucher the debtor chose, as the session's PaymentIntent shows it in `next_action`; null when it shows none. */
export function chosenVoucher(intent: unknown): { method: string; expiresAt: Date } | null {
  const next = field(intent, 'next_action', 'object');
  for (const [method, d] of Object.entries(DISPLAY)) {
    const seconds = field(field(next, d.details, 'object'), d.expiry, 'number');
    if (seconds !== undefined && Number.isFinite(seconds) && seconds > 0) return { method, expiresAt: new Date(seconds * 1000) };
  }
  return null;
}

/** 23:59 of a calendar date in a zone, as an instant. */
function endOfLocalDay(date: string, zone: string): Date {
  const guess = Date.parse(`${date}T23:59:00Z`);
  return new Date(guess - zoneOffsetMinutes(guess, zone) * 60_000);
}

/**
 * When the voucher issued at `issuedAt` expires: the latest expiry among the voucher methods the session offered (Checkout
 * does not say which one the debtor chose), each `expires_after_days` (or the default) after the issue day, at 23:59 in
 * its zone; null when the session offered no voucher method.
 */
export function voucherExpiry(session: unknown, issuedAt: Date): { expiresAt: Date; method: string } | null {
  const types = field(session, 'payment_method_types', 'object');
  const offered = Array.isArray(types) ? (types as unknown[]).filter((t): t is string => typeof t === 'string' && t in VOUCHERS) : [];
  const options = field(session, 'payment_method_options', 'object');
  let best: { expiresAt: Date; method: string } | null = null;
  for (const method of offered) {
    const m = VOUCHERS[method]!;
    const days = field(field(options, method, 'object'), 'expires_after_days', 'number') ?? m.defaultDays;
    const expiresAt = endOfLocalDay(addDays(dateInZone(issuedAt, m.zone), days), m.zone);
    if (!best || expiresAt > best.expiresAt) best = { expiresAt, method };
  }
  return best;
}

function base(session: unknown): Omit<PaymentFacts, 'voucher'> | null {
  const sessionRef = field(session, 'id', 'string');
  const currency = field(session, 'currency', 'string')?.toUpperCase();
  if (!sessionRef || !currency) return null;
  const pi = field(session, 'payment_intent', 'string') ?? field(field(session, 'payment_intent', 'object'), 'id', 'string');
  const linkId = field(field(session, 'metadata', 'object'), 'cobro_link_id', 'string') ?? field(session, 'client_reference_id', 'string');
  return { provider: 'stripe', paymentRef: pi ?? sessionRef, sessionRef, currency, ...(linkId ? { linkId } : {}) };
}

/**
 * A session that is not paid: on `checkout.session.completed` a voucher issued (when the session offered one) or a bank
 * debit processing (when it offered one and no voucher), on `checkout.session.async_payment_failed` the voucher ended
 * unpaid or the debit failed. `at` is the event's creation time.
 */
export function stripeVoucherMeaning(type: string, session: unknown, at: string | undefined): WebhookMeaning {
  const facts = base(session);
  if (!facts) return { kind: 'ignore', reason: 'a session without its id or currency' };
  const expiry = voucherExpiry(session, at ? new Date(at) : new Date(NaN));
  // a session that offered a bank debit and no voucher: the debit is processing, or failed (stripe-debits.ts)
  const debit = expiry ? null : debitMethodOffered(field(session, 'payment_method_types', 'object'));
  if (type === 'checkout.session.async_payment_failed') {
    if (debit) return { kind: 'facts', facts: { ...facts, debit: { state: 'failed', method: debit, reason: `the ${debit} debit failed` } } };
    return { kind: 'facts', facts: { ...facts, voucher: { state: 'ended', reason: 'the delayed payment failed (the voucher expired unpaid)' } } };
  }
  if (debit) return { kind: 'facts', facts: { ...facts, debit: { state: 'processing', method: debit } } };
  if (!expiry || Number.isNaN(expiry.expiresAt.getTime())) return { kind: 'ignore', reason: 'the session is not paid yet (an asynchronous method without a voucher or bank debit)' };
  return { kind: 'facts', facts: { ...facts, voucher: { state: 'issued', expiresAt: expiry.expiresAt.toISOString(), method: expiry.method } } };
}
