// A fake Stripe API on loopback: Checkout Sessions created, listed, read and expired as Stripe documents them (Bearer key, form-encoded
// bracketed parameters, Idempotency-Key replayed like Stripe: same parameters, same object), refunds and disputes listed
// (GET /v1/refunds, /v1/disputes: created[gte], limit, starting_after, a refund's charge expanded; newest first), a dispute
// retrieved by id (GET /v1/disputes/{id}), a PaymentIntent retrieved by id (GET /v1/payment_intents/{id}, from `intents`), and
// events (a completed checkout, refunds, disputes) posted to a webhook URL signed with Stripe-Signature exactly as Stripe signs them.
import { randomBytes } from 'node:crypto';
import { stripeSignature } from '../../../src/compliance/index.ts';
import type { Queryable } from '../../../src/db/index.ts';
import { putCredentials, vaultKey } from '../../../src/vault/index.ts';
import { json, serve, type Received, type Running } from './http.ts';

export interface FakeStripeOptions {
  secretKey: string;
  webhookSecret: string;
  /** Where events go (the endpoint set in Stripe's dashboard); can be set later. */
  webhookUrl?: string;
  /** Stripe's clock, for expires_at and the signature's timestamp. */
  now?: () => Date;
}

export interface StripeFaults {
  /** Create the next N sessions but drop the connection before answering (the caller cannot know it was made). */
  dropAnswers: number;
  /** Answer the next N expire requests with a 500 (nothing expired). */
  failExpires: number;
  /** Answer the next N refund or dispute list requests (or dispute retrievals) with a 500. */
  failLists: number;
  /** Answer the next N PaymentIntent retrievals with a 500. */
  failIntents: number;
}

export type StripeObject = Record<string, unknown>;

export interface FakeStripe extends Running {
  webhookUrl: string | undefined;
  /** Stores this fake as the org's Stripe account (api_base pointing here) in the vault. */
  connect(q: Queryable, orgId: string, secretKey?: string): Promise<void>;
  sessions: Map<string, StripeObject>;
  /** The charge of each paid session, by its payment intent. */
  charges: Map<string, StripeObject>;
  /** Every refund and dispute made, by id, as GET /v1/refunds and /v1/disputes list them. */
  refunds: Map<string, StripeObject>;
  disputes: Map<string, StripeObject>;
  /** PaymentIntents GET /v1/payment_intents/{id} answers, by id (an unknown id is a 404 resource_missing). */
  intents: Map<string, StripeObject>;
  /** The id of every PaymentIntent retrieved through the checks, known or not. */
  intentsRead: string[];
  /** The most objects a list answers per page whatever its limit (Stripe's 100; lowered to make the lists page). */
  pageSize: number;
  /** Every refund or dispute list request that passed the checks: its path and query. */
  listed: { path: string; query: Record<string, string[]> }[];
  /** The id of every dispute retrieved (GET /v1/disputes/{id}) through the checks, known or not. */
  retrieved: string[];
  /** More endpoints (tried in order after the key is checked): true when one answered. */
  routes: ((req: Received, url: URL, res: Parameters<typeof json>[0]) => boolean)[];
  /** Every accepted create request: its Idempotency-Key and parameters. */
  created: { key: string; form: Record<string, string> }[];
  /** Every expire request that reached a session (POST /v1/checkout/sessions/{id}/expire): the session and the answer's status. */
  expires: { session: string; status: number }[];
  rejected: { status: number; message: string }[];
  faults: StripeFaults;
  /** Marks a session paid and returns the checkout.session.completed event (not delivered). */
  complete(sessionId: string): StripeObject;
  refund(paymentIntent: string, unitAmount?: number): StripeObject;
  /**
   * The payment disputed (or its dispute's new status): created for needs_response or an inquiry (warning_needs_response,
   * no funds withdrawn), funds_withdrawn when an inquiry escalates to needs_response, closed for won, lost, warning_closed.
   */
  dispute(paymentIntent: string, status?: 'needs_response' | 'won' | 'lost' | 'warning_needs_response' | 'warning_closed'): StripeObject;
  /** Posts an event to the webhook URL, `times` copies at once; returns the HTTP statuses. */
  deliver(event: StripeObject, opts?: { times?: number; secret?: string; tamper?: (payload: string) => string }): Promise<number[]>;
}

