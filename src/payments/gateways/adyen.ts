// Adyen: Pay by Link payment links (Checkout API POST /v71/paymentLinks, X-API-Key, JSON, Idempotency-Key; ended early
// through PATCH /v71/paymentLinks/{id} with status expired), and standard webhooks: a batch of NotificationRequestItems,
// each HMAC-signed (compliance/signatures/adyen.ts), each stored as its own event and read into payment facts
// (AUTHORISATION, REFUND and its undoing: REFUND_FAILED, REFUNDED_REVERSED; the dispute notifications, adyen-disputes.ts). The payment's
// pspReference is its payment_ref, the id Adyen's Settlement details report names it by.
import { createHash } from 'node:crypto';
import { verifyAdyen } from '../../compliance/index.ts';
import { ok } from '../../domain/result.ts';
import type { EgressPolicy } from '../../channels/index.ts';
import { fromAdyenValue, toAdyenValue } from './amounts.ts';
import { checkoutUrlAllowed } from './allowlist.ts';
import { downloadAdyenReport, type AdyenReportUser } from './adyen-report.ts';
import { adyenDisputeFacts, adyenReferences } from './adyen-disputes.ts';
import { apiUrl, callGateway, field } from './http.ts';
import type { Checkout, CheckoutRequest, DeliveredEvent, ExpireOutcome, GatewayAdapter, GatewayResult, PaymentFacts, WebhookMeaning } from './types.ts';

export interface AdyenConfig {
  apiKey: string; merchantAccount: string;
  /** Hex HMAC keys of the webhook endpoint: the current one, and the previous one while Adyen still signs with it. */
  hmacKeys: string[];
  /** `test` (checkout-test.adyen.com) or `live` (needs the account's live URL prefix). */
  environment: 'test' | 'live'; liveUrlPrefix?: string;
  /** Basic auth Adyen sends with each webhook, when set on the endpoint. */
  basicAuth?: { username: string; password: string };
  /** The Customer Area report user reports are downloaded with (REPORT_AVAILABLE). */
  reportUser?: AdyenReportUser;
  /** Or an API key with the report download role, sent as X-API-Key (preferred when both are set). */
  reportApiKey?: string;
  apiBase?: string; egress?: EgressPolicy;
}

export const ADYEN_TEST_API = 'https://checkout-test.adyen.com';
export const ADYEN_API_VERSION = 'v71';
/** Pay by Link allows up to 70 days; three days, as Mercado Pago's, keeps a link current with the balance it asks for. */
const VALIDITY_MS = 72 * 3_600_000;

/** The Checkout API's base: the org's api_base (a test server), the test endpoint, or the live one of its URL prefix. */
export function adyenBase(c: Pick<AdyenConfig, 'apiBase' | 'environment' | 'liveUrlPrefix'>): string {
  if (c.apiBase) return c.apiBase;
  if (c.environment === 'live') return `https://${c.liveUrlPrefix}-checkout-live.adyenpayments.com/checkout`;
  return ADYEN_TEST_API;
}

/** "2026-03-13T17:00:00+00:00": ISO 8601 with an offset, as Adyen writes expiresAt. */
export const adyenDate = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, '+00:00');

/** Adyen takes an Idempotency-Key of up to 64 characters: a longer key is replaced by its SHA-256. */
export const adyenIdempotencyKey = (key: string): string => (key.length <= 64 ? key : createHash('sha256').update(key).digest('hex'));

export function paymentLinkBody(req: CheckoutRequest, value: number, merchantAccount: string): Record<string, unknown> {
  return {
    reference: req.linkId, amount: { currency: req.currency, value }, merchantAccount, description: req.description.slice(0, 280),
    returnUrl: req.successUrl, expiresAt: adyenDate(req.expiresAt), reusable: false,
    metadata: { cobro_org_id: req.orgId.slice(0, 80), cobro_customer_id: req.customerId.slice(0, 80) },
  };
}

function adyenError(status: number, body: unknown): { kind: 'rejected'; message: string; status: number; code?: string } {
  const code = field(body, 'errorCode', 'string');
  return { kind: 'rejected', status, message: `Adyen answered ${status}: ${field(body, 'message', 'string') ?? code ?? 'no message'}`, ...(code ? { code } : {}) };
}

/** The NotificationRequestItems of a standard webhook; null when the body is not one. */
export function notificationItems(body: unknown): Record<string, unknown>[] | null {
  const list = field(body, 'notificationItems', 'object');
  if (!Array.isArray(list)) return null;
  const items = list.map((x: unknown) => field(x, 'NotificationRequestItem', 'object'));
  return items.every((i) => i !== undefined) ? items as Record<string, unknown>[] : null;
}

