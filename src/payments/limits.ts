// Negotiation limits: what a promise, a plan, an extension or a discount may be, per org, with the defaults a demanding
// collections manager would choose. Percentages are basis points (1% = 100), money integer minor units per currency.
import { z } from 'zod';
import { isCurrency } from '../domain/index.ts';

export const FREQUENCIES = ['weekly', 'biweekly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

const days = (max: number) => z.number().int().min(0).max(max);
const bp = z.number().int().min(0).max(10_000);

export const LimitsSchema = z.object({
  /** A promise's date is at most this many days after today (the debtor's today). */
  promiseMaxDays: days(365).min(1),
  /** A promise covers at least this share of the balance in its currency (or the whole balance when less is owed). */
  promiseMinShareBp: bp,
  /** Days after a promise's date before it is judged: it is evaluated on the day after date + grace. */
  promiseGraceDays: days(30),
  /** Instalments after the down payment. */
  planMaxInstalments: z.number().int().min(1).max(120),
  /** The down payment is at least this share of the plan's balance (0: none is required). */
  planMinDownPaymentBp: bp,
  /** Every instalment is at least this share of the balance... */
  planMinInstalmentBp: bp,
  /** ...and at least this amount in minor units of its currency, where the currency is listed. */
  planMinInstalmentAmounts: z.record(z.string().refine(isCurrency, 'an ISO 4217 currency cobro knows'), z.number().int().min(0)),
  /** From the plan's start to its last instalment. */
  planMaxDays: days(3650).min(1),
  /** The first instalment after the down payment falls due within this many days. */
  planFirstDueMaxDays: days(365).min(1),
  /** Simple annual interest on what is still owed, in basis points; 0 is no interest. */
  interestAnnualBp: bp,
  frequencies: z.array(z.enum(FREQUENCIES)).min(1).refine((f) => new Set(f).size === f.length, 'frequencies repeat'),
  /** Days after an instalment's date before it counts as missed (and the plan broken). */
  instalmentGraceDays: days(30),
  /** An extension moves the date by at most this many days. */
  extensionMaxDays: days(365).min(1),
  /** Extensions a customer may have in any 365 days. */
  extensionMaxCount: z.number().int().min(0).max(50),
  /** The largest prompt-payment discount, and how far ahead its pay-by date may be. */
  discountMaxBp: bp,
  discountMaxDays: days(365).min(1),
}).strict();

export type NegotiationLimits = z.infer<typeof LimitsSchema>;

export const DEFAULT_LIMITS: NegotiationLimits = {
  promiseMaxDays: 14,
  promiseMinShareBp: 2_500,
  promiseGraceDays: 1,
  planMaxInstalments: 6,
  planMinDownPaymentBp: 1_000,
  planMinInstalmentBp: 500,
  planMinInstalmentAmounts: {
    USD: 2_500, EUR: 2_500, GBP: 2_000, CAD: 2_500, MXN: 50_000, BRL: 10_000, COP: 10_000_000, CLP: 20_000, PEN: 10_000,
    ARS: 2_000_000, UYU: 100_000, KWD: 10_000,
  },
  planMaxDays: 186,
  planFirstDueMaxDays: 31,
  interestAnnualBp: 0,
  frequencies: ['weekly', 'biweekly', 'monthly'],
  instalmentGraceDays: 3,
  extensionMaxDays: 14,
  extensionMaxCount: 1,
  discountMaxBp: 300,
  discountMaxDays: 10,
};

/** Stored settings over the defaults; a stored value that no longer validates falls back to its default. */
export function mergeLimits(stored: unknown): NegotiationLimits {
  const out: Record<string, unknown> = { ...DEFAULT_LIMITS };
  if (stored && typeof stored === 'object') {
    for (const [key, value] of Object.entries(stored)) {
      if (!(key in DEFAULT_LIMITS)) continue;
      const field = LimitsSchema.shape[key as keyof NegotiationLimits];
      if (field.safeParse(value).success) out[key] = value;
    }
  }
  return out as NegotiationLimits;
}

/** `amount` x `basisPoints` / 10,000 in exact integer arithmetic, rounded up or down. */
export function shareOf(amount: number, basisPoints: number, round: 'up' | 'down'): number {
  const n = BigInt(amount) * BigInt(basisPoints);
  const q = n / 10_000n;
  return Number(round === 'up' && q * 10_000n < n ? q + 1n : q);
}

/** The smallest instalment a plan of `balance` may have in `currency`. */
export function minInstalment(limits: NegotiationLimits, balance: number, currency: string): number {
  return Math.max(limits.planMinInstalmentAmounts[currency] ?? 0, shareOf(balance, limits.planMinInstalmentBp, 'up'));
}

/** The smallest down payment a plan of `balance` may have. */
export function minDownPayment(limits: NegotiationLimits, balance: number): number {
  return shareOf(balance, limits.planMinDownPaymentBp, 'up');
}