const rid = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const ZERO = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);
const THREE = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);
const WHOLE_AS_TWO = new Set(['isk', 'ugx']);
const TOP_LEVEL = new Set(['mode', 'line_items', 'client_reference_id', 'success_url', 'cancel_url', 'expires_at', 'metadata', 'payment_intent_data', 'customer_email', 'locale']);

function isUrl(v: string | undefined): boolean {
  try { return Boolean(v && new URL(v)); } catch { return false; }
}

type Problem = { status: number; message: string } | null;

/** A refund or dispute list's query as Stripe's reference has it: what is wrong with it, or null. */
function checkList(url: URL, expandable: string[]): string | null {
  const known = new Set(['created[gte]', 'created[gt]', 'created[lte]', 'created[lt]', 'limit', 'starting_after', 'ending_before', 'charge', 'payment_intent', 'expand[]']);
  for (const k of url.searchParams.keys()) if (!known.has(k)) return `Received unknown parameter: ${k}`;
  for (const k of ['created[gte]', 'created[gt]', 'created[lte]', 'created[lt]']) {
    const v = url.searchParams.get(k);
    if (v !== null && !/^\d+$/.test(v)) return `Invalid integer: ${v} (${k})`;
  }
  const limit = url.searchParams.get('limit');
  if (limit !== null && (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > 100)) return 'limit must be an integer from 1 to 100';
  if (url.searchParams.has('starting_after') && url.searchParams.has('ending_before')) return 'starting_after and ending_before cannot both be given';
  for (const e of url.searchParams.getAll('expand[]')) if (!expandable.includes(e)) return `This property cannot be expanded (${e})`;
  return null;
}

/** Checks a create request's parameters as Stripe's API reference describes them. */
function checkSession(f: Record<string, string>, now: Date): Problem {
  for (const k of Object.keys(f)) {
    if (!TOP_LEVEL.has(k.split('[')[0]!)) return { status: 400, message: `Received unknown parameter: ${k}` };
    if (/card|cvc|number/i.test(k)) return { status: 400, message: `card data must never reach this endpoint: ${k}` };
  }
  if (f['mode'] !== 'payment') return { status: 400, message: 'mode must be payment' };
  const currency = f['line_items[0][price_data][currency]'] ?? '';
  if (!/^[a-z]{3}$/.test(currency)) return { status: 400, message: 'line_items[0][price_data][currency] must be a lowercase ISO code' };
  const unit = f['line_items[0][price_data][unit_amount]'] ?? '';
  if (!/^[1-9]\d*$/.test(unit)) return { status: 400, message: 'unit_amount must be a positive integer in the currency\'s smallest unit' };
  if (THREE.has(currency) && Number(unit) % 10 !== 0) return { status: 400, message: `three-decimal ${currency} amounts must end in 0` };
  if (WHOLE_AS_TWO.has(currency) && Number(unit) % 100 !== 0) return { status: 400, message: `invalid_charge_amount_no_decimal_compatible: ${currency} amounts must divide by 100` };
  if (!f['line_items[0][price_data][product_data][name]']) return { status: 400, message: 'product_data[name] is required' };
  if (f['line_items[0][quantity]'] !== '1') return { status: 400, message: 'quantity must be given' };
  if (!isUrl(f['success_url']) || !isUrl(f['cancel_url'])) return { status: 400, message: 'success_url and cancel_url must be URLs' };
  const expires = Number(f['expires_at']);
  const t = now.getTime() / 1000;
  if (!Number.isInteger(expires) || expires < t + 1800 || expires > t + 86_400) return { status: 400, message: 'expires_at must be 30 minutes to 24 hours ahead' };
  for (const [k, v] of Object.entries(f)) {
    const m = /^metadata\[(.+)\]$/.exec(k);
    if (m && (m[1]!.length > 40 || v.length > 500)) return { status: 400, message: `metadata ${k} is too long` };
  }
  if ((f['client_reference_id'] ?? '').length > 200) return { status: 400, message: 'client_reference_id is too long' };
  return null;
}

