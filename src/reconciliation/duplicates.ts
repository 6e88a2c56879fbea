// Whether a new line is a movement already imported from another file, e.g. the camt.053 and the MT940 of the same day:
// the fingerprints differ (the formats carry different fields), so the account, booking date, amount and direction are
// compared, then the ids both lines carry (end-to-end id, bank reference), then the payer.
import { normaliseAccount } from './match/text.ts';
import { nameSimilarity } from './match/names.ts';

export interface Movement {
  account: string | null;
  date: string | null;
  amount: number;
  currency: string;
  direction: 'credit' | 'debit';
  reversal: boolean;
  endToEndId: string | null;
  bankReference: string | null;
  counterpartyAccount: string | null;
  counterpartyName: string | null;
}

const PLACEHOLDER = /^(NOT ?PROVIDED|NONREF|NONE|N\/?A|0+)$/i;

/** An id worth comparing: present and not a placeholder banks write when they have none. */
export const usefulId = (s: string | null): string | null => {
  const t = s?.trim();
  return t && !PLACEHOLDER.test(t) ? t.toUpperCase() : null;
};

const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$/;
const digits = (s: string) => s.replace(/\D/g, '').replace(/^0+/, '');

/**
 * The same account: written alike, or an IBAN and the domestic number it holds (MT940 often names the account as
 * bank code and number, camt as IBAN: DE89370400440532013000 and 37040044/0532013000).
 */
export function sameAccount(a: string, b: string): boolean {
  const x = normaliseAccount(a);
  const y = normaliseAccount(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [iban, other] = IBAN.test(x) && !IBAN.test(y) ? [x, y] : IBAN.test(y) && !IBAN.test(x) ? [y, x] : [null, null];
  if (!iban || !other || !/^\d+$/.test(other)) return false;
  const bban = digits(iban.slice(4));
  const domestic = digits(other);
  return domestic.length >= 6 && bban.endsWith(domestic);
}

/** Why `later` is the same movement as `earlier`, or null when it is not (or nothing shows it is). */
export function sameMovement(later: Movement, earlier: Movement): string | null {
  if (!later.date || later.date !== earlier.date || later.amount !== earlier.amount || later.currency !== earlier.currency
    || later.direction !== earlier.direction || later.reversal !== earlier.reversal) return null;
  const accounts = later.account && earlier.account ? sameAccount(later.account, earlier.account) : null;
  if (accounts === false) return null;
  const e2e = [usefulId(later.endToEndId), usefulId(earlier.endToEndId)];
  if (e2e[0] && e2e[1]) return e2e[0] === e2e[1] ? `the same end-to-end id ${e2e[0]}` : null;
  const ref = [usefulId(later.bankReference), usefulId(earlier.bankReference)];
  if (ref[0] && ref[1]) return ref[0] === ref[1] ? `the same bank reference ${ref[0]}` : null;
  // without an id on both sides, only the same account may tie them, and then the payer must not differ
  if (accounts !== true) return null;
  const payer = [normaliseAccount(later.counterpartyAccount), normaliseAccount(earlier.counterpartyAccount)];
  if (payer[0] && payer[1]) return payer[0] === payer[1] ? 'the same account, day, amount and payer account' : null;
  if (later.counterpartyName && earlier.counterpartyName) {
    return nameSimilarity(later.counterpartyName, earlier.counterpartyName) >= 0.8 ? 'the same account, day, amount and payer name' : null;
  }
  return 'the same account, day and amount, and no id or payer tells them apart';
}

/** Pairs each new line with at most one earlier line it repeats (two equal movements need two earlier ones). */
export function pairDuplicates<T extends Movement & { id: string }>(fresh: Movement[], earlier: T[]): ({ of: T; reason: string } | null)[] {
  const taken = new Set<string>();
  return fresh.map((m) => {
    for (const e of earlier) {
      if (taken.has(e.id)) continue;
      const reason = sameMovement(m, e);
      if (reason) { taken.add(e.id); return { of: e, reason }; }
    }
    return null;
  });
}
