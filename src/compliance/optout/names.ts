// Whether the name in "no soy X" / "I'm not X" / "não sou X" is the debtor's. "No soy Juan" from the number of Juan Pérez is a
// wrong party (someone else has Juan's number); "no soy Pedro" to María's number does not say María's number is wrong (a
// reply about someone else, a shared phone, a message meant for another chat), so a person looks before anything stops.
import { editDistance } from './fuzzy.ts';
import { normaliseText } from './text.ts';

/** Words of a name that name no one: particles, titles and company forms. */
const NOT_NAMES: ReadonlySet<string> = new Set([
  'de', 'del', 'la', 'las', 'los', 'da', 'das', 'do', 'dos', 'e', 'y', 'van', 'von', 'der', 'di', 'le', 'el', 'o', 'a', 'mr', 'mrs', 'ms', 'dr', 'dra',
  'sr', 'sra', 'srta', 'don', 'dona', 'senor', 'senora', 'senhor', 'senhora', 'sa', 'cv', 'sas', 'ltda', 'me', 'eireli', 'inc', 'llc', 'ltd', 'spa', 'srl',
  'sc', 'sapi', 'and', 'the', 'jr', 'sr', 'filho', 'neto', 'junior',
]);

/** The words of the names a debtor is known by (customer name, contact name), folded: "María José Pérez" -> maria, jose, perez. */
export function nameWords(names: readonly string[]): Set<string> {
  return new Set(names.flatMap((n) => normaliseText(n).split(' ')).filter((w) => w.length >= 2 && !/\d/.test(w) && !NOT_NAMES.has(w)));
}

/**
 * Whether the name claimed (folded words, "juan" or "juan perez") names the debtor: a word of it is one of the debtor's first
 * names or surnames, exactly or, from five letters on, within one slip ("Gonzales" for González).
 */
export function namesDebtor(claimed: readonly string[], debtor: ReadonlySet<string>): boolean {
  return claimed.some((c) => debtor.has(c) || (c.length >= 5 && [...debtor].some((d) => d.length >= 5 && editDistance(c, d, 1) <= 1)));
}
