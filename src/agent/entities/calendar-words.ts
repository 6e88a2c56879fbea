// Names of weekdays and months in English, Spanish and Portuguese (folded: lower case, no accents), as regex alternations.

/** Full weekday names and their ISO number (1 = Monday). Portuguese ordinals need "feira" or a cue: see `WEEKDAY`. */
const WEEKDAY_NAMES: ReadonlyArray<[string, number]> = [
  ['monday', 1], ['tuesday', 2], ['wednesday', 3], ['thursday', 4], ['friday', 5], ['saturday', 6], ['sunday', 7],
  ['tues', 2], ['weds', 3], ['thurs', 4], ['thur', 4], ['fri', 5],
  ['lunes', 1], ['martes', 2], ['miercoles', 3], ['jueves', 4], ['viernes', 5], ['sabado', 6], ['domingo', 7],
  ['segunda', 1], ['terca', 2], ['quarta', 3], ['quinta', 4], ['sexta', 5],
];

/** English short forms that are also words ("sun", "sat", "wed"): read only after "on", "this", "next", "by", "last". */
const WEEKDAY_SHORT: ReadonlyArray<[string, number]> = [['mon', 1], ['tue', 2], ['wed', 3], ['thu', 4], ['sat', 6], ['sun', 7]];
export const WEEKDAY_SHORT_CUED = `(?:${WEEKDAY_SHORT.map(([n]) => n).join('|')})`;

const WEEKDAY_INDEX = new Map([...WEEKDAY_NAMES, ...WEEKDAY_SHORT]);

/**
 * A weekday: "viernes", "friday", "sexta feira", "sexta". A Portuguese ordinal alone is also "second", "fifth",
 * "sixth" ("segunda via do boleto", "quinta parcela"), so it is refused when a counted noun follows.
 */
export const WEEKDAY = `(?:${WEEKDAY_NAMES.map(([n]) => n).sort((a, b) => b.length - a.length).join('|')})`
  + '(?: feira| f)?(?! (?:via|vias|parcela|parcelas|vez|prestacao|cota|opcao|etapa|mensalidade|fatura|boleto)\\b)';

/** ISO weekday of a matched weekday phrase ("sexta feira" -> 5). */
export function weekdayNumber(phrase: string): number {
  const first = phrase.split(' ')[0] ?? '';
  const n = WEEKDAY_INDEX.get(first);
  if (n === undefined) throw new Error(`not a weekday: ${phrase}`);
  return n;
}

const MONTH_NAMES: ReadonlyArray<[string, number]> = [
  ['january', 1], ['february', 2], ['march', 3], ['april', 4], ['may', 5], ['june', 6], ['july', 7], ['august', 8],
  ['september', 9], ['october', 10], ['november', 11], ['december', 12],
  ['enero', 1], ['febrero', 2], ['marzo', 3], ['abril', 4], ['mayo', 5], ['junio', 6], ['julio', 7], ['agosto', 8],
  ['septiembre', 9], ['setiembre', 9], ['octubre', 10], ['noviembre', 11], ['diciembre', 12],
  ['janeiro', 1], ['fevereiro', 2], ['marco', 3], ['maio', 5], ['junho', 6], ['julho', 7], ['setembro', 9], ['outubro', 10],
  ['novembro', 11], ['dezembro', 12],
];
/** Short forms, read only next to a day number ("dec 3", "3 dic", "10 out"): alone they are ordinary words. */
const MONTH_SHORT: ReadonlyArray<[string, number]> = [
  ['jan', 1], ['feb', 2], ['mar', 3], ['apr', 4], ['jun', 6], ['jul', 7], ['aug', 8], ['sep', 9], ['sept', 9], ['oct', 10],
  ['nov', 11], ['dec', 12], ['ene', 1], ['abr', 4], ['ago', 8], ['set', 9], ['dic', 12], ['fev', 2], ['mai', 5], ['out', 10], ['dez', 12],
];
const MONTH_INDEX = new Map([...MONTH_NAMES, ...MONTH_SHORT]);

const alternation = (names: ReadonlyArray<[string, number]>) => names.map(([n]) => n).sort((a, b) => b.length - a.length).join('|');

/** Full month names except English "may" (a verb) and "marco" (March folded, and Spanish "I dial"), read only with a cue. */
export const MONTH_ALONE = `(?:${alternation(MONTH_NAMES.filter(([n]) => n !== 'may' && n !== 'marco'))})`;
/** Any month name or short form, for use next to a day number. */
export const MONTH = `(?:${alternation([...MONTH_NAMES, ...MONTH_SHORT])})`;

export function monthNumber(name: string): number {
  const n = MONTH_INDEX.get(name);
  if (n === undefined) throw new Error(`not a month: ${name}`);
  return n;
}
