// Exact conversion of written amounts (MT940 "12,5", camt "18.150", CSV "1.234,56") to minor units.
import { CURRENCY_EXPONENTS } from '../../domain/money.ts';

/** Minor-unit exponent of a currency; banks send codes cobro does not bill in (MKD), which use 2. */
export function exponentFor(currency: string): number {
  return CURRENCY_EXPONENTS[currency] ?? 2;
}

/**
 * Converts a plain decimal ("-1234.5", "12.", "0.010") to signed minor units without floating point.
 * Returns null when the text is not a number or carries non-zero digits beyond the currency's exponent.
 */
export function plainToMinor(text: string, currency: string): number | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const exp = exponentFor(currency);
  let frac = m[3] ?? '';
  if (frac.length > exp) {
    if (/[^0]/.test(frac.slice(exp))) return null;
    frac = frac.slice(0, exp);
  }
  const minor = Number(m[2] || '0') * 10 ** exp + Number(frac.padEnd(exp, '0') || '0');
  if (!Number.isSafeInteger(minor)) return null;
  return m[1] === '-' && minor !== 0 ? -minor : minor;
}

export interface NumberStyle {
  decimal: '.' | ',';
  /** Grouping characters to drop: ',', '.', "'", ' ' (none when absent). */
  thousands?: string;
}

/**
 * Reads an amount as people write it: currency signs, grouping, decimal comma, "(12.00)" or
 * trailing minus for negatives. Returns signed minor units or null.
 */
export function writtenToMinor(text: string, currency: string, style: NumberStyle): number | null {
  let s = text.trim().replace(/[$€£¥\u00a0]|\b[A-Z]{3}\b/g, '').trim();
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) { negative = true; s = s.slice(1, -1).trim(); }
  if (s.endsWith('-')) { negative = !negative; s = s.slice(0, -1).trim(); }
  if (s.startsWith('-')) { negative = !negative; s = s.slice(1).trim(); } else if (s.startsWith('+')) s = s.slice(1).trim();
  for (const g of style.thousands ?? '') s = s.split(g).join('');
  if (style.decimal === ',') s = s.replace(',', '.');
  if (!/^\d*(\.\d*)?$/.test(s) || s === '' || s === '.') return null;
  const minor = plainToMinor(s, currency);
  if (minor === null) return null;
  return negative && minor !== 0 ? -minor : minor;
}

/** Guesses the number style of a column of amounts ("1.234,56" vs "1,234.56" vs "11'373.94"). */
export function guessNumberStyle(samples: readonly string[]): NumberStyle {
  for (const raw of samples) {
    const s = raw.replace(/[^\d.,']/g, '');
    const lastDot = s.lastIndexOf('.');
    const lastComma = s.lastIndexOf(',');
    if (lastComma > lastDot && !/^\d{1,3}(,\d{3})+$/.test(s)) return { decimal: ',', thousands: ".' " };
    if (lastDot > lastComma && lastComma >= 0) return { decimal: '.', thousands: ",' " };
  }
  const anyComma = samples.some((s) => /\d,\d{1,2}$/.test(s.trim()));
  return anyComma ? { decimal: ',', thousands: ".' " } : { decimal: '.', thousands: ",' " };
}
