// Retention periods per kind of data (EU-1), with the legal minimums of US-10 and Chile (SEC-1) that no setting can shorten.
import { z } from 'zod';

export const retentionSchema = z.object({
  /** Messages, contact events, gate decisions and replies, counted from the customer's last collection activity. */
  contact_evidence_days: z.number().int().min(30).max(36_500),
  /** A customer with no live debt is erased this long after the last collection activity (EU-3). */
  closed_customer_days: z.number().int().min(30).max(36_500),
  /** The raw bodies of processed provider events (their ids stay, so a late duplicate is still recognised). */
  raw_event_days: z.number().int().min(7).max(36_500),
});
export type Retention = z.infer<typeof retentionSchema>;

/** Three years after the last collection activity (US-10, §1006.100); raw provider events 90 days. */
export const DEFAULT_RETENTION: Retention = { contact_evidence_days: 1095, closed_customer_days: 1095, raw_event_days: 90 };

/** Evidence the law makes a collector keep, per debtor country: US-10 three years, Chile two (CL-1 records). */
export const EVIDENCE_FLOOR_DAYS: Readonly<Record<string, number>> = { US: 1095, CL: 730 };

export function evidenceDays(r: Retention, country: string | null): number {
  return Math.max(r.contact_evidence_days, EVIDENCE_FLOOR_DAYS[country?.toUpperCase() ?? ''] ?? 0);
}

/** A customer is never erased before the evidence about them may go, since erasing removes it too. */
export function customerDays(r: Retention, country: string | null): number {
  return Math.max(r.closed_customer_days, evidenceDays(r, country));
}

export interface CustomerFacts {
  id: string;
  country: string | null;
  /** The latest of contacts, messages, payments and invoice changes. */
  lastActivity: Date;
  /** An open balance on an invoice that is not cancelled. */
  live: boolean;
  erased: boolean;
  /** An erasure was asked while the debt was live (EU-3): carried out once it is not. */
  restricted: boolean;
}

export type PurgeAction = 'none' | 'erase' | 'purge_evidence';

const DAY_MS = 86_400_000;

/**
 * What retention does to one customer now: nothing while a debt is live; erasure when a restricted request can be carried
 * out or the customer is past its retention; the evidence alone when only that is past its own.
 */
export function purgeAction(c: CustomerFacts, r: Retention, now: Date): PurgeAction {
  if (c.erased || c.live) return 'none';
  if (c.restricted) return 'erase';
  const idle = now.getTime() - c.lastActivity.getTime();
  if (idle >= customerDays(r, c.country) * DAY_MS) return 'erase';
  if (idle >= evidenceDays(r, c.country) * DAY_MS) return 'purge_evidence';
  return 'none';
}
