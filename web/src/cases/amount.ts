// Amounts typed by a person ("1.250,50", "1250.5", "1 250") to integer minor units of a currency, exactly.
import { exponent } from '../app/format.ts';

/** The last dot or comma followed by at most the currency's decimals is the decimal mark; other marks and spaces group digits. */
export function parseAmount(text: string, currency: string): number | null {
  const e = exponent(currency);
  const s = text.replace(/[\s\u00a0\u202f]/g, '').replace(/^[^\d-]+/, '');
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const m = /^(.*)[.,](\d+)$/.exec(s);
  let whole = s;
  let frac = '';
  if (m && m[2]!.length <= e) {
    whole = m[1]!;
    frac = m[2]!;
  }
  const digits = whole.replace(/[.,]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  const minor = Number(digits) * 10 ** e + Number((frac + '0'.repeat(e)).slice(0, e) || '0');
  return Number.isSafeInteger(minor) && minor > 0 ? minor : null;
}

/** Minor units as the field's starting text, with the locale's decimal mark. */
export function amountText(minor: number, currency: string, locale: string): string {
  const e = exponent(currency);
  return new Intl.NumberFormat(locale, { minimumFractionDigits: e, maximumFractionDigits: e, useGrouping: false }).format(minor / 10 ** e);
}
