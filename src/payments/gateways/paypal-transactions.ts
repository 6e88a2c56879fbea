// PayPal's Transaction Search (GET /v1/reporting/transactions, developer.paypal.com/docs/api/transaction-search/v1/) for
// the nightly check: the account's transactions between two instants at most 31 days apart (a longer span asked window by
// window), 500 a page, every page; payments received (T00nn, positive, status S or V) read as the captures PAYMENT.CAPTURE.*
// events give (transaction_id is the capture id, custom_field the order's custom_id, cobro's link id), refunds and
// reversals (T1107 by the merchant, T1106 by PayPal) as the refunds PAYMENT.CAPTURE.REFUNDED / REVERSED give, by their own
// id on the capture named by paypal_reference_id. PayPal lists a transaction up to three hours after it is made.
import { fromPayPalValue } from './amounts.ts';
import { field } from './http.ts';
import type { PayPalGet } from './paypal-disputes.ts';
import type { GatewayResult, PaymentFacts } from './types.ts';

/** The widest span one search may cover (the reference: "The maximum supported range is 31 days"). */
export const SEARCH_SPAN_MS = 31 * 86_400_000;
/** The largest page_size the reference allows. */
const PAGE_SIZE = 500;
/** Pages of one window cobro reads before it stops and says so. */
const MAX_PAGES = 200;

/** What a search found: captures (as payments) and refunds or reversals of captures (as adjustments). */
export interface FoundTransactions { payments: PaymentFacts[]; adjustments: PaymentFacts[] }

const REFUND_CODES = new Set(['T1106', 'T1107']);

const instant = (v: string | undefined): string | undefined => (v && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : undefined);

/**
 * One transaction_info as facts: a payment received (its amount positive) as a capture; a refund or reversal (negative)
 * as one refund of the capture it refers to; anything else (fees, holds, transfers, payments sent, pending) null.
 */
export function transactionFacts(info: unknown): { kind: 'payment' | 'adjustment'; facts: PaymentFacts } | null {
  const id = field(info, 'transaction_id', 'string');
  const code = field(info, 'transaction_event_code', 'string') ?? '';
  const status = field(info, 'transaction_status', 'string');
  const money = field(info, 'transaction_amount', 'object');
  const currency = field(money, 'currency_code', 'string');
  const raw = field(money, 'value', 'string');
  if (!id || !currency || raw === undefined) return null;
  const negative = raw.startsWith('-');
  const value = fromPayPalValue(negative ? raw.slice(1) : raw, currency);
  if (value === null || value === 0) return null;
  const at = instant(field(info, 'transaction_initiation_date', 'string'));
  if (code.startsWith('T00') && !negative && (status === 'S' || status === 'V')) {
    const linkId = field(info, 'custom_field', 'string');
    return { kind: 'payment', facts: { provider: 'paypal', paymentRef: id, currency, captured: value, method: 'paypal',
      ...(linkId ? { linkId } : {}), ...(at ? { paidAt: at } : {}) } };
  }
  const capture = field(info, 'paypal_reference_id', 'string');
  if (REFUND_CODES.has(code) && negative && status === 'S' && capture) {
    return { kind: 'adjustment', facts: { provider: 'paypal', paymentRef: capture, currency, refund: { id, amount: value, ...(at ? { at } : {}) } } };
  }
  return null;
}

/** The spans [start, end] of at most 31 days that cover since..now, oldest first. */
export function searchWindows(since: Date, now: Date): { start: Date; end: Date }[] {
  const out: { start: Date; end: Date }[] = [];
  for (let start = since.getTime(); start < now.getTime(); start += SEARCH_SPAN_MS) {
    out.push({ start: new Date(start), end: new Date(Math.min(start + SEARCH_SPAN_MS, now.getTime())) });
  }
  return out;
}

const searchPath = (w: { start: Date; end: Date }, page: number): string => `/v1/reporting/transactions?${new URLSearchParams({
  start_date: w.start.toISOString(), end_date: w.end.toISOString(), fields: 'transaction_info', page_size: String(PAGE_SIZE), page: String(page) }).toString()}`;

function refusal(status: number, body: unknown): { ok: false; error: { kind: 'rejected'; status: number; message: string } } {
  const issue = field((field(body, 'details', 'object') as unknown[] | undefined)?.[0], 'issue', 'string');
  const why = field(body, 'message', 'string') ?? field(body, 'name', 'string') ?? issue ?? 'no message';
  return { ok: false, error: { kind: 'rejected', status, message: `PayPal answered ${status} searching transactions: ${why}` } };
}

/** Every transaction between since and now, all pages of every window, read into facts; all or a failure, never part. */
export async function searchTransactions(get: PayPalGet, since: Date, now: Date): Promise<GatewayResult<FoundTransactions>> {
  const found: FoundTransactions = { payments: [], adjustments: [] };
  const seen = new Set<string>();
  for (const w of searchWindows(since, now)) {
    for (let page = 1, pages = 1; page <= pages; page++) {
      if (page > MAX_PAGES) return { ok: false, error: { kind: 'rejected', message: `PayPal listed more than ${MAX_PAGES} pages of transactions from ${w.start.toISOString()}` } };
      const r = await get(searchPath(w, page));
      if (!r.ok) return r;
      if (r.value.status !== 200) return refusal(r.value.status, r.value.body);
      pages = field(r.value.body, 'total_pages', 'number') ?? page;
      const details = field(r.value.body, 'transaction_details', 'object');
      for (const d of Array.isArray(details) ? details : []) {
        const t = transactionFacts(field(d, 'transaction_info', 'object'));
        // a transaction id can be listed twice (balance affecting and not): each counted once
        const key = t ? `${t.kind}:${t.kind === 'payment' ? t.facts.paymentRef : t.facts.refund!.id}` : '';
        if (!t || seen.has(key)) continue;
        seen.add(key);
        (t.kind === 'payment' ? found.payments : found.adjustments).push(t.facts);
      }
    }
  }
  return { ok: true, value: found };
}
