// PayPal: payment links as Orders v2 orders (POST /v2/checkout/orders, intent CAPTURE, the cobro link as reference_id and
// custom_id, PayPal-Request-Id for idempotency), the debtor sent to the order's approve / payer-action page; the order is
// captured when PayPal reports it approved (CHECKOUT.ORDER.APPROVED), and PAYMENT.CAPTURE.COMPLETED / REFUNDED / REVERSED
// are read into payment facts whose payment_ref is the capture id, as are CUSTOMER.DISPUTE.CREATED / UPDATED / RESOLVED
// (paypal-disputes.ts), whose changes the nightly check also lists, with the captures, refunds and reversals Transaction
// Search lists (paypal-transactions.ts). Webhooks are verified by asking PayPal (compliance/signatures/paypal.ts) before
// anything is stored.
import { createHash } from 'node:crypto';
import { readTransmission, verificationAnswer, verificationBody } from '../../compliance/index.ts';
import { ok } from '../../domain/result.ts';
import type { EgressPolicy } from '../../channels/index.ts';
import { fromPayPalValue, toPayPalValue } from './amounts.ts';
import { checkoutUrlAllowed } from './allowlist.ts';
import { apiUrl, callGateway, field } from './http.ts';
import { paypalToken, type PayPalClient } from './paypal-token.ts';
import { changedDisputes, disputeFacts } from './paypal-disputes.ts';
import { searchTransactions, type FoundTransactions } from './paypal-transactions.ts';
import { captureDebit } from './paypal-pending.ts';
import type { Checkout, CheckoutRequest, ExpireOutcome, GatewayAdapter, GatewayResult, PaymentFacts, WebhookMeaning } from './types.ts';

export interface PayPalConfig {
  clientId: string; clientSecret: string;
  /** The id PayPal gave the webhook listening at /webhooks/paypal/{org}: it is part of what PayPal signs. */
  webhookId: string;
  environment: 'sandbox' | 'live';
  apiBase?: string; egress?: EgressPolicy;
}

export const PAYPAL_API = { sandbox: 'https://api-m.sandbox.paypal.com', live: 'https://api-m.paypal.com' } as const;
/** How long cobro keeps a PayPal link open: an order waiting for the payer's approval is not kept for days. */
const VALIDITY_MS = 3 * 3_600_000;

export const paypalBase = (c: Pick<PayPalConfig, 'apiBase' | 'environment'>): string => (c.apiBase ?? PAYPAL_API[c.environment]).replace(/\/+$/, '');

/** PayPal-Request-Id: the key as is when short enough, else its SHA-256 (PayPal takes up to 108 characters). */
export const paypalRequestId = (key: string): string => (key.length <= 108 ? key : createHash('sha256').update(key).digest('hex'));

export function orderBody(req: CheckoutRequest, value: string): Record<string, unknown> {
  return {
    intent: 'CAPTURE',
    purchase_units: [{ reference_id: req.linkId, custom_id: req.linkId.slice(0, 127), description: req.description.slice(0, 127),
      amount: { currency_code: req.currency, value } }],
    payment_source: { paypal: { experience_context: { return_url: req.successUrl, cancel_url: req.cancelUrl, user_action: 'PAY_NOW',
      shipping_preference: 'NO_SHIPPING' } } },
  };
}

function paypalError(status: number, body: unknown): { kind: 'rejected'; message: string; status: number; code?: string } {
  const details = field(body, 'details', 'object');
  const issue = Array.isArray(details) ? field(details[0], 'issue', 'string') : undefined;
  const code = issue ?? field(body, 'name', 'string');
  return { kind: 'rejected', status, message: `PayPal answered ${status}: ${field(body, 'message', 'string') ?? code ?? 'no message'}`, ...(code ? { code } : {}) };
}

/** The page the payer approves the order on: `payer-action` (payment_source requests) or `approve`. */
export function approvalUrl(order: unknown): string | undefined {
  const links = field(order, 'links', 'object');
  if (!Array.isArray(links)) return undefined;
  const link = links.find((l) => ['payer-action', 'approve'].includes(field(l, 'rel', 'string') ?? ''));
  return field(link, 'href', 'string');
}

