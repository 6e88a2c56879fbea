// Invoices (receivables): create, read, list with filters, cancel and mark disputed.
import type { Queryable } from '../db/index.ts';
import { newId } from '../domain/ids.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { refreshInvoices } from './balances.ts';
import { Filter, paginate, type Page, type PageParams } from './page.ts';
import type { InvoiceStatus } from './fields.ts';

export interface Invoice {
  id: string;
  customer_id: string;
  number: string;
  external_id: string | null;
  currency: string;
  amount: number;
  balance: number;
  issue_date: string;
  due_date: string;
  status: InvoiceStatus;
  metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export const INVOICE_COLUMNS = `id, customer_id, number, external_id, currency, amount, balance, issue_date,
  due_date, status, metadata, created_at, updated_at`;

export interface NewInvoice {
  customer_id: string;
  number: string;
  external_id?: string | null;
  currency: string;
  amount: number;
  issue_date: string;
  due_date: string;
  metadata?: Record<string, unknown>;
}

export async function createInvoice(q: Queryable, orgId: string, actor: string, input: NewInvoice): Promise<Result<Invoice>> {
  if (input.due_date < input.issue_date) return fail('VALIDATION_FAILED', 'due_date is before issue_date', 'due_date');
  const customer = await q.query('SELECT 1 FROM customers WHERE org_id = $1 AND id = $2', [orgId, input.customer_id]);
  if (!customer.length) return fail('NOT_FOUND', `no customer ${input.customer_id}`, 'customer_id');
  const clash = await q.query('SELECT 1 FROM invoices WHERE org_id = $1 AND number = $2', [orgId, input.number]);
  if (clash.length) return fail('CONFLICT', `invoice number "${input.number}" exists`, 'number');
  const id = newId('invoice');
  const rows = await q.query<Invoice>(
    `INSERT INTO invoices (id, org_id, customer_id, number, external_id, currency, amount, balance, issue_date, due_date, metadata)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$7,$8,$9,$10) RETURNING ${INVOICE_COLUMNS}`,
    [id, orgId, input.customer_id, input.number, input.external_id ?? null, input.currency, input.amount,
      input.issue_date, input.due_date, JSON.stringify(input.metadata ?? {})],
  );
  await recordAudit(q, { orgId, actor, action: 'invoice.created', entity: 'invoice', entityId: id,
    data: { amount: input.amount, currency: input.currency } });
  return ok(rows[0]!);
}

export async function getInvoice(q: Queryable, orgId: string, id: string): Promise<Result<Invoice>> {
  const rows = await q.query<Invoice>(
    `SELECT ${INVOICE_COLUMNS} FROM invoices WHERE org_id = $1 AND (id = $2 OR number = $2)
     ORDER BY (id = $2) DESC LIMIT 1`, [orgId, id]);
  return rows[0] ? ok(rows[0]) : fail('NOT_FOUND', `no invoice ${id}`, 'id');
}

export interface InvoiceFilter extends PageParams {
  status?: InvoiceStatus[];
  customer_id?: string;
  currency?: string;
  due_from?: string;
  due_to?: string;
  /** Days past due range, counted as of `as_of` (the caller's clock). */
  dpd_min?: number;
  dpd_max?: number;
  as_of?: string;
}

export async function listInvoices(q: Queryable, orgId: string, p: InvoiceFilter): Promise<Page<Invoice>> {
  const f = new Filter().add('org_id = ?', orgId);
  if (p.status?.length) f.add('status = ANY(?::text[])', p.status);
  if (p.customer_id) f.add('customer_id = ?', p.customer_id);
  if (p.currency) f.add('currency = ?', p.currency);
  if (p.due_from) f.add('due_date >= ?::date', p.due_from);
  if (p.due_to) f.add('due_date <= ?::date', p.due_to);
  if (p.dpd_min !== undefined || p.dpd_max !== undefined) {
    const asOf = p.as_of ?? new Date().toISOString().slice(0, 10);
    if (p.dpd_min !== undefined) f.add('due_date <= ?::date - ?::int', asOf, p.dpd_min);
    if (p.dpd_max !== undefined) f.add('due_date >= ?::date - ?::int', asOf, p.dpd_max);
  }
  return paginate((tail, params) => q.query<Invoice>(`SELECT ${INVOICE_COLUMNS} FROM invoices ${tail}`, params), f, 'id', p);
}

/** A page of invoices with each one's customer name beside it (one lookup for the page), for lists people read. */
export async function withCustomerNames(q: Queryable, orgId: string, page: Page<Invoice>): Promise<Page<Invoice & { customer_name: string | null }>> {
  const ids = [...new Set(page.data.map((i) => i.customer_id))];
  const rows = ids.length ? await q.query<{ id: string; name: string }>('SELECT id, name FROM customers WHERE org_id = $1 AND id = ANY($2::text[])', [orgId, ids]) : [];
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return { ...page, data: page.data.map((i) => ({ ...i, customer_name: names.get(i.customer_id) ?? null })) };
}

async function setFlag(
  q: Queryable, orgId: string, actor: string, id: string, flag: 'cancelled' | 'disputed', value: boolean,
): Promise<Result<Invoice>> {
  const found = await getInvoice(q, orgId, id);
  if (!found.ok) return found;
  if (flag === 'cancelled' && value) {
    const paid = await q.query('SELECT 1 FROM allocations WHERE invoice_id = $1 AND reversed_at IS NULL LIMIT 1', [found.value.id]);
    if (paid.length) return fail('INVALID_STATE', 'the invoice has payments allocated; reverse them or issue a credit note', 'id');
  }
  await q.query(`UPDATE invoices SET ${flag} = $3 WHERE org_id = $1 AND id = $2`, [orgId, found.value.id, value]);
  await refreshInvoices(q, orgId, [found.value.id]);
  await recordAudit(q, { orgId, actor, action: `invoice.${flag === 'cancelled' ? 'cancelled' : value ? 'disputed' : 'dispute_cleared'}`,
    entity: 'invoice', entityId: found.value.id });
  return getInvoice(q, orgId, found.value.id);
}

export const cancelInvoice = (q: Queryable, orgId: string, actor: string, id: string) =>
  setFlag(q, orgId, actor, id, 'cancelled', true);

export const setInvoiceDisputed = (q: Queryable, orgId: string, actor: string, id: string, disputed: boolean) =>
  setFlag(q, orgId, actor, id, 'disputed', disputed);
