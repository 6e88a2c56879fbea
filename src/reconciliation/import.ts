// importStatement: parse a bank file (format detected from its content), store its new lines in one transaction, then match them.
import { createHash } from 'node:crypto';
import type { Db } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { parseStatement, type ParseOptions, type StatementFormat } from './parsers/index.ts';
import { fingerprintLines } from './fingerprint.ts';
import { storeStatement, type HeldDuplicate } from './store-lines.ts';
import { reconcileLines, type ReconcileSummary } from './reconcile.ts';

export interface ImportStatementOptions {
  /** Skip detection and read the file as this format. */
  format?: StatementFormat;
  filename?: string | null;
  encoding?: string;
  /** For files that state no currency. */
  currency?: string;
  /** A CSV mapping name (see CSV_MAPPINGS). */
  csv?: string;
  actor?: string;
  /** The clock, for lines without a date. */
  now?: () => Date;
}

export interface StatementImportReport {
  filename: string | null;
  format: StatementFormat;
  /** Lines in the file. */
  lines: number;
  /** Lines not seen before, now stored. */
  new_lines: number;
  /** Lines already imported from this or an overlapping file. */
  duplicates: number;
  statements: { id: string; account: string | null; lines: number; new_lines: number }[];
  /** New lines held back, not matched: the same movements were imported before from another file (another format of the same day). */
  cross_format_duplicates: (HeldDuplicate & { statement_id: string })[];
  reconciliation: ReconcileSummary;
}

/**
 * Imports one statement file. All or nothing: a file that does not parse writes nothing and the failure names the line.
 * Importing the same or an overlapping file again adds only the lines not seen before.
 */
export async function importStatement(db: Db, orgId: string, bytes: Buffer, opts: ImportStatementOptions = {}): Promise<Result<StatementImportReport>> {
  const parseOpts: ParseOptions = { ...(opts.format ? { format: opts.format } : {}), ...(opts.encoding ? { encoding: opts.encoding } : {}),
    ...(opts.currency ? { currency: opts.currency } : {}), ...(opts.csv ? { csv: opts.csv } : {}) };
  const parsed = parseStatement(bytes, parseOpts);
  const filename = opts.filename ?? null;
  if (!parsed.ok) {
    const where = parsed.error.line !== undefined ? `line ${parsed.error.line}: ` : '';
    return fail('IMPORT_REJECTED', `${filename ?? 'the file'}: ${where}${parsed.error.message}; nothing was imported`, 'file',
      { code: parsed.error.code, line: parsed.error.line ?? null });
  }
  const { statements } = parsed;
  const format = statements[0]?.format ?? opts.format ?? 'csv';
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const fingerprinted = fingerprintLines(statements);
  const actor = opts.actor ?? 'system';
  const stored = await db.transaction(async (tx) => {
    const out = [];
    for (const [i, s] of statements.entries()) {
      const r = await storeStatement(tx, orgId, s, fingerprinted[i] ?? [], { filename, sha256 });
      if (r) out.push(r);
    }
    const added = out.reduce((t, s) => t + s.new_lines, 0);
    if (added) {
      await recordAudit(tx, { orgId, actor, action: 'statement.imported', entity: 'statement', entityId: out[0]!.id,
        data: { filename, sha256, statements: out.map((s) => s.id), new_lines: added,
          cross_format_duplicates: out.reduce((t, s) => t + s.duplicates.length, 0) } });
    }
    return out;
  });
  const total = statements.reduce((t, s) => t + s.lines.length, 0);
  const added = stored.reduce((t, s) => t + s.new_lines, 0);
  const reconciliation = await reconcileLines(db, orgId, stored.flatMap((s) => s.new_line_ids), { actor, now: opts.now ?? (() => new Date()) });
  return ok({
    filename, format, lines: total, new_lines: added, duplicates: total - added,
    statements: stored.map(({ id, account, lines, new_lines }) => ({ id, account, lines, new_lines })),
    cross_format_duplicates: stored.flatMap((s) => s.duplicates.map((d) => ({ ...d, statement_id: s.id }))),
    reconciliation,
  });
}
