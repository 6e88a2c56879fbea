// Times a debtor says are inconvenient (US-1), read from a reply: said outright ("don't call me before noon", "no me llamen
// después de las 6", "não ligue de manhã", "no antes de las 9") or as the times left out of those they allow ("only call me
// after 5", "llámame entre las 2 y las 4", "só depois das 17h", "weekdays only"). Such a clause limits when we contact, on
// the media its verb names ("don't text me before 9": texts); it does not refuse the channel.
import type { ChannelKind, InconvenientTime } from '../types.ts';
import { forbiddenBy, outsideOf, timeAt, type TimeSaid } from './clock.ts';
import { PAYMENT_AFTER } from './reading.ts';
import { CONTACT_NOUN, EN_CONTACT_VERB, ES_CONTACT_VERB, PT_CONTACT_VERB, alt } from './words.ts';

/** A contact the clause forbids or stops: "don't call me", "no me llamen", "não ligue", "stop texting me", "no calls". */
const FORBIDS = new RegExp(`\\b(?:${alt('do not', 'never', 'please do not')}(?: ever)? ${EN_CONTACT_VERB}(?: me| us)?`
  + `|(?:stop|quit) ${alt('calling', 'texting', 'emailing', 'messaging', 'contacting', 'ringing')}(?: me| us)?`
  + `|no (?:me |nos )?(?:vuelvan a |sigan )?${ES_CONTACT_VERB}|nao (?:me |nos )?${PT_CONTACT_VERB}|${alt('no', 'nada de', 'sem', 'nunca')} ${CONTACT_NOUN})\\b`);

/** Words a clause may open with before what it says: courtesy, "but", "ok". */
const OPENING = `(?:${alt('please', 'pls', 'por favor', 'favor', 'ok', 'okay', 'yes', 'yeah', 'sure', 'but', 'and', 'hi', 'hello', 'hey', 'si', 'sim', 'claro',
  'pero', 'y', 'mas', 'e', 'hola', 'oi', 'ola', 'bueno', 'entonces', 'entao')} )*`;
/** Words that allow only what follows: "only", "solo", "só", "preferably", "mejor". */
const ONLY = alt('only', 'just', 'solo', 'solamente', 'unicamente', 'nada mas', 'so', 'somente', 'apenas', 'preferably', 'ideally', 'better', 'best',
  'prefiero', 'prefiro', 'de preferencia', 'preferiblemente', 'preferencialmente', 'mejor', 'melhor');

/** "I'd prefer you", "prefiero que", "prefiro que". */
const PREFER = alt('i (?:would |d )?prefer(?: you| that you| if you)?', 'prefiero que(?: me)?', 'prefiro que(?: me)?', 'preferimos que(?: me| nos)?');
/** Asking or allowing contact, at the start of a clause: "call me", "you can text me", "llámame", "me pueden marcar", "pode ligar", "me liga". */
const ALLOWS = new RegExp(`^${OPENING}(?:${PREFER} )?(?:${ONLY} )*(?:`
  + `${alt('(?:the )?best time (?:to (?:call|reach|contact|text) (?:me|us) )?is', 'la mejor hora (?:para (?:llamarme|marcarme|contactarme) )?es',
    '(?:o )?melhor horario (?:para (?:me )?ligar )?e')}|`
  + `(?:(?:you|u) (?:can|may|could) |feel free to |try to |try )?${alt('call', 'text', 'email', 'e mail', 'message', 'phone', 'ring', 'whatsapp', 'contact',
    'reach')}(?: me| us)?(?: back)?`
  + `|(?:me |nos )?${alt('pueden', 'puedes', 'puede', 'podrian', 'podrias', 'podria')} ${alt('llamar', 'marcar', 'escribir', 'contactar', 'mandar', 'enviar')}(?:me|nos)?`
  + `|${alt('llamame', 'llamenme', 'llameme', 'marcame', 'marquenme', 'marqueme', 'escribeme', 'escribanme', 'escribame', 'contactame', 'contactenme',
    'contacteme', 'mandame', 'mandenme', 'me llaman', 'me llamas', 'me marcan', 'me marcas', 'me escriben', 'me escribes', 'llamar', 'marcar', 'llamen',
    'marquen', 'escriban', 'liguem')}`
  + `|(?:me |nos )?${alt('pode', 'podem', 'poderia', 'poderiam')} (?:me )?${alt('ligar', 'chamar', 'mandar', 'enviar', 'escrever', 'contatar')}(?: pra mim| para mim)?`
  + `|${alt('me liga', 'me ligue', 'me liguem', 'liga', 'ligue', 'liguem', 'me chama', 'me mande', 'me manda', 'me mandem', 'me escreva', 'me escrevam',
    'me envie', 'me enviem', 'me contate', 'me contatem', 'ligar')})`
  + `(?: ${ONLY})*\\b`);
