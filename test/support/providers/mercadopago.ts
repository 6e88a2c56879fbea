// A fake Mercado Pago API on loopback: Checkout Pro preferences created and updated (PUT, the expiration ended early),
// checked as Mercado Pago documents them (Bearer token, JSON, X-Idempotency-Key, items with unit_price in major units),
// payments read by id and searched, and notifications posted to the preference's notification_url with
// ?data.id=&type=payment, signed with x-signature over the manifest; chargebacks (mercadopago-chargebacks.ts).
import { randomBytes, randomUUID } from 'node:crypto';
import { mercadoPagoSignature } from '../../../src/compliance/index.ts';
import type { Queryable } from '../../../src/db/index.ts';
import { putCredentials, vaultKey } from '../../../src/vault/index.ts';
import { json, serve, type Received, type Running } from './http.ts';
import { fakeChargebacks, type MpChargebacksFake } from './mercadopago-chargebacks.ts';

export interface FakeMercadoPagoOptions {
  accessToken: string;
  webhookSecret: string;
  now?: () => Date;
}

export type MpObject = Record<string, unknown>;

export interface FakeMercadoPago extends Running {
  /** Stores this fake as the org's Mercado Pago account (api_base pointing here) in the vault. */
  connect(q: Queryable, orgId: string, secretKey?: string): Promise<void>;
  preferences: Map<string, MpObject>;
  payments: Map<number, MpObject>;
  created: { key: string; body: MpObject }[];
  /** Every accepted update (PUT /checkout/preferences/{id}): the preference and the fields sent. */
  updates: { id: string; body: MpObject }[];
  rejected: { status: number; message: string }[];
  /** Answer the next N payment reads with a 500. */
  faults: { failFetches: number };
  /** The debtor pays a preference: a payment (approved unless told) is made, and its notification sent unless `notify` is false. */
  pay(preferenceId: string, o?: { status?: 'approved' | 'pending' | 'rejected'; notify?: boolean }): Promise<{ payment: MpObject; statuses: number[] }>;
  refund(paymentId: number, amount?: number): Promise<number[]>;
  chargeback(paymentId: number): Promise<number[]>;
  /** The Chargebacks API (mercadopago-chargebacks.ts): chargebacks opened, read and documented. */
  cb: MpChargebacksFake;
  /** Posts a chargeback's notification to its payment's notification_url; the HTTP status. */
  notifyChargeback(id: string): Promise<number>;
  /** Posts the payment's notification, `times` copies at once; returns the HTTP statuses. */
  notify(paymentId: number, o?: { times?: number; secret?: string; bodyDataId?: string; action?: string }): Promise<number[]>;
}

const CURRENCIES = new Set(['ARS', 'BRL', 'CLP', 'COP', 'MXN', 'PEN', 'UYU']);
const DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/;

function isUrl(v: unknown): boolean {
  try { return typeof v === 'string' && Boolean(new URL(v)); } catch { return false; }
}

/** Checks a preference as the Checkout Pro reference describes it. */
function checkPreference(b: MpObject): string | null {
  const items = b.items;
  if (!Array.isArray(items) || items.length === 0) return 'items must be a non-empty array';
  for (const it of items as MpObject[]) {
    if (typeof it.title !== 'string' || !it.title) return 'items.title is required';
    if (!Number.isInteger(it.quantity) || (it.quantity as number) < 1) return 'items.quantity must be a positive integer';
    if (typeof it.unit_price !== 'number' || !(it.unit_price > 0)) return 'items.unit_price must be a positive number';
    if (typeof it.currency_id !== 'string' || !CURRENCIES.has(it.currency_id)) return 'items.currency_id is not a Mercado Pago currency';
    if (it.currency_id === 'CLP' && !Number.isInteger(it.unit_price)) return 'CLP prices have no decimals';
    if (Math.round((it.unit_price as number) * 100) / 100 !== it.unit_price) return 'unit_price has more than two decimals';
  }
  if (typeof b.external_reference !== 'string' || b.external_reference.length > 256) return 'external_reference must be a string of up to 256 characters';
  if (!isUrl(b.notification_url)) return 'notification_url must be a URL';
  const back = b.back_urls as MpObject | undefined;
  if (b.auto_return && !isUrl(back?.success)) return 'back_urls.success is required with auto_return';
  if (b.expires === true) {
    if (typeof b.expiration_date_from !== 'string' || !DATE.test(b.expiration_date_from)) return 'expiration_date_from must look like 2016-02-01T12:00:00.000-04:00';
    if (typeof b.expiration_date_to !== 'string' || !DATE.test(b.expiration_date_to)) return 'expiration_date_to must look like 2016-02-01T12:00:00.000-04:00';
    if (Date.parse(b.expiration_date_to) <= Date.parse(b.expiration_date_from)) return 'expiration_date_to must come after expiration_date_from';
  }
  if (cardFields(b)) return 'card data must never reach this endpoint';
  return null;
}

