// The Disputes API v1 part of the fake PayPal: disputes opened on captures the fake made, moved on (status, outcome) as
// PayPal's agents would, listed by GET /v1/customer/disputes (start_time or update_time_after, page_size 1-50, the next
// page as a HATEOAS `next` link; a query parameter the reference does not name, a malformed time or both start_time and
// disputed_transaction_id refused) and shown in full by GET /v1/customer/disputes/{id}.
import type http from 'node:http';
import { json } from './http.ts';

export type PayPalResource = Record<string, unknown>;
type Refuse = (res: http.ServerResponse, status: number, name: string, issue: string) => void;

export interface FakeDisputes {
  disputes: Map<string, PayPalResource>;
  /** The query of every list request, as sent. */
  listed: URLSearchParams[];
  /** A dispute over one capture (its whole amount unless `value`) or several (then `value` is required). */
  open(captures: PayPalResource[], value?: string): PayPalResource;
  update(id: string, status: string): PayPalResource;
  resolve(id: string, outcome: string, refunded?: string): PayPalResource;
  /** Answers a /v1/customer/disputes request; false when the path is not one of them. */
  route(method: string, url: URL, res: http.ServerResponse): boolean;
}

const LIST_PARAMS = new Set(['start_time', 'disputed_transaction_id', 'page_size', 'next_page_token', 'dispute_state', 'update_time_before', 'update_time_after']);
const TIME = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])[Tt]([0-1][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)([.][0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$/;

export function fakeDisputes(o: { base: () => string; now: () => Date; refuse: Refuse }): FakeDisputes {
  const disputes = new Map<string, PayPalResource>();
  const listed: URLSearchParams[] = [];
  let made = 0;
  const touch = (id: string, change: PayPalResource): PayPalResource => {
    const d = disputes.get(id);
    if (!d) throw new Error(`no dispute ${id}`);
    Object.assign(d, change, { update_time: o.now().toISOString() });
    return structuredClone(d);
  };

  function list(url: URL, res: http.ServerResponse): void {
    const q = url.searchParams;
    listed.push(q);
    const unknown = [...q.keys()].find((k) => !LIST_PARAMS.has(k));
    if (unknown) return o.refuse(res, 400, 'INVALID_REQUEST', `INVALID_PARAMETER_SYNTAX: ${unknown}`);
    if (q.has('start_time') && q.has('disputed_transaction_id')) return o.refuse(res, 400, 'INVALID_REQUEST', 'INVALID_PARAMETER_COMBINATION: start_time');
    for (const k of ['start_time', 'update_time_after', 'update_time_before']) {
      const v = q.get(k);
      if (v !== null && (v.length < 20 || v.length > 64 || !TIME.test(v))) return o.refuse(res, 400, 'INVALID_REQUEST', `INVALID_PARAMETER_SYNTAX: ${k}`);
    }
    const size = Number(q.get('page_size') ?? '10');
    if (!Number.isInteger(size) || size < 1 || size > 50) return o.refuse(res, 400, 'INVALID_REQUEST', 'INVALID_PARAMETER_VALUE: page_size');
    const after = (k: string, field: string) => (d: PayPalResource) => q.get(k) === null || Date.parse(String(d[field])) > Date.parse(q.get(k)!);
    const all = [...disputes.values()].filter(after('start_time', 'create_time')).filter(after('update_time_after', 'update_time'))
      .filter((d) => q.get('update_time_before') === null || Date.parse(String(d.update_time)) < Date.parse(q.get('update_time_before')!));
    const from = Number(q.get('next_page_token') ?? '0');
    const page = all.slice(from, from + size);
    const next = new URLSearchParams(q);
    next.set('next_page_token', String(from + size));
    json(res, 200, {
      items: page.map((d) => ({ dispute_id: d.dispute_id, create_time: d.create_time, update_time: d.update_time, reason: d.reason, status: d.status,
        dispute_state: d.status === 'RESOLVED' ? 'RESOLVED' : 'OPEN_INQUIRIES', dispute_amount: d.dispute_amount,
        links: [{ href: `${o.base()}/v1/customer/disputes/${String(d.dispute_id)}`, rel: 'self', method: 'GET' }] })),
      links: from + size < all.length ? [{ href: `${o.base()}/v1/customer/disputes?${next.toString()}`, rel: 'next', method: 'GET' }] : [],
    });
  }

  return {
    disputes, listed,
    open(captures, value) {
      const amount = captures[0]!.amount as PayPalResource;
      if (captures.length > 1 && value === undefined) throw new Error('a dispute over several captures needs its value');
      const id = `PP-D-${String(++made).padStart(5, '0')}`;
      const at = o.now().toISOString();
      // the seller's answer is due 10 days on (seller_response_due_date, as the Disputes API shows an open dispute)
      const due = new Date(o.now().getTime() + 10 * 86_400_000).toISOString();
      disputes.set(id, { dispute_id: id, create_time: at, update_time: at, reason: 'MERCHANDISE_OR_SERVICE_NOT_RECEIVED', status: 'OPEN', seller_response_due_date: due,
        dispute_amount: { currency_code: amount.currency_code, value: value ?? amount.value }, dispute_life_cycle_stage: 'CHARGEBACK', dispute_channel: 'EXTERNAL',
        disputed_transactions: captures.map((c) => ({ seller_transaction_id: c.id, buyer_transaction_id: `B${String(c.id)}`.slice(0, 17), create_time: c.create_time,
          transaction_status: 'COMPLETED', gross_amount: c.amount, custom: c.custom_id })),
        links: [{ href: `${o.base()}/v1/customer/disputes/${id}`, rel: 'self', method: 'GET' }] });
      return structuredClone(disputes.get(id)!);
    },
    update: (id, status) => touch(id, { status }),
    resolve(id, outcome, refunded) {
      const currency = (disputes.get(id)?.dispute_amount as PayPalResource | undefined)?.currency_code;
      return touch(id, { status: 'RESOLVED', dispute_outcome: { outcome_code: outcome,
        ...(refunded !== undefined ? { amount_refunded: { currency_code: currency, value: refunded } } : {}) } });
    },
    route(method, url, res) {
      if (method === 'GET' && url.pathname === '/v1/customer/disputes') { list(url, res); return true; }
      const one = /^\/v1\/customer\/disputes\/([A-Za-z0-9-]+)$/.exec(url.pathname);
      if (method !== 'GET' || !one) return false;
      const d = disputes.get(one[1]!);
      if (d) json(res, 200, d);
      else o.refuse(res, 404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID');
      return true;
    },
  };
}
