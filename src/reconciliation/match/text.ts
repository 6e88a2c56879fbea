// Reading references out of payers' text: OCR-like confusions, spaces, prefixes and leading zeros tolerated.
import { HASH_START, hashChar, hashOn } from './key-hashes.ts';

/** Letters that scanners and people type for digits, fixed only next to a digit. */
const CONFUSABLE: Readonly<Record<string, string>> = { O: '0', Q: '0', I: '1', L: '1', S: '5', B: '8', Z: '2' };

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Whether a character code is one of the letters of CONFUSABLE (upper case). */
const isConfusable = (c: number): boolean => c === 79 || c === 81 || c === 73 || c === 76 || c === 83 || c === 66 || c === 90;

/** Upper-cases a token and turns confusable letters that touch a digit into that digit, until nothing changes. */
export function fixOcr(token: string): string {
  const upper = token.toUpperCase();
  // most tokens are words without a digit or numbers without a letter: nothing to fix
  let digit = false;
  let confusable = false;
  for (let i = 0; i < upper.length; i++) {
    const c = upper.charCodeAt(i);
    if (c >= 48 && c <= 57) digit = true; else if (isConfusable(c)) confusable = true;
  }
  if (!digit || !confusable) return upper;
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

/** Splits text on anything that is not a letter or digit, and fixes each token (one pass, no list but the tokens made). */
export function tokens(text: string): string[] {
  return tokensInto(text, []);
}

/** `tokens` into a list given (emptied first): a caller reading many texts one after another reuses one list. */
function tokensInto(text: string, out: string[]): string[] {
  const t = withoutAccents(text);
  out.length = 0;
  let start = -1;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) { if (start < 0) start = i; } else if (start >= 0) {
      out.push(fixOcr(t.slice(start, i)));
      start = -1;
    }
  }
  if (start >= 0) out.push(fixOcr(start ? t.slice(start) : t));
  return out;
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

/**
 * Every key found in the texts of a line: windows of one to four consecutive tokens. Not remembered: a batch keeps the few
 * keys of each line that can find an invoice (`MatchIndex.lineKeys`), and keeping every line's fifty keys alive until the
 * next batch cost more in garbage collection (copied as survivors, then promoted) than working them out again.
 */
export function textKeys(texts: (string | null)[], structured: string | null): Set<string> {
  const keys = new Set<string>();
  const all = [...texts, ...(structured ? referenceVariants(structured) : [])];
  for (const text of all) {
    if (!text) continue;
    const t = tokens(text);
    if (!t.length) continue;
    const pieces = new TokenPieces(t);
    for (let i = 0; i < t.length; i++) {
      // the rules of `JoinedKeys`, a token's piece at a time (each token worked out once per state it can be read in)
      let alnum = '';
      let digits = '';
      let state: RunState = OUT;
      for (let w = 1; w <= 4 && i + w <= t.length; w++) {
        const at = i + w - 1;
        alnum += pieces.alnum(at, state);
        state = pieces.after[3 * at + state] as RunState;
        digits += digits ? pieces.digits[at]! : pieces.significant[at]!;
        if (!digits) continue;
        const a = state === ZEROS ? `${alnum}0` : alnum;
        if (a.length >= 3) keys.add(`a:${a}`);
        if (digits.length >= 4) keys.add(`d:${digits}`);
      }
    }
  }
  return keys;
}

/** Stored reference keys: their hashes (`hashOn` from `HASH_START`, as bits that may say yes wrongly) and the keys themselves. */
export interface HeldKeys { mayHold(hash: number): boolean; has(key: string): boolean }

const HASH_A = hashOn(HASH_START, 'a:');
const HASH_D = hashOn(HASH_START, 'd:');

/**
 * The keys of `textKeys(texts, structured)` that `held` has, in that order: each window's keys hashed as its pieces are
 * read, and made into a string (and looked up) only when the hash may be held.
 */
export function heldTextKeys(texts: (string | null)[], structured: string | null, held: HeldKeys): string[] {
  const out: string[] = [];
  const all = structured ? [...texts, ...referenceVariants(structured)] : texts;
  // the window's pieces: letters and digits, and digits, of each token read
  const alnums = WINDOW_ALNUMS;
  const digitParts = WINDOW_DIGITS;
  for (const text of all) {
    if (!text) continue;
    const t = tokensInto(text, TEXT_TOKENS);
    if (!t.length) continue;
    const pieces = TEXT_PIECES.readTokens(t);
    for (let i = 0; i < t.length; i++) {
      let hA = HASH_A;
      let hD = HASH_D;
      let aLength = 0;
      let dLength = 0;
      let state: RunState = OUT;
      for (let w = 1; w <= 4 && i + w <= t.length; w++) {
        const at = i + w - 1;
        const a = pieces.alnum(at, state);
        alnums[w - 1] = a;
        hA = hashOn(hA, a);
        aLength += a.length;
        state = pieces.after[3 * at + state] as RunState;
        const d = dLength ? pieces.digits[at]! : pieces.significant[at]!;
        digitParts[w - 1] = d;
        hD = hashOn(hD, d);
        dLength += d.length;
        if (!dLength) continue;
        const zero = state === ZEROS;
        if (aLength + (zero ? 1 : 0) >= 3 && held.mayHold(zero ? hashChar(hA, 48) : hA)) {
          let k = 'a:';
          for (let j = 0; j < w; j++) k += alnums[j];
          if (zero) k += '0';
          if (held.has(k) && !out.includes(k)) out.push(k);
        }
        if (dLength >= 4 && held.mayHold(hD)) {
          let k = 'd:';
          for (let j = 0; j < w; j++) k += digitParts[j];
          if (held.has(k) && !out.includes(k)) out.push(k);
        }
      }
    }
  }
  return out;
}

