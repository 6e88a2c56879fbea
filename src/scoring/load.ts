// Reads an org's ledger into scoring's facts: invoices with the days money came in, disputes, promises and messages.
// Pages of 100,000 rows by id keep each result small; cancelled invoices are left out.
import type { Queryable } from '../db/index.ts';
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

interface InvoiceRow {
  id: string; customer_id: string; number: string; currency: string; amount: number; balance: number; issue_date: string; due_date: string;
  status: string; disputed: boolean; updated_on: string; country: string | null; paperless: string | null;
}

export const INVOICE_PAGE_SQL = `SELECT id, customer_id, number, currency, amount, balance, issue_date, due_date, status, disputed,
    updated_at::date::text AS updated_on,
    coalesce(metadata->>'country', metadata->>'countryCode', metadata->>'country_code') AS country,
    coalesce(metadata->>'paperless', metadata->>'PaperlessBill', metadata->>'paperless_bill') AS paperless
  FROM invoices WHERE org_id = $1 AND id > $2 AND NOT cancelled ORDER BY id LIMIT $3`;

export const MONEY_IN_PAGE_SQL = `SELECT a.id, a.invoice_id, p.date, a.amount FROM allocations a JOIN payments p ON p.id = a.payment_id
  WHERE a.org_id = $1 AND a.id > $2 AND a.reversed_at IS NULL AND p.reversed_at IS NULL ORDER BY a.id LIMIT $3`;

export async function loadPortfolio(db: Queryable, org: string): Promise<Portfolio> {
  const customers: CustomerFact[] = [];
  const byId = new Map<string, number>();
  await paged<{ id: string; external_id: string; country: string | null }>(db,
    'SELECT id, external_id, country FROM customers WHERE org_id = $1 AND id > $2 ORDER BY id LIMIT $3', org, (r) => {
      byId.set(r.id, customers.length);
      customers.push({ id: r.id, externalId: r.external_id, country: r.country, invoices: [], promises: [], sent: [], replies: [] });
    });
  const invoices = new Map<string, InvoiceFact>();
  // settled invoices and the day they last changed, for those with no payment or credit to date them by
  const closed: [InvoiceFact, string][] = [];
  // a million rows bring a million copies of 'USD': one is kept
  const currencies = new Map<string, string>();
  await paged<InvoiceRow>(db, INVOICE_PAGE_SQL, org, (r) => {
    const c = byId.get(r.customer_id);
    if (c === undefined) return;
    const cust = customers[c]!;
    if (cust.country === null && r.country) cust.country = r.country;
    let currency = currencies.get(r.currency);
    if (currency === undefined) { currency = r.currency; currencies.set(currency, currency); }
    const inv: InvoiceFact = { id: r.id, number: r.number, customer: c, currency, amount: r.amount, balance: r.balance,
      issue: dayNumber(r.issue_date), due: dayNumber(r.due_date), settled: null, writtenOff: r.status === 'written_off',
      disputedOn: r.disputed ? UNDATED : null, paperless: paperless(r.paperless),
      open: r.balance > 0 && (r.status === 'open' || r.status === 'partially_paid' || r.status === 'disputed') };
    invoices.set(r.id, inv);
    cust.invoices.push(inv);
    if (r.status === 'paid' || r.status === 'written_off') closed.push([inv, r.updated_on]);
  });
  const moneyIn = (invoiceId: string, date: string, amount: number) => {
    const inv = invoices.get(invoiceId);
    if (!inv) return;
    (inv.paid ??= []).push([dayNumber(date), amount]);
  };
  await paged<{ id: string; invoice_id: string; date: string; amount: number }>(db, MONEY_IN_PAGE_SQL, org, (r) => moneyIn(r.invoice_id, r.date, r.amount));
  // credit notes, discounts and write-offs lower what is owed (their amounts are negative); fees and interest raise it
  await paged<{ id: string; invoice_id: string; date: string; amount: number }>(db,
    'SELECT id, invoice_id, date, amount FROM adjustments WHERE org_id = $1 AND id > $2 AND reversed_at IS NULL ORDER BY id LIMIT $3', org,
    (r) => moneyIn(r.invoice_id, r.date, -r.amount));
  for (const [inv, updatedOn] of closed) {
    let last = -Infinity;
    for (const [d] of inv.paid ?? []) last = Math.max(last, d);
    inv.settled = Number.isFinite(last) ? last : dayNumber(updatedOn);
  }
  await loadHistory(db, org, byId, customers, invoices);
  for (const c of customers) c.invoices.sort((a, b) => a.issue - b.issue || (a.id < b.id ? -1 : 1));
  return { customers };
}

/** Disputes with their day, promises with the day they were judged, messages sent and replies received. */
async function loadHistory(db: Queryable, org: string, byId: Map<string, number>, customers: CustomerFact[], invoices: Map<string, InvoiceFact>): Promise<void> {
  for (const r of await db.query<{ invoice_id: string; opened: string }>(
    `SELECT di.invoice_id, min(d.created_at)::date::text AS opened FROM dispute_invoices di JOIN disputes d ON d.id = di.dispute_id
     WHERE di.org_id = $1 GROUP BY di.invoice_id`, [org])) {
    const inv = invoices.get(r.invoice_id);
    if (inv) inv.disputedOn = dayNumber(r.opened);
  }
  const each = (rows: { customer_id: string }[], fn: (c: CustomerFact, r: never) => void) => {
    for (const r of rows) { const i = byId.get(r.customer_id); if (i !== undefined) fn(customers[i]!, r as never); }
  };
  each(await db.query(`SELECT customer_id, (due_date + grace_days + 1)::text AS judged, status FROM promises
    WHERE org_id = $1 AND status IN ('kept', 'partly_kept', 'broken')`, [org]),
  (c, r: { judged: string; status: string }) => c.promises.push({ judged: dayNumber(r.judged), broken: r.status !== 'kept' }));
  each(await db.query(`SELECT customer_id, sent_at::date::text AS day FROM messages WHERE org_id = $1 AND sent_at IS NOT NULL`, [org]),
    (c, r: { day: string }) => c.sent.push(dayNumber(r.day)));
  each(await db.query(`SELECT customer_id, received_at::date::text AS day FROM inbound_messages WHERE org_id = $1 AND customer_id IS NOT NULL`, [org]),
    (c, r: { day: string }) => c.replies.push(dayNumber(r.day)));
}
