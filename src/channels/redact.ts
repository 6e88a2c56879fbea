// PCI-1: card numbers typed into replies are removed before anything is stored or logged (a Luhn check spares other numbers).

/**
 * 13 to 19 digits starting as card numbers do (2 to 6), each pair optionally split by one space or dash (form-encoded:
 * '+' or %20); never right after the plus of an E.164 phone number ('+', form-encoded %2B).
 */
const TEXT = /(?<![0-9+])[2-6](?:[ -]?[0-9]){12,18}(?![0-9])/g;
const FORM = /(?<![0-9]|%2B)[2-6](?:(?:-|%20|\+)?[0-9]){12,18}(?![0-9])/gi;

export const CARD_REDACTION = '[card number removed]';

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

/** The text with every Luhn-valid card number replaced; raw bodies go through it too (`formEncoded` for form bodies). */
export function redactCardNumbers(text: string, opts: { formEncoded?: boolean } = {}): string {
  return text.replace(opts.formEncoded ? FORM : TEXT, (found) => {
    const digits = found.replace(/%20|[^0-9]/g, '');
    return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) ? CARD_REDACTION : found;
  });
}
