// Fuzzy comparison of payer names with customer names: accents, case, word order and legal forms do not matter.
import { withoutAccents } from './text.ts';

const LEGAL_FORMS = new Set(['gmbh', 'bv', 'nv', 'ltd', 'llc', 'inc', 'sa', 'sl', 'sas', 'srl', 'ag', 'co', 'corp', 'cv',
  'de', 'ltda', 'spa', 'plc', 'kg', 'oy', 'ab', 'as', 'sarl', 'limited', 'company', 'the', 'mr', 'mrs', 'hr', 'fr']);

/** Words at least this long find customers by name; shorter ones tell customers apart too poorly. */
export const MIN_WORD = 3;

/** Memoises a pure function of a string; the cache is emptied when it grows past `max` (matching sees the same names again and again). */
function memo<V>(fn: (s: string) => V, max = 30_000): (s: string) => V {
  const cache = new Map<string, V>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size >= max) cache.clear();
      v = fn(s);
      cache.set(s, v);
    }
    return v;
  };
}

/** Lower case, no accents, no punctuation, no legal forms or titles; words sorted. Do not change the returned array. */
export const nameWords = memo((name: string): string[] => {
  const words = lowerWords(withoutAccents(name).toLowerCase());
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) if (!LEGAL_FORMS.has(words[i]!)) kept.push(words[i]!);
  return (kept.length ? kept : words).sort();
});

const isLowerLetter = (c: number): boolean => c >= 97 && c <= 122;
const isAlnum = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
/** What `\b` takes for a word character (upper case letters aside: the text is lower case). */
const isWordChar = (c: number): boolean => isAlnum(c) || c === 95;

/**
 * The runs of `[a-z0-9]` of a lower-case text, the dot of an initial followed by another (`s.a.`: `\b[a-z]\.` before
 * `[a-z]\.`) dropped so the initials make one word: what `.replace(/\b([a-z])\.(?=[a-z]\.)/g, '$1')
 * .replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean)` gives, in one pass (every payer name of a batch is read).
 */
function lowerWords(t: string): string[] {
  const out: string[] = [];
  const n = t.length;
  // the word so far: `head` (pieces before dropped dots) and the run from `start`
  let head = '';
  let start = -1;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (isAlnum(c)) { if (start < 0) start = i; continue; }
    if (c === 46 && i >= 1 && i + 2 < n && isLowerLetter(t.charCodeAt(i - 1)) && (i === 1 || !isWordChar(t.charCodeAt(i - 2)))
      && isLowerLetter(t.charCodeAt(i + 1)) && t.charCodeAt(i + 2) === 46) {
      head += t.slice(start, i);
      start = i + 1;
      continue;
    }
    if (start >= 0) { out.push(head + t.slice(start, i)); head = ''; start = -1; }
  }
  if (start >= 0) out.push(head + t.slice(start));
  return out;
}

/** The words a name is found by: those long enough to tell customers apart. Do not change the returned array. */
export const findingWords = memo((name: string): string[] => [...new Set(nameWords(name).filter((w) => w.length >= MIN_WORD))]);

/** A pair of a name's words as one token (`barez+maria`), to find customers whose every word is common. */
export const pairToken = (a: string, b: string): string => (a < b ? `${a}+${b}` : `${b}+${a}`);

/** A customer's name is indexed under the pairs of this many of its finding words (the first). */
export const PAIRED_WORDS = 6;

/** The words and word pairs a customer's name is indexed under (pairs of its first six finding words). */
export function indexedTokens(name: string): string[] {
  const words = findingWords(name);
  const out = [...words];
  const few = words.slice(0, PAIRED_WORDS);
  for (let i = 0; i < few.length; i++) for (let j = i + 1; j < few.length; j++) out.push(pairToken(few[i]!, few[j]!));
  return out;
}

const joined = memo((name: string): string => nameWords(name).join(' '));

export function normaliseName(name: string | null): string | null {
  if (!name) return null;
  return joined(name) || null;
}

/** A string's character bigrams as sorted numbers, so two of them are compared by one merge. */
function gramsOf(s: string): Int32Array {
  const out = new Int32Array(Math.max(0, s.length - 1));
  for (let i = 0; i < s.length - 1; i++) out[i] = s.charCodeAt(i) * 65_536 + s.charCodeAt(i + 1);
  return out.sort();
}

const bigrams = memo(gramsOf, 100_000);

/** Dice of two strings whose bigrams are given. */
function diceOf(a: string, ga: Int32Array, b: string, gb: Int32Array): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  let common = 0;
  for (let i = 0, j = 0; i < ga.length && j < gb.length;) {
    const x = ga[i]!;
    const y = gb[j]!;
    if (x === y) { common += 1; i += 1; j += 1; } else if (x < y) i += 1; else j += 1;
  }
  return (2 * common) / (a.length - 1 + b.length - 1);
}

/** Sørensen-Dice similarity of character bigrams, 0..1. */
export function dice(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  return diceOf(a, bigrams(a), b, bigrams(b));
}

/** The words of a normalised name, split once. */
const splitKey = memo((key: string): string[] => key.split(' '), 100_000);

/** The words of an already normalised name (what `normaliseName` returns, or the stored key of a customer's name); do not change the array. */
export const keyWords = (key: string | null): string[] => (key ? splitKey(key) : []);

/** How alike two names are, 0..1: the better of whole-name bigram similarity and word-by-word agreement. */
export function nameSimilarity(a: string, b: string): number {
  return keySimilarity(joined(a), joined(b));
}

