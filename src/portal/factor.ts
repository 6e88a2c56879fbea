// The second factor, pure: what the debtor must type (the last 4 characters of their tax id, or their postcode, from the
// customer's metadata), how an answer is compared, and whether too many wrong answers lock the portal for a while.
import type { SecondFactor } from './settings.ts';

/** Letters and digits only, upper case: "12.345.678-k" and "12345678K" are the same tax id; "sw1a 1aa" is "SW1A1AA". */
export function normaliseAnswer(text: string): string {
  return text.normalize('NFKC').toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** The customer metadata keys each factor is read from, in order. */
export const FACTOR_KEYS: Record<Exclude<SecondFactor, 'none'>, string[]> = {
  tax_id_last4: ['tax_id', 'taxId', 'vat_id', 'rfc', 'cpf', 'cnpj', 'rut', 'nit'],
  postcode: ['postcode', 'postal_code', 'zip', 'cep'],
};

/** The normalised answer expected from this customer, or null when their record does not hold it. */
export function expectedAnswer(kind: Exclude<SecondFactor, 'none'>, metadata: Record<string, unknown>): string | null {
  for (const key of FACTOR_KEYS[kind]) {
    const v = metadata[key];
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const clean = normaliseAnswer(String(v));
    if (kind === 'tax_id_last4' && clean.length >= 4) return clean.slice(-4);
    if (kind === 'postcode' && clean.length >= 3) return clean;
  }
  return null;
}

export interface FactorLimits { factor_max_failures: number; factor_lock_minutes: number }
export interface FactorAttempt { at: Date; succeeded: boolean }
export type FactorGate = { locked: false; failuresLeft: number } | { locked: true; until: Date };

/**
 * Wrong answers since the last right one, within the sliding window, count; at the limit the portal is locked until
 * enough of them have left the window to be under the limit again.
 */
export function factorGate(attempts: FactorAttempt[], limits: FactorLimits, now: Date): FactorGate {
  const windowMs = limits.factor_lock_minutes * 60_000;
  const recent = attempts.filter((a) => a.at.getTime() > now.getTime() - windowMs && a.at.getTime() <= now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const lastOk = recent.map((a) => a.succeeded).lastIndexOf(true);
  const failures = recent.slice(lastOk + 1).filter((a) => !a.succeeded);
  const leaving = failures[failures.length - limits.factor_max_failures];
  if (leaving) return { locked: true, until: new Date(leaving.at.getTime() + windowMs) };
  return { locked: false, failuresLeft: limits.factor_max_failures - failures.length };
}
