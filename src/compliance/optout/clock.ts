// Times of day and days of the week as a folded reply says them: "before noon", "después de las 6", "entre las 2 y las 4",
// "de manhã", "on weekends", "de lunes a viernes". What they say is read here; whether it is allowed or forbidden, by the caller.
import type { InconvenientTime } from '../types.ts';
import { alt } from './words.ts';

const HOUR = '(\\d{1,2})(?:(?: |h)(\\d{2}))?(?: ?(am|pm|a m|p m|h|hs|hrs|horas|hours|o clock))?'
  + '(?: (?:de la|da|in the|at) (manana|morning|tarde|afternoon|noche|noite|evening|night))?';
const NOON = alt('noon', 'midday', 'mediodia', 'medio dia', 'meio dia', 'meiodia');
const CLOCK = `(?:(?:the |las |la |as |a )?${HOUR}|(?:el |o )?(${NOON}))`;
const BEFORE = alt('before', 'until', 'till', 'antes de', 'antes das', 'antes da', 'hasta', 'ate', 'antes');
const AFTER = alt('after', 'past', 'later than', 'despues de', 'depois das', 'depois da', 'depois de', 'a partir de', 'a partir das', 'mas tarde de',
  'apos', 'desde');
const BETWEEN = new RegExp(`^${alt('between', 'entre', 'from', 'de', 'desde', 'das', 'da')} ${CLOCK} ${alt('and', 'y', 'e', 'to', 'a', 'until', 'till', 'hasta', 'as', 'ate')} ${CLOCK}`);
const SIDE = new RegExp(`^(${BEFORE}|${AFTER}) ${CLOCK}`);
const IS_BEFORE = new RegExp(`^${BEFORE}$`);
/** One hour said with no side ("call me at 5", "llámame a las 5", "me liga às 5", "at noon"); not a number ("at 555 0134") or an amount. */
const AT_WORD = alt('at', 'around', 'about', 'at around', 'at about', 'pelas', 'por volta das', 'por volta da', 'la pelas', 'perto das', 'tipo');
const UNIT = alt('minutes?', 'mins?', 'days?', 'dias?', 'minutos?', 'semanas?', 'weeks?', 'dollars?', 'pesos?', 'reais', 'real', 'percent', 'por ?ciento',
  'por ?cento', 'mil', 'k');
const AT = new RegExp(`^(?:(?:${AT_WORD} |(?:${alt('a', 'como a', 'a eso de', 'sobre', 'alrededor de', 'tipo a')} )?${alt('las', 'la', 'as')} )${HOUR}`
  + `|${alt('at', 'al', 'a', 'ao', 'around')} (${NOON}))(?! ?\\d)(?! ${UNIT}\\b)`);
/** How far either side of an hour said alone its window reaches: "call me at 5" is 16:00 to 18:00. */
const AROUND_MINUTES = 60;

const EVERY_DAY = { from: '00:00', to: '00:00' } as const;

/** Parts of the day and of the week, as the spans they stand for. */
const PARTS: ReadonlyArray<[RegExp, InconvenientTime]> = [
  [/^(?:in the |during the |on )?(?:morning|mornings)\b|^(?:por|en|de|a) la manana\b|^(?:de|pela|na|a|pela parte da) manha\b|^de manana\b/, { from: '00:00', to: '12:00' }],
  [/^(?:in the |during the |on )?(?:afternoon|afternoons)\b|^(?:por|en|a) la tarde\b|^(?:de|pela|na|a|a parte da) tarde\b/, { from: '12:00', to: '18:00' }],
  [/^(?:in the |during the |at |on )?(?:evening|evenings|night|nights)\b|^(?:por|en|de|a) la noche\b|^de noche\b|^(?:de|pela|na|a|a parte da) noite\b/, { from: '18:00', to: '00:00' }],
  [/^(?:on |at |over )?(?:the )?weekends?\b|^(?:el |los |en el |en los |los )?fin(?:es)? de semana\b|^(?:no |nos |em )?(?:fim|fins|finais) de semana\b/,
    { weekdays: [6, 7], ...EVERY_DAY }],
  [new RegExp(`^(?:on |during |in |en |em |durante |de )?(?:the |los |la |os |a )?${alt('weekdays', 'week days', 'workdays', 'work days', 'business days',
    'monday (?:to|through|thru) friday', 'mon fri', 'lunes a viernes', 'entre semana', 'dias de semana', 'dias habiles', 'dias laborables',
    'durante la semana', 'durante a semana', 'segunda a sexta', 'dias uteis', 'dia util')}\\b`), { weekdays: [1, 2, 3, 4, 5], ...EVERY_DAY }],
  ...dayNames(),
];

/**
 * One day of the week said as a standing habit: "Tuesdays", "on Tuesdays", "los martes", "às terças", "nas terças-feiras" (a
 * plural; "on Tuesday", "el martes", "na terça" are one occasion, left to the agent).
 */
