// Mercado Pago: Checkout Pro preferences (POST /checkout/preferences, JSON, X-Idempotency-Key; ended early by updating their
// expiration through PUT /checkout/preferences/{id}), x-signature webhooks that
// name a payment which is then fetched (GET /v1/payments/{id}) or a chargeback which is read with its payment
// (mercadopago-chargebacks.ts), and recent payments searched for the nightly check.
import { verifyMercadoPago } from '../../compliance/index.ts';
import { ok } from '../../domain/result.ts';
import { fromMercadoPagoAmount, toMercadoPagoPrice } from './amounts.ts';
import { checkoutUrlAllowed } from './allowlist.ts';
import type { EgressPolicy } from '../../channels/index.ts';
import { apiUrl, callGateway, field } from './http.ts';
import { CHARGEBACK_TOPICS, chargebackFacts, parseWithBigIds } from './mercadopago-chargebacks.ts';
import type { Checkout, CheckoutRequest, DisputeFacts, ExpireOutcome, GatewayAdapter, GatewayResult, PaymentFacts } from './types.ts';

export interface MercadoPagoConfig { accessToken: string; webhookSecret: string; apiBase?: string; egress?: EgressPolicy }

export const MERCADOPAGO_API = 'https://api.mercadopago.com';
const VALIDITY_MS = 72 * 3_600_000;

/** "2026-03-10T17:00:00.000+00:00": ISO 8601 with milliseconds and an offset, as Mercado Pago writes its dates. */
export function mercadoPagoDate(d: Date): string {
  return d.toISOString().replace(/Z$/, '+00:00');
}

export function preferenceBody(req: CheckoutRequest, unitPrice: number): Record<string, unknown> {
  return {
    items: [{ id: req.linkId, title: req.description, quantity: 1, currency_id: req.currency, unit_price: unitPrice }],
    external_reference: req.linkId,
    notification_url: req.notificationUrl,
    back_urls: { success: req.successUrl, pending: req.successUrl, failure: req.cancelUrl },
    auto_return: 'approved',
    expires: true,
    expiration_date_from: mercadoPagoDate(req.now),
    expiration_date_to: mercadoPagoDate(req.expiresAt),
    metadata: { cobro_org_id: req.orgId, cobro_customer_id: req.customerId, cobro_invoice_ids: req.invoiceIds },
  };
}

/** The update that ends a preference's validity at `now` (it began when the preference was made). */
export function expiryBody(createdAt: Date, now: Date): Record<string, unknown> {
  return { expires: true, expiration_date_from: mercadoPagoDate(createdAt), expiration_date_to: mercadoPagoDate(new Date(Math.max(now.getTime(), createdAt.getTime() + 1000))) };
}

/** Money was accredited at some point in these states; a refund or chargeback then takes some or all of it back. */
const ACCREDITED = new Set(['approved', 'refunded', 'charged_back', 'in_mediation']);

/**
 * A payment not accredited as a voucher's state. The payment statuses page (Checkout API, "Get payment status"): `pending`
 * / `pending_waiting_payment` "In cases of offline payments, it remains pending until the user finishes the payment": a
 * ticket (OXXO, boleto ...) issued and not paid, payable until its `date_of_expiration`; `cancelled` / `expired` "The
 * payment has been cancelled after spending 30 days in a pending status" (so cobro's hold ends at `date_of_expiration`,
 * not then), `cancelled` by collector or payer, and `rejected` end it unpaid. Other states say nothing of a voucher.
 */
function voucherOf(p: unknown, status: string): PaymentFacts['voucher'] | undefined {
  const detail = field(p, 'status_detail', 'string') ?? '';
  const method = field(p, 'payment_method_id', 'string');
  if (status === 'pending' && detail === 'pending_waiting_payment') {
    const expires = field(p, 'date_of_expiration', 'string');
    const at = expires ? Date.parse(expires) : NaN;
    return Number.isNaN(at) ? undefined : { state: 'issued', expiresAt: new Date(at).toISOString(), ...(method ? { method } : {}) };
  }
  if (status === 'cancelled' || status === 'rejected') return { state: 'ended', reason: `the payment is ${status}${detail ? ` (${detail})` : ''}` };
  return undefined;
}

