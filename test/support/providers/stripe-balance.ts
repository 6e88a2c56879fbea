// Balance transactions on the fake Stripe, as Stripe lists them for an automatic payout: GET /v1/balance_transactions with
// `payout`, `limit` (1 to 100), `starting_after` and `expand[]=data.source`, newest first, has_more; a charge's fee made
// as Stripe's (2.9% + 30), the payout's own transaction included; GET /v1/payouts/{id} answers the payout as it now is
// (a manual payout's transactions are refused by the list, as Stripe filters by payout only automatic ones). Faults:
// later pages answered 500.
import { randomBytes } from 'node:crypto';
import { json } from './http.ts';
import type { FakeStripe, StripeObject } from './stripe.ts';

export interface BalanceFake {
  /** Every list request's query, in order. */
  queries: URLSearchParams[];
  /** Pages no longer than this (Stripe's own limit still applies), so short payouts page too. */
  pageSize: number;
  /** The next N requests for a page after the first are answered 500. */
  failLaterPages: number;
  /**
   * Makes a paid payout of the charges of these payment intents (and `extra` transactions), returns its payout.paid event's
   * object. `amountDelta` makes the payout's amount differ from the net it carries.
   */
  payout(pis: string[], opts?: { extra?: StripeObject[]; amountDelta?: number; currency?: string; reconciling?: boolean; manual?: boolean }): StripeObject;
  /** Every payout Stripe was asked for (GET /v1/payouts/{id}), by id, in order. */
  payoutReads: string[];
  /** The payout fails at Stripe (status failed, failure_code), with no event sent. */
  fail(payout: StripeObject, code: string): void;
  /**
   * Stripe finishes reconciling a payout made with `reconciling` (until then its list holds the payout's own transaction
   * and the first one carried only): returns the payout.reconciliation_completed event (not delivered).
   */
  reconcile(payout: StripeObject): StripeObject;
  /** A refund (type refund) or dispute (type adjustment, category dispute) of the charge of `pi`, or of a charge cobro never saw. */
  reversal(kind: 'refund' | 'dispute', amount: number, currency: string, pi?: string): StripeObject;
  /** A charge cobro never saw (made in Stripe's dashboard), as a balance transaction. */
  foreignCharge(amount: number, currency: string): StripeObject;
}

const rid = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;
let clock = 1_773_000_000;

function txn(type: string, amount: number, fee: number, currency: string, source: StripeObject | string): StripeObject {
  clock += 60;
  return { id: rid('txn'), object: 'balance_transaction', amount, fee, net: amount - fee, currency, type, source, created: clock, available_on: clock + 172_800,
    reporting_category: type === 'payout' ? 'payout' : type === 'refund' ? 'refund' : 'charge', status: 'available', description: null, fee_details: [] };
}

