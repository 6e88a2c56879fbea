// Staging tables: validated rows are copied into an unlogged table of their own, merged in one transaction, then dropped.
import type { Db } from '../../db/index.ts';
import type { ImportKind } from './mapping.ts';
import type { AnyRow, CustomerRow, InvoiceRow, PaymentRow } from './rows.ts';

const CUSTOMER_COLS = ['name', 'email', 'phone', 'whatsapp', 'country', 'region', 'timezone', 'language', 'preferred_channel'] as const;

export const STAGE_COLUMNS: Record<ImportKind, string[]> = {
  customers: ['line', 'id', 'external_id', ...CUSTOMER_COLS],
  invoices: ['line', 'id', 'customer_external_id', 'number', 'external_id', 'currency', 'amount', 'issue_date', 'due_date',
    'disputed', 'metadata', ...CUSTOMER_COLS.map((c) => `c_${c}`)],
  payments: ['line', 'customer_external_id', 'amount', 'currency', 'date', 'reference', 'invoice_number', 'method', 'external_id'],
};

const TYPES: Record<string, string> = { line: 'int', amount: 'bigint', issue_date: 'date', due_date: 'date', date: 'date',
  disputed: 'boolean', metadata: 'jsonb' };

export function stageTable(importId: string): string {
  return `import_stage_${importId.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`;
}

export async function createStage(db: Db, kind: ImportKind, table: string): Promise<void> {
  const cols = STAGE_COLUMNS[kind].map((c) => `${c} ${TYPES[c] ?? 'text'}`).join(', ');
  await db.query(`CREATE UNLOGGED TABLE ${table} (${cols})`);
}

export async function dropStage(db: Db, table: string): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${table}`);
}

function field(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'string') return String(v);
  return `"${v.replace(/"/g, '""')}"`;
}

/** The columns a file fills: an invoice file without customer columns leaves those out of its COPY. */
export function copiedColumns(kind: ImportKind, withCustomer: boolean): string[] {
  return kind === 'invoices' && !withCustomer ? STAGE_COLUMNS.invoices.filter((c) => !c.startsWith('c_')) : STAGE_COLUMNS[kind];
}

/** One staged row as a CSV line for COPY, in copiedColumns order. */
export function stageLine(kind: ImportKind, line: number, id: string, row: AnyRow, withCustomer = true): string {
  let values: (string | number | boolean | null | undefined)[];
  if (kind === 'customers') {
    const r = row as CustomerRow;
    values = [line, id, r.external_id, ...CUSTOMER_COLS.map((c) => r[c])];
  } else if (kind === 'invoices') {
    const r = row as InvoiceRow;
    values = [line, id, r.customer_external_id, r.number, r.external_id, r.currency, r.amount, r.issue_date, r.due_date,
      r.disputed, r.metadata, ...(withCustomer ? CUSTOMER_COLS.map((c) => r.customer[c]) : [])];
  } else {
    const r = row as PaymentRow;
    values = [line, r.customer_external_id, r.amount, r.currency, r.date, r.reference, r.invoice_number, r.method, r.external_id];
  }
  return values.map(field).join(',');
}