/**
 * The payment's dispute as its status tells it, under one id whatever the stage (the id chargebacks always had; applied to
 * whichever of the payment's disputes is open, payments/mercadopago-disputes.ts), so each stage replaces the one before: `in_mediation` (the buyer opened a claim or dispute through Mercado Pago; its
 * status_details were not on the status page read here [U]) and `charged_back` / `in_process` ("The payment is in process due to the payer
 * disowning it") hold the money; `charged_back` / `reimbursed` ("The money was reimbursed after a chargeback process":
 * decided for the seller) gives it back; other `charged_back` (`settled`, "The money was retained after a chargeback
 * process": decided against the seller, as the Split Payments chargebacks page says) takes it. `approved` or `refunded`
 * settle only a dispute held (approved again after a mediation: resolved for the seller; refunded: the buyer's money left
 * through the refund, counted there).
 */
function disputeOf(p: unknown, status: string, paymentRef: string, held: number): DisputeFacts {
  const id = `chargeback:${paymentRef}`;
  const detail = field(p, 'status_detail', 'string') ?? '';
  if (status === 'in_mediation') return { id, amount: held, status: 'open' };
  if (status === 'charged_back') return { id, amount: held, status: detail === 'reimbursed' ? 'won' : detail === 'in_process' ? 'open' : 'lost' };
  return { id, amount: held, status: 'won', ifHeld: true };
}

/** A payment as GET /v1/payments/{id} or the search returns it, as facts; null when it cannot be read. */
export function mercadoPagoFacts(p: unknown): PaymentFacts | null {
  const rawId = field(p, 'id', 'number') ?? field(p, 'id', 'string');
  const currency = field(p, 'currency_id', 'string');
  const status = field(p, 'status', 'string') ?? '';
  if (rawId === undefined || !currency) return null;
  const paymentRef = String(rawId);
  const linkId = field(p, 'external_reference', 'string');
  const base: PaymentFacts = { provider: 'mercadopago', paymentRef, currency, ...(linkId ? { linkId } : {}) };
  if (!ACCREDITED.has(status)) {
    const voucher = voucherOf(p, status);
    return voucher ? { ...base, voucher } : base;
  }
  const amount = fromMercadoPagoAmount(field(p, 'transaction_amount', 'number'), currency);
  if (amount === null) return null;
  const refundedField = fromMercadoPagoAmount(field(p, 'transaction_amount_refunded', 'number') ?? 0, currency) ?? 0;
  const refunded = status === 'refunded' && refundedField === 0 ? amount : refundedField;
  const paidAt = field(p, 'date_approved', 'string');
  const method = field(p, 'payment_method_id', 'string');
  return {
    ...base, captured: amount, refunded, dispute: disputeOf(p, status, paymentRef, amount - refunded),
    ...(paidAt ? { paidAt: new Date(paidAt).toISOString() } : {}), ...(method ? { method } : {}),
  };
}

function mpError(status: number, body: unknown): { kind: 'rejected'; message: string; status: number; code?: string } {
  const code = field(body, 'error', 'string');
  return { kind: 'rejected', status, message: `Mercado Pago answered ${status}: ${field(body, 'message', 'string') ?? code ?? 'no message'}`, ...(code ? { code } : {}) };
}

