// Stripe: hosted Checkout Sessions (POST /v1/checkout/sessions, form-encoded, Idempotency-Key; expired early through
// POST /v1/checkout/sessions/{id}/expire), Stripe-Signature webhooks
// read into payment facts (completed sessions, PaymentIntents by bank debit, refunds, disputes), completed sessions, refunds and disputes listed for the
// nightly check (stripe-adjustments.ts), and a payout's balance transactions (stripe-balance.ts).
import { verifyStripe } from '../../compliance/index.ts';
import { ok } from '../../domain/result.ts';
import { fromStripeAmount, toStripeAmount } from './amounts.ts';
import { checkoutUrlAllowed } from './allowlist.ts';
import type { EgressPolicy } from '../../channels/index.ts';
import { apiUrl, callGateway, field } from './http.ts';
import { listPayoutTransactions } from './stripe-balance.ts';
import { chargeRefundFacts, listStripeAdjustments, retrieveStripeDispute, stripeDisputeFacts } from './stripe-adjustments.ts';
import { listAll } from './stripe-pages.ts';
import { chosenVoucher, stripeVoucherMeaning } from './stripe-vouchers.ts';
import { stripeIntentMeaning } from './stripe-debits.ts';
import type { Checkout, CheckoutRequest, ExpireOutcome, GatewayAdapter, GatewayResult, PaymentFacts, PayoutReconciliation, PayoutStatus, WebhookMeaning } from './types.ts';

export interface StripeConfig { secretKey: string; webhookSecret: string; apiBase?: string; egress?: EgressPolicy }

export const STRIPE_API = 'https://api.stripe.com';
/** Stripe takes expires_at between 30 minutes and 24 hours ahead; a little under the maximum leaves room for clock skew. */
const VALIDITY_MS = 23 * 3_600_000;
const METADATA_VALUE_MAX = 500;

/** The session's parameters, in Stripe's bracketed form encoding. */
export function sessionForm(req: CheckoutRequest, unitAmount: number): URLSearchParams {
  const f = new URLSearchParams();
  f.set('mode', 'payment');
  f.set('line_items[0][price_data][currency]', req.currency.toLowerCase());
  f.set('line_items[0][price_data][unit_amount]', String(unitAmount));
  f.set('line_items[0][price_data][product_data][name]', req.description);
  f.set('line_items[0][quantity]', '1');
  f.set('client_reference_id', req.linkId);
  f.set('success_url', req.successUrl);
  f.set('cancel_url', req.cancelUrl);
  f.set('expires_at', String(Math.floor(req.expiresAt.getTime() / 1000)));
  const invoices = req.invoiceIds.join(',');
  const metadata: Record<string, string> = { cobro_link_id: req.linkId, cobro_org_id: req.orgId, cobro_customer_id: req.customerId,
    cobro_invoice_ids: invoices.length <= METADATA_VALUE_MAX ? invoices : `${invoices.slice(0, invoices.lastIndexOf(',', METADATA_VALUE_MAX - 4))},...` };
  for (const [k, v] of Object.entries(metadata)) f.set(`metadata[${k}]`, v);
  // the PaymentIntent carries the link too, so refunds and disputes in the dashboard name it
  f.set('payment_intent_data[metadata][cobro_link_id]', req.linkId);
  return f;
}

function stripeError(status: number, body: unknown): { kind: 'rejected'; message: string; status: number; code?: string } {
  const e = field(body, 'error', 'object');
  const code = field(e, 'code', 'string') ?? field(e, 'type', 'string');
  return { kind: 'rejected', status, message: `Stripe answered ${status}: ${field(e, 'message', 'string') ?? 'no message'}`, ...(code ? { code } : {}) };
}

const id = (v: unknown): string | undefined => (typeof v === 'string' ? v : field(v, 'id', 'string'));

/** A completed, paid Checkout Session as facts; null when it is not paid (yet). */
export function sessionFacts(s: unknown, paidAt?: string): PaymentFacts | null {
  if (field(s, 'payment_status', 'string') !== 'paid') return null;
  const currency = field(s, 'currency', 'string')?.toUpperCase();
  const total = field(s, 'amount_total', 'number');
  const captured = currency && total !== undefined ? fromStripeAmount(total, currency) : null;
  const sessionRef = field(s, 'id', 'string');
  if (!currency || captured === null || !sessionRef) return null;
  const linkId = field(field(s, 'metadata', 'object'), 'cobro_link_id', 'string') ?? field(s, 'client_reference_id', 'string');
  return { provider: 'stripe', paymentRef: id(field(s, 'payment_intent', 'string') ?? field(s, 'payment_intent', 'object')) ?? sessionRef,
    sessionRef, currency, captured, method: 'stripe_checkout', ...(linkId ? { linkId } : {}), ...(paidAt ? { paidAt } : {}) };
}

