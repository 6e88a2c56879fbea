// What the planner is given about one case: the customer, its open invoices, and where the case stands
// (step, cycle, pause, promise, plan, dispute, escalation, messages, actions already in the outbox).
import type { CalendarDate, Money } from '../domain/index.ts';
import type { Channel, RiskBand } from '../strategy/index.ts';

export interface CaseInvoice {
  id: string;
  number: string;
  /** Open balance in minor units; zero once paid. */
  balance: Money;
  dueDate: CalendarDate;
  /** A disputed invoice is left out of messages and of the due-date anchor. */
  disputed?: boolean;
}

export interface CaseCustomer {
  id: string;
  /** IANA time zone; due dates and days are counted in it. */
  timeZone: string;
  /** ISO 3166-1 alpha-2; picks the business calendar. */
  country: string;
  /** The customer's region, which adds its own holidays to the calendar where cobro keeps them. */
  region?: string;
  /** Channels the customer has a contact address on. */
  channels: Channel[];
  /** Channels the customer has said stop on. */
  optedOut: Channel[];
  tags: string[];
  preferredChannel: Channel | null;
  riskBand: RiskBand | null;
  averageDaysLate: number | null;
  brokenPromises: number;
}

export interface CasePromise {
  id: string;
  amount: Money;
  dueDate: CalendarDate;
  status: 'pending' | 'kept' | 'broken';
}

export interface CaseInstalment {
  dueDate: CalendarDate;
  amount: Money;
  paid: boolean;
}

export interface CasePlanOfInstalments {
  id: string;
  instalments: CaseInstalment[];
}

export interface CaseClaim {
  id: string;
  /** The debtor's local date from which reminders may resume. */
  holdUntil: CalendarDate;
  invoiceIds: string[];
  /** A voucher's or debit's method (oxxo, sepa_debit, echeck; paypal_...: a payment PayPal holds pending for another reason). */
  method?: string;
}

export interface CaseMessages {
  /** The last message sent to the customer, for the no_reply trigger. */
  lastOutbound: { id: string; at: Date } | null;
  lastInboundAt: Date | null;
  /** Messages that bounced or failed, for the message_failed trigger. */
  failed: { id: string; channel: Channel; at: Date }[];
}

/** An action of this case already in the outbox for the current cycle. */
export interface ExistingAction {
  idempotencyKey: string;
  stepId: string;
  /** The event occurrence it answered (a promise id, a message id), null for day steps. */
  occurrence: string | null;
  status: 'pending' | 'done' | 'cancelled' | 'skipped';
  scheduledFor: CalendarDate;
  /** Cancelled by a hold: which one, how it ended (or `open`) and the debtor's date it ends by when still open (null: until judged). */
  heldBy?: HeldBy;
}

export interface HeldBy {
  id: string;
  end: 'open' | 'paid' | 'unpaid';
  until: CalendarDate | null;
}

export interface CaseState {
  caseId: string;
  customer: CaseCustomer;
  /** The customer's overdue and soon-due invoices; one message lists them all. */
  invoices: CaseInvoice[];
  /** The last step planned in this cycle, for display; the planner decides from `actions`. */
  currentStepId: string | null;
  /** Starts at 1; the case state machine bumps it when the case reopens or its oldest invoice changes. */
  cycle: number;
  pausedUntil: Date | null;
  promise: CasePromise | null;
  plan: CasePlanOfInstalments | null;
  dispute: { id: string } | null;
  /** A payment the debtor says they made, being verified: no reminder before `holdUntil` for the invoices it covers. */
  claim?: CaseClaim | null;
  escalated: boolean;
  messages: CaseMessages;
  actions: ExistingAction[];
}
