// The features the intent and language models read: words, word pairs, character n-grams and what the entity readers found.
// Intent features are hashed straight to integers (no strings are built): training and reading stay fast.
import type { Entities, Tense } from '../types.ts';

/** Features hash to 2^20 values: the corpus has about 45,000 distinct features, so almost none share one. */
export const FEATURE_BITS = 20;
const MASK = (1 << FEATURE_BITS) - 1;
const OFFSET = 2166136261;

const step = (h: number, code: number) => Math.imul(h ^ code, 16777619);
function hashString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = step(h, s.charCodeAt(i));
  return h;
}
/** Final mixing, so hashes spread evenly whatever the input. */
function slot(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h & MASK;
}
const tagged = (tag: string) => hashString(OFFSET, tag);
const T_WORD = tagged('w'), T_PAIR = tagged('b'), T_FIRST = tagged('f'), T_LAST = tagged('l'), T_GRAM = tagged('c'), T_SIGNAL = tagged('e');

/** Words with little to say about intent in any of the three languages; they still count inside word pairs and n-grams. */
const STOP = new Set(['a', 'o', 'e', 'y', 'de', 'da', 'do', 'la', 'el', 'los', 'las', 'the', 'and', 'of', 'to', 'um', 'uma', 'un', 'una', 'en', 'em', 'in']);

export interface EntitySignals {
  entities: Entities;
  tense: Tense;
  question: boolean;
}

/** Character 3- to 5-grams of the text padded with spaces, each hashed as it is read. */
function charGrams(text: string, out: number[]): void {
  const padded = ` ${text} `;
  for (let i = 0; i + 3 <= padded.length; i++) {
    let h = T_GRAM;
    for (let n = 1; n <= 5 && i + n <= padded.length; n++) {
      h = step(h, padded.charCodeAt(i + n - 1));
      if (n >= 3) out.push(slot(step(h, n)));
    }
  }
}

/** Hashed features of a normalised message for the intent model, distinct and sorted. */
export function intentFeatures(normalised: string, signals: EntitySignals): Int32Array {
  const words = normalised === '' ? [] : normalised.split(' ').map((w) => (/^\d/.test(w) ? '#' : w));
  const out: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!STOP.has(w)) out.push(slot(hashString(T_WORD, w)));
    if (i + 1 < words.length) out.push(slot(hashString(step(hashString(T_PAIR, w), 32), words[i + 1]!)));
  }
  if (words.length > 0) out.push(slot(hashString(T_FIRST, words[0]!)), slot(hashString(T_LAST, words[words.length - 1]!)));
  charGrams(normalised.replace(/\d+(?:[.,/:-]\d+)*/g, '#'), out);
  const { entities, tense, question } = signals;
  const signal = (name: string) => out.push(slot(hashString(T_SIGNAL, name)));
  if (entities.dates.length > 0) signal(`date_${tense}`);
  if (entities.amounts.length > 0) signal('amount');
  if (entities.instalments.length > 0) signal('instalments');
  if (question) signal('question');
  signal(words.length <= 1 ? 'len1' : words.length <= 3 ? 'len3' : words.length <= 8 ? 'len8' : 'long');
  const sorted = Int32Array.from(out).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i]!;
  return sorted.slice(0, n);
}

/** Letters only one of the languages writes. */
const MARKS: ReadonlyArray<[RegExp, string]> = [[/[ñ¿¡]/, 'm:es'], [/[ãõçêôâà]/, 'm:pt'], [/\b(?:ção|ções|ão|õe)/, 'm:pt2']];

/** Features of a message for the language model: its words, letter trigrams, and letters peculiar to one language. */
export function languageFeatures(raw: string, normalised: string): string[] {
  const out: string[] = [];
  const lower = raw.toLowerCase();
  for (const [re, name] of MARKS) if (re.test(lower)) out.push(name, name);
  for (const w of normalised.split(' ')) {
    if (!/^[a-z]{2,}$/.test(w) || w.startsWith('emoji')) continue;
    out.push(`w:${w}`);
    const padded = ` ${w} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.push(`c:${padded.slice(i, i + 3)}`);
  }
  return out;
}
