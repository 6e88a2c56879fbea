// The sample rows read as the importer will read them: the same header resolution (src/ledger/import/columns.ts), money
// and date parsing (src/domain), and the same checks of required cells, currencies, amounts and dates, so the preview
// shows the values cobro will store and the errors it will report, by line. Contact fields (email, phone...) are shown
// as written and checked on upload (the schema library that checks them stays out of the page).
import { resolveHeader, type ImportKind } from '../../../src/ledger/import/columns.ts';
import type { Mapping } from '../../../src/ledger/import/mapping.ts';
import type { ParsedRecord } from '../../../src/ledger/import/csvParser.ts';
import { isCurrency, parseMajorAmount } from '../../../src/domain/money.ts';
import { parseDate } from '../../../src/domain/dates.ts';

export interface ReadRow { line: number; value: Record<string, string | number>; errors: { column: string; reason: string }[] }
export type ReadResult = { ok: true; rows: ReadRow[] } | { ok: false; missing: string[] };

const REQUIRED_TEXT = ['external_id', 'name', 'customer_external_id', 'number'];
const DATES = ['issue_date', 'due_date', 'date'];

function readRow(kind: ImportKind, get: (col: string) => string, cols: string[], m: Mapping, line: number): ReadRow {
  const value: Record<string, string | number> = {};
  const errors: ReadRow['errors'] = [];
  for (const c of cols) value[c] = get(c).trim();
  for (const c of REQUIRED_TEXT) if (c in value && !value[c]) errors.push({ column: c, reason: 'is empty' });
  if ('currency' in value) {
    const ccy = String(value.currency).toUpperCase();
    value.currency = ccy;
    if (!isCurrency(ccy)) errors.push({ column: 'currency', reason: ccy ? `"${ccy}" is not an ISO 4217 currency cobro knows` : 'is empty' });
  }
  if (kind !== 'customers') {
    const text = get('amount');
    const ccy = String(value.currency);
    if (!text.trim()) errors.push({ column: 'amount', reason: 'is empty' });
    else if (isCurrency(ccy)) {
      const r = parseMajorAmount(text, ccy, { decimal: m.decimal });
      if (!r.ok) errors.push({ column: 'amount', reason: r.reason });
      else if (r.minor < 0 || (kind === 'payments' && r.minor === 0)) errors.push({ column: 'amount', reason: `must be ${kind === 'payments' ? 'greater than zero' : 'zero or more'}, got "${text}"` });
      else value.amount = r.minor;
    }
    for (const c of DATES.filter((d) => d in value)) {
      const text = String(value[c]);
      const d = text ? parseDate(text, m.date_format) : null;
      if (!text) errors.push({ column: c, reason: 'is empty' });
      else if (!d) errors.push({ column: c, reason: `"${text}" is not a date in the form ${m.date_format}` });
      else value[c] = d;
    }
    if (typeof value.issue_date === 'string' && typeof value.due_date === 'string' && !errors.some((e) => e.column.endsWith('date'))
      && value.due_date < value.issue_date) errors.push({ column: 'due_date', reason: `${value.due_date} is before the issue date ${value.issue_date}` });
  }
  return { line, value, errors };
}

export function readRows(kind: ImportKind, header: string[], rows: ParsedRecord[], mapping: Mapping): ReadResult {
  const resolved = resolveHeader(kind, header, mapping);
  if (!resolved.ok) return { ok: false, missing: resolved.missing };
  const { index } = resolved;
  const cols = Object.keys(index);
  return { ok: true, rows: rows.map((r) => readRow(kind, (col) => {
    const i = index[col];
    return i === undefined ? '' : i < 0 ? (mapping.defaults[col] ?? '') : (r.cells[i] ?? '');
  }, cols, mapping, r.line)) };
}
