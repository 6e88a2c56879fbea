// A plan's schedule as a call says it, payment by payment: each amount and date in words, a long plan's first five and
// then how many more and the last one's date ("and seven more payments, the last on Saturday, December twelfth").
import type { CalendarDate, Money } from '../domain/index.ts';
import { numberWords, spokenDate, spokenMoney } from './spoken.ts';
import type { Language } from './types.ts';

/** A plan of up to this many payments is read in full; a longer one reads its first READ_FIRST (a call's TwiML is at most 4,000 characters). */
export const READ_IN_FULL = 6;
export const READ_FIRST = 5;

/** Portuguese counts parcelas in the feminine: "uma", "duas", "vinte e duas". */
const feminine = (words: string) => words.replace(/(^| )um$/, '$1uma').replace(/(^| )dois$/, '$1duas');

/** "four", "cuatro", "quatro": a count of the plan's payments in words (pt-BR feminine, for parcelas). */
export function spokenCount(n: number, language: Language): string {
  return language === 'pt-BR' ? feminine(numberWords(n, language)) : numberWords(n, language, true);
}

/** "on Friday, March twenty-seventh", "el viernes veintisiete de marzo", "na sexta-feira, vinte e sete de março" ("no sábado"). */
function onDay(day: CalendarDate, language: Language, today: CalendarDate): string {
  const said = spokenDate(day, language, today);
  if (language === 'en') return `on ${said}`;
  if (language === 'es') return `el ${said}`;
  return `${/^(sábado|domingo)/.test(said) ? 'no' : 'na'} ${said}`;
}

const AND: Readonly<Record<Language, string>> = { en: 'and', es: 'y', 'pt-BR': 'e' };

/** "and seven more payments, the last on ...", "y siete pagos más, el último el ...", "e mais sete parcelas, a última na ...". */
function more(n: number, last: CalendarDate, language: Language, today: CalendarDate): string {
  const count = spokenCount(n, language);
  const on = onDay(last, language, today);
  if (language === 'en') return `and ${count} more payments, the last ${on}`;
  if (language === 'es') return `y ${count} pagos más, el último ${on}`;
  return `e mais ${count} parcelas, a última ${on}`;
}

/**
 * The schedule spoken: "four hundred thirty dollars and fifty cents on Thursday, March twelfth; ...; and four hundred forty
 * dollars on Friday, June twelfth". Dates are the plan's calendar dates; `today` (the debtor's own) decides whether a year is said.
 */
export function spokenSchedule(instalments: readonly { amount: Money; dueDate: CalendarDate }[], language: Language, today: CalendarDate): string {
  const item = (i: { amount: Money; dueDate: CalendarDate }) => `${spokenMoney(i.amount, language)} ${onDay(i.dueDate, language, today)}`;
  const last = instalments[instalments.length - 1];
  if (!last) return '';
  if (instalments.length === 1) return item(last);
  if (instalments.length <= READ_IN_FULL) {
    return `${instalments.slice(0, -1).map(item).join('; ')}; ${AND[language]} ${item(last)}`;
  }
  const read = instalments.slice(0, READ_FIRST).map(item).join('; ');
  return `${read}; ${more(instalments.length - READ_FIRST, last.dueDate, language, today)}`;
}
