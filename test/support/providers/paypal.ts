// A fake PayPal REST API on loopback: OAuth2 client-credentials tokens (POST /v1/oauth2/token, basic auth), Orders v2
// orders created, read and captured (POST /v2/checkout/orders, GET /v2/checkout/orders/{id}, POST .../capture), each
// request checked as PayPal documents it (bearer token, JSON, intent CAPTURE, one purchase unit, amount value as a
// decimal string with PayPal's decimals per currency, return and cancel URLs, PayPal-Request-Id replays), and webhook
// events signed as PayPal signs them: SHA256withRSA over transmission id|time|webhook id|CRC32 of the body with this fake's
// own key, checked by POST /v1/notifications/verify-webhook-signature (SUCCESS or FAILURE), which refuses malformed requests;
// disputes on its captures as the Disputes API lists and shows them and as CUSTOMER.DISPUTE.* events carry them (paypal-disputes.ts);
// its captures, refunds and reversals as Transaction Search lists them (paypal-reporting.ts); a payer paying by eCheck, whose
// capture stays PENDING (status_details.reason ECHECK) until it clears (COMPLETED) or is denied (DENIED), each with its
// PAYMENT.CAPTURE.* event, and captures read by id (GET /v2/payments/captures/{id}).
import { createSign, createVerify, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { Queryable } from '../../../src/db/index.ts';
import { putCredentials, vaultKey } from '../../../src/vault/index.ts';
import { json, serve, type Received, type Running } from './http.ts';
import { fakeDisputes, type FakeDisputes } from './paypal-disputes.ts';
import { fakeEvidence, type PayPalEvidenceFake } from './paypal-evidence.ts';
import { fakeAcceptClaim, type PayPalAcceptClaimFake } from './paypal-accept-claim.ts';
import { fakeReporting, type FakeReporting } from './paypal-reporting.ts';

export interface FakePayPalOptions { clientId: string; clientSecret: string; webhookId: string; now?: () => Date }

export type PayPalObject = Record<string, unknown>;
/** A webhook delivery as PayPal posts it: the body and its transmission headers. */
export interface PayPalDelivery { body: string; headers: Record<string, string> }

export interface FakePayPal extends Running {
  connect(q: Queryable, orgId: string, o?: { secretKey?: string }): Promise<void>;
  orders: Map<string, PayPalObject>;
  created: { requestId: string | undefined; body: PayPalObject }[];
  captures: { orderId: string; requestId: string | undefined }[];
  /** The orders read (GET /v2/checkout/orders/{id}), in order. */
  ordersRead: string[];
  /** The captures read (GET /v2/payments/captures/{id}), in order. */
  capturesRead: string[];
  verifications: PayPalObject[];
  tokensIssued: number;
  rejected: { status: number; message: string }[];
  /**
   * The payer approves the order on PayPal: CHECKOUT.ORDER.APPROVED, signed; `echeck`: funded by an eCheck, so its capture stays
   * PENDING (reason ECHECK); `pending`: the capture stays PENDING for that status_details.reason (PENDING_REVIEW, UNILATERAL ...).
   */
  approve(orderId: string, o?: { echeck?: boolean; pending?: string }): PayPalDelivery;
  /** PAYMENT.CAPTURE.PENDING for a capture this fake made (an eCheck not cleared yet). */
  capturePending(captureId: string): PayPalDelivery;
  /** The eCheck cleared: the capture COMPLETED (Transaction Search: status S), and its PAYMENT.CAPTURE.COMPLETED. */
  clearECheck(captureId: string): PayPalDelivery;
  /** The eCheck was declined by the payer's bank: the capture DENIED (Transaction Search: status D), and its PAYMENT.CAPTURE.DENIED. */
  denyECheck(captureId: string): PayPalDelivery;
  /** A capture PENDING declined instead (status DECLINED, Transaction Search status D), and its PAYMENT.CAPTURE.DECLINED. */
  declinePending(captureId: string): PayPalDelivery;
  /** PAYMENT.CAPTURE.COMPLETED for a capture this fake made. */
  captureCompleted(captureId: string): PayPalDelivery;
  refund(captureId: string, value: string, kind?: 'REFUNDED' | 'REVERSED'): PayPalDelivery;
  /** The payer approves and the order is captured at PayPal without cobro asking (as when cobro lost the answer): the capture id and its PAYMENT.CAPTURE.COMPLETED, signed, not delivered. */
  payAtPayPal(orderId: string): { captureId: string; completed: PayPalDelivery };
  /** Transaction Search: the account's transactions, the searches answered, the listing delay. */
  reporting: FakeReporting;
  /** The disputes PayPal holds, and the queries of the list requests it answered. */
  disputes: FakeDisputes['disputes'];
  disputesListed: URLSearchParams[];
  /** The evidence answers PayPal took (provide-evidence; paypal-evidence.ts). */
  evidence: PayPalEvidenceFake['received'];
  /** The claims accepted (accept-claim; paypal-accept-claim.ts). */
  claimsAccepted: PayPalAcceptClaimFake['accepted'];
  /** A dispute opened on a capture (its whole amount, or `value`) or several: CUSTOMER.DISPUTE.CREATED, signed, with its id. */
  openDispute(captureId: string | string[], value?: string): { id: string; created: PayPalDelivery };
  /** CUSTOMER.DISPUTE.UPDATED with the dispute's new status. */
  updateDispute(id: string, status: string): PayPalDelivery;
  /** CUSTOMER.DISPUTE.RESOLVED with its outcome code (and amount refunded to the buyer, when given). */
  resolveDispute(id: string, outcome: string, refunded?: string): PayPalDelivery;
  /** An event signed under another webhook id or transmission, for tests of what must not verify. */
  sign(event: PayPalObject, o?: { webhookId?: string }): PayPalDelivery;
}

const ZERO_DECIMAL = new Set(['HUF', 'JPY', 'TWD']);
const id17 = () => randomBytes(9).toString('hex').toUpperCase().slice(0, 17);

function isUrl(v: unknown): boolean {
  try { return typeof v === 'string' && Boolean(new URL(v)); } catch { return false; }
}

/** Checks a create-order request as the Orders v2 reference describes it; the issue name PayPal would give, or null. */
function checkOrder(b: PayPalObject): string | null {
  if (b.intent !== 'CAPTURE' && b.intent !== 'AUTHORIZE') return 'INVALID_PARAMETER_VALUE: intent';
  const units = b.purchase_units;
  if (!Array.isArray(units) || units.length !== 1) return 'INVALID_ARRAY_MIN_ITEMS: purchase_units';
  const u = units[0] as PayPalObject;
  if (typeof u.reference_id !== 'string' || !u.reference_id || u.reference_id.length > 256) return 'INVALID_STRING_LENGTH: reference_id';
  if (u.custom_id !== undefined && (typeof u.custom_id !== 'string' || u.custom_id.length > 127)) return 'INVALID_STRING_LENGTH: custom_id';
  if (u.description !== undefined && (typeof u.description !== 'string' || u.description.length > 127)) return 'INVALID_STRING_LENGTH: description';
  const amount = u.amount as PayPalObject | undefined;
  if (!amount || typeof amount.currency_code !== 'string' || !/^[A-Z]{3}$/.test(amount.currency_code)) return 'MISSING_REQUIRED_PARAMETER: amount.currency_code';
  const decimals = ZERO_DECIMAL.has(amount.currency_code) ? 0 : 2;
  const shape = decimals === 0 ? /^\d{1,32}$/ : /^\d{1,32}(\.\d{1,2})?$/;
  if (typeof amount.value !== 'string' || !shape.test(amount.value)) return 'DECIMAL_PRECISION: amount.value';
  if (Number(amount.value) <= 0) return 'CANNOT_BE_ZERO_OR_NEGATIVE: amount.value';
  const ctx = ((b.payment_source as PayPalObject | undefined)?.paypal as PayPalObject | undefined)?.experience_context as PayPalObject | undefined;
  if (!ctx || !isUrl(ctx.return_url) || !isUrl(ctx.cancel_url)) return 'MISSING_REQUIRED_PARAMETER: payment_source.paypal.experience_context.return_url';
  return null;
}

export async function fakePayPal(opts: FakePayPalOptions): Promise<FakePayPal> {
  const now = opts.now ?? (() => new Date());
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const tokens = new Set<string>();
  const replies = new Map<string, { status: number; body: PayPalObject }>();
  const capturesById = new Map<string, PayPalObject>();
  const state = { tokensIssued: 0 };
  const orders = new Map<string, PayPalObject>();
  const created: FakePayPal['created'] = [];
  const captures: FakePayPal['captures'] = [];
  const ordersRead: string[] = [];
  const capturesRead: string[] = [];
  /** Orders whose capture stays PENDING, by the reason PayPal gives. */
  const pendings = new Map<string, string>();
  const listed = new Map<string, PayPalObject>();
  const verifications: PayPalObject[] = [];
  const rejected: FakePayPal['rejected'] = [];
  const refuse = (res: Parameters<typeof json>[0], status: number, name: string, issue: string) => {
    rejected.push({ status, message: `${name} ${issue}` });
    json(res, status, { name, message: issue, debug_id: id17(), details: [{ issue: issue.split(':')[0] }] });
  };
  const certPath = '/v1/notifications/certs/CERT-fake-paypal';
  const payload = (tid: string, time: string, webhookId: string, body: string) => `${tid}|${time}|${webhookId}|${crc32(Buffer.from(body, 'utf8'))}`;

  const handle = (req: Received, res: Parameters<typeof json>[0]) => {
    const url = new URL(req.path, 'http://paypal.local');
    const text = req.body.toString('utf8');
    if (req.method === 'POST' && url.pathname === '/v1/oauth2/token') {
      const basic = `Basic ${Buffer.from(`${opts.clientId}:${opts.clientSecret}`).toString('base64')}`;
      if (req.headers.authorization !== basic) return json(res, 401, { error: 'invalid_client', error_description: 'Client Authentication failed' });
      if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') || new URLSearchParams(text).get('grant_type') !== 'client_credentials') {
        return json(res, 400, { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' });
      }
      const token = `A21AA${randomBytes(24).toString('base64url')}`;
      tokens.add(token);
      state.tokensIssued++;
      return json(res, 200, { scope: 'https://uri.paypal.com/services/payments/payment', access_token: token, token_type: 'Bearer', app_id: 'APP-80W284485P519543T', expires_in: 32400, nonce: id17() });
    }
    if (req.method === 'GET' && url.pathname === certPath) { res.statusCode = 200; res.end(keys.publicKey.export({ type: 'spki', format: 'pem' })); return; }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !tokens.has(bearer)) return refuse(res, 401, 'AUTHENTICATION_FAILURE', 'Authentication failed due to invalid authentication credentials or a missing Authorization header.');
    if (evidence.route(req, url, res)) return;
    if (req.method === 'POST' && !(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'a JSON body is required');
    if (acceptClaim.route(req, url, res) || disputes.route(req.method, url, res) || reporting.route(req.method, url, res)) return;
    const requestId = typeof req.headers['paypal-request-id'] === 'string' ? req.headers['paypal-request-id'] : undefined;
    if (requestId !== undefined && (!requestId || requestId.length > 108)) return refuse(res, 400, 'INVALID_REQUEST', 'INVALID_PARAMETER_VALUE: PayPal-Request-Id');
    const replay = requestId ? replies.get(`${url.pathname}\n${requestId}`) : undefined;
    if (replay) return json(res, replay.status, replay.body);
    const answer = (status: number, body: PayPalObject) => {
      if (requestId) replies.set(`${url.pathname}\n${requestId}`, { status, body });
      return json(res, status, body);
    };
    const one = /^\/v2\/checkout\/orders\/([A-Z0-9]+)(\/capture)?$/.exec(url.pathname);
    const captureRead = /^\/v2\/payments\/captures\/([A-Z0-9]+)$/.exec(url.pathname);
    if (captureRead && req.method === 'GET') {
      capturesRead.push(captureRead[1]!);
      const capture = capturesById.get(captureRead[1]!);
      return capture ? json(res, 200, capture) : refuse(res, 404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID');
    }

    if (req.method === 'POST' && url.pathname === '/v2/checkout/orders') {
      let body: PayPalObject;
      try { body = JSON.parse(text) as PayPalObject; } catch { return refuse(res, 400, 'INVALID_REQUEST', 'MALFORMED_REQUEST_JSON'); }
      const problem = checkOrder(body);
      if (problem) return refuse(res, 422, 'UNPROCESSABLE_ENTITY', problem);
      const id = id17();
      const order = { id, intent: body.intent, status: 'PAYER_ACTION_REQUIRED', purchase_units: body.purchase_units, create_time: now().toISOString(),
        links: [{ href: `${running.url}/v2/checkout/orders/${id}`, rel: 'self', method: 'GET' }, { href: `${running.url}/checkoutnow?token=${id}`, rel: 'payer-action', method: 'GET' }] };
      orders.set(id, order);
      created.push({ requestId, body });
      return answer(200, { id, status: order.status, links: order.links });
    }
    if (one && req.method === 'GET' && !one[2]) {
      ordersRead.push(one[1]!);
      const order = orders.get(one[1]!);
      return order ? json(res, 200, order) : refuse(res, 404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID');
    }
    if (one && req.method === 'POST' && one[2]) {
      const order = orders.get(one[1]!);
      if (!order) return refuse(res, 404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID');
      captures.push({ orderId: one[1]!, requestId });
      if (order.status === 'COMPLETED') return refuse(res, 422, 'UNPROCESSABLE_ENTITY', 'ORDER_ALREADY_CAPTURED');
      if (order.status !== 'APPROVED') return refuse(res, 422, 'UNPROCESSABLE_ENTITY', 'ORDER_NOT_APPROVED');
      captureNow(order);
      return answer(201, order);
    }
    if (req.method === 'POST' && url.pathname === '/v1/notifications/verify-webhook-signature') {
      let b: PayPalObject;
      try { b = JSON.parse(text) as PayPalObject; } catch { return refuse(res, 400, 'INVALID_REQUEST', 'MALFORMED_REQUEST_JSON'); }
      verifications.push(b);
      for (const f of ['auth_algo', 'cert_url', 'transmission_id', 'transmission_sig', 'transmission_time', 'webhook_id']) {
        if (typeof b[f] !== 'string' || !b[f]) return refuse(res, 400, 'VALIDATION_ERROR', `MISSING_REQUIRED_PARAMETER: ${f}`);
      }
      if (!b.webhook_event || typeof b.webhook_event !== 'object') return refuse(res, 400, 'VALIDATION_ERROR', 'MISSING_REQUIRED_PARAMETER: webhook_event');
      if (!/^[a-zA-Z0-9]+$/.test(String(b.auth_algo)) || !/^[a-zA-Z0-9]+$/.test(String(b.webhook_id))) return refuse(res, 400, 'VALIDATION_ERROR', 'INVALID_PATTERN');
      const event = JSON.stringify(b.webhook_event);
      const holds = b.auth_algo === 'SHA256withRSA' && b.cert_url === `${running.url}${certPath}`
        && createVerify('RSA-SHA256').update(payload(String(b.transmission_id), String(b.transmission_time), String(b.webhook_id), event))
          .verify(keys.publicKey, String(b.transmission_sig), 'base64');
      return json(res, 200, { verification_status: holds ? 'SUCCESS' : 'FAILURE' });
    }
    return refuse(res, 404, 'RESOURCE_NOT_FOUND', `no route ${req.method} ${url.pathname}`);
  };

  const running = await serve(handle);
  const disputes = fakeDisputes({ base: () => running.url, now, refuse });
  const reporting = fakeReporting({ now, refuse });
  const evidence = fakeEvidence({ disputes: disputes.disputes, base: () => running.url, now, refuse });
  const acceptClaim = fakeAcceptClaim({ disputes: disputes.disputes, base: () => running.url, now, refuse });

  /** Captures an approved order: the capture kept on the order and listed by Transaction Search (T0006, the custom_id as custom_field). */
  function captureNow(order: PayPalObject): PayPalObject {
    const unit = (order.purchase_units as PayPalObject[])[0]!;
    const pending = pendings.get(String(order.id));
    const echeck = pending !== undefined;
    const capture: PayPalObject = { id: id17(), status: echeck ? 'PENDING' : 'COMPLETED', ...(echeck ? { status_details: { reason: pending } } : {}), amount: unit.amount, final_capture: true, custom_id: unit.custom_id, create_time: now().toISOString(),
      supplementary_data: { related_ids: { order_id: order.id } },
      links: [{ href: `${running.url}/v2/payments/captures/x`, rel: 'self', method: 'GET' }] };
    capturesById.set(String(capture.id), capture);
    order.status = 'COMPLETED';
    order.purchase_units = [{ ...unit, payments: { captures: [capture] } }];
    listed.set(String(capture.id), reporting.add({ transaction_id: capture.id, paypal_account_id: 'FAKEPAYER0001', transaction_event_code: 'T0006', transaction_amount: unit.amount,
      fee_amount: { currency_code: (unit.amount as PayPalObject).currency_code, value: '-0.30' }, transaction_status: echeck ? 'P' : 'S',
      ...(unit.custom_id !== undefined ? { custom_field: unit.custom_id } : {}), protection_eligibility: '01' }));
    return capture;
  }

  const sign = (event: PayPalObject, o: { webhookId?: string } = {}): PayPalDelivery => {
    const body = JSON.stringify(event);
    const tid = randomUUID();
    const time = now().toISOString();
    const sig = createSign('RSA-SHA256').update(payload(tid, time, o.webhookId ?? opts.webhookId, body)).sign(keys.privateKey, 'base64');
    return { body, headers: { 'paypal-transmission-id': tid, 'paypal-transmission-time': time, 'paypal-transmission-sig': sig,
      'paypal-cert-url': `${running.url}${certPath}`, 'paypal-auth-algo': 'SHA256withRSA' } };
  };
  const event = (event_type: string, resource_type: string, resource: PayPalObject): PayPalObject => ({
    id: `WH-${id17()}-${id17()}`, event_version: '1.0', create_time: now().toISOString(), resource_type, resource_version: '2.0', event_type,
    summary: event_type, resource });

  const captureOf = (captureId: string): PayPalObject => {
    const capture = capturesById.get(captureId);
    if (!capture) throw new Error(`no capture ${captureId}`);
    return capture;
  };
  /** An eCheck capture cleared or denied: its status, its Transaction Search line's, and the event PayPal sends. */
  const settleECheck = (captureId: string, status: 'COMPLETED' | 'DENIED' | 'DECLINED'): PayPalDelivery => {
    const capture = captureOf(captureId);
    if (capture.status !== 'PENDING') throw new Error(`capture ${captureId} is ${String(capture.status)}, not PENDING`);
    capture.status = status;
    capture.update_time = now().toISOString();
    delete capture.status_details;
    const line = listed.get(captureId);
    if (line) line.transaction_status = status === 'COMPLETED' ? 'S' : 'D';
    return sign(event(`PAYMENT.CAPTURE.${status}`, 'capture', capture));
  };

  return {
    ...running, orders, created, captures, ordersRead, capturesRead, verifications, rejected,
    get tokensIssued() { return state.tokensIssued; },
    async connect(q, orgId, o = {}) {
      const r = await putCredentials(q, await vaultKey(q, o.secretKey), orgId, 'test', 'paypal', {
        settings: { client_id: opts.clientId, webhook_id: opts.webhookId, api_base: running.url }, secrets: { client_secret: opts.clientSecret } }, now());
      if (!r.ok) throw new Error(r.error.message);
    },
    approve(orderId, o = {}) {
      const order = orders.get(orderId);
      if (!order) throw new Error(`no order ${orderId}`);
      if (o.echeck || o.pending) pendings.set(orderId, o.pending ?? 'ECHECK');
      if (order.status === 'PAYER_ACTION_REQUIRED') order.status = 'APPROVED';
      return sign(event('CHECKOUT.ORDER.APPROVED', 'checkout-order', { id: order.id, intent: order.intent, status: order.status, purchase_units: order.purchase_units }));
    },
    captureCompleted(captureId) {
      const capture = capturesById.get(captureId);
      if (!capture) throw new Error(`no capture ${captureId}`);
      return sign(event('PAYMENT.CAPTURE.COMPLETED', 'capture', capture));
    },
    capturePending: (captureId) => sign(event('PAYMENT.CAPTURE.PENDING', 'capture', captureOf(captureId))),
    clearECheck: (captureId) => settleECheck(captureId, 'COMPLETED'),
    denyECheck: (captureId) => settleECheck(captureId, 'DENIED'),
    declinePending: (captureId) => settleECheck(captureId, 'DECLINED'),
    refund(captureId, value, kind = 'REFUNDED') {
      const capture = capturesById.get(captureId);
      if (!capture) throw new Error(`no capture ${captureId}`);
      const currency = (capture.amount as PayPalObject).currency_code;
      const id = id17();
      // Transaction Search lists it by its own id, negative, referring to the capture (T1107 a merchant refund, T1106 PayPal's reversal)
      reporting.add({ transaction_id: id, paypal_reference_id: captureId, paypal_reference_id_type: 'TXN', transaction_event_code: kind === 'REFUNDED' ? 'T1107' : 'T1106',
        transaction_amount: { currency_code: currency, value: `-${value}` }, transaction_status: 'S', custom_field: capture.custom_id });
      return sign(event(`PAYMENT.CAPTURE.${kind}`, 'refund', { id, status: 'COMPLETED', amount: { currency_code: currency, value },
        create_time: now().toISOString(), links: [{ href: `${running.url}/v2/payments/captures/${captureId}`, rel: 'up', method: 'GET' }] }));
    },
    payAtPayPal(orderId) {
      const order = orders.get(orderId);
      if (!order) throw new Error(`no order ${orderId}`);
      order.status = 'APPROVED';
      const capture = captureNow(order);
      return { captureId: String(capture.id), completed: sign(event('PAYMENT.CAPTURE.COMPLETED', 'capture', capture)) };
    },
    reporting,
    disputes: disputes.disputes, disputesListed: disputes.listed, evidence: evidence.received, claimsAccepted: acceptClaim.accepted,
    openDispute(captureId, value) {
      const held = (Array.isArray(captureId) ? captureId : [captureId]).map((id) => {
        const capture = capturesById.get(id);
        if (!capture) throw new Error(`no capture ${id}`);
        return capture;
      });
      const d = disputes.open(held, value);
      return { id: String(d.dispute_id), created: sign(event('CUSTOMER.DISPUTE.CREATED', 'dispute', d)) };
    },
    updateDispute: (id, status) => sign(event('CUSTOMER.DISPUTE.UPDATED', 'dispute', disputes.update(id, status))),
    resolveDispute: (id, outcome, refunded) => sign(event('CUSTOMER.DISPUTE.RESOLVED', 'dispute', disputes.resolve(id, outcome, refunded))),
    sign,
  };
}