/** A payout's reconciliation_status (docs.stripe.com/api/payouts/object): its balance transactions are listed once completed. */
const RECONCILIATION: Record<string, PayoutReconciliation | undefined> = { in_progress: 'in_progress', completed: 'completed', not_applicable: 'not_applicable' };

/** The payout states a payout's event can report; payout.updated counts only when it reaches one of them. */
const PAYOUT_STATUS: Record<string, PayoutStatus | undefined> = { paid: 'paid', failed: 'failed', canceled: 'canceled' };

/**
 * A payout event (https://docs.stripe.com/api/payouts/object: id po_..., amount in the currency's smallest unit,
 * arrival_date in epoch seconds, status pending/in_transit/paid/failed/canceled, failure_code): what the event's type
 * says happened, or for payout.updated the status the object now has.
 */
function stripePayout(type: string, object: unknown, at: string | null): WebhookMeaning {
  const status = type === 'payout.updated' || type === 'payout.reconciliation_completed' ? PAYOUT_STATUS[field(object, 'status', 'string') ?? ''] : PAYOUT_STATUS[type.slice('payout.'.length)];
  if (!status) return { kind: 'ignore', reason: `a payout still ${field(object, 'status', 'string') ?? 'without status'}` };
  const currency = field(object, 'currency', 'string')?.toUpperCase();
  const amount = currency ? fromStripeAmount(field(object, 'amount', 'number') ?? -1, currency) : null;
  const payoutId = field(object, 'id', 'string');
  const arrival = field(object, 'arrival_date', 'number');
  if (!currency || amount === null || !payoutId || arrival === undefined) return { kind: 'ignore', reason: 'a payout without its id, amount or arrival date' };
  const reconciliation = type === 'payout.reconciliation_completed' ? 'completed' : RECONCILIATION[field(object, 'reconciliation_status', 'string') ?? ''];
  return { kind: 'payout', payout: { provider: 'stripe', payoutId, amount, currency, arrivalDate: new Date(arrival * 1000).toISOString().slice(0, 10),
    descriptor: field(object, 'statement_descriptor', 'string') ?? null, status, reportedAt: at,
    failureCode: status === 'paid' ? null : field(object, 'failure_code', 'string') ?? null, ...(reconciliation ? { reconciliationStatus: reconciliation } : {}) } };
}

/** Reads a Stripe event into what cobro acts on. */
export function interpretStripeEvent(event: unknown): WebhookMeaning {
  const type = field(event, 'type', 'string') ?? '';
  const object = field(field(event, 'data', 'object'), 'object', 'object');
  const created = field(event, 'created', 'number');
  const at = created !== undefined ? new Date(created * 1000).toISOString() : undefined;
  if (!object) return { kind: 'ignore', reason: 'no data.object' };
  switch (type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const facts = sessionFacts(object, at);
      if (!facts && type === 'checkout.session.completed') return stripeVoucherMeaning(type, object, at);
      return facts ? { kind: 'facts', facts } : { kind: 'ignore', reason: 'the session is not paid yet (an asynchronous method)' };
    }
    case 'checkout.session.async_payment_failed':
      return stripeVoucherMeaning(type, object, at);
    case 'payment_intent.processing':
    case 'payment_intent.succeeded':
    case 'payment_intent.payment_failed':
      return stripeIntentMeaning(type, object, at);
    case 'checkout.session.expired': {
      const linkId = field(field(object, 'metadata', 'object'), 'cobro_link_id', 'string');
      return { kind: 'expired', sessionRef: field(object, 'id', 'string') ?? '', ...(linkId ? { linkId } : {}) };
    }
    case 'charge.refunded': {
      const facts = chargeRefundFacts(object);
      return facts ? { kind: 'facts', facts } : { kind: 'ignore', reason: 'a refund without its payment or amount' };
    }
    case 'charge.dispute.created':
    case 'charge.dispute.updated':
    case 'charge.dispute.funds_withdrawn':
    case 'charge.dispute.funds_reinstated':
    case 'charge.dispute.closed': {
      const facts = stripeDisputeFacts(object);
      return facts ? { kind: 'facts', facts } : { kind: 'ignore', reason: 'a dispute without its payment, amount or status' };
    }
    case 'payout.paid':
    case 'payout.failed':
    case 'payout.canceled':
    case 'payout.updated':
    case 'payout.reconciliation_completed':
      return stripePayout(type, object, at ?? null);
    default:
      return { kind: 'ignore', reason: `cobro does not act on ${type || 'an untyped event'}` };
  }
}

