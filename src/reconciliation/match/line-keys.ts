// A line's payer as the matcher looks it up (its account and name normalised, the words its name is found by), worked out
// once per line when it is read (`toMatchLine`, lines.ts): the batch's lookups, the payer evidence and the check of what
// changed all ask for it. A line made otherwise (tests, a caller's own) has them worked out when asked.
import { normaliseAccount } from './text.ts';
import { findingWords, normaliseName } from './names.ts';
import type { MatchLine } from './types.ts';

const NO_WORDS: readonly string[] = [];

/** `normaliseAccount` of the line's payer account. */
export const accountKeyOf = (l: MatchLine): string | null => (l.accountKey !== undefined ? l.accountKey : normaliseAccount(l.counterpartyAccount));

/** `normaliseName` of the line's payer name. */
export const nameKeyOf = (l: MatchLine): string | null => (l.nameKey !== undefined ? l.nameKey : normaliseName(l.counterpartyName));

/** `findingWords` of the line's payer name (none without one); do not change the list. */
export const nameWordsOf = (l: MatchLine): readonly string[] =>
  (l.nameWords !== undefined ? l.nameWords : l.counterpartyName ? findingWords(l.counterpartyName) : NO_WORDS);
