// The small closed vocabularies strategies are written in: channels, tones, tasks, events, and money as a schema.
import { z } from 'zod';
import { isCalendarDate, isCurrency } from '../domain/index.ts';

export const CHANNELS = ['email', 'sms', 'whatsapp', 'voice'] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

export const ToneSchema = z.enum(['friendly', 'neutral', 'formal', 'firm']);
export type Tone = z.infer<typeof ToneSchema>;

export const TaskKindSchema = z.enum(['call', 'review', 'negotiate']);
export type TaskKind = z.infer<typeof TaskKindSchema>;

export const PrioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export type Priority = z.infer<typeof PrioritySchema>;

export const RiskBandSchema = z.enum(['low', 'medium', 'high']);
export type RiskBand = z.infer<typeof RiskBandSchema>;

export const EscalationTargetSchema = z.enum(['agency', 'legal']);
export type EscalationTarget = z.infer<typeof EscalationTargetSchema>;

/** Ids written by people into strategies and segments; no ':' so idempotency keys stay unambiguous. */
export const SlugSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, - and _');

export const CountrySchema = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code');

export const CalendarDateSchema = z.string().refine(isCalendarDate, 'a calendar date YYYY-MM-DD');

export const MoneySchema = z.object({
  amount: z.number().int(),
  currency: z.string().refine(isCurrency, 'an ISO 4217 currency cobro knows'),
});
