// Validation of the customer and invoice fields shared by the API and the importers.
import { z } from 'zod';
import { isCurrency } from '../domain/money.ts';
import { isCalendarDate, isTimeZone } from '../domain/dates.ts';

export const CHANNELS = ['email', 'sms', 'whatsapp', 'voice'] as const;
export const INVOICE_STATUSES = ['open', 'partially_paid', 'paid', 'disputed', 'written_off', 'cancelled'] as const;
export const ADJUSTMENT_KINDS = ['late_fee', 'interest', 'discount', 'write_off', 'credit_note'] as const;
export type Channel = (typeof CHANNELS)[number];
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

export function isCountry(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  try {
    return regionNames.of(code) !== code;
  } catch {
    return false;
  }
}

export function isLanguage(tag: string): boolean {
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag)) return false;
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** Normalises a phone number written with spaces, dashes or brackets to E.164, or null when it is not one. */
export function toE164(text: string): string | null {
  const s = text.trim().replace(/[\s\-().]/g, '');
  const withPlus = s.startsWith('00') ? `+${s.slice(2)}` : s;
  return /^\+[1-9]\d{6,14}$/.test(withPlus) ? withPlus : null;
}

const EMAIL = /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;]{2,}$/;

export const phoneSchema = z.string().transform((v, ctx) => {
  const p = toE164(v);
  if (!p) ctx.addIssue({ code: 'custom', message: `"${v}" is not a phone number in E.164 form (+5215512345678)` });
  return p ?? v;
});

export const customerFieldsSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(300),
  email: z.string().trim().toLowerCase().regex(EMAIL, 'not an email address').nullish(),
  phone: phoneSchema.nullish(),
  whatsapp: phoneSchema.nullish(),
  country: z.string().trim().toUpperCase().refine(isCountry, 'not an ISO 3166 country code (MX, US, BR)').nullish(),
  region: z.string().trim().max(100).nullish(),
  timezone: z.string().trim().refine(isTimeZone, 'not an IANA time zone (America/Mexico_City)').nullish(),
  language: z.string().trim().refine(isLanguage, 'not a language tag (es, pt-BR, en)').nullish(),
  preferred_channel: z.enum(CHANNELS).nullish(),
  tags: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type CustomerFields = z.infer<typeof customerFieldsSchema>;

export const currencySchema = z.string().trim().toUpperCase()
  .refine(isCurrency, 'not an ISO 4217 currency cobro knows (USD, MXN, BRL)');

export const dateSchema = z.string().refine(isCalendarDate, 'not a date in the form YYYY-MM-DD');
