// The Transaction Search part of the fake PayPal (GET /v1/reporting/transactions): the account's balance-affecting
// transactions (captures T0006, refunds T1107, reversals T1106, and whatever a test adds) between start_date and
// end_date, page by page (page_size 1-500, page from 1, total_pages), each as its transaction_info; a request the reference
// does not describe is refused: a parameter it does not name, a missing or malformed date, a span over 31 days or ending
// before it starts, a field set it does not have, a page size or page out of range. A transaction is listed only once
// `delayMs` has passed since it was made (PayPal: up to three hours).
import type http from 'node:http';
import { json } from './http.ts';

export type PayPalResource = Record<string, unknown>;
type Refuse = (res: http.ServerResponse, status: number, name: string, issue: string) => void;

export interface FakeReporting {
  /** Every transaction_info the account holds, in the order made. */
  transactions: PayPalResource[];
  /** The query of every search that passed the checks, as sent. */
  searched: URLSearchParams[];
  /** How long after it is made a transaction shows in the search. */
  delayMs: number;
  /** Records a transaction (its initiation date now) and returns it. */
  add(info: PayPalResource): PayPalResource;
  /** Answers a /v1/reporting/transactions request; false when the path is not that. */
  route(method: string, url: URL, res: http.ServerResponse): boolean;
}

const PARAMS = new Set(['start_date', 'end_date', 'transaction_id', 'transaction_type', 'transaction_status', 'transaction_amount', 'transaction_currency',
  'payment_instrument_type', 'store_id', 'terminal_id', 'fields', 'balance_affecting_records_only', 'page_size', 'page']);
const FIELDS = new Set(['all', 'transaction_info', 'payer_info', 'shipping_info', 'auction_info', 'cart_info', 'incentive_info', 'store_info']);
const TIME = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])[Tt]([0-1][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)([.][0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$/;
const SPAN_MS = 31 * 86_400_000;
/** PayPal writes its report times with a numeric offset and no colon, e.g. 2026-03-10T17:00:00+0000. */
const reportTime = (d: Date) => `${d.toISOString().slice(0, 19)}+0000`;

export function fakeReporting(o: { now: () => Date; refuse: Refuse }): FakeReporting {
  const transactions: PayPalResource[] = [];
  const searched: URLSearchParams[] = [];
  const made = new Map<PayPalResource, number>();
  const fake: FakeReporting = {
    transactions, searched, delayMs: 0,
    add(info) {
      const at = o.now();
      const t = { transaction_initiation_date: reportTime(at), transaction_updated_date: reportTime(at), ...info };
      transactions.push(t);
      made.set(t, at.getTime());
      return t;
    },
    route(method, url, res) {
      if (method !== 'GET' || url.pathname !== '/v1/reporting/transactions') return false;
      search(url.searchParams, res);
      return true;
    },
  };

  function search(q: URLSearchParams, res: http.ServerResponse): void {
    const bad = (issue: string) => o.refuse(res, 400, 'INVALID_REQUEST', issue);
    const unknown = [...q.keys()].find((k) => !PARAMS.has(k));
    if (unknown) return bad(`INVALID_PARAMETER_SYNTAX: ${unknown}`);
    for (const k of ['start_date', 'end_date']) {
      const v = q.get(k);
      if (v === null) return bad(`MISSING_REQUIRED_PARAMETER: ${k}`);
      if (v.length < 20 || v.length > 64 || !TIME.test(v) || Number.isNaN(Date.parse(v))) return bad(`INVALID_PARAMETER_SYNTAX: ${k}`);
    }
    const start = Date.parse(q.get('start_date')!), end = Date.parse(q.get('end_date')!);
    if (end < start) return bad('INVALID_PARAMETER_VALUE: end_date is before start_date');
    if (end - start > SPAN_MS) return bad('INVALID_PARAMETER_VALUE: the date range is greater than 31 days');
    const fields = (q.get('fields') ?? 'transaction_info').split(',');
    if (fields.some((f) => !FIELDS.has(f))) return bad('INVALID_PARAMETER_VALUE: fields');
    const size = Number(q.get('page_size') ?? '100'), page = Number(q.get('page') ?? '1');
    if (!Number.isInteger(size) || size < 1 || size > 500) return bad('INVALID_PARAMETER_VALUE: page_size');
    if (!Number.isInteger(page) || page < 1) return bad('INVALID_PARAMETER_VALUE: page');
    searched.push(q);
    const now = o.now().getTime();
    const all = transactions.filter((t) => {
      const at = made.get(t)!;
      return at >= start && at <= end && at + fake.delayMs <= now;
    });
    const pages = Math.max(1, Math.ceil(all.length / size));
    json(res, 200, {
      transaction_details: all.slice((page - 1) * size, page * size).map((t) => ({ transaction_info: t })),
      account_number: 'FAKE0ACCOUNT0042', start_date: q.get('start_date'), end_date: q.get('end_date'),
      last_refreshed_datetime: reportTime(new Date(now - fake.delayMs)), page, total_items: all.length, total_pages: pages,
      links: [{ href: `/v1/reporting/transactions?${q.toString()}`, rel: 'self', method: 'GET' }],
    });
  }
  return fake;
}