function sessionFrom(f: Record<string, string>, url: string, now: Date): StripeObject {
  const id = rid('cs_test');
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) { const m = /^metadata\[(.+)\]$/.exec(k); if (m) metadata[m[1]!] = v; }
  return {
    id, object: 'checkout.session', mode: 'payment', status: 'open', payment_status: 'unpaid', payment_intent: null,
    amount_subtotal: Number(f['line_items[0][price_data][unit_amount]']), amount_total: Number(f['line_items[0][price_data][unit_amount]']),
    currency: f['line_items[0][price_data][currency]'], client_reference_id: f['client_reference_id'] ?? null, metadata,
    success_url: f['success_url'], cancel_url: f['cancel_url'], expires_at: Number(f['expires_at']), created: Math.floor(now.getTime() / 1000),
    url: `${url}/c/pay/${id}`, livemode: false,
  };
}

export async function fakeStripe(opts: FakeStripeOptions): Promise<FakeStripe> {
  const now = opts.now ?? (() => new Date());
  const sessions = new Map<string, StripeObject>();
  const charges = new Map<string, StripeObject>();
  const created: FakeStripe['created'] = [];
  const rejected: FakeStripe['rejected'] = [];
  const keys = new Map<string, { body: string; status: number; response: unknown }>();
  const faults: StripeFaults = { dropAnswers: 0, failExpires: 0, failLists: 0, failIntents: 0 };
  const intents = new Map<string, StripeObject>();
  const intentsRead: string[] = [];
  const expires: FakeStripe['expires'] = [];
  const refunds = new Map<string, StripeObject>();
  const disputes = new Map<string, StripeObject>();
  const listed: FakeStripe['listed'] = [];
  const retrieved: string[] = [];
  const refuse = (res: Parameters<typeof json>[0], status: number, message: string, type = 'invalid_request_error') => {
    rejected.push({ status, message });
    json(res, status, { error: { type, message } });
  };

  const handle = (req: Received, res: Parameters<typeof json>[0]) => {
    if (req.headers.authorization !== `Bearer ${opts.secretKey}`) return refuse(res, 401, 'Invalid API Key provided');
    const url = new URL(req.path, 'http://stripe.local');
    if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
      if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return refuse(res, 400, 'form-encoded body required');
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || key.length === 0 || key.length > 255) return refuse(res, 400, 'an Idempotency-Key (up to 255 characters) is required here');
      const body = req.body.toString('utf8');
      const seen = keys.get(key);
      if (seen) {
        if (seen.body !== body) return refuse(res, 400, 'Keys for idempotent requests can only be used with the same parameters they were first used with.', 'idempotency_error');
        return json(res, seen.status, seen.response, { 'idempotent-replayed': 'true' });
      }
      const form = Object.fromEntries(new URLSearchParams(body));
      const problem = checkSession(form, now());
      // parameters that fail validation leave no idempotent result behind (Stripe's docs on idempotent requests)
      if (problem) return refuse(res, problem.status, problem.message);
      const session = sessionFrom(form, running.url, now());
      sessions.set(session.id as string, session);
      created.push({ key, form });
      keys.set(key, { body, status: 200, response: session });
      if (faults.dropAnswers > 0) { faults.dropAnswers--; res.socket?.destroy(); return; }
      return json(res, 200, session);
    }
    if (req.method === 'GET' && url.pathname === '/v1/checkout/sessions') {
      const gte = url.searchParams.get('created[gte]');
      const status = url.searchParams.get('status');
      const pi = url.searchParams.get('payment_intent');
      const rows = [...sessions.values()].filter((s) => (!gte || (s.created as number) >= Number(gte)) && (!status || s.status === status)
        && (!pi || s.payment_intent === pi));
      return json(res, 200, page(rows, url));
    }
    // https://docs.stripe.com/api/refunds/list and /api/disputes/list: newest first, created[gte] in epoch seconds
    if (req.method === 'GET' && (url.pathname === '/v1/refunds' || url.pathname === '/v1/disputes')) {
      const refundList = url.pathname === '/v1/refunds';
      const problem = checkList(url, refundList ? ['data.charge'] : []);
      if (problem) return refuse(res, 400, problem);
      if (faults.failLists > 0) { faults.failLists--; return refuse(res, 500, 'An unknown error occurred', 'api_error'); }
      listed.push({ path: url.pathname, query: Object.fromEntries([...new Set(url.searchParams.keys())].map((k) => [k, url.searchParams.getAll(k)])) });
      const gte = Number(url.searchParams.get('created[gte]') ?? 0);
      const rows = [...(refundList ? refunds : disputes).values()].filter((o) => (o.created as number) >= gte);
      const expanded = url.searchParams.getAll('expand[]').includes('data.charge');
      const out = page(rows, url);
      return json(res, 200, { ...out, data: out.data.map((o) => (expanded ? { ...o, charge: { ...chargeById(o.charge as string) } } : o)) });
    }
    // https://docs.stripe.com/api/disputes/retrieve: no parameters but expand[]; an unknown id is a 404 resource_missing
    const oneDispute = /^\/v1\/disputes\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && oneDispute) {
      const unknown = [...url.searchParams.keys()].find((k) => k !== 'expand[]');
      if (unknown) return refuse(res, 400, `Received unknown parameter: ${unknown}`);
      const id = decodeURIComponent(oneDispute[1]!);
      if (!/^(dp|du)_[A-Za-z0-9]+$/.test(id)) return refuse(res, 400, `Invalid dispute id: ${id}`);
      if (faults.failLists > 0) { faults.failLists--; return refuse(res, 500, 'An unknown error occurred', 'api_error'); }
      retrieved.push(id);
      const d = disputes.get(id);
      return d ? json(res, 200, d) : refuse(res, 404, `No such dispute: '${id}'`, 'resource_missing');
    }
    // https://docs.stripe.com/api/payment_intents/retrieve: client_secret and expand[] only; an unknown id is a 404 resource_missing
    const oneIntent = /^\/v1\/payment_intents\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && oneIntent) {
      const unknown = [...url.searchParams.keys()].find((k) => k !== 'expand[]' && k !== 'client_secret');
      if (unknown) return refuse(res, 400, `Received unknown parameter: ${unknown}`);
      const id = decodeURIComponent(oneIntent[1]!);
      if (faults.failIntents > 0) { faults.failIntents--; return refuse(res, 500, 'An unknown error occurred', 'api_error'); }
      intentsRead.push(id);
      const pi = intents.get(id);
      return pi ? json(res, 200, pi) : refuse(res, 404, `No such payment_intent: '${id}'`, 'resource_missing');
    }
    // https://docs.stripe.com/api/checkout/sessions/expire: no parameters; only an open session can be expired
    const expire = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(url.pathname);
    if (req.method === 'POST' && expire) {
      const s = sessions.get(decodeURIComponent(expire[1]!));
      if (!s) return refuse(res, 404, `No such checkout.session: '${expire[1]}'`);
      const params = [...new URLSearchParams(req.body.toString('utf8')).keys()];
      if (params.length) return refuse(res, 400, `Received unknown parameter: ${params[0]}`);
      if (faults.failExpires > 0) { faults.failExpires--; expires.push({ session: s.id as string, status: 500 }); return refuse(res, 500, 'An unknown error occurred', 'api_error'); }
      if (s.status !== 'open') { expires.push({ session: s.id as string, status: 400 }); return refuse(res, 400, `This Checkout Session is ${s.status} and can no longer be expired.`); }
      Object.assign(s, { status: 'expired', url: null });
      expires.push({ session: s.id as string, status: 200 });
      return json(res, 200, s);
    }
    const one = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && one) {
      const s = sessions.get(decodeURIComponent(one[1]!));
      return s ? json(res, 200, s) : refuse(res, 404, `No such checkout.session: '${one[1]}'`);
    }
    if (fake.routes.some((r) => r(req, url, res))) return;
    return refuse(res, 404, `Unrecognized request URL (${req.method}: ${url.pathname})`);
  };

  /** A list's page as Stripe answers it: newest first, after starting_after, at most limit (default 10) and pageSize. */
  function page(all: StripeObject[], url: URL): { object: 'list'; url: string; has_more: boolean; data: StripeObject[] } {
    let rows = all.sort((a, b) => (b.created as number) - (a.created as number) || String(b.id).localeCompare(String(a.id)));
    const after = url.searchParams.get('starting_after');
    if (after) rows = rows.slice(rows.findIndex((o) => o.id === after) + 1);
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 10), 100, fake.pageSize);
    return { object: 'list', url: url.pathname, has_more: rows.length > limit, data: rows.slice(0, limit) };
  }
  const chargeById = (id: string) => {
    const c = [...charges.values()].find((x) => x.id === id);
    if (!c) throw new Error(`no charge ${id}`);
    return c;
  };

  const running = await serve(handle);
  const event = (type: string, object: StripeObject): StripeObject => ({
    id: rid('evt'), object: 'event', api_version: '2024-06-20', created: Math.floor(now().getTime() / 1000), data: { object: { ...object } },
    livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type,
  });
  const chargeOf = (pi: string) => {
    const c = charges.get(pi);
    if (!c) throw new Error(`no charge for ${pi}`);
    return c;
  };

  const fake: FakeStripe = {
    ...running, webhookUrl: opts.webhookUrl, sessions, charges, refunds, disputes, intents, intentsRead, pageSize: 100, listed, retrieved, routes: [], created, expires, rejected, faults,
    async connect(q, orgId, secretKey) {
      const r = await putCredentials(q, await vaultKey(q, secretKey), orgId, 'test', 'stripe',
        { settings: { api_base: running.url }, secrets: { secret_key: opts.secretKey, webhook_secret: opts.webhookSecret } }, now());
      if (!r.ok) throw new Error(r.error.message);
    },
    complete(sessionId) {
      const s = sessions.get(sessionId);
      if (!s) throw new Error(`no session ${sessionId}`);
      if (s.status === 'expired') throw new Error(`session ${sessionId} is expired: it cannot be paid`);
      const pi = (s.payment_intent as string | null) ?? rid('pi');
      Object.assign(s, { status: 'complete', payment_status: 'paid', payment_intent: pi });
      charges.set(pi, { id: rid('ch'), object: 'charge', amount: s.amount_total, amount_refunded: 0, currency: s.currency, payment_intent: pi,
        refunded: false, status: 'succeeded' });
      return event('checkout.session.completed', s);
    },
    refund(pi, unitAmount) {
      const c = chargeOf(pi);
      const total = Math.min(c.amount as number, (c.amount_refunded as number) + (unitAmount ?? (c.amount as number)));
      const at = Math.floor(now().getTime() / 1000);
      const r = { id: rid('re'), object: 'refund', amount: total - (c.amount_refunded as number), charge: c.id, currency: c.currency, payment_intent: pi,
        status: 'succeeded', created: at };
      refunds.set(r.id, r);
      Object.assign(c, { amount_refunded: total, refunded: total === c.amount });
      return event('charge.refunded', c);
    },
    dispute(pi, status = 'needs_response') {
      const c = chargeOf(pi);
      const id = `dp_${String(c.id).slice(3)}`;
      const was = disputes.get(id);
      const inquiry = String(status).startsWith('warning_') || (String(was?.status ?? '').startsWith('warning_') && status !== 'needs_response');
      const amount = (c.amount as number) - (c.amount_refunded as number);
      // https://docs.stripe.com/api/disputes/object#dispute_object-balance_transactions: an inquiry withdraws nothing
      const balanceTransactions = inquiry ? [] : [{ id: `txn_${id.slice(3)}`, object: 'balance_transaction', amount: -amount, currency: c.currency, type: 'adjustment' }];
      const d = { id, object: 'dispute', amount, charge: c.id, balance_transactions: balanceTransactions,
        currency: c.currency, payment_intent: pi, status, reason: 'fraudulent', created: was?.created ?? Math.floor(now().getTime() / 1000) };
      // https://docs.stripe.com/api/disputes/object#dispute_object-evidence_details: evidence is due a week after the dispute opened
      Object.assign(d, { evidence_details: { due_by: (d.created as number) + 7 * 86_400, has_evidence: false, past_due: false, submission_count: 0 } });
      disputes.set(id, d);
      const escalated = status === 'needs_response' && String(was?.status ?? '').startsWith('warning_');
      if (escalated) return event('charge.dispute.funds_withdrawn', d);
      return event(status === 'needs_response' || status === 'warning_needs_response' ? 'charge.dispute.created' : 'charge.dispute.closed', d);
    },
    async deliver(ev, o = {}) {
      if (!fake.webhookUrl) throw new Error('no webhook URL');
      const payload = JSON.stringify(ev);
      const t = Math.floor(now().getTime() / 1000);
      const header = `t=${t},v1=${stripeSignature(o.secret ?? opts.webhookSecret, t, payload)}`;
      const body = o.tamper ? o.tamper(payload) : payload;
      return Promise.all(Array.from({ length: o.times ?? 1 }, async () => {
        const r = await fetch(fake.webhookUrl!, { method: 'POST', body, headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': header,
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' } });
        await r.arrayBuffer();
        return r.status;
      }));
    },
  };
  return fake;
}
