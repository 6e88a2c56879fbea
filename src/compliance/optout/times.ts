// Times a debtor says are inconvenient (US-1), read from a reply: "don't call me before noon", "no me llamen después de las 6",
// "não ligue de manhã". Such a clause limits when we contact; it does not refuse the channel.
import type { InconvenientTime } from '../types.ts';
import { CONTACT_NOUN, EN_CONTACT_VERB, ES_CONTACT_VERB, PT_CONTACT_VERB, alt } from './words.ts';

/** A contact the clause forbids or stops: "don't call me", "no me llamen", "não ligue", "stop texting me", "no calls". */
const FORBIDS = new RegExp(`\\b(?:${alt('do not', 'never', 'please do not')}(?: ever)? ${EN_CONTACT_VERB}(?: me| us)?`
  + `|(?:stop|quit) ${alt('calling', 'texting', 'emailing', 'messaging', 'contacting', 'ringing')}(?: me| us)?`
  + `|no (?:me |nos )?(?:vuelvan a |sigan )?${ES_CONTACT_VERB}|nao (?:me |nos )?${PT_CONTACT_VERB}|${alt('no', 'nada de', 'sem', 'nunca')} ${CONTACT_NOUN})\\b`);

const HOUR = '(\\d{1,2})(?:(?: |h)(\\d{2}))?(?: ?(am|pm|a m|p m|h|hs|hrs|horas|hours|o clock))?'
  + '(?: (?:de la|da|in the|at) (manana|morning|tarde|afternoon|noche|noite|evening|night))?';
const NOON = alt('noon', 'midday', 'mediodia', 'medio dia', 'meio dia', 'meiodia');
const CLOCK = `(?:(?:the |las |la |as |a )?${HOUR}|(?:el |o )?(${NOON}))`;
const BEFORE = alt('before', 'until', 'till', 'antes de', 'antes das', 'antes da', 'hasta', 'ate', 'antes');
const AFTER = alt('after', 'past', 'later than', 'despues de', 'depois das', 'depois da', 'depois de', 'a partir de', 'a partir das', 'mas tarde de');
const BETWEEN = new RegExp(`^${alt('between', 'entre')} ${CLOCK} ${alt('and', 'y', 'e')} ${CLOCK}`);
const SIDE = new RegExp(`^(${BEFORE}|${AFTER}) ${CLOCK}`);

/** Parts of the day, as the spans they stand for. */
const PARTS: ReadonlyArray<[RegExp, InconvenientTime]> = [
  [/^(?:in the |during the |on )?(?:morning|mornings)\b|^(?:por|en|de|a) la manana\b|^(?:de|pela|na|a|pela parte da) manha\b|^de manana\b/, { from: '00:00', to: '12:00' }],
  [/^(?:in the |during the |on )?(?:afternoon|afternoons)\b|^(?:por|en|a) la tarde\b|^(?:de|pela|na|a|a parte da) tarde\b/, { from: '12:00', to: '18:00' }],
  [/^(?:in the |during the |at |on )?(?:evening|evenings|night|nights)\b|^(?:por|en|de|a) la noche\b|^de noche\b|^(?:de|pela|na|a|a parte da) noite\b/, { from: '18:00', to: '00:00' }],
  [/^(?:on |at |over )?(?:the )?weekends?\b|^(?:el |los |en el |en los |los )?fin(?:es)? de semana\b|^(?:no |nos |em )?(?:fim|fins|finais) de semana\b/,
    { weekdays: [6, 7], from: '00:00', to: '00:00' }],
];

const pad = (n: number) => String(n).padStart(2, '0');

/** The clock time a match names, as HH:MM; an hour of 1 to 7 said plainly is read in the afternoon (contact hours start at 8). */
function clockOf(hour: string | undefined, minute: string | undefined, meridiem: string | undefined, part: string | undefined, noon: string | undefined): string | undefined {
  if (noon) return '12:00';
  let h = Number(hour), m = minute ? Number(minute) : 0;
  if (!Number.isInteger(h) || h > 24 || m > 59) return undefined;
  const pm = meridiem === 'pm' || meridiem === 'p m' || (part !== undefined && !/manana|morning/.test(part));
  const am = meridiem === 'am' || meridiem === 'a m' || (part !== undefined && /manana|morning/.test(part));
  if (pm && h < 12) h += 12;
  else if (am && h === 12) h = 0;
  else if (!am && !pm && h >= 1 && h <= 7) h += 12;
  return `${pad(h % 24)}:${pad(m)}`;
}

/** The span named right after a forbidding, if any. */
function spanAfter(rest: string): { span: InconvenientTime; said: string } | undefined {
  const b = BETWEEN.exec(rest);
  if (b) {
    const from = clockOf(b[1], b[2], b[3], b[4], b[5]), to = clockOf(b[6], b[7], b[8], b[9], b[10]);
    return from && to ? { span: { from, to }, said: b[0] } : undefined;
  }
  const s = SIDE.exec(rest);
  if (s) {
    const at = clockOf(s[2], s[3], s[4], s[5], s[6]);
    if (!at) return undefined;
    return { span: new RegExp(`^${BEFORE}$`).test(s[1]!) ? { from: '00:00', to: at } : { from: at, to: '00:00' }, said: s[0] };
  }
  for (const [re, span] of PARTS) {
    const p = re.exec(rest);
    if (p) return { span, said: p[0] };
  }
  return undefined;
}

/** A cheap first look: a clause with no digit and no word of a time of day names no time. */
const MAY_NAME_TIME = /\d|noon|midday|medio ?d[ií]a|meio ?dia|morning|afternoon|evening|night|weekend|ma[nñ]ana|manh|tarde|noche|noite|semana/i;

/** Whether a message (as written) may name a time at all. */
export const mayNameTime = (message: string): boolean => MAY_NAME_TIME.test(message);

export interface TimesSaid { times: InconvenientTime[]; matched: string }

/**
 * The inconvenient times a folded clause states: a forbidding, then (a few words on at most) a time, a span or a part of the
 * day. Undefined when the clause names no time: then it is read as a refusal, if it is one.
 */
export function timesInClause(clause: string): TimesSaid | undefined {
  if (!MAY_NAME_TIME.test(clause)) return undefined;
  const f = FORBIDS.exec(clause);
  if (!f) return undefined;
  const words = clause.slice(f.index + f[0].length).trim().split(' ').filter((w) => w !== '');
  for (let skip = 0; skip <= Math.min(4, words.length - 1); skip++) {
    const found = spanAfter(words.slice(skip).join(' '));
    if (found) return { times: [found.span], matched: `${f[0]} ${found.said}` };
  }
  return undefined;
}
