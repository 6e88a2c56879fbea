// What a message costs at the provider: a rate per channel and destination country, in micro-units of one currency
// (providers price messages in fractions of a cent, below money's minor unit), SMS per segment; a call per attempt when
// placed, then per started minute once its length is known (voice_minute). Pure.
import { z } from 'zod';
import { exponentOf, isCurrency } from '../domain/index.ts';
import type { RenderedMessage } from '../messaging/index.ts';
import type { MessageChannel } from './adapters.ts';

/** What rates are kept for: each channel, and the minutes of a call. */
export type RatedChannel = MessageChannel | 'voice_minute';

/** Micro-units: millionths of the currency's major unit (USD 0.0079 is 7,900). */
export type Micros = number;

export interface CostRates {
  currency: string;
  /**
   * Per channel: rates by ISO country of the debtor, '*' for every other country. `voice` is per attempt (what a call
   * costs when placed, and all an unanswered one costs); `voice_minute` per started minute of a call whose length the
   * provider reported (never less than the attempt).
   */
  rates: Record<RatedChannel, Record<string, Micros>>;
}

/** Rough list prices to start from (USD): set your own per channel and country with PUT /v1/message-costs/rates. */
export const DEFAULT_COST_RATES: CostRates = {
  currency: 'USD',
  rates: {
    email: { '*': 100 },
    sms: { '*': 50_000, US: 8_300, CA: 8_300, MX: 45_000, BR: 40_000, CO: 30_000, CL: 45_000, PE: 45_000, AR: 45_000, ES: 75_000, IE: 70_000 },
    whatsapp: { '*': 20_000, US: 4_000, MX: 8_000, BR: 8_000, CO: 2_000, CL: 20_000, PE: 20_000, AR: 26_000, ES: 20_000, IE: 20_000 },
    voice: { '*': 60_000, US: 14_000, CA: 14_000 },
    voice_minute: { '*': 60_000, US: 14_000, CA: 14_000 },
  },
};

const countryRates = z.record(z.string().regex(/^([A-Z]{2}|\*)$/, 'an ISO country code or *'), z.number().int().min(0).max(100_000_000));
export const CostRatesInput = z.object({
  currency: z.string().refine(isCurrency, 'an ISO 4217 currency').optional(),
  rates: z.object({ email: countryRates, sms: countryRates, whatsapp: countryRates, voice: countryRates, voice_minute: countryRates }).partial().strict().optional(),
}).strict();
export type CostRatesInput = z.infer<typeof CostRatesInput>;

/** The org's changes over the defaults, country by country. */
export function mergeRates(stored: unknown, base: CostRates = DEFAULT_COST_RATES): CostRates {
  const p = CostRatesInput.safeParse(stored ?? {});
  const s = p.success ? p.data : {};
  const rates = { ...base.rates };
  for (const c of Object.keys(rates) as RatedChannel[]) rates[c] = { ...base.rates[c], ...(s.rates?.[c] ?? {}) };
  // rates stored before calls were priced by the minute set `voice` alone: a country's call rate then prices its minutes too
  rates.voice_minute = { ...base.rates.voice_minute, ...(s.rates?.voice ?? {}), ...(s.rates?.voice_minute ?? {}) };
  return { currency: s.currency ?? base.currency, rates };
}

export interface MessageCost { micros: Micros; currency: string; units: number }

/** The country's rate, or '*' for every other. */
const rateFor = (table: Record<string, Micros>, country: string | null | undefined): Micros =>
  (country ? table[country.toUpperCase()] : undefined) ?? table['*'] ?? 0;

/** The cost of one message to a debtor in `country`: the country's rate or '*', times SMS segments. */
export function messageCost(rates: CostRates, channel: MessageChannel, country: string | null | undefined, rendered?: RenderedMessage): MessageCost {
  const per = rateFor(rates.rates[channel], country);
  const units = rendered?.channel === 'sms' ? Math.max(1, rendered.segments.segments) : 1;
  return { micros: per * units, currency: rates.currency, units };
}

/** Seconds of a call and the minutes it is billed for: every started minute (61 s is two; an unanswered call, 0 s, none). */
export const startedMinutes = (seconds: number): number => Math.ceil(Math.max(0, seconds) / 60);

/**
 * The cost of a call to a debtor in `country` that lasted `seconds` (the provider's CallDuration): its started minutes
 * at the country's minute rate, never less than the attempt's rate (what the call was priced at when placed).
 */
export function callCost(rates: CostRates, country: string | null | undefined, seconds: number): MessageCost {
  const minutes = startedMinutes(seconds);
  return { micros: Math.max(rateFor(rates.rates.voice, country), minutes * rateFor(rates.rates.voice_minute, country)), currency: rates.currency, units: minutes };
}

/** Micro-units as the currency's minor units, rounded half up (for totals shown as money). */
export function microsToMinor(micros: Micros, currency: string): number {
  const factor = 10 ** (6 - Math.min(6, exponentOf(currency)));
  return Math.floor((micros + factor / 2) / factor);
}
