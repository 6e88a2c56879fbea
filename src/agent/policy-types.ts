// The words of deciding: what the policy is given about one reply and its conversation, and what it decides (what to do
// through the payments and compliance functions, what to answer, what the next reply is expected to say).
import type { CalendarDate } from '../domain/index.ts';
import type { PurposeTag } from '../compliance/index.ts';
import type { DisputeReason, Frequency, NegotiationLimits } from '../payments/index.ts';
import type { ReplyKey } from './replies/types.ts';
import type { Intent, Understanding } from './types.ts';
import type { FileVerdict } from './reply-files.ts';

/** What the agent asked and waits for; the next reply is read against it first. */
export type Awaiting =
  | { kind: 'promise'; date?: CalendarDate; amount?: number }
  | { kind: 'plan_count'; frequency: Frequency }
  | { kind: 'plan_confirm'; instalments: number; frequency: Frequency }
  | { kind: 'extension_confirm'; days: number }
  | { kind: 'proof' };

/** An earlier turn of the customer's conversation, oldest first. */
export interface PastTurn {
  at: string;
  channel: string;
  intent: Intent | null;
  confidence: number | null;
  action: string | null;
  awaiting: Awaiting | null;
  /** The agent queued an answer. */
  replied: boolean;
}

/** What the customer owes on open, undisputed invoices in the currency most is owed in. */
export interface OwedNow { currency: string; balance: number; invoices: number; oldestDue: CalendarDate }

export interface TurnInput {
  understanding: Understanding;
  today: CalendarDate;
  owed: OwedNow | null;
  limits: NegotiationLimits;
  /** Below it the agent hands over at once. */
  threshold: number;
  history: readonly PastTurn[];
  activePlan: boolean;
  /** Extensions granted in the last 365 days. */
  extensionsUsed: number;
  /** A handover of this customer is still open: a person has the conversation. */
  handoverOpen: boolean;
  /** Invoices with a balance are still open under dispute (what is owed leaves them out). */
  disputedOpen?: boolean;
  /** Said on a call and recognised with too little confidence to act on. */
  misheard?: { confidence: number; threshold: number } | null;
  /** Where an instalment falling on a closed day moves (the customer's business days), as the plan the payments commands make. */
  dueOn?: (date: CalendarDate) => CalendarDate;
  /** The files the reply carries (a receipt's photo, a PDF), and whether the customer has a claimed payment open. */
  files?: { verdict: FileVerdict; claimOpen: boolean } | null;
  /** The customer has an open case: something is overdue. */
  caseOpen?: boolean;
}

export const HANDOVER_REASONS = [
  'talk_to_human', 'hardship', 'vulnerability', 'legal_threat', 'abuse', 'low_confidence', 'misunderstood', 'opt_out_unsure',
  'active_plan', 'no_option', 'action_failed',
] as const;
export type HandoverReason = (typeof HANDOVER_REASONS)[number];

export type Effect =
  | { kind: 'promise'; amount: number; currency: string; dueDate: CalendarDate }
  | { kind: 'plan'; instalments: number; frequency: Frequency }
  | { kind: 'extension'; days: number }
  | { kind: 'dispute'; reason: DisputeReason }
  /** `byFile`: a file sent with no words the agent acts on, taken as the proof of a payment. */
  | { kind: 'payment_claim'; amount: number | null; currency: string | null; date: CalendarDate | null; byFile?: boolean }
  | { kind: 'proof' }
  /** `applied`: the compliance reading already suppressed the address and flagged it when the reply arrived (not in the portal chat). */
  | { kind: 'wrong_person'; applied?: boolean }
  | { kind: 'opt_out' }
  | { kind: 'handover'; reason: HandoverReason };

/** A plan's terms as a reply states them (amounts in minor units of the owed currency). */
export interface PlanTerms { count: number; frequency: Frequency; instalment: number; down: number; first: CalendarDate; last: CalendarDate }

export interface ReplyParams {
  total?: number; amount?: number; min?: number; date?: CalendarDate; latest?: CalendarDate; oldest?: CalendarDate;
  count?: number; asked?: number; days?: number; reference?: string; plan?: PlanTerms; options?: PlanTerms[];
}

export interface ReplyPlan {
  key: ReplyKey;
  params: ReplyParams;
  /** reply: an answer in the conversation; confirmation: it confirms what was recorded (a dispute's may go while disputed). */
  kind: 'reply' | 'confirmation';
  tags: PurposeTag[];
  /** The message lists the open invoices, so it carries their payment link (a checkout where a gateway is connected). */
  withInvoices: boolean;
}

export interface Decision {
  /** What was done, in one word (promise_recorded, plan_offered, handed_over ...). */
  action: string;
  /** One sentence for the timeline. */
  detail: string;
  effects: Effect[];
  reply: ReplyPlan | null;
  awaiting: Awaiting | null;
  /** What the reply was taken as when its file, not its words, decided (recorded in place of the words' reading). */
  read?: { intent: Intent; confidence: number; by: 'file' };
}
