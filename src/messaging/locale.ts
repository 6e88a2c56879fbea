// Choosing the language (customer, then org default, then English) and formatting money and dates for the debtor.
import { dayNumber, formatMoney, type CalendarDate, type Money } from '../domain/index.ts';
import { LANGUAGES, type Language, type MessageContext } from './types.ts';

const matched = new Map<string, Language | null>();

/** The shipped language a BCP 47 tag falls to: 'pt', 'pt-PT' and 'pt-BR' -> 'pt-BR'; 'es-CL' -> 'es'. */
export function matchLanguage(tag: string | undefined): Language | null {
  if (!tag) return null;
  // (asked twice per message rendered, of a handful of distinct tags)
  const known = matched.get(tag);
  if (known !== undefined) return known;
  const found = matchTag(tag);
  if (matched.size < 1000) matched.set(tag, found);
  return found;
}

function matchTag(tag: string): Language | null {
  const lower = tag.trim().replace('_', '-').toLowerCase();
  const exact = LANGUAGES.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const base = lower.split('-')[0];
  return LANGUAGES.find((l) => l.split('-')[0]?.toLowerCase() === base) ?? null;
}

/** Customer's language, else the org default, else English. */
export function resolveLanguage(customerLanguage: string | undefined, orgLanguage: string | undefined): Language {
  return matchLanguage(customerLanguage) ?? matchLanguage(orgLanguage) ?? 'en';
}

const FALLBACK_LOCALE: Record<Language, string> = { en: 'en-US', es: 'es-419', 'pt-BR': 'pt-BR' };

// asking Intl is slow next to a message's rendering, and a process meets few distinct tags
const knownLocales = new Map<string, boolean>();

function isLocale(tag: string): boolean {
  let known = knownLocales.get(tag);
  if (known === undefined) {
    try {
      known = Intl.NumberFormat.supportedLocalesOf([tag]).length > 0;
    } catch {
      known = false;
    }
    if (knownLocales.size < 1000) knownLocales.set(tag, known);
  }
  return known;
}

/** The locale money and dates are written in: the customer's own, else language + country, else the language's default. */
export function formattingLocale(context: MessageContext, language: Language): string {
  const { locale, country } = context.customer;
  if (locale && isLocale(locale) && matchLanguage(locale) === language) return locale;
  const base = language.split('-')[0] ?? 'en';
  if (country && /^[A-Z]{2}$/.test(country) && isLocale(`${base}-${country}`)) return `${base}-${country}`;
  return FALLBACK_LOCALE[language];
}

export function money(amount: Money, locale: string): string {
  return formatMoney(amount, locale).replace(/\u00a0/g, ' ');
}

export type DateStyle = 'long' | 'medium';

/** A calendar date in the debtor's words ("1 de março de 2026"); calendar dates have no zone, so UTC is used. */
const dateFormats = new Map<string, { format: Intl.DateTimeFormat; days: Map<CalendarDate, string> }>();

// a batch's messages name few distinct days (due dates, today): each is written once per locale and style, not asked
// of Intl for every message
const DAYS_KEPT = 4096;

export function date(day: CalendarDate, locale: string, style: DateStyle = 'long'): string {
  const key = `${locale}|${style}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = { format: new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }), days: new Map() };
    dateFormats.set(key, f);
  }
  let text = f.days.get(day);
  if (text === undefined) {
    text = f.format.format(new Date(dayNumber(day) * 86_400_000));
    if (f.days.size >= DAYS_KEPT) f.days.clear();
    f.days.set(day, text);
  }
  return text;
}
