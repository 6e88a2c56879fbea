// The payouts the gateways reported (gateway_payouts: Stripe's payout.paid, payout.failed, payout.canceled), each with its
// latest state and the bank lines tied to it: the credit settled as it, a debit giving it back, a line sent back to
// matching because the payout did not arrive. What a person reads to see a payout that never reached the bank.
import type { Queryable } from '../db/index.ts';
import { Filter, paginate, type Page, type PageParams } from '../ledger/index.ts';
import type { PayoutBasis } from './payout-rules.ts';

export const REPORTED_PAYOUT_STATUSES = ['paid', 'failed', 'canceled'] as const;
export type ReportedPayoutStatus = (typeof REPORTED_PAYOUT_STATUSES)[number];

export interface ReportedPayoutLine {
  line_id: string;
  /** payout: settled as (or, basis 'return', as the return of) this payout; withdrawn: sent back to matching as it did not arrive; undone: by a person. */
  status: 'payout' | 'withdrawn' | 'undone';
  basis: PayoutBasis;
  match_state: string;
}

export interface ReportedPayout {
  /** gateway:payout_id */
  id: string;
  gateway: string;
  payout_id: string;
  amount: number;
  currency: string;
  arrival_date: string;
  statement_descriptor: string | null;
  status: ReportedPayoutStatus;
  failure_code: string | null;
  /** The created time of the event that gave the state (null for payouts kept before states were). */
  status_at: string | null;
  received_at: string;
  lines: ReportedPayoutLine[];
}

const SELECT = `SELECT g.gateway || ':' || g.payout_id AS id, g.gateway, g.payout_id, g.amount, g.currency, to_char(g.arrival_date, 'YYYY-MM-DD') AS arrival_date,
       g.statement_descriptor, g.status, g.failure_code, g.status_at::text AS status_at, g.received_at::text AS received_at,
       COALESCE((SELECT jsonb_agg(jsonb_build_object('line_id', x.line_id, 'status', x.status, 'basis', x.basis, 'match_state', l.match_state)
         ORDER BY x.line_id) FROM statement_line_payouts x JOIN statement_lines l ON l.org_id = x.org_id AND l.id = x.line_id
         WHERE x.org_id = g.org_id AND x.gateway = g.gateway AND x.payout_id = g.payout_id), '[]'::jsonb) AS lines
     FROM gateway_payouts g`;

type Row = Omit<ReportedPayout, 'amount'> & { amount: string | number };
const fromRow = (r: Row): ReportedPayout => ({ ...r, amount: Number(r.amount) });

/** The reported payouts, by gateway and id, with their lines; `status` and `gateway` narrow them. */
export async function listReportedPayouts(
  q: Queryable, orgId: string, p: PageParams & { status?: ReportedPayoutStatus; gateway?: string },
): Promise<Page<ReportedPayout>> {
  const f = new Filter().add('g.org_id = ?', orgId);
  if (p.status) f.add('g.status = ?', p.status);
  if (p.gateway) f.add('g.gateway = ?', p.gateway);
  const rows = await paginate((tail, params) => q.query<Row>(`${SELECT} ${tail}`, params), f, `(g.gateway || ':' || g.payout_id)`, p);
  return { ...rows, data: rows.data.map(fromRow) };
}

/** One reported payout by its id (`gateway:payout_id`, e.g. `stripe:po_...`); null when the org has none such. */
export async function getReportedPayout(q: Queryable, orgId: string, id: string): Promise<ReportedPayout | null> {
  const at = id.indexOf(':');
  if (at < 1) return null;
  const [r] = await q.query<Row>(`${SELECT} WHERE g.org_id = $1 AND g.gateway = $2 AND g.payout_id = $3`, [orgId, id.slice(0, at), id.slice(at + 1)]);
  return r ? fromRow(r) : null;
}