export function stripeGateway(config: StripeConfig): GatewayAdapter {
  const base = config.apiBase ?? STRIPE_API;
  const headers = { authorization: `Bearer ${config.secretKey}` };
  const get = (path: string) => callGateway({ egress: config.egress, url: apiUrl(base, path), method: 'GET', headers });

  const listSessions = (params: URLSearchParams) => listAll(get, '/v1/checkout/sessions', params, stripeError);

  return {
    provider: 'stripe',
    validityMs: VALIDITY_MS,
    chargeable(amount, currency) {
      const r = toStripeAmount(amount, currency);
      return r.ok ? ok(r.value.charged) : r;
    },
    async createCheckout(req, idempotencyKey): Promise<GatewayResult<Checkout>> {
      const amount = toStripeAmount(req.amount, req.currency);
      if (!amount.ok) return { ok: false, error: { kind: 'rejected', message: amount.error.message } };
      const r = await callGateway({ egress: config.egress, url: apiUrl(base, '/v1/checkout/sessions'), method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': idempotencyKey },
        body: sessionForm(req, amount.value.unit).toString() });
      if (!r.ok) return r;
      if (r.status !== 200) return { ok: false, error: stripeError(r.status, r.body) };
      const sessionId = field(r.body, 'id', 'string');
      const url = field(r.body, 'url', 'string');
      if (!sessionId || !url) return { ok: false, error: { kind: 'rejected', message: 'Stripe answered without a session id or url' } };
      if (!checkoutUrlAllowed('stripe', url, config.apiBase)) return { ok: false, error: { kind: 'rejected', message: `Stripe answered with a checkout URL on an unexpected host: ${new URL(url).host}` } };
      return { ok: true, value: { providerRef: sessionId, url } };
    },
    async expireCheckout(req): Promise<GatewayResult<ExpireOutcome>> {
      // POST /v1/checkout/sessions/{id}/expire takes no parameters; it answers an error for a session no longer open
      const path = `/v1/checkout/sessions/${encodeURIComponent(req.providerRef)}`;
      const r = await callGateway({ egress: config.egress, url: apiUrl(base, `${path}/expire`), method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': `cobro-expire-${req.linkId}` }, body: '' });
      if (!r.ok) return r;
      if (r.status === 200) return { ok: true, value: 'expired' };
      if (r.status !== 400) return { ok: false, error: stripeError(r.status, r.body) };
      // not expirable: already expired, or paid (complete); the session says which
      const s = await get(path);
      if (!s.ok) return s;
      const status = s.status === 200 ? field(s.body, 'status', 'string') : undefined;
      if (status === 'expired') return { ok: true, value: 'expired' };
      if (status === 'complete') return { ok: true, value: 'completed' };
      return { ok: false, error: stripeError(r.status, r.body) };
    },
    verify(raw, now) {
      return verifyStripe({ rawBody: raw.body, signature: raw.headers['stripe-signature'], secrets: config.webhookSecret ? [config.webhookSecret] : [], now });
    },
    eventId(_raw, body) {
      const eventId = field(body, 'id', 'string');
      return eventId && field(body, 'object', 'string') === 'event' ? eventId : null;
    },
    interpret: interpretStripeEvent,
    async fetchPayment(paymentRef) {
      const r = await listSessions(new URLSearchParams({ payment_intent: paymentRef, limit: '1' }));
      if (!r.ok) return r;
      return { ok: true, value: r.value.length ? sessionFacts(r.value[0]) : null };
    },
    // Checkout does not say which voucher the debtor chose: the session's PaymentIntent does
    async readVoucher(paymentRef) {
      const r = await get(`/v1/payment_intents/${encodeURIComponent(paymentRef)}`);
      if (!r.ok) return r;
      if (r.status !== 200) return { ok: false, error: stripeError(r.status, r.body) };
      return { ok: true, value: chosenVoucher(r.body) };
    },
    async recentPayments(since) {
      const r = await listSessions(new URLSearchParams({ 'created[gte]': String(Math.floor(since.getTime() / 1000)), status: 'complete', limit: '100' }));
      if (!r.ok) return r;
      const facts: PaymentFacts[] = [];
      for (const s of r.value) {
        const created = field(s, 'created', 'number');
        const f = sessionFacts(s, created !== undefined ? new Date(created * 1000).toISOString() : undefined);
        if (f) facts.push(f);
      }
      return { ok: true, value: facts };
    },
    // a refund or dispute whose webhook was lost: those made since then, read as their webhooks are
    recentAdjustments: (since) => listStripeAdjustments(get, since, stripeError),
    // the dispute list filters by creation only: a dispute cobro holds open is read by id to see a later status
    retrieveDispute: (disputeId) => retrieveStripeDispute(get, disputeId, stripeError),
    payoutTransactions: (payoutId) => listPayoutTransactions(get, payoutId, stripeError),
  };
}