/** A normalised name split into its words, with the bigrams of each word and of the whole, worked out once per name. */
export interface KeyShape {
  words: string[];
  /**
   * The bigrams of the whole name, then of each word, each sorted, in one list (one typed array per name, not one per word:
   * every payer name of a run is shaped once, cold): the whole's are `[0, ends[0])`, word `i`'s `[ends[i], ends[i + 1])`.
   */
  grams: Int32Array;
  ends: number[];
}
const shapeOf = memo((key: string): KeyShape => {
  const words = splitKey(key);
  // a string of n characters has n - 1 bigrams
  let size = Math.max(0, key.length - 1);
  for (let i = 0; i < words.length; i++) size += Math.max(0, words[i]!.length - 1);
  const grams = new Int32Array(size);
  const ends: number[] = [];
  let at = gramsInto(key, grams, 0);
  ends.push(at);
  for (let i = 0; i < words.length; i++) { at = gramsInto(words[i]!, grams, at); ends.push(at); }
  return { words, grams, ends };
}, 100_000);

/** Writes a string's bigrams into `out` from `at`, sorted; returns where they end. */
function gramsInto(s: string, out: Int32Array, at: number): number {
  const from = at;
  for (let i = 0; i < s.length - 1; i++) {
    // as an Int32Array holds it (and sorts it): wrapped to 32 bits
    const g = (s.charCodeAt(i) * 65_536 + s.charCodeAt(i + 1)) | 0;
    // insertion: a word's bigrams are few
    let j = at++;
    while (j > from && out[j - 1]! > g) { out[j] = out[j - 1]!; j -= 1; }
    out[j] = g;
  }
  return at;
}

/** `diceOf` of two strings whose sorted bigrams are `ga[a0, a1)` and `gb[b0, b1)`. */
function diceIn(a: string, ga: Int32Array, a0: number, a1: number, b: string, gb: Int32Array, b0: number, b1: number): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  let common = 0;
  for (let i = a0, j = b0; i < a1 && j < b1;) {
    const x = ga[i]!;
    const y = gb[j]!;
    if (x === y) { common += 1; i += 1; j += 1; } else if (x < y) i += 1; else j += 1;
  }
  return (2 * common) / (a.length - 1 + b.length - 1);
}

/** Works out (and keeps) what comparing a normalised name needs, ahead of the comparisons (a copy's customers as read). */
export function nameShape(key: string): void {
  if (key) shapeOf(key);
}

/** What comparing this normalised name needs (null for ''): a caller comparing one name often keeps it, saving the lookup. */
export const keyShape = (key: string): KeyShape | null => (key ? shapeOf(key) : null);

/**
 * `nameSimilarity` of two normalised names (word lists joined by one space). With `atLeast`, a pair that cannot reach it
 * gives 0: by the lengths alone without being compared, or as soon as the words left cannot lift it that high.
 */
export function keySimilarity(ja: string, jb: string, atLeast = 0): number {
  if (!ja || !jb) return 0;
  return similarityOf(ja, shapeOf(ja), jb, shapeOf(jb), atLeast);
}

/** `keySimilarity(ja, jb, atLeast)` for one `ja` and many `jb`: the first name's shape looked up once. */
export function keySimilarityTo(ja: string, atLeast = 0): (jb: string) => number {
  const sa = ja ? shapeOf(ja) : null;
  return (jb) => (sa && jb ? similarityOf(ja, sa, jb, shapeOf(jb), atLeast) : 0);
}

/** `keySimilarity(ja, jb, atLeast)` of names whose shapes the caller holds (`keyShape`; null, for '', gives 0): no closure made per payer. */
export function shapeSimilarity(ja: string, sa: KeyShape | null, jb: string, sb: KeyShape | null, atLeast = 0): number {
  return sa && sb ? similarityOf(ja, sa, jb, sb, atLeast) : 0;
}

function similarityOf(ja: string, sa: KeyShape, jb: string, sb: KeyShape, atLeast: number): number {
  // no arrays made to swap or pair these: this runs for every customer a payer's name is compared with
  const aShort = sa.words.length <= sb.words.length;
  const short = aShort ? sa : sb;
  const long = aShort ? sb : sa;
  const nShort = short.words.length;
  const nLong = long.words.length;
  // bigrams shared are at most the fewer of the two; each word's best partner at most 1
  const ga = ja.length - 1;
  const gb = jb.length - 1;
  if (atLeast > 0 && ja !== jb && (2 * Math.min(ga, gb)) / (ga + gb) < atLeast && nShort / nLong < atLeast) return 0;
  const whole = diceIn(ja, sa.grams, 0, sa.ends[0]!, jb, sb.grams, 0, sb.ends[0]!);
  // below this the word-by-word agreement cannot decide (a hair under `atLeast`, so rounding never drops a pair that reaches it)
  const needed = atLeast > 0 && whole < atLeast ? (atLeast - 1e-9) * nLong : -1;
  // each word of the shorter name finds its best partner in the longer one
  let sum = 0;
  for (let i = 0; i < nShort; i++) {
    const w = short.words[i]!;
    const g0 = short.ends[i]!;
    const g1 = short.ends[i + 1]!;
    let best = 0;
    for (let j = 0; j < nLong; j++) {
      const d = diceIn(w, short.grams, g0, g1, long.words[j]!, long.grams, long.ends[j]!, long.ends[j + 1]!);
      if (d > best) best = d;
      if (best === 1) break;
    }
    sum += best;
    if (sum + (nShort - 1 - i) < needed) return 0;
  }
  return Math.max(whole, sum / nLong);
}
