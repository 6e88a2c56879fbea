// The pure matcher's inputs and outputs: a statement line, open invoices, known payers and the proposal it makes.
import type { CalendarDate } from '../../domain/dates.ts';

/** What the matcher reads of a credit line on a bank statement. */
export interface MatchLine {
  amount: number;
  currency: string;
  date: CalendarDate | null;
  counterpartyName: string | null;
  counterpartyAccount: string | null;
  remittanceText: string | null;
  structuredReference: string | null;
  endToEndId: string | null;
  /**
   * The payer as the matcher looks it up, worked out once when the line is read (`toMatchLine`, lines.ts): its account
   * and name normalised, and the words its name is found by. Absent on a line made otherwise (match/line-keys.ts works
   * them out when asked).
   */
  accountKey?: string | null;
  nameKey?: string | null;
  nameWords?: readonly string[];
}

export interface OpenInvoice {
  id: string;
  number: string;
  customerId: string;
  currency: string;
  /** What is still owed, minor units; always positive for an open invoice. */
  balance: number;
  dueDate: CalendarDate;
}

export interface KnownCustomer {
  id: string;
  /** As written ('' in a batch's index for a customer no line can be paid by: only its `nameKey` was read). */
  name: string;
  /** The name as the matcher compares it (`normaliseName`, '' for none), when already known: stored with the name index. */
  nameKey?: string;
}

/** A payer account or name seen on earlier accepted matches of a customer. */
export interface PayerAlias {
  kind: 'account' | 'name';
  value: string;
  customerId: string;
  matches: number;
}

export interface MatchSettings {
  /** Proposals at or above this confidence are applied without review. */
  autoApplyThreshold: number;
  /** A shortfall is a bank fee when at most this share of what was owed (basis points)... */
  feeToleranceBps: number;
  /** ...and at most this amount in minor units. */
  feeToleranceMax: number;
}

export const DEFAULT_SETTINGS: MatchSettings = { autoApplyThreshold: 0.9, feeToleranceBps: 200, feeToleranceMax: 2500 };

export interface ProposedAllocation {
  invoiceId: string;
  /** Paid from the line, minor units. */
  amount: number;
  /** Deducted by the bank on the way and written off the invoice as a bank fee. */
  fee: number;
}

export interface Proposal {
  customerId: string;
  currency: string;
  allocations: ProposedAllocation[];
  /** Sum of the fees in allocations. */
  fee: number;
  /** What is left of the line after the allocations: customer credit. */
  credit: number;
  /** 0..1, two decimals. */
  confidence: number;
  /** Plain-language reasons, most important first. */
  reasons: string[];
}
