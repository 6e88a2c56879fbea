// Reading statements, their lines with their match state, and match proposals (the review queue).
import { openCopies } from '../vault/index.ts';
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { Filter, paginate, type Page, type PageParams } from '../ledger/index.ts';
import { LINE_SELECT, type LineRow } from './lines.ts';

export const PROPOSAL_STATUSES = ['proposed', 'applied', 'rejected', 'superseded'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export interface ProposalRow {
  id: string;
  line_id: string;
  customer_id: string | null;
  currency: string;
  allocations: { invoice_id: string; amount: number; fee: number }[];
  fee: number;
  credit: number;
  confidence: number;
  reasons: string[];
  status: ProposalStatus;
  payment_id: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

export type LineSummary = Pick<LineRow, 'id' | 'statement_id' | 'booking_date' | 'amount' | 'currency' | 'counterparty_name'
  | 'counterparty_account' | 'remittance_text' | 'structured_reference' | 'match_state'>;

export interface ProposalView extends ProposalRow { line: LineSummary }

export interface StatementRow {
  id: string;
  format: string;
  bank_statement_id: string | null;
  account: string | null;
  currency: string | null;
  filename: string | null;
  opening_balance: number | null;
  closing_balance: number | null;
  line_count: number;
  new_lines: number;
  created_at: string;
}

export interface StatementDetail extends StatementRow { lines: (LineRow & { proposal: ProposalRow | null })[] }

const PROPOSAL_SELECT = `id, line_id, customer_id, currency, allocations, fee, credit, confidence, reasons, status, payment_id,
  decided_by, decided_at, created_at`;
const STATEMENT_SELECT = `id, format, bank_statement_id, account, currency, filename, opening_balance, closing_balance, line_count,
  new_lines, created_at`;

export async function listStatements(q: Queryable, orgId: string, p: PageParams): Promise<Page<StatementRow>> {
  return paginate((tail, params) => q.query<StatementRow>(`SELECT ${STATEMENT_SELECT} FROM statements ${tail}`, params),
    new Filter().add('org_id = ?', orgId), 'id', p);
}

export async function getStatement(q: Queryable, orgId: string, id: string): Promise<Result<StatementDetail>> {
  const [s] = await q.query<StatementRow>(`SELECT ${STATEMENT_SELECT} FROM statements WHERE org_id = $1 AND id = $2`, [orgId, id]);
  if (!s) return fail('NOT_FOUND', `no statement ${id}`, 'id');
  const lines = await openCopies(q, orgId, 'statement_lines.counterparty_account', await q.query<LineRow>(`SELECT ${LINE_SELECT} FROM statement_lines
    WHERE org_id = $1 AND statement_id = $2 ORDER BY position`, [orgId, id]));
  const proposals = await q.query<ProposalRow>(`SELECT ${PROPOSAL_SELECT} FROM match_proposals WHERE org_id = $1
    AND line_id = ANY($2::text[]) ORDER BY id`, [orgId, lines.map((l) => l.id)]);
  const latest = new Map(proposals.map((p) => [p.line_id, p]));
  return ok({ ...s, lines: lines.map((l) => ({ ...l, proposal: latest.get(l.id) ?? null })) });
}

async function withLines(q: Queryable, orgId: string, rows: ProposalRow[]): Promise<ProposalView[]> {
  const lines = rows.length ? await openCopies(q, orgId, 'statement_lines.counterparty_account', await q.query<LineSummary>(`SELECT id, statement_id, booking_date, amount,
    currency, counterparty_name, counterparty_account, remittance_text, structured_reference, match_state FROM statement_lines
    WHERE org_id = $1 AND id = ANY($2::text[])`, [orgId, rows.map((r) => r.line_id)])) : [];
  const byId = new Map(lines.map((l) => [l.id, l]));
  return rows.flatMap((r) => {
    const line = byId.get(r.line_id);
    return line ? [{ ...r, line }] : [];
  });
}

export async function listProposals(q: Queryable, orgId: string, p: PageParams & { status?: ProposalStatus }): Promise<Page<ProposalView>> {
  const f = new Filter().add('org_id = ?', orgId);
  if (p.status) f.add('status = ?', p.status);
  const page = await paginate((tail, params) => q.query<ProposalRow>(`SELECT ${PROPOSAL_SELECT} FROM match_proposals ${tail}`, params), f, 'id', p);
  return { ...page, data: await withLines(q, orgId, page.data) };
}

export async function getProposal(q: Queryable, orgId: string, id: string, forUpdate = false): Promise<Result<ProposalView>> {
  const rows = await q.query<ProposalRow>(`SELECT ${PROPOSAL_SELECT} FROM match_proposals WHERE org_id = $1 AND id = $2
    ${forUpdate ? 'FOR UPDATE' : ''}`, [orgId, id]);
  const [view] = await withLines(q, orgId, rows);
  return view ? ok(view) : fail('NOT_FOUND', `no proposal ${id}`, 'id');
}
