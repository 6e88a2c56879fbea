// The date phrases debtors write, most specific first, each with how it resolves on the debtor's calendar.
import { addDays, isValidDate, toCalendarDate, weekday, type CalendarDate } from '../../domain/index.ts';
import type { AgentLanguage, Tense } from '../types.ts';
import { MONTH, MONTH_ALONE, WEEKDAY, WEEKDAY_SHORT_CUED, monthNumber, weekdayNumber } from './calendar-words.ts';
import {
  addMonths, dayAndMonth, dayOf, dayOfMonth, lastDayOf, monthSpan, nearestWeekday, nextMonday, nextQuincena, parts,
  relativeMonthSpan, shiftMonth, weekendSpan, type Span,
} from './date-math.ts';

export interface DateContext {
  today: CalendarDate;
  tense: Tense;
  /** False when nothing in the message says past or future (a month alone then means the nearer one). */
  explicit: boolean;
  language: AgentLanguage;
}

export interface DatePattern {
  re: RegExp;
  resolve(m: RegExpExecArray, c: DateContext): Span | null;
  /** When given, the phrase counts only if the text before it passes ("in 10 days" is no date after "extend the term"). */
  after?: (before: string) => boolean;
}

const DAYNUM = '(\\d{1,2}|primero|primeiro|first)';
const ORD = '(?: (?:st|nd|rd|th|ro|er|ero))?';
/** A day number is not one when a unit, a currency or a time follows it ("15 %", "3 cuotas", "10 dias", "5 pm"). */
const NOT_UNIT = '(?! ?(?:%|por ciento|por cento|percent|pesos?|dolares|dollars?|bucks|reais|reales|real|euros?|usd|brl|mxn|eur|cop|ars|clp|pen|gbp|'
  + 'mil|thousand|cuotas?|parcelas?|pagos?|payments?|instal?ments?|instal?lments?|meses|mes|months?|semanas?|weeks?|dias|days?|horas?|hours?|hrs|hs|h|am|pm|'
  + 'x|vezes|veces|mensualidades|abonos|plazos|minutos|min|anos|years?|de la (?:manana|tarde|noche)|:|\\$)(?![a-z0-9]))';
const LEAD = '(?:(?:el|the|on|na|no|this|next|este|esta|proximo|proxima)\\ )?(?:' + WEEKDAY + ',?\\ )?';
const CUE = '(?:el dia|el|dia|no dia|on the|the|by the|until the|till the|before the|after the|hasta el dia|hasta el|antes del|para el dia|para el|'
  + 'pro dia|ate o dia|ate dia|a partir del|despues del|depois do dia|desde el|from the|do dia|del dia)';
const NEXT_MONTH = '(?:mes que viene|proximo mes|mes proximo|siguiente mes|otro mes|next month|mes que vem|mes seguinte)';

const day = (s: string): number => (/^\d+$/.test(s) ? Number(s) : 1);
const valid = (d: number) => d >= 1 && d <= 31;
const year = (s: string | undefined, today: CalendarDate): number | null => {
  if (!s) return null;
  return s.length === 2 ? Math.floor(parts(today).y / 100) * 100 + Number(s) : Number(s);
};
const exact = (y: number, m: number, d: number): Span | null => (isValidDate(y, m, d) ? { date: toCalendarDate(y, m, d) } : null);
const dayMonth = (c: DateContext, m: number, d: number, y: number | null): Span | null => {
  if (m < 1 || m > 12 || !valid(d)) return null;
  return y === null ? { date: dayAndMonth(c.today, m, d, c.tense) } : exact(y, m, d);
};
const shift = (c: DateContext, days: number): Span => ({ date: addDays(c.today, days) });
const UNIT_DAYS: Readonly<Record<string, number>> = { dia: 1, dias: 1, day: 1, days: 1, semana: 7, semanas: 7, week: 7, weeks: 7, quincena: 15, quincenas: 15 };
const UNIT_MONTHS: Readonly<Record<string, number>> = { ano: 12, anos: 12, year: 12, years: 12 };
const countOf = (s: string): number => (/^\d+$/.test(s) ? Number(s) : /par|couple/.test(s) ? 2 : 1);
const offset = (c: DateContext, n: number, unit: string, sign: 1 | -1): Span | null => {
  if (n <= 0 || n > 400) return null;
  const perDay = UNIT_DAYS[unit];
  return perDay ? shift(c, sign * n * perDay) : { date: addMonths(c.today, sign * n * (UNIT_MONTHS[unit] ?? 1)) };
};
const p = (source: string, resolve: DatePattern['resolve'], after?: DatePattern['after']): DatePattern =>
  ({ re: new RegExp(`\\b${source}\\b`, 'g'), resolve, ...(after ? { after } : {}) });
