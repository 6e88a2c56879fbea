// Check digits of the account identifiers a debtor types into their bank: IBAN (ISO 13616, mod 97), US routing numbers
// (ABA), Mexican CLABE, Argentine CBU/CVU, and Brazilian CPF/CNPJ (PIX keys). Pure; each takes the compact form.

/** Lengths of the IBANs of the SEPA countries (and a few close by); others are checked by mod 97 and the 15-34 range. */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22, GI: 23, GR: 27,
  HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24,
  SE: 24, SI: 19, SK: 24, SM: 27, VA: 22,
};

/** Letters and digits only, upper case: how a person may type an IBAN or BIC with spaces. */
export const compact = (s: string): string => s.replace(/[\s-]+/g, '').toUpperCase();
const digitsOnly = (s: string): string => s.replace(/[\s.-]+/g, '');

/** Why an IBAN is wrong, or null when it is a well-formed IBAN with the right check digits. */
export function ibanProblem(raw: string): string | null {
  const iban = compact(raw);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return 'an IBAN is a country code, 2 check digits and up to 30 letters or digits';
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return `an IBAN of ${iban.slice(0, 2)} has ${expected} characters, not ${iban.length}`;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const v = ch >= 'A' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    rest = (v > 9 ? rest * 100 + v : rest * 10 + v) % 97;
  }
  return rest === 1 ? null : 'the IBAN\'s check digits are wrong (mod 97)';
}

export function bicProblem(raw: string): string | null {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(compact(raw)) ? null : 'a BIC is 8 or 11 letters and digits (bank, country, place, branch)';
}

/** A US ABA routing number: 9 digits whose weighted sum (3, 7, 1) is a multiple of 10. */
export function routingProblem(raw: string): string | null {
  const s = digitsOnly(raw);
  if (!/^\d{9}$/.test(s)) return 'a routing number has 9 digits';
  const d = [...s].map(Number);
  const sum = [3, 7, 1, 3, 7, 1, 3, 7, 1].reduce((a, w, i) => a + w * d[i]!, 0);
  return sum % 10 === 0 ? null : 'the routing number\'s check digit is wrong';
}

export function usAccountProblem(raw: string): string | null {
  return /^\d{4,17}$/.test(digitsOnly(raw)) ? null : 'a US account number has 4 to 17 digits';
}

/** The check digit of digits weighted cyclically, taking each product's last digit (CLABE) or the whole product (CBU). */
function weightedCheck(digits: string, weights: readonly number[], lastDigitOfProduct: boolean): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const p = Number(digits[i]) * weights[i % weights.length]!;
    sum += lastDigitOfProduct ? p % 10 : p;
  }
  return (10 - (sum % 10)) % 10;
}

/** A Mexican CLABE: 18 digits (bank 3, branch 3, account 11) and a check digit weighted 3, 7, 1. */
export function clabeProblem(raw: string): string | null {
  const s = digitsOnly(raw);
  if (!/^\d{18}$/.test(s)) return 'a CLABE has 18 digits';
  return weightedCheck(s.slice(0, 17), [3, 7, 1], true) === Number(s[17]) ? null : 'the CLABE\'s check digit is wrong';
}

/** An Argentine CBU or CVU: 22 digits in two blocks (bank and branch, then account), each ending in its check digit. */
export function cbuProblem(raw: string): string | null {
  const s = digitsOnly(raw);
  if (!/^\d{22}$/.test(s)) return 'a CBU or CVU has 22 digits';
  if (weightedCheck(s.slice(0, 7), [7, 1, 3, 9], false) !== Number(s[7])) return 'the CBU\'s first check digit (bank and branch) is wrong';
  if (weightedCheck(s.slice(8, 21), [3, 9, 7, 1], false) !== Number(s[21])) return 'the CBU\'s second check digit (account) is wrong';
  return null;
}

/** A Brazilian CPF: 11 digits, the last two check digits mod 11; eleven equal digits pass the sums but are not issued. */
export function cpfProblem(raw: string): string | null {
  const s = digitsOnly(raw);
  if (!/^\d{11}$/.test(s)) return 'a CPF has 11 digits';
  if (/^(\d)\1{10}$/.test(s)) return 'a CPF of one repeated digit is not valid';
  const d = [...s].map(Number);
  const check = (n: number) => { const r = (d.slice(0, n).reduce((a, x, i) => a + x * (n + 1 - i), 0) * 10) % 11; return r === 10 ? 0 : r; };
  return check(9) === d[9] && check(10) === d[10] ? null : 'the CPF\'s check digits are wrong';
}

/** A Brazilian CNPJ: 14 characters (12 letters or digits since the 2026 alphanumeric CNPJ, then 2 check digits mod 11). */
export function cnpjProblem(raw: string): string | null {
  const s = raw.replace(/[\s./-]+/g, '').toUpperCase();
  if (!/^[0-9A-Z]{12}\d{2}$/.test(s)) return 'a CNPJ has 12 letters or digits and 2 check digits';
  if (/^(\d)\1{13}$/.test(s)) return 'a CNPJ of one repeated digit is not valid';
  const v = [...s].map((c) => c.charCodeAt(0) - 48);
  const check = (n: number) => {
    const sum = v.slice(0, n).reduce((a, x, i) => a + x * (((n - 1 - i) % 8) + 2), 0);
    const r = sum % 11;
    return r < 2 ? 0 : 11 - r;
  };
  return check(12) === v[12] && check(13) === v[13] ? null : 'the CNPJ\'s check digits are wrong';
}
