// Import mappings: which source column feeds each canonical column, and how dates and decimals are written.
import { z } from 'zod';
import { MAPPING_ENCODINGS } from './columns.ts';

export { IMPORT_KINDS, CANONICAL, MAPPING_ENCODINGS, resolveHeader, type ImportKind } from './columns.ts';

export const mappingSchema = z.object({
  /** canonical column -> column name in the file */
  columns: z.record(z.string(), z.string()).default({}),
  /** values used when the file has no such column (for example every row is in USD) */
  defaults: z.record(z.string(), z.string()).default({}),
  date_format: z.string().regex(/^[YMD./\- ]+$/, 'use tokens YYYY, YY, MM, M, DD, D and separators').default('YYYY-MM-DD'),
  decimal: z.enum(['.', ',']).default('.'),
  delimiter: z.string().min(1).max(1).default(','),
  encoding: z.enum(MAPPING_ENCODINGS).default('utf8'),
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