/** "extend the term by 10 days", "prorrogar 15 dias": a length of time counted from a due date we do not know, not a date. */
const notAnExtension = (before: string) => !/\b(?:extend|extender|estender|prorrogar|postpone|posponer|postergar|adiar|aplazar|recorrer|push|move|mover|delay|atrasar|extension|prorroga|prorrogacao)\w*(?: [a-z]+){0,3} ?$/.test(before);
const UNITS = '(dias?|days?|semanas?|weeks?|mes|meses|months?|quincenas?|anos?|years?)';

export const DATE_PATTERNS: readonly DatePattern[] = [
  p('(\\d{4})-(\\d{1,2})-(\\d{1,2})', (m) => exact(Number(m[1]), Number(m[2]), Number(m[3]))),
  p(`${LEAD}(\\d{1,2})[/-](\\d{1,2})(?:[/-](\\d{4}|\\d{2}))?`, (m, c) => {
    const a = Number(m[1]), b = Number(m[2]), y = year(m[3], c.today);
    if (c.language === 'en') return dayMonth(c, a, b, y) ?? dayMonth(c, b, a, y);
    return dayMonth(c, b, a, y);
  }),
  p(`${LEAD}(?:${CUE} )?${DAYNUM}${ORD} (?:de |of |del )?(${MONTH})(?:,? (?:de |del )?(\\d{4}))?`,
    (m, c) => dayMonth(c, monthNumber(m[2]!), day(m[1]!), year(m[3], c.today))),
  p(`${LEAD}(${MONTH}) (?:the )?(\\d{1,2})${ORD}(?:,? (\\d{4}))?${NOT_UNIT}`, (m, c) => dayMonth(c, monthNumber(m[1]!), Number(m[2]), year(m[3], c.today))),
  p(`(?:${CUE} )?${DAYNUM}${ORD} (?:of|de|del|do|deste|desse) (?:(este|this|next|proximo|siguiente|otro|el|the) )?(?:mes|month)(?: (que viene|que vem|entrante))?`,
    (m, c) => {
      const d = day(m[1]!);
      if (!valid(d)) return null;
      const t = parts(c.today);
      if (/next|proximo|siguiente|otro/.test(m[2] ?? '') || m[3]) { const n = shiftMonth(t.y, t.m, 1); return { date: dayOf(n.y, n.m, d) }; }
      if (/este|this/.test(m[2] ?? '') || /deste|desse/.test(m[0])) return { date: dayOf(t.y, t.m, d) };
      return { date: dayOfMonth(c.today, d, c.tense) };
    }),
  p(`(?:el |on |na |no )?${WEEKDAY},? (?:dia |el |the )?(\\d{1,2})${ORD}${NOT_UNIT}`, (m, c) => (valid(Number(m[1])) ? { date: dayOfMonth(c.today, Number(m[1]), c.tense) } : null)),
  p(`${CUE} ${DAYNUM}${ORD}${NOT_UNIT}(?! de (?!mes\\b|este\\b|cada\\b)[a-z])`, (m, c) => (valid(day(m[1]!)) ? { date: dayOfMonth(c.today, day(m[1]!), c.tense) } : null)),
  p(`(\\d{1,2}) (?:st|nd|rd|th)${NOT_UNIT}`, (m, c) => (valid(Number(m[1])) ? { date: dayOfMonth(c.today, Number(m[1]), c.tense) } : null)),
  p('(?:pasado manana|day after tomorrow|depois de amanha|after tomorrow)', (_m, c) => shift(c, 2)),
  p('(?:anteayer|antier|antes de ayer|antes de ontem|anteontem|day before yesterday)', (_m, c) => shift(c, -2)),
  p('(?:(?<!\\b(?:la|esta|una|cada|toda la|las|por la|en la|de la) )manana|tomorrow|amanha|amanhan)(?: (?:por la|en la|de) manana)?', (_m, c) => shift(c, 1)),
  p('(?:hoy mismo|hoy en la manana|hoy|today|hoje mesmo|hoje de manha|hoje cedo|hoje|tonight|esta noche|esta tarde|esta manana|this morning|this afternoon|'
    + 'this evening|later today|hoje a noite|hoje a tarde|el dia de hoy)',
    (_m, c) => shift(c, 0)),
  p('(?:ayer|yesterday|ontem)', (_m, c) => shift(c, -1)),
  p(`(?:en|dentro de|in|within|em|daqui a|daqui|de aqui a) (\\d+|a|an|1 par de|a couple of|a couple|couple of) ${UNITS}(?: (?:mas|more|from now|a partir de hoy|a partir de hoje))?`,
    (m, c) => offset(c, countOf(m[1]!), m[2]!, 1), notAnExtension),
  p(`(\\d+|a|a couple of) ${UNITS} from now`, (m, c) => offset(c, countOf(m[1]!), m[2]!, 1)),
  p(`(?:hace|ha|faz) (\\d+|1 par de) ${UNITS}`, (m, c) => offset(c, countOf(m[1]!), m[2]!, -1)),
  p(`(\\d+|a|a couple of) ${UNITS} ago`, (m, c) => offset(c, countOf(m[1]!), m[2]!, -1)),
  p('(?:la |na |a )?(?:semana pasada|semana passada|last week|ultima semana)', (_m, c) => {
    const monday = addDays(nextMonday(c.today), -14);
    return { date: monday, until: addDays(monday, 6) };
  }),
  p('(?:el |o )?(?:mes pasado|mes passado|last month|ultimo mes)', (_m, c) => relativeMonthSpan(c.today, -1)),
  p('(?:by )?(?:the )?end of (?:(the|this|next) )?week', (m, c) => ({ date: addDays(m[1] === 'next' ? nextMonday(c.today) : addDays(nextMonday(c.today), -7), 4) })),
  p(`(?:el |on |na |no )?(${WEEKDAY}) (?:de la |da |of |de )?(?:la |the )?(?:semana que viene|semana que vem|proxima semana|otra semana|next week|semana entrante|semana seguinte)`,
    (m, c) => ({ date: addDays(nextMonday(c.today), weekdayNumber(m[1]!) - 1) })),
  p(`next week (?:on )?(${WEEKDAY})`, (m, c) => ({ date: addDays(nextMonday(c.today), weekdayNumber(m[1]!) - 1) })),
  p(`(?:(?:el |na |no )?(${WEEKDAY}) (?:pasado|passado|passada|retrasado)|(?:el )?pasado (${WEEKDAY})|(?:last|this past|past) (${WEEKDAY}|${WEEKDAY_SHORT_CUED})|(?:na|no) (?:ultima|ultimo) (${WEEKDAY}))`,
    (m, c) => ({ date: nearestWeekday(c.today, weekdayNumber(m[1] ?? m[2] ?? m[3] ?? m[4]!), 'past') })),
  p(`(?:el |la |a )?(?:proximo|proxima|este|esta|this coming|this|next|coming|nesta|nessa|essa|na proxima|no proximo|pela|by|until|til|till) (${WEEKDAY}|${WEEKDAY_SHORT_CUED})`,
    (m, c) => ({ date: nearestWeekday(c.today, weekdayNumber(m[1]!), 'future') })),
  p(`(?:el |na |no )?(${WEEKDAY}) (?:que viene|que vem|proximo|proxima|entrante)`, (m, c) => ({ date: nearestWeekday(c.today, weekdayNumber(m[1]!), 'future') })),
  p(`(?:on (?=${WEEKDAY_SHORT_CUED}\\b))?(?:el |na |no |on |pro |para el |hasta el |ate )?(${WEEKDAY}|(?<=\\bon )${WEEKDAY_SHORT_CUED})`, (m, c) => ({ date: nearestWeekday(c.today, weekdayNumber(m[1]!), c.tense) })),
  p(`(?:fin|fines|finales|final|fim) (?:de|del|do) (?:${NEXT_MONTH}|mes (?:que viene|que vem))|end of (?:the )?next month`, (_m, c) => {
    const t = parts(c.today), n = shiftMonth(t.y, t.m, 1);
    return { date: lastDayOf(n.y, n.m) };
  }),
  p('(?:(?:fin|fines|finales|final|fim) (?:de|del|do) (?:este |esse )?mes|end of (?:the |this )?month|month end|eom|findemes)', (_m, c) => {
    const t = parts(c.today);
    return { date: lastDayOf(t.y, t.m) };
  }),
  p('(?:next weekend|(?:el |al )?(?:otro|proximo) (?:fin de semana|finde)|(?:no |o )?proximo (?:fim|final) de semana)', (_m, c) => weekendSpan(c.today, true)),
  p('(?:(?:this|the|el|este|al|neste|nesse|no|esse|este) )?(?:weekend|fin de semana|finde|fim de semana|final de semana|fds)(?: que viene| que vem)?', (_m, c) => weekendSpan(c.today, false)),
  p('(?:(?:la|na|a) )?(?:semana que viene|proxima semana|semana proxima|semana entrante|la otra semana|next week|semana que vem|semana seguinte)', (_m, c) => {
    const monday = nextMonday(c.today);
    return { date: monday, until: addDays(monday, 6) };
  }),
  p('(?:esta|this|essa|nesta|nessa) (?:semana|week)', (_m, c) => ({ date: c.today, until: addDays(c.today, 7 - weekday(c.today)) })),
  p(`(?:a )?(?:principios|inicios|comienzos|principio|inicio|comienzo|comeco|comecinho|inicinho|beginning|start|early) (?:de |del |do |of )?(?:the )?(?:(proximo|next|siguiente) )?(?:mes|month)(?: (que viene|que vem))?`,
    (m, c) => {
      const t = parts(c.today);
      const n = m[1] || m[2] || t.d > 5 ? shiftMonth(t.y, t.m, 1) : t;
      return { date: toCalendarDate(n.y, n.m, 1), until: toCalendarDate(n.y, n.m, 5) };
    }),
  p(`(?:a )?(?:mediados|mitad|meados|metade|mid|middle) (?:de |del |do |of )?(?:the )?(?:(proximo|next|siguiente) )?(?:mes|month)(?: (que viene|que vem))?`,
    (m, c) => {
      const t = parts(c.today);
      if (m[1] || m[2]) { const n = shiftMonth(t.y, t.m, 1); return { date: toCalendarDate(n.y, n.m, 15) }; }
      return { date: dayOfMonth(c.today, 15, c.tense) };
    }),
  p(`(?:el |o )?${NEXT_MONTH}`, (_m, c) => relativeMonthSpan(c.today, 1)),
  p('(?:este|this|esse|neste|nesse|deste) (?:mes|month)', (_m, c) => relativeMonthSpan(c.today, 0)),
  p(`(?:(?:el mes de|o mes de|the month of|in|by|until) )?(${MONTH_ALONE}|(?<=\\b(?:in|by|until) )may|(?<=\\b(?:em|de|no|ate|desde|in|para o|o mes de) )marco)`,
    (m, c) => monthSpan(c.today, monthNumber(m[1]!), c.explicit ? c.tense : 'nearest')),
  p('(?<!\\bcada )(?:la |na )?(?:proxima |siguiente |esta )?quincena', (_m, c) => ({ date: nextQuincena(c.today) })),
];
