// `cobro import customers|invoices|payments FILE [--mapping M] [--json]`: stream a CSV in and print the report.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import type { Config } from '../config.ts';
import { importCsv, parseMapping, IMPORT_KINDS, type ImportKind, type ImportReport, type Mapping } from '../ledger/index.ts';
import { settleImportedPayments } from '../payments/index.ts';
import { withOrg } from './session.ts';
import { progressBar } from './output.ts';

export async function importCommand(config: Config, kind: string, file: string, o: { mapping?: string; json?: boolean; org?: string }): Promise<void> {
  if (!IMPORT_KINDS.includes(kind as ImportKind)) throw new Error(`kind must be one of ${IMPORT_KINDS.join(', ')}, not "${kind}"`);
  let size: number;
  try { size = statSync(file).size; } catch { throw new Error(`cannot read ${file}`); }
  let mapping: Mapping | undefined;
  if (o.mapping) {
    let json: unknown;
    try { json = JSON.parse(readFileSync(o.mapping, 'utf8')); } catch (e) { throw new Error(`${o.mapping}: ${(e as Error).message}`); }
    const m = parseMapping(json);
    if (!m.ok) throw new Error(`${o.mapping}: ${m.message}`);
    mapping = m.mapping;
  }
  const bar = o.json ? progressBar(0) : progressBar(size);
  const report = await withOrg(config, o.org, (db, org) => importCsv(db, org.id, kind as ImportKind, createReadStream(file),
    { filename: file, actor: 'cli', onProgress: bar.update, ...(mapping ? { mapping } : {}),
      // the discounts the file's payments earn and their cases' re-plan happen in the import's transaction, as a recorded payment's do
      afterPayments: (tx, ids) => settleImportedPayments(tx, org.id, ids, new Date()) }));
  bar.done();
  process.stdout.write(o.json ? `${JSON.stringify(report, null, 2)}\n` : describe(report));
  if (report.status !== 'completed') process.exitCode = 1;
}

function describe(r: ImportReport): string {
  if (r.status === 'completed') {
    return `imported ${r.filename}: ${r.rows} rows, ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged`
      + (r.customers_created ? `, ${r.customers_created} customers created` : '') + '\n';
  }
  const lines = r.errors.map((e) => `  line ${e.line}${e.column ? `, ${e.column}` : ''}: ${e.reason}`);
  const more = r.error_count > r.errors.length ? [`  ... and ${r.error_count - r.errors.length} more`] : [];
  return [`rejected ${r.filename}: nothing was imported. ${r.error_count} problem${r.error_count === 1 ? '' : 's'}:`, ...lines, ...more, ''].join('\n');
}
