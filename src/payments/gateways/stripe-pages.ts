// A Stripe list read to its end: each page of `limit` objects asked for with starting_after the last one's id while the
// answer says has_more (docs.stripe.com/api/pagination), up to a number of pages; any failure fails the whole list.
import { field, type HttpAnswer } from './http.ts';
import type { GatewayResult } from './types.ts';

export type StripeGet = (path: string) => Promise<HttpAnswer>;
export type StripeErrorOf = (status: number, body: unknown) => { kind: 'rejected'; message: string; status: number; code?: string };

/** Every object of the list at `path` with `params` (which it changes: starting_after), or the first failure. */
export async function listAll(get: StripeGet, path: string, params: URLSearchParams, stripeError: StripeErrorOf, pagesMax = 100): Promise<GatewayResult<unknown[]>> {
  const out: unknown[] = [];
  for (let page = 0; page < pagesMax; page++) {
    const r = await get(`${path}?${params.toString()}`);
    if (!r.ok) return r;
    if (r.status !== 200) return { ok: false, error: stripeError(r.status, r.body) };
    const data = field(r.body, 'data', 'object');
    const rows = Array.isArray(data) ? data as unknown[] : [];
    out.push(...rows);
    const last = field(rows[rows.length - 1], 'id', 'string');
    if (field(r.body, 'has_more', 'boolean') !== true || !last) return { ok: true, value: out };
    params.set('starting_after', last);
  }
  return { ok: true, value: out };
}
