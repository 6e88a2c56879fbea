// Reading references out of payers' text: OCR-like confusions, spaces, prefixes and leading zeros tolerated.

/** Letters that scanners and people type for digits, fixed only next to a digit. */
const CONFUSABLE: Readonly<Record<string, string>> = { O: '0', Q: '0', I: '1', L: '1', S: '5', B: '8', Z: '2' };

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Upper-cases a token and turns confusable letters that touch a digit into that digit, until nothing changes. */
export function fixOcr(token: string): string {
  const upper = token.toUpperCase();
  // most tokens are words without a digit or numbers without a letter: nothing to fix
  if (!/\d/.test(upper) || !/[OQILSBZ]/.test(upper)) return upper;
  const chars = upper.split('');
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < chars.length; i++) {
      const to = CONFUSABLE[chars[i]!];
      if (to && (isDigit(chars[i - 1]) || isDigit(chars[i + 1]))) { chars[i] = to; changed = true; }
    }
  }
  return chars.join('');
}

/** Splits text on anything that is not a letter or digit, and fixes each token. */
export function tokens(text: string): string[] {
  return withoutAccents(text).split(/[^A-Za-z0-9]+/).filter(Boolean).map(fixOcr);
}

/** The text decomposed with its accents dropped; ASCII text (most of it) as it is, which decomposing would not change. */
export function withoutAccents(text: string): string {
  return /^[\x00-\x7f]*$/.test(text) ? text : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * The keys of tokens joined (upper-case letters and digits, as `tokens` gives them), read token by token so the keys of
 * every longer window from the same start come from one pass: `a:` the letters and digits with the leading zeros of each
 * digit run dropped (one zero kept of a run of zeros), and `d:` its digits alone without leading zeros (so a prefix the
 * payer left out or added does not matter). Nothing without a digit other than zero; short keys are left out: they would
 * match too much. No regular expression: every window of every line's text goes through here.
 */
class JoinedKeys {
  private digits = '';
  private alnum = '';
  private zeros = 0;
  private inRun = false;

  /** Reads one more token onto the run. */
  push(token: string): void {
    for (let i = 0; i < token.length; i++) {
      const c = token.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        if (c !== 48 || this.digits.length) this.digits += token[i];
        if (!this.inRun) { this.inRun = true; this.zeros = 0; }
        // a run's leading zeros wait until a digit other than zero (dropped) or the run's end (one kept)
        if (c === 48 && this.zeros >= 0) { this.zeros += 1; continue; }
        this.zeros = -1;
        this.alnum += token[i];
      } else {
        if (this.inRun && this.zeros > 0) this.alnum += '0';
        this.inRun = false;
        this.alnum += token[i];
      }
    }
  }

  /** Adds the keys of the tokens read so far. */
  keys(into: { push(k: string): unknown } | Set<string>): void {
    if (this.digits.length === 0) return;
    const alnum = this.inRun && this.zeros > 0 ? `${this.alnum}0` : this.alnum;
    const add = (k: string) => { if (into instanceof Set) into.add(k); else into.push(k); };
    if (alnum.length >= 3) add(`a:${alnum}`);
    if (this.digits.length >= 4) add(`d:${this.digits}`);
  }
}

/**
 * The keys a run of tokens is known by: `a:` the letters and digits joined (leading zeros of digit runs dropped),
 * and `d:` its digits alone (so a prefix the payer left out or added does not matter). Short keys are left out:
 * they would match too much.
 */
export function keysOf(parts: string[]): string[] {
  const keys: string[] = [];
  const run = new JoinedKeys();
  run.push(parts.join(''));
  run.keys(keys);
  return keys;
}

/** The keys of an invoice number. */
export function invoiceKeys(number: string): string[] {
  return keysOf(tokens(number));
}

/** Extra readings of a structured reference: an ISO 11649 RF reference without RF and check digits; a Swiss QR/ISR reference without its check digit. */
function referenceVariants(ref: string): string[] {
  const compact = ref.replace(/\s+/g, '').toUpperCase();
  const out = [ref];
  const rf = /^RF\d\d(.+)$/.exec(compact);
  if (rf) out.push(rf[1]!);
  if (/^\d{27}$/.test(compact)) out.push(compact.slice(0, 26));
  return out;
}

const found = new Map<string, Set<string>>();

/** Every key found in the texts of a line: windows of one to four consecutive tokens (remembered: lines are read more than once; do not change the set). */
export function textKeys(texts: (string | null)[], structured: string | null): Set<string> {
  const id = `${texts.join('\u0001')}\u0002${structured ?? ''}`;
  const known = found.get(id);
  if (known) return known;
  const keys = new Set<string>();
  const all = [...texts, ...(structured ? referenceVariants(structured) : [])];
  for (const text of all) {
    if (!text) continue;
    const t = tokens(text);
    for (let i = 0; i < t.length; i++) {
      const run = new JoinedKeys();
      for (let w = 1; w <= 4 && i + w <= t.length; w++) { run.push(t[i + w - 1]!); run.keys(keys); }
    }
  }
  if (found.size >= 20_000) found.clear();
  found.set(id, keys);
  return keys;
}

/** A bank account as compared: IBAN or number without spaces and punctuation, upper case. */
export function normaliseAccount(account: string | null): string | null {
  if (!account) return null;
  const s = account.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return s.length >= 5 ? s : null;
}

/** The invoice's number as written, compact and upper case: every invoice has this key, so its rows mark it as indexed. */
export const numberKey = (number: string): string => `n:${number.normalize('NFKC').toUpperCase().replace(/\s+/g, '')}`;

/** Every key an invoice is stored under in the reference index. */
export function storedInvoiceKeys(number: string): string[] {
  return [numberKey(number), ...invoiceKeys(number)];
}