export function withBalance(fake: FakeStripe): BalanceFake {
  const byPayout = new Map<string, StripeObject[]>();
  const reconciling = new Set<string>();
  const payouts = new Map<string, StripeObject>();
  const b: BalanceFake = {
    queries: [], pageSize: 100, failLaterPages: 0, payoutReads: [],
    fail(payout, code) {
      Object.assign(payouts.get(payout.id as string)!, { status: 'failed', failure_code: code });
    },
    foreignCharge(amount, currency) {
      const charge = { id: rid('ch'), object: 'charge', amount, currency, payment_intent: rid('pi') };
      return txn('charge', amount, Math.round(amount * 0.029) + 30, currency, charge);
    },
    reconcile(payout) {
      reconciling.delete(payout.id as string);
      return { id: rid('evt'), object: 'event', type: 'payout.reconciliation_completed', data: { object: { ...payout, reconciliation_status: 'completed' } } };
    },
    reversal(kind, amount, currency, pi) {
      const charge = pi ? fake.charges.get(pi) : { id: rid('ch'), payment_intent: rid('pi') };
      if (!charge) throw new Error(`no charge for ${pi}`);
      const source = { id: rid(kind === 'refund' ? 're' : 'dp'), object: kind, amount, currency, charge: charge.id, payment_intent: charge.payment_intent };
      return { ...txn(kind === 'refund' ? 'refund' : 'adjustment', -amount, kind === 'dispute' ? 15_00 : 0, currency, source), reporting_category: kind };
    },
    payout(pis, opts = {}) {
      const charges = pis.map((pi) => {
        const c = fake.charges.get(pi);
        if (!c) throw new Error(`no charge for ${pi}`);
        return txn('charge', c.amount as number, Math.round((c.amount as number) * 0.029) + 30, c.currency as string, c);
      });
      const carried = [...charges, ...(opts.extra ?? [])];
      const currency = opts.currency ?? String(carried[0]?.currency ?? 'eur');
      const total = carried.reduce((s, t) => s + (t.net as number), 0);
      const id = rid('po');
      const self = txn('payout', -total, 0, currency, id);
      // newest first, as Stripe lists them
      byPayout.set(id, [self, ...carried].sort((x, y) => (y.created as number) - (x.created as number)));
      if (opts.reconciling) reconciling.add(id);
      const payout = { id, object: 'payout', amount: total + (opts.amountDelta ?? 0), currency, arrival_date: clock + 86_400, status: 'paid', automatic: !opts.manual,
        statement_descriptor: null, failure_code: null, reconciliation_status: opts.manual ? 'not_applicable' : opts.reconciling ? 'in_progress' : 'completed' };
      payouts.set(id, payout);
      return { ...payout };
    },
  };
  fake.routes.push((req, url, res) => {
    const one = /^\/v1\/payouts\/([^/]+)$/.exec(url.pathname);
    if (req.method !== 'GET' || !one) return false;
    b.payoutReads.push(one[1]!);
    const p = payouts.get(one[1]!);
    if (!p) { json(res, 404, { error: { type: 'invalid_request_error', message: `No such payout: '${one[1]}'`, param: 'id' } }); return true; }
    json(res, 200, { ...p, reconciliation_status: p.automatic === false ? 'not_applicable' : reconciling.has(p.id as string) ? 'in_progress' : 'completed' });
    return true;
  });
  fake.routes.push((req, url, res) => {
    if (req.method !== 'GET' || url.pathname !== '/v1/balance_transactions') return false;
    const q = url.searchParams;
    b.queries.push(q);
    const limit = Number(q.get('limit') ?? 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) { json(res, 400, { error: { type: 'invalid_request_error', message: 'limit must be 1 to 100', param: 'limit' } }); return true; }
    if (payouts.get(q.get('payout') ?? '')?.automatic === false) {
      json(res, 400, { error: { type: 'invalid_request_error', message: 'Balance transaction history can only be filtered on automatic transfers, not manual.', param: 'payout' } });
      return true;
    }
    const all = byPayout.get(q.get('payout') ?? '');
    const rows = all && reconciling.has(q.get('payout') ?? '') ? all.slice(0, 2) : all;
    if (!rows) { json(res, 404, { error: { type: 'invalid_request_error', message: `No such payout: '${q.get('payout')}'`, param: 'payout' } }); return true; }
    const after = q.get('starting_after');
    if (after && b.failLaterPages > 0) { b.failLaterPages--; json(res, 500, { error: { type: 'api_error', message: 'An unknown error occurred' } }); return true; }
    const from = after ? rows.findIndex((t) => t.id === after) + 1 : 0;
    const size = Math.min(limit, b.pageSize);
    const expand = q.getAll('expand[]').includes('data.source');
    const page = rows.slice(from, from + size).map((t) => ({ ...t, source: expand || typeof t.source === 'string' ? t.source : (t.source as StripeObject).id }));
    json(res, 200, { object: 'list', url: '/v1/balance_transactions', has_more: from + size < rows.length, data: page });
    return true;
  });
  return b;
}
