// The canonical columns of each import kind and the encodings a mapping may name: plain data, so the workspace's mapping
// wizard reads the same lists and resolves a header the way the importer does (without the schema library).
import type { Mapping } from './mapping.ts';

export const IMPORT_KINDS = ['customers', 'invoices', 'payments'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

const CUSTOMER_COLUMNS = ['external_id', 'name', 'email', 'phone', 'whatsapp', 'country', 'region', 'timezone',
  'language', 'preferred_channel'] as const;

/** The canonical columns of each kind: required first, then optional. */
export const CANONICAL: Record<ImportKind, { required: string[]; optional: string[] }> = {
  customers: { required: ['external_id', 'name'], optional: CUSTOMER_COLUMNS.slice(2) },
  invoices: {
    required: ['customer_external_id', 'number', 'currency', 'amount', 'issue_date', 'due_date'],
    optional: ['external_id', 'disputed', ...CUSTOMER_COLUMNS.slice(1).map((c) => `customer_${c}`)],
  },
  payments: {
    required: ['customer_external_id', 'amount', 'currency', 'date'],
    optional: ['reference', 'invoice_number', 'method', 'external_id'],
  },
};

export const MAPPING_ENCODINGS = ['utf8', 'latin1', 'windows-1252', 'cp852', 'utf16le'] as const;

/** For each canonical column, the index of its source column in the header, or -1 when it comes from defaults. */
export function resolveHeader(
  kind: ImportKind, header: string[], mapping: Pick<Mapping, 'columns' | 'defaults' | 'metadata_columns'>,
): { ok: true; index: Record<string, number>; metadata: Record<string, number> } | { ok: false; missing: string[] } {
  const clean = header.map((h) => h.trim());
  const index: Record<string, number> = {};
  const missing: string[] = [];
  const { required, optional } = CANONICAL[kind];
  for (const col of [...required, ...optional]) {
    const source = mapping.columns[col] ?? col;
    const i = clean.indexOf(source);
    if (i >= 0) index[col] = i;
    else if (col in mapping.defaults) index[col] = -1;
    else if (required.includes(col)) missing.push(mapping.columns[col] ? `${col} (mapped to "${source}")` : col);
  }
  const metadata: Record<string, number> = {};
  for (const m of mapping.metadata_columns) {
    const i = clean.indexOf(m);
    if (i < 0) missing.push(`${m} (metadata column)`);
    else metadata[m] = i;
  }
  return missing.length ? { ok: false, missing } : { ok: true, index, metadata };
}
