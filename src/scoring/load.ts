// Reads an org's ledger into scoring's facts: invoices with the days money came in, disputes, promises and messages.
// Either the whole org (backtests; pages of 100,000 rows by id), one slice of customers by id (a score run) or a list of
// customers (a training sample's),
// both through the same builder so a customer's facts are the same either way. Cancelled invoices are left out.
import type { Db, Queryable } from '../db/index.ts';
import { dayNumber } from '../domain/dates.ts';
import { UNDATED, type CustomerFact, type InvoiceFact, type Portfolio } from './types.ts';

const PAGE = 100_000;

/** Every row of a query with `id > $2 ... ORDER BY id LIMIT $3`, page by page. */
async function paged<T extends { id: string }>(db: Queryable, sql: string, org: string, each: (r: T) => void): Promise<void> {
  let last = '';
  for (;;) {
    const rows = await db.query<T>(sql, [org, last, PAGE]);
    for (const r of rows) each(r);
    if (rows.length < PAGE) return;
    last = rows[rows.length - 1]!.id;
  }
}

const PAPERLESS = new Set(['true', 'yes', 'electronic', 'paperless', 'email', '1']);
const PAPER = new Set(['false', 'no', 'paper', 'post', 'mail', '0']);
function paperless(v: string | null): boolean | null {
  if (v === null) return null;
  const s = v.trim().toLowerCase();
  return PAPERLESS.has(s) ? true : PAPER.has(s) ? false : null;
}

interface CustomerRow { id: string; external_id: string; country: string | null }
interface InvoiceRow {
  id: string; customer_id: string; number: string; currency: string; amount: number; balance: number; issue_date: string; due_date: string;
  status: string; disputed: boolean; updated_on: string; country: string | null; paperless: string | null;
}
interface MoneyRow { invoice_id: string; date: string; amount: number }

/** The metadata keys an invoice's country may come under (the customer's own country wins). */
export const INVOICE_COUNTRY_SQL = `coalesce(metadata->>'country', metadata->>'countryCode', metadata->>'country_code')`;
const INVOICE_COLUMNS = `id, customer_id, number, currency, amount, balance, issue_date, due_date, status, disputed,
    updated_at::date::text AS updated_on, ${INVOICE_COUNTRY_SQL} AS country,
    coalesce(metadata->>'paperless', metadata->>'PaperlessBill', metadata->>'paperless_bill') AS paperless`;

export const INVOICE_PAGE_SQL = `SELECT ${INVOICE_COLUMNS}
  FROM invoices WHERE org_id = $1 AND id > $2 AND NOT cancelled ORDER BY id LIMIT $3`;

export const MONEY_IN_PAGE_SQL = `SELECT a.id, a.invoice_id, p.date, a.amount FROM allocations a JOIN payments p ON p.id = a.payment_id
  WHERE a.org_id = $1 AND a.id > $2 AND a.reversed_at IS NULL AND p.reversed_at IS NULL ORDER BY a.id LIMIT $3`;

/** Builds the facts row by row; invoices must come in id order (a customer with no country takes its first invoice's). */
class PortfolioBuilder {
  customers: CustomerFact[] = [];
  private byId = new Map<string, number>();
  private invoices = new Map<string, InvoiceFact>();
  // settled invoices and the day they last changed, for those with no payment or credit to date them by
  private closed: [InvoiceFact, string][] = [];
  // a million rows bring a million copies of 'USD': one is kept
  private currencies = new Map<string, string>();

  customer(r: CustomerRow): void {
    this.byId.set(r.id, this.customers.length);
    this.customers.push({ id: r.id, externalId: r.external_id, country: r.country, invoices: [], promises: [], sent: [], replies: [] });
  }

  invoice(r: InvoiceRow): void {
    const c = this.byId.get(r.customer_id);
    if (c === undefined) return;
    const cust = this.customers[c]!;
    if (cust.country === null && r.country) cust.country = r.country;
    let currency = this.currencies.get(r.currency);
    if (currency === undefined) { currency = r.currency; this.currencies.set(currency, currency); }
    const inv: InvoiceFact = { id: r.id, number: r.number, customer: c, currency, amount: r.amount, balance: r.balance,
      issue: dayNumber(r.issue_date), due: dayNumber(r.due_date), settled: null, writtenOff: r.status === 'written_off',
      disputedOn: r.disputed ? UNDATED : null, paperless: paperless(r.paperless),
      open: r.balance > 0 && (r.status === 'open' || r.status === 'partially_paid' || r.status === 'disputed') };
    this.invoices.set(r.id, inv);
    cust.invoices.push(inv);
    if (r.status === 'paid' || r.status === 'written_off') this.closed.push([inv, r.updated_on]);
  }

