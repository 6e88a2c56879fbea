// What scoring reads from the ledger (facts, with day numbers) and what it writes (scores with their reasons).

/** One invoice as scoring sees it; days are day numbers (days since 1970-01-01). */
export interface InvoiceFact {
  id: string;
  number: string;
  customer: number; // index into the customers array
  currency: string;
  amount: number; // minor units
  issue: number;
  due: number;
  /** Day the balance reached zero (payments, credits or a write-off), null while something is owed. */
  settled: number | null;
  writtenOff: boolean;
  /** Money that came in (payments, credit notes) as [day, minor units] pairs, for the balance on any day. */
  paid?: [number, number][];
  /** Day a dispute on the invoice became known; UNDATED for a flag that carries no date (an imported state). */
  disputedOn: number | null;
  /** Billed electronically (true), on paper (false), or not known. */
  paperless: boolean | null;
  /** Still to score: open, not cancelled. */
  open: boolean;
  balance: number;
}

/** A dispute flag with no date of its own (an imported state, such as the IBM file's "Disputed"). */
export const UNDATED = -1_000_000_000;

export interface CustomerFact {
  id: string;
  externalId: string;
  country: string | null;
  /** The customer's invoices, sorted by issue day. */
  invoices: InvoiceFact[];
  /** Promises to pay, each with the day it was judged (due + grace + 1) and whether it was broken. */
  promises: { judged: number; broken: boolean }[];
  /** Outbound messages sent (days) and replies received (days), for responsiveness. */
  sent: number[];
  replies: number[];
}

export interface Portfolio {
  customers: CustomerFact[];
}

/** How an undated dispute flag is treated: known from the invoice's issue on, or not used for the invoice itself. */
export type UndatedDisputes = 'known' | 'unknown';

export const FEATURES = [
  'amount_log', 'amount_vs_usual', 'terms_days', 'days_past_due', 'disputed', 'paperless', 'season_late_share',
  'history_count', 'late_share', 'avg_days_late', 'avg_days_vs_due', 'recent_late_share', 'trend_days', 'last_days_vs_due',
  'past_dispute_share', 'open_count', 'open_balance_log', 'overdue_count', 'max_days_overdue', 'broken_promises',
  'kept_promises', 'responsiveness', 'tenure_days', 'country_late_share',
] as const;
export type FeatureName = (typeof FEATURES)[number];
export const FEATURE_COUNT = FEATURES.length;
export const F = Object.fromEntries(FEATURES.map((f, i) => [f, i])) as Record<FeatureName, number>;

/** The counts behind the features, kept for the reasons' sentences. */
export interface FeatureContext {
  historyCount: number;
  lateCount: number;
  month: number;
  country: string | null;
  sentCount: number;
  replyCount: number;
}

/** The label of an invoice as known on a day: late or not, days late (a lower bound while still open), recovered. */
export interface Outcome {
  late: boolean;
  daysLate: number;
  /** Still open and overdue: daysLate is only what has passed so far. */
  censored: boolean;
  recovered: boolean;
}

export interface Reason {
  feature: FeatureName;
  /** Positive raises the risk of paying late, negative lowers it. */
  effect: number;
  text: string;
}

export interface Score {
  invoiceId: string;
  customerId: string;
  currency: string;
  balance: number;
  probabilityLate: number;
  expectedDaysLate: number;
  /** Minor units of the balance expected to come in. */
  expectedRecovery: number;
  reasons: Reason[];
}