/**
 * A capture (from an order's purchase unit, a PAYMENT.CAPTURE.* event or GET /v2/payments/captures/{id}) as facts;
 * captured only once COMPLETED; PENDING as a payment in flight, DENIED or DECLINED as failed (paypal-pending.ts).
 */
export function captureFacts(capture: unknown, context: { orderRef?: string; linkId?: string } = {}): PaymentFacts | null {
  const id = field(capture, 'id', 'string');
  const amount = field(capture, 'amount', 'object');
  const currency = field(amount, 'currency_code', 'string');
  const value = currency ? fromPayPalValue(field(amount, 'value', 'string'), currency) : null;
  if (!id || !currency || value === null) return null;
  const related = field(field(capture, 'supplementary_data', 'object'), 'related_ids', 'object');
  const orderRef = context.orderRef ?? field(related, 'order_id', 'string');
  const linkId = field(capture, 'custom_id', 'string') ?? context.linkId;
  const at = field(capture, 'create_time', 'string');
  const debit = captureDebit(capture);
  return { provider: 'paypal', paymentRef: id, currency, method: 'paypal', ...(linkId ? { linkId } : {}), ...(orderRef ? { sessionRef: orderRef } : {}),
    ...(field(capture, 'status', 'string') === 'COMPLETED' ? { captured: value } : {}), ...(debit ? { debit } : {}),
    ...(at && !Number.isNaN(Date.parse(at)) ? { paidAt: new Date(at).toISOString() } : {}) };
}

/** The first capture of an order (as the capture call or GET order answers), with the order's link id. */
export function orderCapture(order: unknown): PaymentFacts | null {
  const units = field(order, 'purchase_units', 'object');
  const unit: unknown = Array.isArray(units) ? units[0] : undefined;
  const captures = field(field(unit, 'payments', 'object'), 'captures', 'object');
  const orderRef = field(order, 'id', 'string');
  const linkId = field(unit, 'custom_id', 'string') ?? field(unit, 'reference_id', 'string');
  return Array.isArray(captures) && captures[0] ? captureFacts(captures[0], { ...(orderRef ? { orderRef } : {}), ...(linkId ? { linkId } : {}) }) : null;
}

