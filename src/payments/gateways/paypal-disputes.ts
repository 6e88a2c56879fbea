// PayPal disputes (Disputes API v1): a dispute resource, as CUSTOMER.DISPUTE.CREATED / UPDATED / RESOLVED carry it and
// GET /v1/customer/disputes/{id} shows it, read into facts about each capture it holds (disputed_transactions[] by their
// seller_transaction_id, the capture id cobro records); and the disputes changed since an instant, every page, for the
// nightly check (GET /v1/customer/disputes?update_time_after=..., each shown in full since the list gives no transactions).
import { fromPayPalValue } from './amounts.ts';
import { field } from './http.ts';
import type { DisputeFacts, GatewayResult, PaymentFacts } from './types.ts';

/** Outcomes that leave the money with the seller (PayPal paying the buyer itself, RESOLVED_WITH_PAYOUT, included). */
const WON = new Set(['RESOLVED_SELLER_FAVOUR', 'RESOLVED_WITH_PAYOUT', 'CANCELED_BY_BUYER', 'DENIED']);
/** Outcomes that pay the buyer back from the seller's money (ACCEPTED: the seller accepted the claim). */
const LOST = new Set(['RESOLVED_BUYER_FAVOUR', 'ACCEPTED']);

interface Amount { currency: string; amount: number }

function amountOf(money: unknown): Amount | null {
  const currency = field(money, 'currency_code', 'string');
  const amount = currency ? fromPayPalValue(field(money, 'value', 'string'), currency) : null;
  return currency && amount !== null ? { currency, amount } : null;
}

const instant = (v: string | undefined): string | undefined => (v && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : undefined);

/**
 * Where a dispute stands: open holds its amount; once resolved, lost takes what was refunded to the buyer (the dispute's
 * amount when PayPal does not say), won gives it back. A resolution PayPal names no outcome for keeps the money held.
 */
export function disputeStanding(dispute: unknown, resolved: boolean): { status: DisputeFacts['status']; amount: Amount } | null {
  const total = amountOf(field(dispute, 'dispute_amount', 'object'));
  if (!total) return null;
  if (!resolved && field(dispute, 'status', 'string') !== 'RESOLVED') return { status: 'open', amount: total };
  const outcome = field(dispute, 'dispute_outcome', 'object');
  const code = field(outcome, 'outcome_code', 'string') ?? '';
  const refunded = amountOf(field(outcome, 'amount_refunded', 'object'));
  const paidBack = refunded && refunded.currency === total.currency ? refunded : null;
  if (LOST.has(code)) return { status: 'lost', amount: paidBack ?? total };
  if (WON.has(code)) return { status: 'won', amount: total };
  if (paidBack) return { status: paidBack.amount > 0 ? 'lost' : 'won', amount: paidBack.amount > 0 ? paidBack : total };
  return { status: 'open', amount: total };
}

/**
 * A dispute as facts about each capture it holds. Its amount goes to the disputed captures in order, each up to its own
 * gross amount (one capture takes it all); null when it names no dispute id, amount or capture.
 */
export function disputeFacts(dispute: unknown, resolved: boolean): PaymentFacts[] | null {
  const id = field(dispute, 'dispute_id', 'string');
  const standing = disputeStanding(dispute, resolved);
  const listed = field(dispute, 'disputed_transactions', 'object');
  const captures = (Array.isArray(listed) ? listed : [])
    .map((t: unknown) => ({ ref: field(t, 'seller_transaction_id', 'string'), gross: amountOf(field(t, 'gross_amount', 'object')) }))
    .filter((t): t is { ref: string; gross: Amount | null } => Boolean(t.ref));
  if (!id || !standing || captures.length === 0) return null;
  const openedAt = instant(field(dispute, 'create_time', 'string'));
  const reason = field(dispute, 'reason', 'string');
  const respondBy = instant(field(dispute, 'seller_response_due_date', 'string'));
  const outcome = standing.status === 'open' ? undefined : field(field(dispute, 'dispute_outcome', 'object'), 'outcome_code', 'string');
  const said = { ...(reason ? { reason } : {}), ...(respondBy ? { respondBy } : {}), ...(outcome ? { outcome } : {}) };
  let left = standing.amount.amount;
  return captures.map((t, i) => {
    const last = i === captures.length - 1;
    const share = last || !t.gross || t.gross.currency !== standing.amount.currency ? left : Math.min(left, t.gross.amount);
    left -= share;
    return { provider: 'paypal', paymentRef: t.ref, currency: standing.amount.currency,
      dispute: { id, amount: share, status: standing.status, ...(openedAt ? { openedAt } : {}), ...said } };
  });
}

export type PayPalGet = (path: string) => Promise<GatewayResult<{ status: number; body: unknown }>>;

/** The next page's path and query, only when PayPal's `next` link points at the same API base. */
function nextPage(body: unknown, base: string): string | null {
  const links = field(body, 'links', 'object');
  const next = Array.isArray(links) ? links.find((l) => field(l, 'rel', 'string') === 'next') : undefined;
  const href = field(next, 'href', 'string');
  if (!href) return null;
  try {
    const url = new URL(href, base);
    return url.origin === new URL(base).origin ? `${url.pathname}${url.search}` : null;
  } catch { return null; }
}

const refused = (what: string, status: number): { ok: false; error: { kind: 'rejected'; status: number; message: string } } =>
  ({ ok: false, error: { kind: 'rejected', status, message: `PayPal answered ${status} ${what}` } });

/** Pages PayPal may give before cobro stops and says so (50 disputes a page). */
const MAX_PAGES = 100;

/** Every dispute changed since `since`, each shown in full, read into facts; all or a failure, never part. */
export async function changedDisputes(get: PayPalGet, base: string, since: Date): Promise<GatewayResult<PaymentFacts[]>> {
  const out: PaymentFacts[] = [];
  let path: string | null = `/v1/customer/disputes?update_time_after=${encodeURIComponent(since.toISOString())}&page_size=50`;
  for (let page = 0; path; page++) {
    if (page === MAX_PAGES) return { ok: false, error: { kind: 'rejected', message: `PayPal listed more than ${MAX_PAGES} pages of disputes changed since ${since.toISOString()}` } };
    const listed = await get(path);
    if (!listed.ok) return listed;
    if (listed.value.status !== 200) return refused('listing disputes', listed.value.status);
    const items = field(listed.value.body, 'items', 'object');
    for (const item of Array.isArray(items) ? items : []) {
      const id = field(item, 'dispute_id', 'string');
      if (!id || !/^[A-Za-z0-9-]{1,255}$/.test(id)) continue;
      const shown = await get(`/v1/customer/disputes/${encodeURIComponent(id)}`);
      if (!shown.ok) return shown;
      if (shown.value.status !== 200) return refused(`showing dispute ${id}`, shown.value.status);
      out.push(...(disputeFacts(shown.value.body, false) ?? []));
    }
    path = nextPage(listed.value.body, base);
  }
  return { ok: true, value: out };
}