function dayNames(): Array<[RegExp, InconvenientTime]> {
  const names: Array<[string, string, string]> = [['mondays', 'lunes', 'segundas'], ['tuesdays', 'martes', 'tercas'], ['wednesdays', 'miercoles', 'quartas'],
    ['thursdays', 'jueves', 'quintas'], ['fridays', 'viernes', 'sextas'], ['saturdays', 'sabados', 'sabados'], ['sundays', 'domingos', 'domingos']];
  return names.map(([en, es, pt], i) => [new RegExp(`^(?:(?:on |every )?${en}|(?:en )?los ${es}|(?:as|nas|aos|nos|todas as|todos os) ${pt}(?: feiras)?)\\b`),
    { weekdays: [i + 1], ...EVERY_DAY }]);
}

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (minutes: number) => { const m = ((minutes % 1440) + 1440) % 1440; return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`; };

/** The window an hour said alone stands for: from AROUND_MINUTES before it to as long after ("at 5": 16:00 to 18:00). */
function around(at: string): InconvenientTime {
  const minutes = Number(at.slice(0, 2)) * 60 + Number(at.slice(3));
  return { from: hhmm(minutes - AROUND_MINUTES), to: hhmm(minutes + AROUND_MINUTES) };
}

/**
 * The clock time a match names, as HH:MM. An hour said plainly (no am/pm, no part of the day) is read in the part of the day
 * people are contacted in (8:00 to 21:00): 1 to 7 in the afternoon; 8 to 11 in the morning, except where the hour ends the
 * contact day ("don't call after 8", "call me until 9"), where the morning would leave almost none: there, in the evening.
 */
function clockOf(m: RegExpExecArray, at: number, endsDay: boolean): string | undefined {
  if (m[at + 4]) return '12:00';
  const [hour, minute, meridiem, part] = [m[at], m[at + 1], m[at + 2], m[at + 3]];
  let h = Number(hour), min = minute ? Number(minute) : 0;
  if (!Number.isInteger(h) || h > 24 || min > 59) return undefined;
  const pm = meridiem === 'pm' || meridiem === 'p m' || (part !== undefined && !/manana|morning/.test(part));
  const am = meridiem === 'am' || meridiem === 'a m' || (part !== undefined && /manana|morning/.test(part));
  if (pm && h < 12) h += 12;
  else if (am && h === 12) h = 0;
  else if (!am && !pm && h >= 1 && (h <= 7 || (endsDay && h <= 11))) h += 12;
  return `${pad(h % 24)}:${pad(min)}`;
}

/** What a reply says of when: one side of a time, a span between two, or a part of the day or week. */
export type TimeSaid =
  | { kind: 'before'; at: string }
  | { kind: 'after'; at: string }
  | { kind: 'span'; span: InconvenientTime };

/**
 * The time said at the start of a folded text, with the words that say it. `allowed` tells whether it names when contact is
 * welcome ("call me after 5") or when it is not ("don't call me after 8"): it decides which hour ends the contact day.
 */
export function timeAt(rest: string, allowed: boolean): { said: TimeSaid; text: string } | undefined {
  const b = BETWEEN.exec(rest);
  if (b) {
    const from = clockOf(b, 1, false), to = clockOf(b, 6, false);
    if (!from || !to) return undefined;
    // "between 9 and 11": both in the morning; "entre las 10 y las 8": the second is the evening
    const end = to <= from && Number(to.slice(0, 2)) < 12 ? clockOf(b, 6, true) ?? to : to;
    return { said: { kind: 'span', span: { from, to: end } }, text: b[0] };
  }
  const a = allowed ? AT.exec(rest) : null;
  if (a) {
    const at = clockOf(a, 1, false);
    return at ? { said: { kind: 'span', span: around(at) }, text: a[0] } : undefined;
  }
  const s = SIDE.exec(rest);
  if (s) {
    const before = IS_BEFORE.test(s[1]!);
    const at = clockOf(s, 2, allowed === before);
    return at ? { said: before ? { kind: 'before', at } : { kind: 'after', at }, text: s[0] } : undefined;
  }
  for (const [re, span] of PARTS) {
    const p = re.exec(rest);
    if (p) return { said: { kind: 'span', span }, text: p[0] };
  }
  return undefined;
}

const copy = (t: InconvenientTime): InconvenientTime => ({ ...(t.weekdays ? { weekdays: [...t.weekdays] } : {}), from: t.from, to: t.to });

/** The times a forbidding names: "not before 9" is 00:00-09:00. */
export function forbiddenBy(said: TimeSaid): InconvenientTime[] {
  if (said.kind === 'before') return [{ from: '00:00', to: said.at }];
  if (said.kind === 'after') return [{ from: said.at, to: '00:00' }];
  return [copy(said.span)];
}

/** The times a permission leaves out, which are the inconvenient ones: "only after 5" is 00:00-17:00; "weekdays only", weekends. */
export function outsideOf(said: TimeSaid): InconvenientTime[] {
  if (said.kind === 'before') return said.at === '00:00' ? [] : [{ from: said.at, to: '00:00' }];
  if (said.kind === 'after') return said.at === '00:00' ? [] : [{ from: '00:00', to: said.at }];
  const { weekdays, from, to } = said.span;
  if (weekdays) return [{ weekdays: [1, 2, 3, 4, 5, 6, 7].filter((d) => !weekdays.includes(d)), ...EVERY_DAY }];
  if (from > to && to !== '00:00') return [{ from: to, to: from }]; // an evening span crossing midnight
  return [...(from === '00:00' ? [] : [{ from: '00:00', to: from }]), ...(to === '00:00' ? [] : [{ from: to, to: '00:00' }])];
}
