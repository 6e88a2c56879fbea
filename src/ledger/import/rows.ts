// Turns one CSV record into a typed row of its kind, or the list of what is wrong with it, column by column.
import { parseMajorAmount, isCurrency } from '../../domain/money.ts';
import { parseDate } from '../../domain/dates.ts';
import { customerFieldsSchema } from '../fields.ts';
import type { Mapping, ImportKind } from './mapping.ts';

export interface RowError { line: number; column: string; reason: string }

export type Cells = (col: string) => string;

const CUSTOMER_FIELDS = ['name', 'email', 'phone', 'whatsapp', 'country', 'region', 'timezone', 'language', 'preferred_channel'] as const;
export type CustomerCells = Partial<Record<(typeof CUSTOMER_FIELDS)[number], string | null>>;

export interface CustomerRow extends CustomerCells { external_id: string; name: string }
export interface InvoiceRow {
  customer_external_id: string; number: string; external_id: string | null; currency: string; amount: number;
  issue_date: string; due_date: string; disputed: boolean; metadata: string | null; customer: CustomerCells;
}
export interface PaymentRow {
  customer_external_id: string; amount: number; currency: string; date: string; reference: string | null;
  invoice_number: string | null; method: string | null; external_id: string | null;
}

type Checked<T> = { row: T; errors: null } | { row: null; errors: Omit<RowError, 'line'>[] };

function required(get: Cells, col: string, errors: Omit<RowError, 'line'>[]): string {
  const v = get(col).trim();
  if (!v) errors.push({ column: col, reason: 'is empty' });
  return v;
}

function money(get: Cells, col: string, currency: string, m: Mapping, errors: Omit<RowError, 'line'>[], positive: boolean): number {
  const text = get(col);
  if (!text.trim()) { errors.push({ column: col, reason: 'is empty' }); return 0; }
  if (!isCurrency(currency)) return 0; // the currency error is reported once, on its own column
  const r = parseMajorAmount(text, currency, { decimal: m.decimal });
  if (!r.ok) { errors.push({ column: col, reason: r.reason }); return 0; }
  if (r.minor < 0 || (positive && r.minor === 0)) errors.push({ column: col, reason: `must be ${positive ? 'greater than zero' : 'zero or more'}, got "${text}"` });
  return r.minor;
}

function date(get: Cells, col: string, m: Mapping, errors: Omit<RowError, 'line'>[]): string {
  const text = get(col).trim();
  if (!text) { errors.push({ column: col, reason: 'is empty' }); return ''; }
  const d = parseDate(text, m.date_format);
  if (!d) errors.push({ column: col, reason: `"${text}" is not a date in the form ${m.date_format}` });
  return d ?? '';
}

function currencyOf(get: Cells, errors: Omit<RowError, 'line'>[]): string {
  const c = get('currency').trim().toUpperCase();
  if (!isCurrency(c)) errors.push({ column: 'currency', reason: c ? `"${c}" is not an ISO 4217 currency cobro knows` : 'is empty' });
  return c;
}

/** Validates customer fields that are present (prefix 'customer_' in invoice files); empty cells are left out. */
function customerCells(get: Cells, prefix: string, errors: Omit<RowError, 'line'>[]): CustomerCells {
  let raw: Record<string, string> | null = null;
  for (const f of CUSTOMER_FIELDS) {
    const v = get(prefix + f).trim();
    if (v) (raw ??= {})[f] = v;
  }
  if (!raw) return {};
  const r = customerFieldsSchema.partial().safeParse(raw);
  if (!r.success) {
    for (const issue of r.error.issues) errors.push({ column: prefix + String(issue.path[0]), reason: issue.message });
    return {};
  }
  const out: CustomerCells = {};
  for (const f of CUSTOMER_FIELDS) if (r.data[f] != null) out[f] = String(r.data[f]);
  return out;
}

export function checkCustomer(get: Cells): Checked<CustomerRow> {
  const errors: Omit<RowError, 'line'>[] = [];
  const external_id = required(get, 'external_id', errors);
  required(get, 'name', errors);
  const cells = customerCells(get, '', errors);
  return errors.length ? { row: null, errors } : { row: { ...cells, external_id, name: cells.name ?? '' }, errors: null };
}

const YES = new Set(['yes', 'y', 'true', '1', 'si', 'sí', 'sim']);

export function checkInvoice(get: Cells, m: Mapping, metadata: Record<string, string> | null): Checked<InvoiceRow> {
  const errors: Omit<RowError, 'line'>[] = [];
  const customer_external_id = required(get, 'customer_external_id', errors);
  const number = required(get, 'number', errors);
  const currency = currencyOf(get, errors);
  const amount = money(get, 'amount', currency, m, errors, false);
  const issue_date = date(get, 'issue_date', m, errors);
  const due_date = date(get, 'due_date', m, errors);
  if (issue_date && due_date && due_date < issue_date) errors.push({ column: 'due_date', reason: `${due_date} is before the issue date ${issue_date}` });
  const customer = customerCells(get, 'customer_', errors);
  if (errors.length) return { row: null, errors };
  return { row: { customer_external_id, number, external_id: get('external_id').trim() || null, currency, amount, issue_date,
    due_date, disputed: YES.has(get('disputed').trim().toLowerCase()), metadata: metadata ? JSON.stringify(metadata) : null, customer }, errors: null };
}

export function checkPayment(get: Cells, m: Mapping): Checked<PaymentRow> {
  const errors: Omit<RowError, 'line'>[] = [];
  const customer_external_id = required(get, 'customer_external_id', errors);
  const currency = currencyOf(get, errors);
  const amount = money(get, 'amount', currency, m, errors, true);
  const d = date(get, 'date', m, errors);
  if (errors.length) return { row: null, errors };
  const opt = (c: string) => get(c).trim() || null;
  return { row: { customer_external_id, amount, currency, date: d, reference: opt('reference'), invoice_number: opt('invoice_number'),
    method: opt('method'), external_id: opt('external_id') }, errors: null };
}

export type AnyRow = CustomerRow | InvoiceRow | PaymentRow;

export function checkRow(kind: ImportKind, get: Cells, m: Mapping, metadata: Record<string, string> | null): Checked<AnyRow> {
  if (kind === 'customers') return checkCustomer(get);
  if (kind === 'invoices') return checkInvoice(get, m, metadata);
  return checkPayment(get, m);
}