/** "only" or "not" alone before a time: "only after 5", "solo después de las 5", "no antes de las 9", "nunca antes das 8". */
const BARE = new RegExp(`^${OPENING}(?:(${ONLY})|${alt('not', 'never', 'nothing', 'no', 'nunca', 'nada', 'nao', 'jamas', 'jamais')})(?: ${ONLY})*\\b`);
/** "after 5 only", "weekdays only", "después de las 5 nada más": a time, then only. */
const THEN_ONLY = new RegExp(`^(?:${ONLY}|please|por favor)\\b`);

/** Words that make an allowed time a single occasion, not a standing preference: "call me tomorrow after 5", "me liga hoje à tarde". */
const ONE_OFF = new RegExp(`\\b(?:${alt('today', 'tomorrow', 'tonight', 'later', 'hoy', 'amanha', 'hoje', 'mas tarde', 'mais tarde', 'luego', 'next week',
  'proxima semana', 'semana que vem', 'this weekend', 'on the weekend', 'este fin de semana', 'el fin de semana', '(?:o|no) fim de semana', 'este finde', '(?:este|neste|esse|nesse) fim de semana', 'this (?:morning|afternoon|evening)', 'esta (?:manana|tarde|noche|noite|manha)', 'nesta', 'neste', 'en un rato', 'daqui a pouco',
  '(?:on|this|next|coming) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)',
  '(?:el|este|proximo) (?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)', '(?:na|no|proxima|proximo) (?:segunda|terca|quarta|quinta|sexta|sabado|domingo)')})\\b`
  + '|(?<!\\b(?:la|de) )\\bmanana\\b');

/** What may stand between an asking verb and its time: "call me only after 5", "llámame mejor", "manda mensagem só depois das 18h". */
const SKIPPABLE: ReadonlySet<string> = new Set(['only', 'just', 'back', 'please', 'always', 'on', 'my', 'cell', 'phone', 'por', 'favor', 'mejor', 'solo',
  'solamente', 'siempre', 'nomas', 'al', 'mi', 'celular', 'un', 'mensaje', 'mensajes', 'whatsapp', 'wsp', 'zap', 'sms', 'text', 'texto', 'email', 'correo',
  'melhor', 'so', 'somente', 'apenas', 'sempre', 'pra', 'para', 'mim', 'uma', 'mensagem', 'mensagens', 'no', 'meu', 'a', 'e', 'mail', 'de', 'preferencia']);

/** The media a clause's words name, for times said of them alone: "call" is calls; "text", texts (SMS and WhatsApp); "write", any written message. */
function mediaOf(words: string): ChannelKind[] | undefined {
  const call = /\b(?:call\w*|phon\w*|ring|ringing|llam\w*|marc\w*|marqu\w*|lig\w*|telefon\w*)\b/.test(words) ? ['call' as const] : [];
  const named: ChannelKind[] = [
    ...(/\b(?:whatsapps?|wsp|wpp|zap|wasaps?)\b/.test(words) ? ['whatsapp' as const] : []),
    ...(/\b(?:e ?mails?|emailing|correos?|correo electronico)\b/.test(words) ? ['email' as const] : []),
    ...(/\bsms\b/.test(words) ? ['sms' as const] : []),
  ];
  const written: ChannelKind[] = named.length > 0 ? named
    : /\b(?:text\w*|messag\w*|msgs?|mensaj\w*|mensag\w*|torpedos?)\b/.test(words) ? ['sms', 'whatsapp']
      : /\b(?:writ\w*|escrib\w*|escrev\w*)\b/.test(words) ? ['sms', 'whatsapp', 'email'] : [];
  const all = [...call, ...written];
  return all.length > 0 ? all : undefined;
}

/**
 * One time, or two said together ("entre semana después de las 5"), at the start of `rest`. Allowed, each leaves out its own
 * times; forbidden, days and hours make one span (weekdays after 17:00), and anything else keeps the first.
 */
function timesAt(rest: string, allowed: boolean): { times: InconvenientTime[]; text: string } | undefined {
  const first = timeAt(rest, allowed);
  if (!first) return undefined;
  const after = rest.slice(first.text.length).trim().replace(/^(?:and|y|e|only|solo|so) /, '');
  const second = timeAt(after, allowed);
  const text = second ? `${first.text} ${second.text}` : first.text;
  if (allowed) return { times: [...outsideOf(first.said), ...(second ? outsideOf(second.said) : [])], text };
  const days = (s: TimeSaid) => (s.kind === 'span' && s.span.weekdays && s.span.from === s.span.to ? s.span.weekdays : undefined);
  if (second && days(first.said) && !days(second.said)) return { times: forbiddenBy(second.said).map((t) => ({ ...t, weekdays: [...days(first.said)!] })), text };
  if (second && days(second.said) && !days(first.said)) return { times: forbiddenBy(first.said).map((t) => ({ ...t, weekdays: [...days(second.said)!] })), text };
  return { times: forbiddenBy(first.said), text: first.text };
}