/**
 * What `heldTextKeys` reads a text with, made once and used again for every text (it calls nothing that uses them in turn):
 * a line's texts made no lists of their own but the keys found.
 */
const WINDOW_ALNUMS: string[] = ['', '', '', ''];
const WINDOW_DIGITS: string[] = ['', '', '', ''];
const TEXT_TOKENS: string[] = [];

/** A token's digits, in order (the token itself when it is all digits). */
function digitsOf(token: string): string {
  let out = '';
  let from = -1;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 48 && c <= 57) { if (from < 0) from = i; } else if (from >= 0) { out += token.slice(from, i); from = -1; }
  }
  if (from === 0) return token;
  return from > 0 ? out + token.slice(from) : out;
}

/** Where a run of joined tokens stands after a token: outside a digit run, in one of zeros only so far, in one past them. */
const OUT = 0;
const ZEROS = 1;
const DIGITS = 2;
type RunState = typeof OUT | typeof ZEROS | typeof DIGITS;

/** What each token of a text adds to the keys of a run of tokens (`JoinedKeys`), by the state the run is in before it. */
class TokenPieces {
  /** Each token's digits; and without leading zeros, for a run with no digit yet. */
  readonly digits: string[] = [];
  readonly significant: string[] = [];
  /** Token `i` read in state `s`: its letters and digits at `3 * i + s`, and the state it leaves (set by `alnum`). */
  readonly after: number[] = [];
  private readonly pieces: (string | undefined)[] = [];
  private tokens: string[] = [];

  constructor(tokens?: string[]) {
    if (tokens) this.readTokens(tokens);
  }

  /** Starts over with these tokens (the lists kept, their first entries written again). */
  readTokens(tokens: string[]): this {
    this.tokens = tokens;
    const n = tokens.length;
    for (let t = 0; t < n; t++) {
      const d = digitsOf(tokens[t]!);
      this.digits[t] = d;
      let z = 0;
      while (z < d.length && d.charCodeAt(z) === 48) z += 1;
      this.significant[t] = z ? d.slice(z) : d;
    }
    for (let i = 0; i < 3 * n; i++) { this.after[i] = OUT; this.pieces[i] = undefined; }
    return this;
  }

  /** The letters and digits token `at` adds after a run in `state` (the state it leaves in `after`). */
  alnum(at: number, state: RunState): string {
    const known = this.pieces[3 * at + state];
    if (known !== undefined) return known;
    const token = this.tokens[at]!;
    // the token copied a stretch at a time (`from`: where the stretch not copied yet starts); itself when nothing changes
    let out = '';
    let from = 0;
    let changed = false;
    let inRun = state !== OUT;
    let zeros = state === ZEROS ? 1 : state === DIGITS ? -1 : 0;
    for (let i = 0; i < token.length; i++) {
      const c = token.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        if (!inRun) { inRun = true; zeros = 0; }
        if (c === 48 && zeros >= 0) {
          // a leading zero of the run: left out
          if (i > from) out += token.slice(from, i);
          from = i + 1;
          changed = true;
          zeros += 1;
          continue;
        }
        zeros = -1;
      } else {
        if (inRun && zeros > 0) { if (i > from) out += token.slice(from, i); out += '0'; from = i; changed = true; }
        inRun = false;
      }
    }
    out = !changed ? token : from < token.length ? out + token.slice(from) : out;
    this.pieces[3 * at + state] = out;
    this.after[3 * at + state] = !inRun ? OUT : zeros > 0 ? ZEROS : DIGITS;
    return out;
  }
}

/** The pieces `heldTextKeys` reads each text's tokens with (one, used again). */
const TEXT_PIECES = new TokenPieces();

/** A bank account as compared: IBAN or number without spaces and punctuation, upper case. */
export function normaliseAccount(account: string | null): string | null {
  if (!account) return null;
  const upper = account.toUpperCase();
  // most accounts are written compact already: the expression only for one that is not (read several times per line)
  let compact = true;
  for (let i = 0; i < upper.length && compact; i++) {
    const c = upper.charCodeAt(i);
    compact = (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  }
  const s = compact ? upper : upper.replace(/[^A-Z0-9]/g, '');
  return s.length >= 5 ? s : null;
}

/** The invoice's number as written, compact and upper case: every invoice has this key, so its rows mark it as indexed. */
export const numberKey = (number: string): string => `n:${number.normalize('NFKC').toUpperCase().replace(/\s+/g, '')}`;

/** Every key an invoice is stored under in the reference index. */
export function storedInvoiceKeys(number: string): string[] {
  return [numberKey(number), ...invoiceKeys(number)];
}
