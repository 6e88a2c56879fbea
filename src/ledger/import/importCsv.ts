// Importing one CSV file: stream, validate every row, stage, then merge in one transaction or reject the whole file.
import type { Readable } from 'node:stream';
import { gatherStatistics, type Db, type Queryable } from '../../db/index.ts';
import { newId } from '../../domain/ids.ts';
import { FailureError } from '../../domain/result.ts';
import { recordAudit } from '../../audit/index.ts';
import { DEFAULT_MAPPING, resolveHeader, type ImportKind, type Mapping } from './mapping.ts';
import { readCsv, CsvSyntaxError } from './csvSource.ts';
import { checkRow, type RowError } from './rows.ts';
import { copiedColumns, createStage, dropStage, stageLine, stageTable } from './stage.ts';
import { addMissingCustomers, currencyChanges, duplicateKeys, mergeCustomers, mergeInvoices } from './merge.ts';
import { applyPayments } from './applyPayments.ts';

export const MAX_REPORTED_ERRORS = 1000;
const BATCH_ROWS = 20_000;

export interface ImportReport {
  id: string;
  kind: ImportKind;
  filename: string | null;
  status: 'completed' | 'rejected';
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  customers_created: number;
  error_count: number;
  errors: RowError[];
}

export interface ImportOptions {
  mapping?: Mapping;
  filename?: string;
  actor?: string;
  onProgress?: (p: { rows: number; bytes: number }) => void;
  /**
   * Called on the import's transaction once a payments file is written, with the customers it recorded payments for: the
   * caller applies what those payments earned (prompt-payment discounts), which the ledger cannot reach itself.
   */
  afterPayments?: (tx: Queryable, customerIds: string[]) => Promise<unknown>;
}

class Errors {
  list: RowError[] = [];
  count = 0;
  add(e: RowError) { this.count++; if (this.list.length < MAX_REPORTED_ERRORS) this.list.push(e); }
}

export async function importCsv(db: Db, orgId: string, kind: ImportKind, input: Readable, opts: ImportOptions = {}): Promise<ImportReport> {
  const mapping = opts.mapping ?? DEFAULT_MAPPING;
  const id = newId('import');
  const table = stageTable(id);
  const report: ImportReport = { id, kind, filename: opts.filename ?? null, status: 'rejected', rows: 0, inserted: 0, updated: 0,
    unchanged: 0, customers_created: 0, error_count: 0, errors: [] };
  const errors = new Errors();
  await db.query('INSERT INTO imports (id, org_id, kind, filename, status) VALUES ($1,$2,$3,$4,$5)', [id, orgId, kind, report.filename, 'running']);
  await createStage(db, kind, table);
  try {
    const header = await stageRows(db, kind, input, mapping, table, errors, report, opts);
    if (errors.count === 0 && header) await merge(db, orgId, kind, table, header, errors, report, opts.actor ?? 'import', opts.afterPayments);
  } catch (e) {
    if (e instanceof CsvSyntaxError) errors.add({ line: e.line, column: '', reason: `the file is not valid CSV: ${e.message}` });
    else throw e;
  } finally {
    await dropStage(db, table);
  }
  report.status = errors.count === 0 ? 'completed' : 'rejected';
  report.error_count = errors.count;
  report.errors = errors.list;
  if (report.status === 'rejected') { report.inserted = 0; report.updated = 0; report.unchanged = 0; report.customers_created = 0; }
  await db.query(
    `UPDATE imports SET status = $2, rows = $3, inserted = $4, updated = $5, unchanged = $6, errors = $7, finished_at = now() WHERE id = $1`,
    [id, report.status, report.rows, report.inserted, report.updated, report.unchanged, JSON.stringify(report.errors)]);
  // on PGlite, which runs no autovacuum, the planner's statistics of the tables a large file moved (nothing on PostgreSQL)
  if (report.inserted + report.updated > 0) await gatherStatistics(db);
  return report;
}

