// Money in its own currency and dates in the user's locale, through Intl; minor units follow cobro's ISO 4217 table.
import { CURRENCY_EXPONENTS } from '../../../src/domain/money.ts';

const formats = new Map<string, Intl.NumberFormat>();

export function exponent(currency: string): number {
  return CURRENCY_EXPONENTS[currency] ?? 2;
}

/** Integer minor units to major units as a number for display (exact for the amounts a ledger holds). */
export function toMajor(amount: number, currency: string): number {
  return amount / 10 ** exponent(currency);
}

export function money(amount: number, currency: string, locale: string, compact = false): string {
  const key = `${locale}|${currency}|${compact}`;
  let f = formats.get(key);
  if (!f) {
    const e = exponent(currency);
    f = new Intl.NumberFormat(locale, compact
      ? { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }
      : { style: 'currency', currency, minimumFractionDigits: e, maximumFractionDigits: e });
    formats.set(key, f);
  }
  return f.format(toMajor(amount, currency));
}

/** A calendar date ('2026-03-01') shown in the locale, never shifted by the viewer's time zone. */
export function date(ymd: string | null | undefined, locale: string): string {
  if (!ymd) return '';
  const [y, m, d] = ymd.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return ymd;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** An instant shown in the viewer's own time zone. */
export function dateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function integer(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

export function countryName(code: string | null, locale: string): string {
  if (!code) return '';
  try { return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code; } catch { return code; }
}

/** Today and days around it as calendar dates in the viewer's time zone. */
export function today(offsetDays = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function daysPastDue(due: string, asOf = today()): number {
  return Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
}

/** Minor units as a plain decimal for spreadsheets ("1500.00"), exact. */
export function plainAmount(amount: number, currency: string): string {
  const e = exponent(currency);
  if (e === 0) return String(amount);
  const s = String(Math.abs(amount)).padStart(e + 1, '0');
  return `${amount < 0 ? '-' : ''}${s.slice(0, -e)}.${s.slice(-e)}`;
}
