// Read models for matching payments at scale: open invoices by reference key, customer or balance, and invoices' numbers and
// customers' names in pages or changed since a time, so a caller never needs the whole ledger in memory.
import type { Queryable } from '../db/index.ts';
import type { OpenReceivable } from './receivables.ts';

const OPEN = `balance > 0 AND NOT cancelled AND status IN ('open', 'partially_paid', 'disputed')`;
const RECEIVABLE = 'id, number, customer_id, currency, balance, due_date';

/**
 * The open invoices stored under these reference keys (the matcher's index of invoice numbers), one row per key and
 * invoice, looked up and read in one statement. Each key and each invoice is one index probe (`OFFSET 0` keeps the planner
 * from turning thousands of keys into scans of both whole tables).
 */
export async function openReceivablesByKeys(q: Queryable, orgId: string, keys: string[]): Promise<(OpenReceivable & { key: string })[]> {
  if (!keys.length) return [];
  return q.query<OpenReceivable & { key: string }>(`SELECT x.key, i.* FROM unnest($2::text[]) AS q (key)
    CROSS JOIN LATERAL (SELECT k.key, k.invoice_id FROM invoice_match_keys k WHERE k.org_id = $1 AND k.key = q.key OFFSET 0) x
    CROSS JOIN LATERAL (SELECT ${RECEIVABLE} FROM invoices WHERE id = x.invoice_id AND org_id = $1 AND ${OPEN} OFFSET 0) i`,
  [orgId, [...keys].sort()]);
}

/**
 * Every open invoice of these customers in these currencies, customer by customer in the order given. One scan of the
 * customer index for the whole list (a bitmap of it; for a list that is a good share of the customers, the planner may
 * read the table instead): for thousands of customers about half the time of one probe each.
 */
export async function openReceivablesOfCustomers(q: Queryable, orgId: string, customerIds: string[], currencies: string[]): Promise<OpenReceivable[]> {
  if (!customerIds.length || !currencies.length) return [];
  const rows = await q.query<OpenReceivable>(`SELECT ${RECEIVABLE} FROM invoices WHERE customer_id = ANY($2::text[]) AND org_id = $1
    AND currency = ANY($3::text[]) AND ${OPEN}`, [orgId, customerIds, currencies]);
  return inOrderOf(customerIds, rows, (r) => r.customer_id);
}

/** Rows in the order of the ids they were asked for (a stable sort: rows of one id keep the order the database gave). */
export function inOrderOf<T>(ids: string[], rows: T[], idOf: (row: T) => string): T[] {
  const at = new Map<string, number>();
  ids.forEach((id, i) => { if (!at.has(id)) at.set(id, i); });
  return rows.sort((a, b) => at.get(idOf(a))! - at.get(idOf(b))!);
}

export interface BalanceWanted { currency: string; balance: number; date: string | null }

/**
 * For each wanted balance: the open invoices that owe exactly it with a due date within `windowDays` of the date, nearest
 * first, at most `limit` of them, and how many there are in the window (`same`).
 */
export async function openReceivablesByBalance(
  q: Queryable, orgId: string, wanted: BalanceWanted[], windowDays: number, limit: number,
): Promise<(OpenReceivable & { wanted: number; same: number })[]> {
  if (!wanted.length) return [];
  const rows = await q.query<OpenReceivable & { wanted: number; same: number }>(
    `SELECT w.n::int AS wanted, i.id, i.number, i.customer_id, i.currency, i.balance, i.due_date, i.same::int AS same
     FROM unnest($2::text[], $3::int8[], $4::date[]) WITH ORDINALITY AS w (currency, balance, day, n)
     CROSS JOIN LATERAL (
       SELECT v.*, count(*) OVER () AS same FROM invoices v
       WHERE v.org_id = $1 AND v.currency = w.currency AND v.balance = w.balance AND v.balance > 0 AND NOT v.cancelled
         AND v.status IN ('open', 'partially_paid', 'disputed')
         AND (w.day IS NULL OR v.due_date BETWEEN w.day - $5::int AND w.day + $5::int)
       ORDER BY abs(COALESCE(w.day, v.due_date) - v.due_date), v.due_date, v.number LIMIT $6) i`,
    [orgId, wanted.map((w) => w.currency), wanted.map((w) => w.balance), wanted.map((w) => w.date), windowDays, limit]);
  return rows.map((r) => ({ ...r, wanted: r.wanted - 1 }));
}

export interface InvoiceNumber { id: string; number: string }
export interface CustomerName { id: string; name: string; erased: boolean }

export async function countInvoices(q: Queryable, orgId: string): Promise<number> {
  const [r] = await q.query<{ n: number }>('SELECT count(*) AS n FROM invoices WHERE org_id = $1', [orgId]);
  return r?.n ?? 0;
}

/**
 * Rows written by transactions no older than `afterXid` (a 32-bit transaction id, as a row's `xmin` holds it), or every
 * row when null. age() compares ids across wraparound; a frozen row shows the id that wrote it (or, frozen before
 * PostgreSQL 9.4, the frozen id, whose age is the largest there is: an old row either way).
 */
const WRITTEN_AFTER = (param: number) => `($${param}::xid IS NULL OR age(xmin) <= age($${param}::xid))`;

/**
 * Invoices created since `since` (and, with `afterXid`, written since that transaction), found through the index of
 * changed invoices; null when there are more than `max`.
 */
export async function invoiceNumbersCreatedSince(
  q: Queryable, orgId: string, since: string, max: number, afterXid: string | null = null,
): Promise<InvoiceNumber[] | null> {
  const rows = await q.query<InvoiceNumber>(`SELECT id, number FROM invoices WHERE org_id = $1 AND updated_at > $2::timestamptz
    AND created_at > $2::timestamptz AND ${WRITTEN_AFTER(4)} LIMIT $3`, [orgId, since, max + 1, afterXid]);
  return rows.length > max ? null : rows;
}

/** A page of the org's invoices in id order, after `afterId`. */
export async function invoiceNumbersAfter(q: Queryable, orgId: string, afterId: string, limit: number): Promise<InvoiceNumber[]> {
  return q.query<InvoiceNumber>('SELECT id, number FROM invoices WHERE org_id = $1 AND id > $2 ORDER BY id LIMIT $3', [orgId, afterId, limit]);
}

export async function countCustomers(q: Queryable, orgId: string): Promise<number> {
  const [r] = await q.query<{ n: number }>('SELECT count(*) AS n FROM customers WHERE org_id = $1', [orgId]);
  return r?.n ?? 0;
}

/**
 * A page, in id order after `afterId`, of the customers whose row changed since `since` (a new name, an erasure) and, with
 * `afterXid`, was written since that transaction.
 */
export async function customerNamesChangedSince(
  q: Queryable, orgId: string, since: string, afterId: string, limit: number, afterXid: string | null = null,
): Promise<CustomerName[]> {
  return q.query<CustomerName>(`SELECT id, name, erased_at IS NOT NULL AS erased FROM customers WHERE org_id = $1
    AND updated_at > $2::timestamptz AND id > $3 AND ${WRITTEN_AFTER(5)} ORDER BY id LIMIT $4`, [orgId, since, afterId, limit, afterXid]);
}

/** A page of the org's customers in id order, after `afterId`. */
export async function customerNamesAfter(q: Queryable, orgId: string, afterId: string, limit: number): Promise<CustomerName[]> {
  return q.query<CustomerName>(`SELECT id, name, erased_at IS NOT NULL AS erased FROM customers WHERE org_id = $1 AND id > $2
    ORDER BY id LIMIT $3`, [orgId, afterId, limit]);
}