  /** Payments in; credit notes, discounts and write-offs are passed with their sign turned (they lower what is owed). */
  moneyIn(r: MoneyRow, sign = 1): void {
    const inv = this.invoices.get(r.invoice_id);
    if (inv) (inv.paid ??= []).push([dayNumber(r.date), sign * r.amount]);
  }

  dispute(r: { invoice_id: string; opened: string }): void {
    const inv = this.invoices.get(r.invoice_id);
    if (inv) inv.disputedOn = dayNumber(r.opened);
  }

  private each<T extends { customer_id: string }>(rows: T[], fn: (c: CustomerFact, r: T) => void): void {
    for (const r of rows) { const i = this.byId.get(r.customer_id); if (i !== undefined) fn(this.customers[i]!, r); }
  }

  history(promises: { customer_id: string; judged: string; status: string }[], sent: { customer_id: string; day: string }[],
    replies: { customer_id: string; day: string }[]): void {
    this.each(promises, (c, r) => c.promises.push({ judged: dayNumber(r.judged), broken: r.status !== 'kept' }));
    this.each(sent, (c, r) => c.sent.push(dayNumber(r.day)));
    this.each(replies, (c, r) => c.replies.push(dayNumber(r.day)));
  }

  finish(): Portfolio {
    for (const [inv, updatedOn] of this.closed) {
      let last = -Infinity;
      for (const [d] of inv.paid ?? []) last = Math.max(last, d);
      inv.settled = Number.isFinite(last) ? last : dayNumber(updatedOn);
    }
    for (const c of this.customers) c.invoices.sort((a, b) => a.issue - b.issue || (a.id < b.id ? -1 : 1));
    return { customers: this.customers };
  }
}

/** The condition on the customer that each history query adds: the whole org, or a range of customer ids. */
type Scope = { sql: string; params: unknown[] };
const WHOLE: Scope = { sql: '', params: [] };
const inRange = (col: string, from: string, to: string): Scope => ({ sql: ` AND ${col} > $2 AND ${col} <= $3`, params: [from, to] });

/** A query of the org's rows with the scope's condition on the customer column named: `sql` receives the condition. */
const scoped = (db: Queryable, org: string, scope: (col: string) => Scope) => <T>(sql: (s: string) => string, col: string): Promise<T[]> => {
  const s = scope(col);
  return db.query<T>(sql(s.sql), [org, ...s.params]);
};

/** Disputes with their day, promises with the day they were judged, messages sent and replies received. */
async function loadHistory(db: Queryable, org: string, b: PortfolioBuilder, scope: (col: string) => Scope): Promise<void> {
  const q = scoped(db, org, scope);
  for (const r of await q<{ invoice_id: string; opened: string }>((s) => `SELECT di.invoice_id, min(d.created_at)::date::text AS opened
     FROM dispute_invoices di JOIN disputes d ON d.id = di.dispute_id${s ? ' JOIN invoices i ON i.id = di.invoice_id' : ''}
     WHERE di.org_id = $1${s} GROUP BY di.invoice_id`, 'i.customer_id')) b.dispute(r);
  const promises = await q<{ customer_id: string; judged: string; status: string }>((s) => `SELECT customer_id, (due_date + grace_days + 1)::text AS judged, status
    FROM promises WHERE org_id = $1 AND status IN ('kept', 'partly_kept', 'broken')${s}`, 'customer_id');
  const sent = await q<{ customer_id: string; day: string }>((s) => `SELECT customer_id, sent_at::date::text AS day FROM messages
    WHERE org_id = $1 AND sent_at IS NOT NULL${s}`, 'customer_id');
  const replies = await q<{ customer_id: string; day: string }>((s) => `SELECT customer_id, received_at::date::text AS day FROM inbound_messages
    WHERE org_id = $1 AND customer_id IS NOT NULL${s}`, 'customer_id');
  b.history(promises, sent, replies);
}

export async function loadPortfolio(db: Queryable, org: string): Promise<Portfolio> {
  const b = new PortfolioBuilder();
  await paged<CustomerRow>(db, 'SELECT id, external_id, country FROM customers WHERE org_id = $1 AND id > $2 ORDER BY id LIMIT $3', org, (r) => b.customer(r));
  await paged<InvoiceRow>(db, INVOICE_PAGE_SQL, org, (r) => b.invoice(r));
  await paged<MoneyRow & { id: string }>(db, MONEY_IN_PAGE_SQL, org, (r) => b.moneyIn(r));
  await paged<MoneyRow & { id: string }>(db,
    'SELECT id, invoice_id, date, amount FROM adjustments WHERE org_id = $1 AND id > $2 AND reversed_at IS NULL ORDER BY id LIMIT $3', org,
    (r) => b.moneyIn(r, -1));
  await loadHistory(db, org, b, () => WHOLE);
  return b.finish();
}

