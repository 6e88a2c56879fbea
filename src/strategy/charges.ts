// Late fees and interest computed exactly in minor units, including the EU B2B late-payment rule.
import { fail, ok, type Money, type Result } from '../domain/index.ts';
import type { z } from 'zod';
import type { ChargeActionSchema } from './step.ts';

export type ChargeAction = z.infer<typeof ChargeActionSchema>;

export interface ChargeBasis {
  /** The overdue balance of one invoice. */
  balance: Money;
  daysLate: number;
  /** The applicable reference rate in basis points (e.g. the ECB main refinancing rate); for eu_b2b. */
  referenceRateBasisPoints?: number;
}

const DAYS_PER_YEAR = 365n;

/** amount * numerator / denominator rounded half away from zero, exact for any safe integer amount. */
function scale(amount: number, numerator: bigint, denominator: bigint): number {
  const n = BigInt(amount) * numerator;
  const q = n / denominator;
  const r = n % denominator;
  const roundAway = (r < 0n ? -r : r) * 2n >= denominator;
  return Number(roundAway ? q + (n < 0n ? -1n : 1n) : q);
}

/** Yearly rate in basis points for `days` days on the balance. */
function interest(balance: Money, yearlyBasisPoints: number, days: number): number {
  if (days <= 0 || yearlyBasisPoints <= 0) return 0;
  return scale(balance.amount, BigInt(yearlyBasisPoints) * BigInt(days), 10_000n * DAYS_PER_YEAR);
}

/**
 * The amount a charge action adds to one invoice. A percentage is a one-off share of the balance for a
 * late fee and a yearly rate accrued per day for interest; eu_b2b is the fixed compensation plus yearly
 * interest at reference rate + margin.
 */
export function computeCharge(action: ChargeAction, basis: ChargeBasis): Result<Money> {
  const { balance, daysLate } = basis;
  const rule = action.rule;
  const money = (amount: number): Money => ({ amount, currency: balance.currency });
  const sameCurrency = (m: Money) => m.currency === balance.currency;
  switch (rule.kind) {
    case 'fixed':
      if (!sameCurrency(rule.amount)) return fail('CURRENCY_MISMATCH', `fee in ${rule.amount.currency} on a ${balance.currency} balance`);
      return ok(money(rule.amount.amount));
    case 'percentage':
      return ok(money(action.charge === 'late_fee'
        ? scale(balance.amount, BigInt(rule.basisPoints), 10_000n)
        : interest(balance, rule.basisPoints, daysLate)));
    case 'eu_b2b': {
      if (!sameCurrency(rule.fixedFee)) return fail('CURRENCY_MISMATCH', `fee in ${rule.fixedFee.currency} on a ${balance.currency} balance`);
      if (basis.referenceRateBasisPoints === undefined) return fail('VALIDATION_FAILED', 'eu_b2b needs the reference rate', 'referenceRateBasisPoints');
      const yearly = basis.referenceRateBasisPoints + rule.marginBasisPoints;
      return ok(money(rule.fixedFee.amount + interest(balance, yearly, daysLate)));
    }
  }
}
