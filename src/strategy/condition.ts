// Conditions over a customer's facts (balance, days past due, history, channel, country, tags, risk)
// shared by segment rules and step conditions, and the pure check that explains why one holds.
import { z } from 'zod';
import { formatMinor, type Money } from '../domain/index.ts';
import {
  ChannelSchema, CountrySchema, MoneySchema, RiskBandSchema, type Channel, type RiskBand,
} from './vocabulary.ts';

const RangeSchema = z.object({ min: z.number().optional(), max: z.number().optional() })
  .refine((r) => r.min !== undefined || r.max !== undefined, 'a range needs min or max')
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min must not exceed max');
export type Range = z.infer<typeof RangeSchema>;

/** Every criterion present must hold; an empty condition holds for everyone. */
export const ConditionSchema = z.strictObject({
  daysPastDue: RangeSchema.optional(),
  /** Strictly above, compared with the balance in this amount's currency. */
  balanceAbove: MoneySchema.optional(),
  /** Strictly below, compared with the balance in this amount's currency. */
  balanceBelow: MoneySchema.optional(),
  invoiceCount: RangeSchema.optional(),
  averageDaysLate: RangeSchema.optional(),
  brokenPromises: RangeSchema.optional(),
  preferredChannel: z.array(ChannelSchema).min(1).optional(),
  country: z.array(CountrySchema).min(1).optional(),
  tagsAny: z.array(z.string().min(1)).min(1).optional(),
  tagsAll: z.array(z.string().min(1)).min(1).optional(),
  riskBand: z.array(RiskBandSchema).min(1).optional(),
});
export type Condition = z.infer<typeof ConditionSchema>;

/** What is known about a customer when choosing a strategy or checking a step's condition. */
export interface CustomerFacts {
  /** Days since the due date of the oldest open invoice; negative before it is due. */
  daysPastDue: number;
  /** Open balance per currency (no conversion between currencies). */
  balances: Money[];
  invoiceCount: number;
  /** Average days late over paid history; null when there is no history. */
  averageDaysLate: number | null;
  brokenPromises: number;
  preferredChannel: Channel | null;
  country: string;
  tags: string[];
  riskBand: RiskBand | null;
}

export interface ConditionCheck {
  holds: boolean;
  /** One sentence per criterion: why it held, or for the first that failed, why not. */
  reasons: string[];
}

type Criterion = { holds: boolean; reason: string };

function inRange(label: string, value: number | null, range: Range | undefined): Criterion | null {
  if (!range) return null;
  const bounds = `${range.min ?? '-inf'}..${range.max ?? '+inf'}`;
  if (value === null) return { holds: false, reason: `${label} is unknown, wanted ${bounds}` };
  const holds = (range.min === undefined || value >= range.min) && (range.max === undefined || value <= range.max);
  return { holds, reason: `${label} ${value} is ${holds ? '' : 'not '}within ${bounds}` };
}

function balanceIn(facts: CustomerFacts, currency: string): number {
  return facts.balances.filter((b) => b.currency === currency).reduce((sum, b) => sum + b.amount, 0);
}

function compareBalance(facts: CustomerFacts, limit: Money | undefined, side: 'above' | 'below'): Criterion | null {
  if (!limit) return null;
  const have = balanceIn(facts, limit.currency);
  const holds = side === 'above' ? have > limit.amount : have < limit.amount;
  const show = (n: number) => `${formatMinor(n, limit.currency)} ${limit.currency}`;
  return { holds, reason: `balance ${show(have)} is ${holds ? '' : 'not '}${side} ${show(limit.amount)}` };
}

function oneOf<T extends string>(label: string, value: T | null, allowed: readonly T[] | undefined): Criterion | null {
  if (!allowed) return null;
  const holds = value !== null && allowed.includes(value);
  return { holds, reason: `${label} ${value ?? 'unknown'} is ${holds ? '' : 'not '}one of ${allowed.join(', ')}` };
}

function tags(facts: CustomerFacts, wanted: string[] | undefined, mode: 'any' | 'all'): Criterion | null {
  if (!wanted) return null;
  const holds = mode === 'any' ? wanted.some((t) => facts.tags.includes(t)) : wanted.every((t) => facts.tags.includes(t));
  return { holds, reason: `tags [${facts.tags.join(', ')}] ${holds ? 'include' : 'do not include'} ${mode} of ${wanted.join(', ')}` };
}

/** Checks a condition against a customer's facts, saying why it holds or which criterion failed. */
export function checkCondition(condition: Condition | undefined, facts: CustomerFacts): ConditionCheck {
  if (!condition) return { holds: true, reasons: [] };
  const criteria = [
    inRange('days past due', facts.daysPastDue, condition.daysPastDue),
    compareBalance(facts, condition.balanceAbove, 'above'),
    compareBalance(facts, condition.balanceBelow, 'below'),
    inRange('invoice count', facts.invoiceCount, condition.invoiceCount),
    inRange('average days late', facts.averageDaysLate, condition.averageDaysLate),
    inRange('broken promises', facts.brokenPromises, condition.brokenPromises),
    oneOf('preferred channel', facts.preferredChannel, condition.preferredChannel),
    oneOf('country', facts.country, condition.country),
    tags(facts, condition.tagsAny, 'any'),
    tags(facts, condition.tagsAll, 'all'),
    oneOf('risk band', facts.riskBand, condition.riskBand),
  ].filter((c): c is Criterion => c !== null);
  const failed = criteria.find((c) => !c.holds);
  if (failed) return { holds: false, reasons: [failed.reason] };
  return { holds: true, reasons: criteria.map((c) => c.reason) };
}