/** The capture a refund or reversal belongs to: its `up` link (…/v2/payments/captures/{id}). */
function refundedCapture(refund: unknown): string | undefined {
  const links = field(refund, 'links', 'object');
  const up = Array.isArray(links) ? links.find((l) => field(l, 'rel', 'string') === 'up') : undefined;
  return /\/captures\/([^/?#]+)/.exec(field(up, 'href', 'string') ?? '')?.[1];
}

/** Reads one PayPal webhook event into what cobro acts on. */
export function interpretPayPalEvent(event: unknown): WebhookMeaning {
  const type = field(event, 'event_type', 'string') ?? '';
  const resource = field(event, 'resource', 'object');
  if (type === 'CHECKOUT.ORDER.APPROVED') {
    const orderRef = field(resource, 'id', 'string');
    if (!orderRef) return { kind: 'ignore', reason: 'a PayPal approved order without its id' };
    if (field(resource, 'intent', 'string') !== 'CAPTURE') return { kind: 'ignore', reason: `PayPal order ${orderRef} is not for capture` };
    return { kind: 'capture', orderRef };
  }
  if (type === 'PAYMENT.CAPTURE.COMPLETED' || type === 'PAYMENT.CAPTURE.PENDING' || type === 'PAYMENT.CAPTURE.DENIED'
    || type === 'PAYMENT.CAPTURE.DECLINED') {
    const facts = captureFacts(resource);
    return facts ? { kind: 'facts', facts } : { kind: 'ignore', reason: `a PayPal ${type} without its capture id or amount` };
  }
  if (type === 'PAYMENT.CAPTURE.REFUNDED' || type === 'PAYMENT.CAPTURE.REVERSED') {
    const id = field(resource, 'id', 'string');
    const amount = field(resource, 'amount', 'object');
    const currency = field(amount, 'currency_code', 'string');
    const value = currency ? fromPayPalValue(field(amount, 'value', 'string'), currency) : null;
    const capture = refundedCapture(resource);
    if (!id || !currency || value === null || !capture) return { kind: 'ignore', reason: `a PayPal ${type} without its id, amount or capture` };
    const at = field(resource, 'create_time', 'string');
    return { kind: 'facts', facts: { provider: 'paypal', paymentRef: capture, currency,
      refund: { id, amount: value, ...(at && !Number.isNaN(Date.parse(at)) ? { at: new Date(at).toISOString() } : {}) } } };
  }
  if (type === 'CUSTOMER.DISPUTE.CREATED' || type === 'CUSTOMER.DISPUTE.UPDATED' || type === 'CUSTOMER.DISPUTE.RESOLVED') {
    const facts = disputeFacts(resource, type === 'CUSTOMER.DISPUTE.RESOLVED');
    if (!facts) return { kind: 'ignore', reason: `a PayPal ${type} without its dispute id, amount or disputed capture` };
    return facts.length === 1 ? { kind: 'facts', facts: facts[0]! } : { kind: 'several', facts };
  }
  return { kind: 'ignore', reason: `cobro does not act on PayPal ${type || 'untyped'} events` };
}

export function paypalGateway(config: PayPalConfig): GatewayAdapter {
  const base = paypalBase(config);
  const client: PayPalClient = { base, clientId: config.clientId, clientSecret: config.clientSecret, egress: config.egress };
  const orderPath = (id: string) => `/v2/checkout/orders/${encodeURIComponent(id)}`;

  async function call(method: 'GET' | 'POST', path: string, now: Date, extra: Record<string, string> = {}, body?: string): Promise<GatewayResult<{ status: number; body: unknown }>> {
    const token = await paypalToken(client, now);
    if (!token.ok) return token;
    const r = await callGateway({ egress: config.egress, url: apiUrl(base, path), method,
      headers: { authorization: `Bearer ${token.value}`, 'content-type': 'application/json', ...extra }, ...(body !== undefined ? { body } : {}) });
    return r.ok ? { ok: true, value: { status: r.status, body: r.body } } : r;
  }

  // one search serves the check twice: its captures as recent payments, its refunds and reversals as adjustments
  let searched: { key: string; found: Promise<GatewayResult<FoundTransactions>> } | null = null;
  const search = (since: Date, now: Date) => {
    const key = `${since.toISOString()}|${now.toISOString()}`;
    if (searched?.key !== key) searched = { key, found: searchTransactions((path) => call('GET', path, now), since, now) };
    return searched.found;
  };

  return {
    provider: 'paypal',
    validityMs: VALIDITY_MS,
    chargeable(amount, currency) {
      const r = toPayPalValue(amount, currency);
      return r.ok ? ok(amount) : r;
    },
    async createCheckout(req, idempotencyKey): Promise<GatewayResult<Checkout>> {
      const value = toPayPalValue(req.amount, req.currency);
      if (!value.ok) return { ok: false, error: { kind: 'rejected', message: value.error.message } };
      const r = await call('POST', '/v2/checkout/orders', req.now, { 'paypal-request-id': paypalRequestId(idempotencyKey), prefer: 'return=minimal' },
        JSON.stringify(orderBody(req, value.value)));
      if (!r.ok) return r;
      if (r.value.status !== 200 && r.value.status !== 201) return { ok: false, error: paypalError(r.value.status, r.value.body) };
      const id = field(r.value.body, 'id', 'string');
      const url = approvalUrl(r.value.body);
      if (!id || !url) return { ok: false, error: { kind: 'rejected', message: 'PayPal answered without an order id or approval link' } };
      if (!checkoutUrlAllowed('paypal', url, config.apiBase)) return { ok: false, error: { kind: 'rejected', message: `PayPal answered with an approval page on an unexpected host: ${new URL(url).host}` } };
      return { ok: true, value: { providerRef: id, url } };
    },
    async expireCheckout(req): Promise<GatewayResult<ExpireOutcome>> {
      // Orders v2 has no cancel: an order not captured is simply never captured (cobro captures only for an open link)
      const r = await call('GET', orderPath(req.providerRef), req.now);
      if (!r.ok) return r;
      if (r.value.status === 404) return { ok: true, value: 'expired' };
      if (r.value.status !== 200) return { ok: false, error: paypalError(r.value.status, r.value.body) };
      return { ok: true, value: field(r.value.body, 'status', 'string') === 'COMPLETED' ? 'completed' : 'expired' };
    },
    async verify(raw, now) {
      // no webhook id yet (PayPal's webhook not registered): nothing to check a delivery against
      if (!config.webhookId) return { ok: false, code: 'NO_SECRET' };
      const t = readTransmission(raw.headers);
      if (!t.ok) return t;
      const body = verificationBody(t.value, config.webhookId, raw.body.toString('utf8'));
      if (!body) return { ok: false, code: 'MALFORMED_HEADER' };
      const r = await call('POST', '/v1/notifications/verify-webhook-signature', now, {}, body);
      // no answer from PayPal: refused, and PayPal sends the event again later
      if (!r.ok) return { ok: false, code: 'SIGNATURE_MISMATCH' };
      return verificationAnswer(r.value.status, r.value.body);
    },
    eventId(_raw, body) {
      const id = field(body, 'id', 'string');
      return id && /^[A-Za-z0-9-]{1,100}$/.test(id) ? id : null;
    },
    interpret: interpretPayPalEvent,
    async captureOrder(orderRef, now) {
      // the same PayPal-Request-Id on a retry replays the first capture instead of making another
      const r = await call('POST', `${orderPath(orderRef)}/capture`, now, { 'paypal-request-id': paypalRequestId(`cobro-capture-${orderRef}`), prefer: 'return=representation' });
      if (!r.ok) return r;
      if (r.value.status === 200 || r.value.status === 201) return { ok: true, value: orderCapture(r.value.body) };
      if (r.value.status === 422 && paypalError(r.value.status, r.value.body).code === 'ORDER_ALREADY_CAPTURED') {
        const seen = await call('GET', orderPath(orderRef), now);
        if (!seen.ok) return seen;
        if (seen.value.status === 200) return { ok: true, value: orderCapture(seen.value.body) };
        return { ok: false, error: paypalError(seen.value.status, seen.value.body) };
      }
      return { ok: false, error: paypalError(r.value.status, r.value.body) };
    },
    async readOrder(orderRef, now) {
      const r = await call('GET', orderPath(orderRef), now);
      if (!r.ok) return r;
      if (r.value.status === 404) return { ok: true, value: null };
      if (r.value.status !== 200) return { ok: false, error: paypalError(r.value.status, r.value.body) };
      return { ok: true, value: { status: field(r.value.body, 'status', 'string') ?? '', capture: orderCapture(r.value.body) } };
    },
    // a capture as PayPal has it now (GET /v2/payments/captures/{id}): the nightly check reads each eCheck it holds in
    // flight again, so one that cleared or was denied after the check's look-back, its webhook lost, is recorded or ended
    async fetchPayment(captureRef, now = new Date()) {
      const r = await call('GET', `/v2/payments/captures/${encodeURIComponent(captureRef)}`, now);
      if (!r.ok) return r;
      if (r.value.status === 404) return { ok: true, value: null };
      if (r.value.status !== 200) return { ok: false, error: paypalError(r.value.status, r.value.body) };
      return { ok: true, value: captureFacts(r.value.body) };
    },
    // a capture whose webhook was lost (one pending at capture, completed later, included): Transaction Search lists it
    async recentPayments(since, now) {
      const found = await search(since, now);
      return found.ok ? { ok: true, value: found.value.payments } : found;
    },
    // refunds and reversals listed by Transaction Search, then the disputes changed since, applied as their events would be
    async recentAdjustments(since, now) {
      const found = await search(since, now);
      if (!found.ok) return found;
      const disputes = await changedDisputes((path) => call('GET', path, now), base, since);
      return disputes.ok ? { ok: true, value: [...found.value.adjustments, ...disputes.value] } : disputes;
    },
  };
}
