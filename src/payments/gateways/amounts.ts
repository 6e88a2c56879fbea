// Amounts on the wire: Stripe's integer unit per currency (zero-decimal, three-decimal and its special cases) and Mercado
// Pago's major units, both from and to cobro's minor units (ISO 4217 exponents), without floating-point arithmetic.
import { exponentOf, formatMinor, isCurrency, parseMajorAmount } from '../../domain/money.ts';
import { fail, ok, type Result } from '../../domain/result.ts';

/** Stripe's zero-decimal currencies (docs.stripe.com/currencies#zero-decimal), except UGX, a special case below. */
export const STRIPE_ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
/** Three-decimal currencies: Stripe wants the last digit 0 (amounts rounded to the nearest ten). */
export const STRIPE_THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);
/** Whole units written with two decimals, for backwards compatibility: 5 ISK is 500, and the value divides by 100. */
export const STRIPE_WHOLE_AS_TWO_DECIMALS = new Set(['ISK', 'UGX']);

/** The number of decimals in Stripe's `amount` for a currency. */
export function stripeExponent(currency: string): number {
  if (STRIPE_ZERO_DECIMAL.has(currency)) return 0;
  if (STRIPE_THREE_DECIMAL.has(currency)) return 3;
  return 2;
}

/** Converts between exponents exactly; null when the value would need a fraction of the smaller unit. */
function rescale(amount: number, from: number, to: number): number | null {
  if (to >= from) return amount * 10 ** (to - from);
  const factor = 10 ** (from - to);
  return amount % factor === 0 ? amount / factor : null;
}

export interface StripeAmount {
  /** The integer Stripe takes in `unit_amount`. */
  unit: number;
  /** What that charges in cobro's minor units (differs from the request only for a three-decimal currency). */
  charged: number;
}

/**
 * cobro minor units to Stripe's unit. Three-decimal currencies are rounded to the nearest ten as Stripe asks, so
 * KWD 5.124 is charged as 5.120; ISK and UGX (whole units in cobro) are written with two decimals.
 */
export function toStripeAmount(amount: number, currency: string): Result<StripeAmount> {
  if (!isCurrency(currency)) return fail('VALIDATION_FAILED', `currency ${currency} is not known`, 'currency');
  const exp = exponentOf(currency);
  let minor = amount;
  if (STRIPE_THREE_DECIMAL.has(currency) && exp === 3) minor = Math.round(amount / 10) * 10;
  if (minor <= 0) return fail('VALIDATION_FAILED', `${formatMinor(amount, currency)} ${currency} is below what Stripe can charge`, 'amount');
  const unit = rescale(minor, exp, stripeExponent(currency));
  if (unit === null) return fail('VALIDATION_FAILED', `Stripe cannot charge fractions of ${currency}`, 'amount');
  if (STRIPE_WHOLE_AS_TWO_DECIMALS.has(currency) && unit % 100 !== 0) {
    return fail('VALIDATION_FAILED', `Stripe charges ${currency} in whole units only`, 'amount');
  }
  return ok({ unit, charged: minor });
}

/** Stripe's unit (amount_total, amount_refunded, a dispute's amount) back to cobro minor units; null if it does not fit. */
export function fromStripeAmount(unit: number, currency: string): number | null {
  if (!isCurrency(currency) || !Number.isSafeInteger(unit)) return null;
  return rescale(unit, stripeExponent(currency), exponentOf(currency));
}

/**
 * Stripe's integers of one list (a payout's balance transactions, all in `currency`) in cobro minor units, in order; null
 * for an unknown currency or a value that is no safe integer. Where Stripe writes more decimals than cobro keeps (ISK and
 * UGX: a fee of 43.80 ISK is 4380 at Stripe, cobro's unit is the krona) each value is rounded so that the running total
 * is the exact running total rounded half up: every value within one unit of Stripe's, and any sum of the list that is
 * whole at Stripe (the payout's net) exact in cobro. Other currencies convert exactly (or null when they cannot).
 */
export function fromStripeAmounts(units: number[], currency: string): number[] | null {
  if (!isCurrency(currency) || units.some((u) => !Number.isSafeInteger(u))) return null;
  const extra = stripeExponent(currency) - exponentOf(currency);
  if (extra <= 0) {
    const exact = units.map((u) => fromStripeAmount(u, currency));
    return exact.some((m) => m === null) ? null : (exact as number[]);
  }
  const scale = 10 ** extra;
  const rounded = (total: number) => {
    const rest = ((total % scale) + scale) % scale;
    return (total - rest) / scale + (rest * 2 >= scale ? 1 : 0);
  };
  let total = 0;
  return units.map((u) => {
    const before = rounded(total);
    total += u;
    return rounded(total) - before;
  });
}

/** Currencies Mercado Pago charges in (one per country it serves). */
export const MERCADOPAGO_CURRENCIES = new Set(['ARS', 'BRL', 'CLP', 'COP', 'MXN', 'PEN', 'UYU']);