export interface Slice { portfolio: Portfolio; /** The last customer id of the slice; null when there were no more customers. */ last: string | null; full: boolean }

/**
 * The next `size` customers after the id `after` (by id), with everything scoring reads about them: memory stays that of
 * one slice whatever the org's size.
 */
export async function loadSlice(db: Db, org: string, after: string, size: number): Promise<Slice> {
  return withoutJit(db, (q) => readSlice(q, org, after, size));
}

/**
 * Runs reads in one transaction with PostgreSQL's JIT off: the planner's guesses for these joins pass its threshold and it
 * would spend most of a second compiling each query that then runs in a few milliseconds.
 */
export async function withoutJit<T>(db: Db, fn: (q: Queryable) => Promise<T>): Promise<T> {
  if (db.kind !== 'postgres') return fn(db);
  return db.transaction(async (tx) => { await tx.query('SET LOCAL jit = off'); return fn(tx); });
}

async function readSlice(db: Queryable, org: string, after: string, size: number): Promise<Slice> {
  const customers = await db.query<CustomerRow>('SELECT id, external_id, country FROM customers WHERE org_id = $1 AND id > $2 ORDER BY id LIMIT $3', [org, after, size]);
  if (!customers.length) return { portfolio: { customers: [] }, last: null, full: false };
  const last = customers[customers.length - 1]!.id;
  return { portfolio: await readCustomers(db, org, customers, (col) => inRange(col, after, last)), last, full: customers.length === size };
}

/** The customers of these ids (in id order) with everything scoring reads about them: a training sample's customers, a page at a time. */
export async function loadCustomers(db: Queryable, org: string, ids: string[]): Promise<Portfolio> {
  const customers = await db.query<CustomerRow>('SELECT id, external_id, country FROM customers WHERE org_id = $1 AND id = ANY($2::text[]) ORDER BY id', [org, ids]);
  return readCustomers(db, org, customers, (col) => ({ sql: ` AND ${col} = ANY($2::text[])`, params: [ids] }));
}

/** A promise whose failure is seen when awaited, not reported as unhandled while other work goes on. */
export function ahead<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

/**
 * The customers of these ids (in this order), `page` at a time: the first page's read starts at once, each next one's
 * before the page before is handed out.
 */
export function customerPages(db: Db, org: string, ids: readonly string[], page: number): AsyncIterable<Portfolio> {
  const read = (i: number) => ahead(withoutJit(db, (q) => loadCustomers(q, org, ids.slice(i, i + page))));
  let next = ids.length ? read(0) : null;
  return { async *[Symbol.asyncIterator]() {
    for (let i = 0; next; i += page) {
      const p = await next;
      next = i + page < ids.length ? read(i + page) : null;
      yield p;
    }
  } };
}

/** The facts of these customers (read in id order), their rows chosen by `scope` (a range of ids or a list of them). */
async function readCustomers(db: Queryable, org: string, customers: CustomerRow[], scope: (col: string) => Scope): Promise<Portfolio> {
  const b = new PortfolioBuilder();
  for (const r of customers) b.customer(r);
  const q = scoped(db, org, scope);
  for (const r of await q<InvoiceRow>((s) => `SELECT ${INVOICE_COLUMNS} FROM invoices
    WHERE org_id = $1${s} AND NOT cancelled ORDER BY id`, 'customer_id')) b.invoice(r);
  // looked up invoice by invoice (LATERAL, OFFSET 0 keeps it from being flattened): a hash join would read the org's
  // every allocation for each slice
  for (const r of await q<MoneyRow>((s) => `SELECT m.invoice_id, m.date, m.amount FROM invoices i CROSS JOIN LATERAL (
      SELECT a.invoice_id, p.date, a.amount FROM allocations a JOIN payments p ON p.id = a.payment_id
      WHERE a.invoice_id = i.id AND a.org_id = $1 AND a.reversed_at IS NULL AND p.reversed_at IS NULL OFFSET 0) m
    WHERE i.org_id = $1${s}`, 'i.customer_id')) b.moneyIn(r);
  for (const r of await q<MoneyRow>((s) => `SELECT m.invoice_id, m.date, m.amount FROM invoices i CROSS JOIN LATERAL (
      SELECT ad.invoice_id, ad.date, ad.amount FROM adjustments ad WHERE ad.invoice_id = i.id AND ad.org_id = $1 AND ad.reversed_at IS NULL OFFSET 0) m
    WHERE i.org_id = $1${s}`, 'i.customer_id')) b.moneyIn(r, -1);
  await loadHistory(db, org, b, scope);
  return b.finish();
}
