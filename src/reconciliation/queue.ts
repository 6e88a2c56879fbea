// The review queue as people work it: credits waiting for a person (in review with a proposal, or unmatched with none),
// each with the invoices its proposal names, and a search of open invoices to choose others.
import { openCopies } from '../vault/index.ts';
import type { Queryable } from '../db/index.ts';
import { Filter, paginate, type Page, type PageParams } from '../ledger/index.ts';
import { LINE_SELECT, type LineRow } from './lines.ts';
import type { ProposalRow } from './queries.ts';

export interface QueueInvoice {
  id: string; number: string; customer_id: string; customer_name: string; currency: string; amount: number; balance: number;
  due_date: string; status: string;
}

export interface QueueItem extends LineRow {
  statement_filename: string | null;
  proposal: ProposalRow | null;
  /** The invoices the proposal names, as they stand now. */
  invoices: QueueInvoice[];
  customer_name: string | null;
}

const INVOICE_SELECT = `i.id, i.number, i.customer_id, c.name AS customer_name, i.currency, i.amount, i.balance,
  to_char(i.due_date, 'YYYY-MM-DD') AS due_date, i.status`;

export async function invoicesById(q: Queryable, orgId: string, ids: string[]): Promise<Map<string, QueueInvoice>> {
  if (!ids.length) return new Map();
  const rows = await q.query<QueueInvoice>(`SELECT ${INVOICE_SELECT} FROM invoices i JOIN customers c ON c.org_id = i.org_id AND c.id = i.customer_id
    WHERE i.org_id = $1 AND i.id = ANY($2::text[])`, [orgId, ids]);
  return new Map(rows.map((r) => [r.id, { ...r, amount: Number(r.amount), balance: Number(r.balance) }]));
}

/** Credits waiting for a person, oldest first; `state` narrows to those with a proposal (review) or without (unmatched). */
/** The queue's views: waiting credits (in review, unmatched: both by default), or those a person marked not ours. */
export type QueueState = 'review' | 'unmatched' | 'not_receivable';

export async function reviewQueue(
  q: Queryable, orgId: string, p: PageParams & { statement_id?: string; state?: QueueState },
): Promise<Page<QueueItem>> {
  const f = new Filter().add('l.org_id = ?', orgId).add('l.match_state = ANY(?::text[])', p.state ? [p.state] : ['review', 'unmatched'])
    .add(`l.direction = 'credit'`).add('NOT l.reversal');
  if (p.statement_id) f.add('l.statement_id = ?', p.statement_id);
  const cols = LINE_SELECT.split(',').map((c) => `l.${c.trim()}`).join(', ');
  const page = await paginate((tail, params) => q.query<LineRow & { statement_filename: string | null }>(
    `SELECT ${cols}, s.filename AS statement_filename FROM statement_lines l JOIN statements s ON s.id = l.statement_id ${tail}`, params),
  f, 'l.id', p);
  page.data = await openCopies(q, orgId, 'statement_lines.counterparty_account', page.data);
  const ids = page.data.map((l) => l.id);
  const proposals = ids.length ? await q.query<ProposalRow>(`SELECT id, line_id, customer_id, currency, allocations, fee, credit, confidence,
    reasons, status, payment_id, decided_by, decided_at, created_at FROM match_proposals
    WHERE org_id = $1 AND line_id = ANY($2::text[]) AND status = 'proposed' ORDER BY id`, [orgId, ids]) : [];
  const byLine = new Map(proposals.map((x) => [x.line_id, x]));
  const invoices = await invoicesById(q, orgId, proposals.flatMap((x) => x.allocations.map((a) => a.invoice_id)));
  const customerIds = proposals.flatMap((x) => (x.customer_id ? [x.customer_id] : []));
  const names = new Map(customerIds.length ? (await q.query<{ id: string; name: string }>(
    'SELECT id, name FROM customers WHERE org_id = $1 AND id = ANY($2::text[])', [orgId, customerIds])).map((c) => [c.id, c.name]) : []);
  return { ...page, data: page.data.map((l) => {
    const proposal = byLine.get(l.id) ?? null;
    return { ...l, proposal, customer_name: proposal?.customer_id ? names.get(proposal.customer_id) ?? null : null,
      invoices: (proposal?.allocations ?? []).flatMap((a) => { const i = invoices.get(a.invoice_id); return i ? [i] : []; }) };
  }) };
}

/** Open invoices whose number or customer name contains the text (any case), largest balance first. */
export async function searchOpenInvoices(
  q: Queryable, orgId: string, p: { q?: string; currency?: string; customer_id?: string; limit?: number },
): Promise<QueueInvoice[]> {
  const f = new Filter().add('i.org_id = ?', orgId).add(`i.status IN ('open', 'partially_paid', 'disputed')`).add('i.balance > 0');
  if (p.currency) f.add('i.currency = ?', p.currency);
  if (p.customer_id) f.add('i.customer_id = ?', p.customer_id);
  const text = p.q?.trim();
  if (text) {
    const like = `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    f.add('(i.number ILIKE ? OR c.name ILIKE ? OR c.external_id = ?)', like, like, text);
  }
  f.params.push(Math.min(Math.max(p.limit ?? 20, 1), 100));
  const rows = await q.query<QueueInvoice>(`SELECT ${INVOICE_SELECT} FROM invoices i JOIN customers c ON c.org_id = i.org_id AND c.id = i.customer_id
    ${f.where()} ORDER BY i.balance DESC, i.id LIMIT $${f.params.length}`, f.params);
  return rows.map((r) => ({ ...r, amount: Number(r.amount), balance: Number(r.balance) }));
}