/** An item's unique id: its pspReference, eventCode and success (Adyen sends an item again until it is accepted). */
export function adyenEventId(item: unknown): string | null {
  const psp = field(item, 'pspReference', 'string');
  const code = field(item, 'eventCode', 'string');
  const success = field(item, 'success', 'string');
  if (!psp || !code || !success) return null;
  // a report made again under the same name is told from a repeat of the first notification by the moment Adyen made it
  const made = code === 'REPORT_AVAILABLE' ? field(item, 'eventDate', 'string') : undefined;
  return `${psp}:${code}:${success}${made ? `:${made}` : ''}`;
}

/** Reads one NotificationRequestItem into what cobro acts on. */
export function interpretAdyenItem(item: unknown): WebhookMeaning {
  const code = field(item, 'eventCode', 'string') ?? '';
  const success = field(item, 'success', 'string') === 'true';
  const psp = field(item, 'pspReference', 'string');
  // a report made: its pspReference is the file's name, its reason the URL it is downloaded from
  if (code === 'REPORT_AVAILABLE') {
    const url = field(item, 'reason', 'string');
    if (!psp || !url || !success) return { kind: 'ignore', reason: `an Adyen REPORT_AVAILABLE item without its file name, URL or success` };
    const at = field(item, 'eventDate', 'string');
    return { kind: 'report', fileName: psp, url, ...(at && !Number.isNaN(Date.parse(at)) ? { at: new Date(at).toISOString() } : {}) };
  }
  const amount = field(item, 'amount', 'object');
  const currency = field(amount, 'currency', 'string');
  const value = currency ? fromAdyenValue(field(amount, 'value', 'number'), currency) : null;
  if (!psp || !currency || value === null) return { kind: 'ignore', reason: `an Adyen ${code || 'untyped'} item without its pspReference or amount` };
  const reason = field(item, 'reason', 'string');
  if (!success) return { kind: 'ignore', reason: `Adyen ${code} ${psp} did not succeed${reason ? `: ${reason}` : ''}` };
  const original = field(item, 'originalReference', 'string');
  if (code === 'AUTHORISATION') {
    const linkId = field(item, 'merchantReference', 'string');
    const at = field(item, 'eventDate', 'string');
    const method = field(item, 'paymentMethod', 'string');
    const facts: PaymentFacts = { provider: 'adyen', paymentRef: psp, currency, captured: value, method: method ? `adyen_${method}` : 'adyen_pay_by_link',
      ...(linkId ? { linkId } : {}), ...(at && !Number.isNaN(Date.parse(at)) ? { paidAt: new Date(at).toISOString() } : {}) };
    return { kind: 'facts', facts };
  }
  if (code === 'REFUND' || code === 'CANCEL_OR_REFUND') {
    if (!original) return { kind: 'ignore', reason: `Adyen refund ${psp} names no payment (originalReference)` };
    return { kind: 'facts', facts: { provider: 'adyen', paymentRef: original, currency, refund: { id: psp, amount: value } } };
  }
  // the refund (pspReference) failed at the scheme, or its money came back: what it took is the org's again
  if (code === 'REFUND_FAILED' || code === 'REFUNDED_REVERSED') {
    if (!original) return { kind: 'ignore', reason: `Adyen ${code} ${psp} names no payment (originalReference)` };
    return { kind: 'facts', facts: { provider: 'adyen', paymentRef: original, currency, refundUndone: { id: psp } } };
  }
  const dispute = adyenDisputeFacts(item, code, psp, value);
  if (dispute) {
    if (!original) return { kind: 'ignore', reason: `Adyen dispute ${psp} names no payment (originalReference)` };
    const references = adyenReferences(item);
    return { kind: 'facts', facts: { provider: 'adyen', paymentRef: original, currency, dispute, ...(references.length ? { references } : {}) } };
  }
  return { kind: 'ignore', reason: `cobro does not act on Adyen ${code || 'untyped'} items` };
}

