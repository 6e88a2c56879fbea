// Dates in a debtor's message ("el viernes", "next Friday", "dia 15", "fin de mes", "15/12"), resolved on their own calendar.
import { dateInZone, type CalendarDate } from '../../domain/index.ts';
import type { AgentLanguage, DateEntity, Tense } from '../types.ts';
import { DATE_PATTERNS } from './date-patterns.ts';
import { Spans } from './spans.ts';
import { readTense, tenseAround } from './tense.ts';

/** Every date phrase holds a digit or one of these words: a text with none is not read further (most are not). */
const TRIGGER = new RegExp('\\d|\\b(?:' + [
  'mon|tue|wed|thu|fri|sat|sun|lunes|martes|miercoles|jueves|viernes|sabado|domingo|segunda|terca|quarta|quinta|sexta',
  'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ene|abr|ago|set|dic|fev|mai|out|dez',
  'today|tonight|tomorrow|yesterday|hoy|manana|ayer|antier|anteayer|hoje|amanha|amanhan|ontem|anteontem|esta|this',
  'week|weekend|semana|finde|fds|month|mes|quincena|year|ano|end|fin|fines|finales|final|fim|principio|principios|inicio|inicios|comienzo',
  'comienzos|comeco|comecinho|inicinho|beginning|start|early|mediados|mitad|meados|metade|mid|middle|primero|primeiro|first|ago|hace|faz|ha|couple|par',
].join('|') + ')');

/** Whether the message speaks of what was done (a payment made) or of what will be: a bare "el viernes" resolves accordingly. */
export function tenseOf(normalised: string): Tense {
  return readTense(normalised).tense;
}

/** The debtor's today: the calendar date of `now` in their time zone. */
export function debtorToday(now: Date, timeZone: string): CalendarDate {
  return dateInZone(now, timeZone);
}

/**
 * Every date the text names, in the order written, resolved relative to `today` (the debtor's date). The text is the
 * normalised form with number words as digits. Phrases are tried most specific first; a phrase used by one is not read again.
 */
export function extractDates(text: string, today: CalendarDate, language: AgentLanguage, taken = new Spans(text.length)): DateEntity[] {
  if (!TRIGGER.test(text)) return [];
  const message = readTense(text);
  const found: Array<DateEntity & { at: number }> = [];
  for (const pattern of DATE_PATTERNS) {
    pattern.re.lastIndex = 0;
    for (let m = pattern.re.exec(text); m; m = pattern.re.exec(text)) {
      if (m[0].length === 0) { pattern.re.lastIndex++; continue; }
      if (!taken.free(m.index, m[0].length)) continue;
      if (pattern.after && !pattern.after(text.slice(0, m.index))) continue;
      const span = pattern.resolve(m, { today, language, ...tenseAround(text, m.index, m.index + m[0].length, message) });
      if (!span) continue;
      taken.take(m.index, m[0].length);
      found.push({ text: m[0].trim(), date: span.date, ...(span.until && span.until !== span.date ? { until: span.until } : {}), at: m.index });
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ at: _at, ...entity }) => entity);
}