/** Reads and validates every row, copying valid ones to the stage until the first error; returns the header columns seen. */
async function stageRows(
  db: Db, kind: ImportKind, input: Readable, mapping: Mapping, table: string, errors: Errors, report: ImportReport, opts: ImportOptions,
): Promise<Set<string> | null> {
  let bytes = 0;
  let resolved: Extract<ReturnType<typeof resolveHeader>, { ok: true }> | null = null;
  let batch: string[] = [];
  // one COPY in flight while the next batch is parsed: on PostgreSQL the two then run side by side
  let inflight: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (batch.length && errors.count === 0) {
      const text = batch.join('\n') + '\n';
      await inflight;
      inflight = db.copyCsv(table, copiedColumns(kind, withCustomer), text);
      inflight.catch(() => {}); // awaited, and so thrown, at the next flush or at the end
    }
    batch = [];
  };
  const idKind = kind === 'customers' ? 'customer' : 'invoice';
  const row = { cells: [] as string[] };
  let index: Record<string, number> = {};
  let withCustomer = false;
  const get = (col: string) => {
    const i = index[col];
    return i === undefined ? '' : i < 0 ? (mapping.defaults[col] ?? '') : (row.cells[i] ?? '');
  };
  for await (const records of readCsv(input, mapping, (n) => { bytes += n; })) {
    for (const rec of records) {
      if (!resolved) {
        const r = resolveHeader(kind, rec.cells, mapping);
        if (!r.ok) {
          for (const m of r.missing) errors.add({ line: rec.line, column: m, reason: 'column is missing from the header' });
          return null;
        }
        resolved = r;
        index = r.index;
        withCustomer = hasCustomerColumns(Object.keys(r.index));
        continue;
      }
      report.rows++;
      row.cells = rec.cells;
      const meta = mapping.metadata_columns.length
        ? Object.fromEntries(Object.entries(resolved.metadata).map(([k, i]) => [k, rec.cells[i] ?? ''])) : null;
      const checked = checkRow(kind, get, mapping, meta);
      if (checked.errors) for (const e of checked.errors) errors.add({ line: rec.line, ...e });
      else if (errors.count === 0) batch.push(stageLine(kind, rec.line, newId(idKind), checked.row, withCustomer));
      if (batch.length >= BATCH_ROWS) await flush();
    }
    opts.onProgress?.({ rows: report.rows, bytes });
  }
  if (!resolved) {
    errors.add({ line: 1, column: '', reason: 'the file is empty: a header line is required' });
    return null;
  }
  await flush();
  await inflight;
  return new Set(Object.keys(resolved.index));
}

async function merge(
  db: Db, orgId: string, kind: ImportKind, table: string, columns: Set<string>, errors: Errors, report: ImportReport, actor: string,
  afterPayments: ImportOptions['afterPayments'],
): Promise<void> {
  await db.query(`ANALYZE ${table}`);
  if (kind === 'customers') for (const e of await duplicateKeys(db, table, 'external_id')) errors.add(e);
  if (kind === 'invoices') for (const e of await currencyChanges(db, orgId, table)) errors.add(e);
  if (errors.count) return;
  try {
    await db.transaction(async (tx) => {
      // more memory for the merge's sorts and hashes on PostgreSQL; PGlite's WASM heap never gives memory back
      if (db.kind === 'postgres') await tx.query(`SET LOCAL work_mem = '64MB'`);
      if (kind === 'customers') {
        const r = await mergeCustomers(tx, orgId, table, '', 'external_id');
        report.inserted = r.inserted; report.updated = r.updated;
      } else if (kind === 'invoices') {
        report.customers_created = hasCustomerColumns([...columns])
          ? (await mergeCustomers(tx, orgId, table, 'c_', 'customer_external_id')).inserted
          : await addMissingCustomers(tx, orgId, table);
        const r = await mergeInvoices(tx, orgId, table, columns.has('disputed'));
        report.inserted = r.inserted; report.updated = r.updated;
      } else {
        const r = await applyPayments(tx, orgId, actor, table);
        if (r.errors.length) {
          for (const e of r.errors) errors.add(e);
          throw new FailureError({ code: 'IMPORT_REJECTED', message: 'payments rejected' });
        }
        report.inserted = r.inserted;
        if (r.customers.length && afterPayments) await afterPayments(tx, r.customers);
      }
      report.unchanged = report.rows - report.inserted - report.updated;
      await recordAudit(tx, { orgId, actor, action: `import.${kind}`, entity: 'import', entityId: report.id,
        data: { rows: report.rows, inserted: report.inserted, updated: report.updated } });
    });
  } catch (e) {
    if (isRowTwiceError(e)) {
      // the upsert met one invoice number twice in the file: name the lines (only looked for when it happens)
      for (const dup of await duplicateKeys(db, table, 'number')) errors.add(dup);
      return;
    }
    if (!(e instanceof FailureError)) throw e;
  }
}

/** Whether an invoice file carries customer details beside the customer's external id. */
function hasCustomerColumns(columns: string[]): boolean {
  return columns.some((c) => c.startsWith('customer_') && c !== 'customer_external_id');
}

/** PostgreSQL's "ON CONFLICT DO UPDATE command cannot affect row a second time". */
function isRowTwiceError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === '21000';
}