export function adyenGateway(config: AdyenConfig): GatewayAdapter {
  const base = `${adyenBase(config).replace(/\/+$/, '')}/${ADYEN_API_VERSION}`;
  const headers = { 'x-api-key': config.apiKey, 'content-type': 'application/json' };
  const linkPath = (id: string) => `/paymentLinks/${encodeURIComponent(id)}`;

  async function linkStatus(id: string): Promise<GatewayResult<string | undefined>> {
    const r = await callGateway({ egress: config.egress, url: apiUrl(base, linkPath(id)), method: 'GET', headers: { 'x-api-key': config.apiKey } });
    if (!r.ok) return r;
    if (r.status !== 200) return { ok: false, error: adyenError(r.status, r.body) };
    return { ok: true, value: field(r.body, 'status', 'string') };
  }

  return {
    provider: 'adyen',
    validityMs: VALIDITY_MS,
    refusedStatus: 403,
    acceptedBody: '[accepted]',
    chargeable(amount, currency) {
      const r = toAdyenValue(amount, currency);
      return r.ok ? ok(amount) : r;
    },
    async createCheckout(req, idempotencyKey): Promise<GatewayResult<Checkout>> {
      const value = toAdyenValue(req.amount, req.currency);
      if (!value.ok) return { ok: false, error: { kind: 'rejected', message: value.error.message } };
      const r = await callGateway({ egress: config.egress, url: apiUrl(base, '/paymentLinks'), method: 'POST',
        headers: { ...headers, 'idempotency-key': adyenIdempotencyKey(idempotencyKey) },
        body: JSON.stringify(paymentLinkBody(req, value.value, config.merchantAccount)) });
      if (!r.ok) return r;
      if (r.status !== 200 && r.status !== 201) return { ok: false, error: adyenError(r.status, r.body) };
      const id = field(r.body, 'id', 'string');
      const url = field(r.body, 'url', 'string');
      if (!id || !url) return { ok: false, error: { kind: 'rejected', message: 'Adyen answered without a payment link id or url' } };
      if (!checkoutUrlAllowed('adyen', url, config.apiBase)) return { ok: false, error: { kind: 'rejected', message: `Adyen answered with a payment link on an unexpected host: ${new URL(url).host}` } };
      return { ok: true, value: { providerRef: id, url } };
    },
    async expireCheckout(req): Promise<GatewayResult<ExpireOutcome>> {
      const r = await callGateway({ egress: config.egress, url: apiUrl(base, linkPath(req.providerRef)), method: 'PATCH', headers,
        body: JSON.stringify({ status: 'expired' }) });
      if (!r.ok) return r;
      if (r.status === 200 && field(r.body, 'status', 'string') === 'expired') return { ok: true, value: 'expired' };
      // refused (a link already paid or ended cannot change): the link says which
      const s = await linkStatus(req.providerRef);
      if (!s.ok) return s;
      if (s.value === 'completed' || s.value === 'paymentPending') return { ok: true, value: 'completed' };
      if (s.value === 'expired') return { ok: true, value: 'expired' };
      return { ok: false, error: adyenError(r.status, r.body) };
    },
    verify(raw) {
      // Adyen signs each item's fields, not the bytes: they are read from the raw body only to be checked, before anything else
      let body: unknown;
      try { body = JSON.parse(raw.body.toString('utf8')); } catch { return { ok: false, code: 'MALFORMED_HEADER' }; }
      const items = notificationItems(body);
      if (!items) return { ok: false, code: 'MALFORMED_HEADER' };
      return verifyAdyen({ items, hmacKeys: config.hmacKeys,
        ...(config.basicAuth ? { basicAuth: { ...config.basicAuth, header: raw.headers['authorization'] } } : {}) });
    },
    eventId(_raw, body) {
      const items = notificationItems(body);
      return items?.length === 1 ? adyenEventId(items[0]) : null;
    },
    split(body): DeliveredEvent[] | null {
      const items = notificationItems(body);
      if (!items) return null;
      const events = items.map((item) => ({ eventId: adyenEventId(item), body: item }));
      return events.every((e) => e.eventId) ? events as DeliveredEvent[] : null;
    },
    interpret: interpretAdyenItem,
    // Adyen's Checkout API reads no payment by pspReference and lists none: its webhooks, sent again until accepted, are
    // the record (a delivery cobro did not accept stays queued at Adyen and shows in its Customer Area)
    async fetchPayment() { return { ok: true, value: null }; },
    async recentPayments() { return { ok: true, value: [] }; },
    downloadReport: (url) => downloadAdyenReport(url, { ...(config.reportUser ? { user: config.reportUser } : {}), ...(config.reportApiKey ? { apiKey: config.reportApiKey } : {}) },
      { ...(config.apiBase ? { apiBase: config.apiBase } : {}), ...(config.egress ? { egress: config.egress } : {}) }),
  };
}