/** A time a few words on (at most four) from what came before it, with the words skipped. */
function timesAfter(words: readonly string[], allowed: boolean): { times: InconvenientTime[]; text: string; skipped: string } | undefined {
  for (let skip = 0; skip <= Math.min(4, words.length - 1); skip++) {
    const found = timesAt(words.slice(skip).join(' '), allowed);
    if (found) return { ...found, skipped: words.slice(0, skip).join(' ') };
  }
  return undefined;
}

const wordsOf = (text: string) => text.trim().split(' ').filter((w) => w !== '');
const onMedia = (times: InconvenientTime[], media: ChannelKind[] | undefined) => (media ? times.map((t) => ({ ...t, channels: media })) : times);

/** A cheap first look: a clause with no digit and no word of a time of day or of the week names no time. */
const MAY_NAME_TIME = /\d|noon|midday|medio ?d[ií]a|meio ?dia|morning|afternoon|evening|night|week ?(?:end|day)|work ?day|business day|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon fri|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bados|domingos|ter[cç]as|quartas|quintas|sextas|ma[nñ]ana|manh|tarde|noche|noite|semana|[uú]teis|[uú]til|h[aá]biles|laborables|segunda/i;

/** Whether a message (as written) may name a time at all. */
export const mayNameTime = (message: string): boolean => MAY_NAME_TIME.test(message);

/** What one clause says of times: allowed ("call me after 6pm": `allows`, the times it leaves out) or forbidden ("don't call me before 9"). */
export interface TimeStatement { allows: boolean; times: readonly InconvenientTime[]; matched: string }
export interface TimesSaid { times: InconvenientTime[]; matched: string; statements: TimeStatement[] }
const said = (allows: boolean, times: InconvenientTime[], matched: string): TimesSaid => ({ times, matched, statements: [{ allows, times, matched }] });

/** A forbidding, then (a few words on at most) a time: "don't call me before noon", "não me mandem mensagem antes das 9:30". */
function forbidden(clause: string): TimesSaid | undefined {
  const f = FORBIDS.exec(clause);
  if (!f) return undefined;
  const found = timesAfter(wordsOf(clause.slice(f.index + f[0].length)), false);
  return found && said(false, onMedia(found.times, mediaOf(`${f[0]} ${found.skipped}`)), [f[0], found.skipped, found.text].filter((w) => w).join(' '));
}

/** Contact asked for or allowed, then a time: "call me after 6pm", "llámame entre las 2 y las 4", "pode ligar de manhã". */
function allowed(clause: string): TimesSaid | undefined {
  const a = ALLOWS.exec(clause);
  if (!a) return undefined;
  const rest = clause.slice(a[0].length).trim();
  if (PAYMENT_AFTER.test(rest)) return undefined; // "text me the link after 5" is about the link
  const found = timesAfter(wordsOf(rest), true);
  if (!found || ONE_OFF.test(clause) || !wordsOf(found.skipped).every((w) => SKIPPABLE.has(w))) return undefined;
  return said(true, onMedia(found.times, mediaOf(`${a[0]} ${found.skipped}`)), [a[0], found.skipped, found.text].filter((w) => w).join(' '));
}

/** "only" or "not" right before a time, or a time and then "only": "solo después de las 5", "no antes de las 9", "weekdays only". */
function bare(clause: string): TimesSaid | undefined {
  const b = BARE.exec(clause);
  if (b) {
    const only = b[1] !== undefined;
    const found = timesAt(clause.slice(b[0].length).trim(), only);
    if (!found || (only && ONE_OFF.test(clause))) return undefined;
    return said(only, found.times, `${b[0]} ${found.text}`);
  }
  const lead = new RegExp(`^${OPENING}`).exec(clause)?.[0] ?? '';
  const found = timesAt(clause.slice(lead.length), true);
  const only = found && THEN_ONLY.exec(clause.slice(lead.length + found.text.length).trim());
  if (!found || !only || ONE_OFF.test(clause)) return undefined;
  return said(true, found.times, `${found.text} ${only[0]}`);
}

/**
 * The inconvenient times a folded clause states, outright or as the complement of the times it allows. Undefined when the
 * clause names no time: then it is read as a refusal, if it is one.
 */
export function timesInClause(clause: string): TimesSaid | undefined {
  if (!MAY_NAME_TIME.test(clause)) return undefined;
  return forbidden(clause) ?? allowed(clause) ?? bare(clause);
}
