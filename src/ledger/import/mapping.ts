// Import mappings: which source column feeds each canonical column, and how dates and decimals are written.
import { z } from 'zod';

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

export const mappingSchema = z.object({
  /** canonical column -> column name in the file */
  columns: z.record(z.string(), z.string()).default({}),
  /** values used when the file has no such column (for example every row is in USD) */
  defaults: z.record(z.string(), z.string()).default({}),
  date_format: z.string().regex(/^[YMD./\- ]+$/, 'use tokens YYYY, YY, MM, M, DD, D and separators').default('YYYY-MM-DD'),
  decimal: z.enum(['.', ',']).default('.'),
  delimiter: z.string().min(1).max(1).default(','),
  encoding: z.enum(['utf8', 'latin1', 'windows-1252', 'cp852', 'utf16le']).default('utf8'),
  /** source columns copied into the invoice's metadata */
  metadata_columns: z.array(z.string()).default([]),
}).strict();

export type Mapping = z.infer<typeof mappingSchema>;

export const DEFAULT_MAPPING: Mapping = mappingSchema.parse({});

export function parseMapping(json: unknown): { ok: true; mapping: Mapping } | { ok: false; message: string } {
  const r = mappingSchema.safeParse(json);
  if (r.success) return { ok: true, mapping: r.data };
  const issue = r.error.issues[0];
  return { ok: false, message: `mapping ${issue?.path.join('.') || ''}: ${issue?.message}` };
}

/** For each canonical column, the index of its source column in the header, or -1 when it comes from defaults. */
export function resolveHeader(
  kind: ImportKind, header: string[], mapping: Mapping,
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