/** A card field named anywhere in the body (keys, not values: a random id may spell "cvv"). */
function cardFields(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(cardFields);
  if (!v || typeof v !== 'object') return false;
  return Object.entries(v).some(([k, x]) => /card_number|security_code|cvv/i.test(k) || cardFields(x));
}

export async function fakeMercadoPago(opts: FakeMercadoPagoOptions): Promise<FakeMercadoPago> {
  const now = opts.now ?? (() => new Date());
  const collector = 1_234_567;
  const preferences = new Map<string, MpObject>();
  const payments = new Map<number, MpObject>();
  const created: FakeMercadoPago['created'] = [];
  const rejected: FakeMercadoPago['rejected'] = [];
  const keys = new Map<string, { body: string; pref: MpObject }>();
  const faults = { failFetches: 0 };
  const updates: FakeMercadoPago['updates'] = [];
  let nextPayment = 90_000_000_001;
  let nextNotification = 11_000_000_001;
  const refuse = (res: Parameters<typeof json>[0], status: number, message: string) => {
    rejected.push({ status, message });
    json(res, status, { message, error: status === 401 ? 'unauthorized' : status === 404 ? 'not_found' : 'bad_request', status, cause: [] });
  };

  const handle = (req: Received, res: Parameters<typeof json>[0]) => {
    if (req.headers.authorization !== `Bearer ${opts.accessToken}`) return refuse(res, 401, 'invalid access token');
    const url = new URL(req.path, 'http://mp.local');
    if (req.method === 'POST' && url.pathname === '/checkout/preferences') {
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 400, 'a JSON body is required');
      const key = req.headers['x-idempotency-key'];
      if (typeof key !== 'string' || !key) return refuse(res, 400, 'X-Idempotency-Key is required');
      const raw = req.body.toString('utf8');
      const seen = keys.get(key);
      if (seen) return seen.body === raw ? json(res, 201, seen.pref) : refuse(res, 409, 'the idempotency key was used with another body');
      let body: MpObject;
      try { body = JSON.parse(raw) as MpObject; } catch { return refuse(res, 400, 'the body is not JSON'); }
      const problem = checkPreference(body);
      if (problem) return refuse(res, 400, problem);
      const id = `${collector}-${randomUUID()}`;
      const pref = { ...body, id, collector_id: collector, date_created: now().toISOString(), client_id: '6295877106812064',
        init_point: `${running.url}/checkout/v1/redirect?pref_id=${id}`, sandbox_init_point: `${running.url}/sandbox/checkout/v1/redirect?pref_id=${id}` };
      preferences.set(id, pref);
      keys.set(key, { body: raw, pref });
      created.push({ key, body });
      return json(res, 201, pref);
    }
    // the update-preference reference: the fields sent replace the preference's; an unknown id is invalid_id
    const pref = /^\/checkout\/preferences\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'PUT' && pref) {
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 400, 'a JSON body is required');
      const found = preferences.get(decodeURIComponent(pref[1]!));
      if (!found) return refuse(res, 404, 'preference_id not found');
      let body: MpObject;
      try { body = JSON.parse(req.body.toString('utf8')) as MpObject; } catch { return refuse(res, 400, 'the body is not JSON'); }
      const merged = { ...found, ...body };
      const problem = checkPreference(merged);
      if (problem) return refuse(res, 400, problem);
      Object.assign(found, body);
      updates.push({ id: found.id as string, body });
      return json(res, 200, found);
    }
    const one = /^\/v1\/payments\/(\d+)$/.exec(url.pathname);
    if (req.method === 'GET' && one) {
      if (faults.failFetches > 0) { faults.failFetches--; return refuse(res, 500, 'internal_error'); }
      const p = payments.get(Number(one[1]));
      return p ? json(res, 200, p) : refuse(res, 404, 'Payment not found');
    }
    if (req.method === 'GET' && url.pathname === '/v1/payments/search') {
      const from = Date.parse(url.searchParams.get('begin_date') ?? '');
      const to = Date.parse(url.searchParams.get('end_date') ?? '');
      if (url.searchParams.get('range') !== 'date_created' || Number.isNaN(from) || Number.isNaN(to)) return refuse(res, 400, 'range, begin_date and end_date are required');
      const limit = Number(url.searchParams.get('limit') ?? 30);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const all = [...payments.values()].filter((p) => { const t = Date.parse(p.date_created as string); return t >= from && t <= to; })
        .sort((a, b) => String(b.date_created).localeCompare(String(a.date_created)));
      return json(res, 200, { paging: { total: all.length, limit, offset }, results: all.slice(offset, offset + limit) });
    }
    if (cb.route(req, url, res)) return;
    return refuse(res, 404, `no route ${req.method} ${url.pathname}`);
  };
  const cb = fakeChargebacks({ payments, now, webhookSecret: opts.webhookSecret, refuse });
  const running = await serve(handle);

  const notify: FakeMercadoPago['notify'] = async (paymentId, o = {}) => {
    const p = payments.get(paymentId);
    if (!p) throw new Error(`no payment ${paymentId}`);
    const pref = preferences.get(p.preference_id as string)!;
    const target = new URL(pref.notification_url as string);
    target.searchParams.set('data.id', String(paymentId));
    target.searchParams.set('type', 'payment');
    const body = JSON.stringify({ action: o.action ?? 'payment.updated', api_version: 'v1', data: { id: o.bodyDataId ?? String(paymentId) },
      date_created: now().toISOString(), id: nextNotification++, live_mode: false, type: 'payment', user_id: String(collector) });
    const requestId = randomUUID();
    const ts = String(now().getTime());
    const v1 = mercadoPagoSignature(o.secret ?? opts.webhookSecret, { dataId: String(paymentId), requestId, ts });
    return Promise.all(Array.from({ length: o.times ?? 1 }, async () => {
      const r = await fetch(target, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-request-id': requestId, 'x-signature': `ts=${ts},v1=${v1}` } });
      await r.arrayBuffer();
      return r.status;
    }));
  };

  return {
    ...running, preferences, payments, created, updates, rejected, notify, faults, cb,
    notifyChargeback(id) {
      const p = payments.get((cb.chargebacks.get(id)!.payments as number[])[0]!)!;
      return cb.notify(id, preferences.get(p.preference_id as string)!.notification_url as string);
    },
    async connect(q, orgId, secretKey) {
      const r = await putCredentials(q, await vaultKey(q, secretKey), orgId, 'test', 'mercadopago',
        { settings: { api_base: running.url }, secrets: { access_token: opts.accessToken, webhook_secret: opts.webhookSecret } }, now());
      if (!r.ok) throw new Error(r.error.message);
    },
    async pay(preferenceId, o = {}) {
      const pref = preferences.get(preferenceId);
      if (!pref) throw new Error(`no preference ${preferenceId}`);
      if (pref.expires === true && Date.parse(pref.expiration_date_to as string) <= now().getTime()) throw new Error(`preference ${preferenceId} is expired: it cannot be paid`);
      const item = (pref.items as MpObject[])[0]!;
      const id = nextPayment++;
      const at = now().toISOString().replace('Z', '-00:00');
      const status = o.status ?? 'approved';
      const payment: MpObject = {
        id, date_created: at, date_approved: status === 'approved' ? at : null, date_last_updated: at, status,
        status_detail: status === 'approved' ? 'accredited' : status === 'pending' ? 'pending_waiting_payment' : 'cc_rejected_other_reason',
        currency_id: item.currency_id, transaction_amount: item.unit_price, transaction_amount_refunded: 0, external_reference: pref.external_reference,
        payment_method_id: 'visa', payment_type_id: 'credit_card', description: item.title, preference_id: preferenceId,
        collector_id: collector, operation_type: 'regular_payment', card: { last_four_digits: randomBytes(2).readUInt16BE(0).toString().padStart(4, '0').slice(-4) },
      };
      payments.set(id, payment);
      return { payment, statuses: o.notify === false ? [] : await notify(id, { action: 'payment.created' }) };
    },
    async refund(paymentId, amount) {
      const p = payments.get(paymentId)!;
      const total = p.transaction_amount as number;
      const refunded = Math.min(total, Math.round(((p.transaction_amount_refunded as number) + (amount ?? total)) * 100) / 100);
      Object.assign(p, { transaction_amount_refunded: refunded, status: refunded === total ? 'refunded' : 'approved',
        status_detail: refunded === total ? 'refunded' : 'partially_refunded', date_last_updated: now().toISOString() });
      return notify(paymentId);
    },
    async chargeback(paymentId) {
      Object.assign(payments.get(paymentId)!, { status: 'charged_back', status_detail: 'settled', date_last_updated: now().toISOString() });
      return notify(paymentId);
    },
  };
}