/** cobro minor units to Mercado Pago's `unit_price` in major units: 123456 MXN is 1234.56, 5000 CLP is 5000. */
export function toMercadoPagoPrice(amount: number, currency: string): Result<number> {
  if (!MERCADOPAGO_CURRENCIES.has(currency)) {
    return fail('VALIDATION_FAILED', `Mercado Pago does not charge in ${currency} (only ${[...MERCADOPAGO_CURRENCIES].join(', ')})`, 'currency');
  }
  if (amount <= 0) return fail('VALIDATION_FAILED', 'the amount must be positive', 'amount');
  // the decimal text of the exact value; JSON then writes the shortest form that reads back as that number
  return ok(Number(formatMinor(amount, currency)));
}

/** A Mercado Pago amount (transaction_amount, a number in major units) to minor units; null when it has more decimals. */
export function fromMercadoPagoAmount(value: unknown, currency: string): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || !isCurrency(currency)) return null;
  const exp = exponentOf(currency);
  // toFixed with one more digit than the currency has shows whether the number carries a fraction it cannot
  const text = value.toFixed(exp + 1);
  if (!text.endsWith('0')) return null;
  const parsed = parseMajorAmount(text.slice(0, exp === 0 ? -2 : -1), currency);
  return parsed.ok ? parsed.minor : null;
}

/** Where Adyen's minor units differ from ISO 4217 (docs.adyen.com/development-resources/currency-codes). */
export const ADYEN_EXPONENT: Record<string, number> = { CLP: 2, CVE: 0 };

export function adyenExponent(currency: string): number {
  return ADYEN_EXPONENT[currency] ?? exponentOf(currency);
}

/** cobro minor units to Adyen's `value` (CLP 5000 is 500000, CVE 12.00 is 12); a failure for a fraction Adyen has not. */
export function toAdyenValue(amount: number, currency: string): Result<number> {
  if (!isCurrency(currency)) return fail('VALIDATION_FAILED', `currency ${currency} is not known`, 'currency');
  if (amount <= 0) return fail('VALIDATION_FAILED', 'the amount must be positive', 'amount');
  const value = rescale(amount, exponentOf(currency), adyenExponent(currency));
  return value === null ? fail('VALIDATION_FAILED', `Adyen charges ${currency} in whole units only`, 'amount') : ok(value);
}

/** Adyen's `value` back to cobro minor units; null when it does not fit. */
export function fromAdyenValue(value: unknown, currency: string): number | null {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || !isCurrency(currency)) return null;
  return rescale(value, adyenExponent(currency), exponentOf(currency));
}

/** Currencies PayPal takes payments in (developer.paypal.com/api/rest/reference/currency-codes). */
export const PAYPAL_CURRENCIES = new Set(['AUD', 'BRL', 'CAD', 'CNY', 'CZK', 'DKK', 'EUR', 'HKD', 'HUF', 'ILS', 'JPY', 'MYR', 'MXN', 'TWD',
  'NZD', 'NOK', 'PHP', 'PLN', 'GBP', 'SGD', 'SEK', 'CHF', 'THB', 'USD']);
/** PayPal takes these with no decimals, whatever ISO 4217 says (HUF and TWD have two there). */
export const PAYPAL_ZERO_DECIMAL = new Set(['HUF', 'JPY', 'TWD']);

export const paypalExponent = (currency: string): number => (PAYPAL_ZERO_DECIMAL.has(currency) ? 0 : 2);

/** cobro minor units to PayPal's `value`, a decimal string: 123456 USD is "1234.56", HUF 5000.00 is "5000"; a failure for a fraction PayPal has not. */
export function toPayPalValue(amount: number, currency: string): Result<string> {
  if (!PAYPAL_CURRENCIES.has(currency) || !isCurrency(currency)) {
    return fail('VALIDATION_FAILED', `PayPal does not take payments in ${currency}`, 'currency');
  }
  if (!Number.isSafeInteger(amount) || amount <= 0) return fail('VALIDATION_FAILED', 'the amount must be positive', 'amount');
  const exp = paypalExponent(currency);
  const units = rescale(amount, exponentOf(currency), exp);
  if (units === null) return fail('VALIDATION_FAILED', `PayPal charges ${currency} in whole units only`, 'amount');
  const digits = String(units).padStart(exp + 1, '0');
  return ok(exp === 0 ? digits : `${digits.slice(0, -exp)}.${digits.slice(-exp)}`);
}

/** PayPal's `value` (a decimal string) back to cobro minor units; null when it is not one or does not fit. */
export function fromPayPalValue(value: unknown, currency: string): number | null {
  if (typeof value !== 'string' || !isCurrency(currency)) return null;
  const m = /^(\d{1,15})(?:\.(\d{1,3}))?$/.exec(value);
  if (!m) return null;
  const decimals = m[2] ?? '';
  const units = Number(`${m[1]}${decimals}`);
  return Number.isSafeInteger(units) ? rescale(units, decimals.length, exponentOf(currency)) : null;
}
