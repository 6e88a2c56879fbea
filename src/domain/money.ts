// Money: integer minor units with an ISO 4217 currency, and exact parsing of amounts written in major units.

/** ISO 4217 currencies cobro accepts, with their minor-unit exponent. */
export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = {
  USD: 2, EUR: 2, GBP: 2, CAD: 2, AUD: 2, NZD: 2, CHF: 2, SEK: 2, NOK: 2, DKK: 2, PLN: 2, CZK: 2,
  HUF: 2, RON: 2, BGN: 2, TRY: 2, ZAR: 2, INR: 2, CNY: 2, HKD: 2, SGD: 2, MYR: 2, PHP: 2, THB: 2,
  IDR: 2, ILS: 2, AED: 2, SAR: 2, EGP: 2, NGN: 2, KES: 2, MAD: 2, RUB: 2, UAH: 2,
  MXN: 2, BRL: 2, COP: 2, ARS: 2, PEN: 2, UYU: 2, BOB: 2, CRC: 2, DOP: 2, GTQ: 2, HNL: 2, NIO: 2,
  PAB: 2, PYG: 0, VES: 2,
  CLP: 0, JPY: 0, KRW: 0, VND: 0, ISK: 0, XAF: 0, XOF: 0, UGX: 0,
  KWD: 3, BHD: 3, OMR: 3, JOD: 3, TND: 3, LYD: 3, IQD: 3,
};

export interface Money {
  /** Integer minor units (cents for USD, pesos for CLP, fils for KWD). */
  amount: number;
  currency: string;
}

export function isCurrency(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(CURRENCY_EXPONENTS, code);
}

export function exponentOf(currency: string): number {
  const e = CURRENCY_EXPONENTS[currency];
  if (e === undefined) throw new Error(`unknown currency ${currency}`);
  return e;
}

export interface AmountFormat {
  /** '.' (default) or ',' */
  decimal?: '.' | ',';
}

const PLAIN_DOT = /^(\d{1,15})(?:\.(\d{1,3}))?$/;
const PLAIN_COMMA = /^(\d{1,15})(?:,(\d{1,3}))?$/;

export type ParsedAmount = { ok: true; minor: number } | { ok: false; reason: string };

/**
 * Parses an amount written in major units ("1,234.50", "1.234,50" with decimal comma, "-12", "$ 40")
 * into integer minor units of the currency, without floating point. Rejects more decimals than the
 * currency has, unless they are zeros.
 */
export function parseMajorAmount(text: string, currency: string, format: AmountFormat = {}): ParsedAmount {
  const exp = CURRENCY_EXPONENTS[currency];
  if (exp === undefined) return { ok: false, reason: `unknown currency "${currency}"` };
  const decimal = format.decimal ?? '.';
  const plain = decimal === '.' ? PLAIN_DOT.exec(text) : PLAIN_COMMA.exec(text);
  if (plain && (plain[2] ?? '').length <= exp) {
    const minor = Number(plain[1]) * 10 ** exp + Number((plain[2] ?? '').padEnd(exp, '0') || '0');
    if (Number.isSafeInteger(minor)) return { ok: true, minor };
  }
  const thousands = decimal === '.' ? ',' : '.';
  let s = text.trim().replace(/[\s\u00a0$€£]/g, '');
  if (s === '') return { ok: false, reason: 'amount is empty' };
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) { negative = true; s = s.slice(1, -1); }
  if (s.startsWith('-')) { negative = !negative; s = s.slice(1); } else if (s.startsWith('+')) s = s.slice(1);
  if (s.includes(thousands)) {
    if (!/^\d{1,3}([.,]\d{3})*([.,]\d+)?$/.test(s)) return { ok: false, reason: `"${text}" is not a number` };
    s = s.split(thousands).join('');
  }
  const parts = s.split(decimal);
  if (parts.length > 2) return { ok: false, reason: `"${text}" is not a number` };
  const whole = parts[0] ?? '';
  let frac = parts[1] ?? '';
  if (!/^\d+$/.test(whole) || (parts.length === 2 && !/^\d*$/.test(frac))) {
    return { ok: false, reason: `"${text}" is not a number` };
  }
  if (frac.length > exp) {
    if (/[^0]/.test(frac.slice(exp))) {
      return { ok: false, reason: `"${text}" has more than ${exp} decimals for ${currency}` };
    }
    frac = frac.slice(0, exp);
  }
  const minor = Number(whole) * 10 ** exp + Number(frac.padEnd(exp, '0') || '0');
  if (!Number.isSafeInteger(minor)) return { ok: false, reason: `"${text}" is too large` };
  return { ok: true, minor: negative ? -minor : minor };
}

/** Formats minor units as a plain major-unit string ("1234.50"), for CSV and logs. */
export function formatMinor(minor: number, currency: string): string {
  const exp = exponentOf(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (exp === 0) return `${sign}${abs}`;
  const s = String(abs).padStart(exp + 1, '0');
  return `${sign}${s.slice(0, -exp)}.${s.slice(-exp)}`;
}

/** Formats money for people, in a locale ("es-MX" shows "$1,234.50"). */
// building an Intl formatter costs far more than using one: keep one per locale and currency
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(money: Money, locale = 'en'): string {
  const exp = exponentOf(money.currency);
  const key = `${locale}|${money.currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency, minimumFractionDigits: exp, maximumFractionDigits: exp });
    moneyFormats.set(key, f);
  }
  return f.format(money.amount / 10 ** exp);
}
