// Stripe's balance transactions of one payout (GET /v1/balance_transactions?payout=po_..., newest first, paged with
// starting_after while has_more), each read into cobro's minor units with the charge and payment intent it came from.
import { fromStripeAmounts, stripeExponent } from './amounts.ts';
import { exponentOf, isCurrency } from '../../domain/money.ts';
import { field, type HttpAnswer } from './http.ts';
import type { GatewayResult, PayoutTransaction } from './types.ts';

type Money3 = Record<'amount' | 'fee' | 'net', number>;

/**
 * A payout's transaction as read from Stripe: cobro's minor units, and Stripe's own integers where its currency has more
 * decimals at Stripe than in cobro (ISK, UGX; null otherwise), kept as listed.
 */
export type StripePayoutTransaction = PayoutTransaction & { stripeUnits: Money3 | null };

const MONEY = ['amount', 'fee', 'net'] as const;

/** Stripe's page size maximum; and a payout of more than PAGES_MAX pages is refused rather than read without end. */
const PAGE = 100;
const PAGES_MAX = 500;

const idOf = (v: unknown): string | null => (typeof v === 'string' ? v : field(v, 'id', 'string') ?? null);

/**
 * One balance transaction (docs.stripe.com/api/balance_transactions/object: amount gross, fee, net, currency, type,
 * reporting_category, source, created), `source` expanded so a charge (ch_...) gives its payment_intent and a refund or
 * dispute its charge and payment_intent; amount, fee and net still in Stripe's integers (see inMinorUnits). A field
 * cobro cannot read is named in the failure.
 */
export function balanceTxn(o: unknown): { ok: true; value: StripePayoutTransaction } | { ok: false; field: string } {
  const id = field(o, 'id', 'string');
  if (!id) return { ok: false, field: 'id' };
  const currency = field(o, 'currency', 'string')?.toUpperCase();
  if (!currency || !isCurrency(currency)) return { ok: false, field: `${id}.currency` };
  const minor: Money3 = { amount: 0, fee: 0, net: 0 };
  for (const k of MONEY) {
    const v = field(o, k, 'number');
    if (v === undefined || !Number.isSafeInteger(v)) return { ok: false, field: `${id}.${k}` };
    minor[k] = v;
  }
  if (minor.amount - minor.fee !== minor.net) return { ok: false, field: `${id}.net` };
  const type = field(o, 'type', 'string');
  const created = field(o, 'created', 'number');
  if (!type) return { ok: false, field: `${id}.type` };
  if (created === undefined) return { ok: false, field: `${id}.created` };
  const source = (o as Record<string, unknown>)['source'];
  const sourceId = idOf(source);
  const chargeId = sourceId?.startsWith('ch_') || sourceId?.startsWith('py_') ? sourceId : idOf(field(source, 'charge', 'string') ?? field(source, 'charge', 'object'));
  const paymentIntent = idOf(field(source, 'payment_intent', 'string') ?? field(source, 'payment_intent', 'object'));
  return { ok: true, value: { id, type, reportingCategory: field(o, 'reporting_category', 'string') ?? null, ...minor, currency,
    sourceId, chargeId, paymentIntent, description: field(o, 'description', 'string') ?? null, createdAt: new Date(created * 1000).toISOString(),
    stripeUnits: null } };
}

/**
 * Stripe's integers of a payout's transactions in cobro minor units, per currency in list order (fromStripeAmounts): the
 * amount and net rounded so the payout's sums stay exact, the fee their difference; Stripe's own integers are kept in
 * stripeUnits where the units differ (ISK, UGX). A failure names the field that cannot be read.
 */
export function inMinorUnits(rows: StripePayoutTransaction[]): { ok: true; value: StripePayoutTransaction[] } | { ok: false; field: string } {
  const out = rows.map((t) => ({ ...t }));
  for (const currency of new Set(rows.map((t) => t.currency))) {
    const of = out.filter((t) => t.currency === currency);
    const keep = stripeExponent(currency) > exponentOf(currency);
    const [amounts, nets] = (['amount', 'net'] as const).map((k) => fromStripeAmounts(of.map((t) => t[k]), currency));
    // amount less net converts as exactly as they do (Stripe's net is amount - fee)
    if (!amounts || !nets) return { ok: false, field: `${of[0]!.id}.${amounts ? 'net' : 'amount'}` };
    of.forEach((t, i) => {
      if (keep) t.stripeUnits = { amount: t.amount, fee: t.fee, net: t.net };
      t.amount = amounts[i]!; t.net = nets[i]!; t.fee = t.amount - t.net;
    });
  }
  return { ok: true, value: out };
}

/** Every balance transaction of the payout, all pages, or the first failure (nothing partial is returned). */
export async function listPayoutTransactions(get: (path: string) => Promise<HttpAnswer>, payoutId: string,
  stripeError: (status: number, body: unknown) => { kind: 'rejected'; message: string; status: number; code?: string }): Promise<GatewayResult<PayoutTransaction[]>> {
  const params = new URLSearchParams({ payout: payoutId, limit: String(PAGE) });
  params.append('expand[]', 'data.source');
  const out: StripePayoutTransaction[] = [];
  for (let page = 0; page < PAGES_MAX; page++) {
    const r = await get(`/v1/balance_transactions?${params.toString()}`);
    if (!r.ok) return r;
    if (r.status !== 200) return { ok: false, error: stripeError(r.status, r.body) };
    const data = field(r.body, 'data', 'object');
    if (!Array.isArray(data)) return { ok: false, error: { kind: 'rejected', message: 'Stripe answered a balance transaction list without data' } };
    for (const row of data as unknown[]) {
      const t = balanceTxn(row);
      if (!t.ok) return { ok: false, error: { kind: 'rejected', message: `Stripe answered a balance transaction without a readable ${t.field}` } };
      out.push(t.value);
    }
    if (field(r.body, 'has_more', 'boolean') !== true) {
      const minor = inMinorUnits(out);
      return minor.ok ? minor : { ok: false, error: { kind: 'rejected', message: `Stripe answered a balance transaction without a readable ${minor.field}` } };
    }
    const last = out[out.length - 1];
    if (!data.length || !last) return { ok: false, error: { kind: 'rejected', message: 'Stripe said has_more on an empty page' } };
    params.set('starting_after', last.id);
  }
  return { ok: false, error: { kind: 'rejected', message: `payout ${payoutId} has more than ${PAGE * PAGES_MAX} balance transactions` } };
}