export function mercadoPagoGateway(config: MercadoPagoConfig): GatewayAdapter {
  const base = config.apiBase ?? MERCADOPAGO_API;
  const headers = { authorization: `Bearer ${config.accessToken}` };
  const get = (path: string) => callGateway({ egress: config.egress, url: apiUrl(base, path), method: 'GET', headers });
  const fetchPayment = async (paymentRef: string): Promise<GatewayResult<PaymentFacts | null>> => {
    const r = await get(`/v1/payments/${encodeURIComponent(paymentRef)}`);
    if (!r.ok) return r;
    if (r.status === 404) return { ok: true, value: null };
    if (r.status !== 200) return { ok: false, error: mpError(r.status, r.body) };
    const facts = mercadoPagoFacts(r.body);
    return facts ? { ok: true, value: facts } : { ok: false, error: { kind: 'rejected', message: `payment ${paymentRef} could not be read` } };
  };

  return {
    provider: 'mercadopago',
    validityMs: VALIDITY_MS,
    chargeable(amount, currency) {
      const r = toMercadoPagoPrice(amount, currency);
      return r.ok ? ok(amount) : r;
    },
    async createCheckout(req, idempotencyKey): Promise<GatewayResult<Checkout>> {
      const price = toMercadoPagoPrice(req.amount, req.currency);
      if (!price.ok) return { ok: false, error: { kind: 'rejected', message: price.error.message } };
      const r = await callGateway({ egress: config.egress, url: apiUrl(base, '/checkout/preferences'), method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'x-idempotency-key': idempotencyKey },
        body: JSON.stringify(preferenceBody(req, price.value)) });
      if (!r.ok) return r;
      if (r.status !== 200 && r.status !== 201) return { ok: false, error: mpError(r.status, r.body) };
      const prefId = field(r.body, 'id', 'string');
      // test credentials pay on the sandbox page
      const url = config.accessToken.startsWith('TEST-') ? field(r.body, 'sandbox_init_point', 'string') ?? field(r.body, 'init_point', 'string')
        : field(r.body, 'init_point', 'string');
      if (!prefId || !url) return { ok: false, error: { kind: 'rejected', message: 'Mercado Pago answered without a preference id or init_point' } };
      if (!checkoutUrlAllowed('mercadopago', url, config.apiBase)) return { ok: false, error: { kind: 'rejected', message: `Mercado Pago answered with a checkout URL on an unexpected host: ${new URL(url).host}` } };
      return { ok: true, value: { providerRef: prefId, url } };
    },
    async expireCheckout(req): Promise<GatewayResult<ExpireOutcome>> {
      // PUT /checkout/preferences/{id} updates the fields sent: the preference's validity now ends
      const r = await callGateway({ egress: config.egress, url: apiUrl(base, `/checkout/preferences/${encodeURIComponent(req.providerRef)}`), method: 'PUT',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(expiryBody(req.createdAt, req.now)) });
      if (!r.ok) return r;
      if (r.status !== 200 && r.status !== 201) return { ok: false, error: mpError(r.status, r.body) };
      return { ok: true, value: 'expired' };
    },
    verify(raw) {
      // no tolerance: Mercado Pago documents none, and a replayed notification only makes cobro fetch the payment again
      return verifyMercadoPago({ signature: raw.headers['x-signature'], requestId: raw.headers['x-request-id'], dataId: raw.query['data.id'],
        secrets: [config.webhookSecret] });
    },
    eventId(raw, body) {
      // the signature covers data.id from the URL only: the body must name the same payment
      const dataId = field(field(body, 'data', 'object'), 'id', 'string') ?? String(field(field(body, 'data', 'object'), 'id', 'number') ?? '');
      if (!raw.query['data.id'] || dataId !== raw.query['data.id']) return null;
      const notification = field(body, 'id', 'number') ?? field(body, 'id', 'string');
      return notification !== undefined ? String(notification) : `${field(body, 'type', 'string') ?? 'unknown'}:${dataId}:${raw.headers['x-request-id'] ?? ''}`;
    },
    interpret(body) {
      const type = field(body, 'type', 'string') ?? field(body, 'topic', 'string');
      const data = field(body, 'data', 'object');
      const ref = field(data, 'id', 'string') ?? (field(data, 'id', 'number') !== undefined ? String(field(data, 'id', 'number')) : undefined);
      if (type === 'payment' && ref) return { kind: 'fetch', paymentRef: ref };
      if (type && CHARGEBACK_TOPICS.has(type) && ref) return { kind: 'chargeback', chargebackRef: ref };
      return { kind: 'ignore', reason: `cobro does not act on ${type ?? 'untyped'} notifications` };
    },
    parse: parseWithBigIds,
    readChargeback(chargebackRef) {
      return chargebackFacts(config, chargebackRef, fetchPayment);
    },
    fetchPayment,
    async recentPayments(since, now) {
      const out: PaymentFacts[] = [];
      for (let offset = 0, page = 0; page < 100; page++) {
        const q = new URLSearchParams({ sort: 'date_created', criteria: 'desc', range: 'date_created', begin_date: mercadoPagoDate(since),
          end_date: mercadoPagoDate(now), limit: '100', offset: String(offset) });
        const r = await get(`/v1/payments/search?${q.toString()}`);
        if (!r.ok) return r;
        if (r.status !== 200) return { ok: false, error: mpError(r.status, r.body) };
        const results = field(r.body, 'results', 'object');
        const rows = Array.isArray(results) ? results as unknown[] : [];
        for (const p of rows) {
          const f = mercadoPagoFacts(p);
          if (f?.captured) out.push(f);
        }
        offset += rows.length;
        const total = field(field(r.body, 'paging', 'object'), 'total', 'number') ?? 0;
        if (rows.length === 0 || offset >= total) break;
      }
      return { ok: true, value: out };
    },
  };
}
