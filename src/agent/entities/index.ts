// All the entities of one message: instalments first, then dates, then amounts, none reading a phrase another used.
import type { CalendarDate } from '../../domain/index.ts';
import { numeralise } from '../numbers.ts';
import type { AgentLanguage, Entities, Tense } from '../types.ts';
import { extractAmounts } from './amounts.ts';
import { extractDates, tenseOf } from './dates.ts';
import { extractInstalments } from './instalments.ts';
import { Spans } from './spans.ts';

export { extractAmounts } from './amounts.ts';
export { extractDates, tenseOf, debtorToday } from './dates.ts';
export { extractInstalments } from './instalments.ts';

/** Entities of a normalised message, with its tense (which the intent model reads too). */
export function readEntities(normalised: string, language: AgentLanguage, today: CalendarDate, currency?: string): { entities: Entities; tense: Tense } {
  const text = numeralise(normalised === '' ? [] : normalised.split(' '), language).join(' ');
  const taken = new Spans(text.length);
  // Instalments and amounts always hold a digit once number words are digits.
  const digits = /\d/.test(text);
  const instalments = digits ? extractInstalments(text, taken) : [];
  const dates = extractDates(text, today, language, taken);
  const amounts = digits ? extractAmounts(text, currency, taken) : [];
  return { entities: { dates, amounts, instalments }, tense: tenseOf(text) };
}
