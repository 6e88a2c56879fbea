// What the gate answers: allow, defer to an instant, or block, each with stable reason codes and a sentence.

export type ReasonCode =
  | 'TIME_ZONE_UNKNOWN' | 'JURISDICTION_UNKNOWN' | 'CONSENT_MISSING' | 'OPTED_OUT' | 'CEASE_REQUESTED'
  | 'EMPLOYER_EMAIL' | 'TIME_BARRED_LEGAL_THREAT' | 'DISPUTE_UNVERIFIED' | 'DEBT_SETTLED'
  | 'PAYMENT_PENDING' | 'PROMISE_ACTIVE' | 'THIRD_PARTY' | 'ADDRESS_NOT_GIVEN_BY_DEBTOR'
  | 'PAYEE_NOT_CREDITOR' | 'OUTSIDE_HOURS' | 'CLOSED_DAY' | 'HOLIDAY' | 'INCONVENIENT_TIME'
  | 'CALL_CAP' | 'CONVERSATION_COOLDOWN' | 'DAILY_CAP' | 'WEEKLY_CAP' | 'MONTHLY_CAP'
  | 'ONE_CHANNEL_PER_WEEK' | 'MIN_SPACING' | 'WA_TEMPLATE_REQUIRED' | 'LAWFUL_BASIS_MISSING'
  | 'AI_DISCLOSURE_MISSING' | 'AUTOMATED_DECISION' | 'NO_ALLOWED_TIME' | 'PROCESSING_RESTRICTED';

export interface Reason {
  code: ReasonCode;
  /** The COMPLIANCE.md rule behind it ('US-1', 'CO-1', 'R-4' ...). */
  rule: string;
  /** A sentence for people: agents, audit log, API error message. */
  message: string;
}

export type Allow = { kind: 'allow' };
export type Defer = { kind: 'defer'; until: Date; reason: Reason };
export type Block = { kind: 'block'; reason: Reason };

/** One rule's answer at one instant. */
export type Verdict = Allow | Defer | Block;

/** The gate's answer, with the packs that were applied (for the audit log). */
export type ContactDecision =
  | { kind: 'allow'; packs: readonly string[] }
  | { kind: 'defer'; until: Date; reason: Reason; reasons: readonly Reason[]; packs: readonly string[] }
  | { kind: 'block'; reason: Reason; packs: readonly string[] };

export const ALLOW: Allow = { kind: 'allow' };

export function deferUntil(until: Date, code: ReasonCode, rule: string, message: string): Defer {
  return { kind: 'defer', until, reason: { code, rule, message } };
}

export function blockWith(code: ReasonCode, rule: string, message: string): Block {
  return { kind: 'block', reason: { code, rule, message } };
}
