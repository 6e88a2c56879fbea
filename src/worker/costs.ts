// What a message costs at the provider: a rate per channel and destination country, in micro-units of one currency
// (providers price messages in fractions of a cent, below money's minor unit), SMS per segment, calls per attempt. Pure.
import { z } from 'zod';
import { exponentOf, isCurrency } from '../domain/index.ts';
import type { RenderedMessage } from '../messaging/index.ts';
import type { MessageChannel } from './adapters.ts';

/** Micro-units: millionths of the currency's major unit (USD 0.0079 is 7,900). */
export type Micros = number;

export interface CostRates {
  currency: string;
  /** Per channel: rates by ISO country of the debtor, '*' for every other country. */
  rates: Record<MessageChannel, Record<string, Micros>>;
}

/** Rough list prices to start from (USD): set your own per channel and country with PUT /v1/message-costs/rates. */
export const DEFAULT_COST_RATES: CostRates = {
  currency: 'USD',
  rates: {
    email: { '*': 100 },
    sms: { '*': 50_000, US: 8_300, CA: 8_300, MX: 45_000, BR: 40_000, CO: 30_000, CL: 45_000, PE: 45_000, AR: 45_000, ES: 75_000, IE: 70_000 },
    whatsapp: { '*': 20_000, US: 4_000, MX: 8_000, BR: 8_000, CO: 2_000, CL: 20_000, PE: 20_000, AR: 26_000, ES: 20_000, IE: 20_000 },
    voice: { '*': 60_000, US: 14_000, CA: 14_000 },
  },
};

const countryRates = z.record(z.string().regex(/^([A-Z]{2}|\*)$/, 'an ISO country code or *'), z.number().int().min(0).max(100_000_000));
export const CostRatesInput = z.object({
  currency: z.string().refine(isCurrency, 'an ISO 4217 currency').optional(),
  rates: z.object({ email: countryRates, sms: countryRates, whatsapp: countryRates, voice: countryRates }).partial().strict().optional(),
}).strict();
export type CostRatesInput = z.infer<typeof CostRatesInput>;

/** The org's changes over the defaults, country by country. */
export function mergeRates(stored: unknown, base: CostRates = DEFAULT_COST_RATES): CostRates {
  const p = CostRatesInput.safeParse(stored ?? {});
  const s = p.success ? p.data : {};
  const rates = { ...base.rates };
  for (const c of Object.keys(rates) as MessageChannel[]) rates[c] = { ...base.rates[c], ...(s.rates?.[c] ?? {}) };
  return { currency: s.currency ?? base.currency, rates };
}

export interface MessageCost { micros: Micros; currency: string; units: number }

/** The cost of one message to a debtor in `country`: the country's rate or '*', times SMS segments. */
export function messageCost(rates: CostRates, channel: MessageChannel, country: string | null | undefined, rendered?: RenderedMessage): MessageCost {
  const table = rates.rates[channel];
  const per = (country ? table[country.toUpperCase()] : undefined) ?? table['*'] ?? 0;
  const units = rendered?.channel === 'sms' ? Math.max(1, rendered.segments.segments) : 1;
  return { micros: per * units, currency: rates.currency, units };
}

/** Micro-units as the currency's minor units, rounded half up (for totals shown as money). */
export function microsToMinor(micros: Micros, currency: string): number {
  const factor = 10 ** (6 - Math.min(6, exponentOf(currency)));
  return Math.floor((micros + factor / 2) / factor);
}
