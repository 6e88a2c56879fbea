// Checking a mapping typed as JSON in the page, field by field, with the rules of the API's mapping schema
// (src/ledger/import/mapping.ts), which checks it again on upload.
import { MAPPING_ENCODINGS } from '../../../src/ledger/import/columns.ts';
import type { Mapping } from '../../../src/ledger/import/mapping.ts';

type Checked = { ok: true; mapping: Mapping } | { ok: false; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown) => isObject(v) && Object.values(v).every((x) => typeof x === 'string');

export function checkMappingJson(text: string): Checked {
  let v: unknown;
  try { v = JSON.parse(text); } catch { return { ok: false, message: 'not JSON' }; }
  if (!isObject(v)) return { ok: false, message: 'a mapping is a JSON object' };
  const known = ['columns', 'defaults', 'date_format', 'decimal', 'delimiter', 'encoding', 'metadata_columns'];
  const extra = Object.keys(v).find((k) => !known.includes(k));
  if (extra) return { ok: false, message: `${extra}: unknown key` };
  if (v.columns !== undefined && !strings(v.columns)) return { ok: false, message: 'columns: an object of column names' };
  if (v.defaults !== undefined && !strings(v.defaults)) return { ok: false, message: 'defaults: an object of text values' };
  if (v.date_format !== undefined && (typeof v.date_format !== 'string' || !/^[YMD./\- ]+$/.test(v.date_format))) {
    return { ok: false, message: 'date_format: use tokens YYYY, YY, MM, M, DD, D and separators' };
  }
  if (v.decimal !== undefined && v.decimal !== '.' && v.decimal !== ',') return { ok: false, message: 'decimal: "." or ","' };
  if (v.delimiter !== undefined && (typeof v.delimiter !== 'string' || v.delimiter.length !== 1)) return { ok: false, message: 'delimiter: one character' };
  if (v.encoding !== undefined && !(MAPPING_ENCODINGS as readonly unknown[]).includes(v.encoding)) return { ok: false, message: `encoding: one of ${MAPPING_ENCODINGS.join(', ')}` };
  if (v.metadata_columns !== undefined && !(Array.isArray(v.metadata_columns) && v.metadata_columns.every((x) => typeof x === 'string'))) {
    return { ok: false, message: 'metadata_columns: a list of column names' };
  }
  return { ok: true, mapping: { columns: {}, defaults: {}, date_format: 'YYYY-MM-DD', decimal: '.', delimiter: ',', encoding: 'utf8', metadata_columns: [], ...v } as Mapping };
}
