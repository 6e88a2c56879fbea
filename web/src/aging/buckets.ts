// The aging buckets as the API names them, with the days-past-due range of each (for links to the invoices behind).
import type { AgingLine } from '../app/types.ts';

export const BUCKETS = [
  { key: 'current', dpdMin: undefined, dpdMax: 0 },
  { key: 'd1_30', dpdMin: 1, dpdMax: 30 },
  { key: 'd31_60', dpdMin: 31, dpdMax: 60 },
  { key: 'd61_90', dpdMin: 61, dpdMax: 90 },
  { key: 'd91_120', dpdMin: 91, dpdMax: 120 },
  { key: 'over_120', dpdMin: 121, dpdMax: undefined },
] as const satisfies readonly { key: keyof AgingLine; dpdMin: number | undefined; dpdMax: number | undefined }[];

export type BucketKey = (typeof BUCKETS)[number]['key'];
export const UNPAID = 'open,partially_paid,disputed';

export function overdue(line: AgingLine): number {
  return line.total - line.current;
}

/** The invoices list filtered to what a figure counts. */
export function invoicesLink(currency: string, range: { dpdMin?: number | undefined; dpdMax?: number | undefined }): string {
  const q = new URLSearchParams({ currency, status: UNPAID });
  if (range.dpdMin !== undefined) q.set('dpd_min', String(range.dpdMin));
  if (range.dpdMax !== undefined) q.set('dpd_max', String(range.dpdMax));
  return `/invoices?${q.toString()}`;
}
