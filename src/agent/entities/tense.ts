// Whether a date is spoken of as done or to come: "pagué el viernes" is last Friday, "pago el viernes" the next one.

/** Words (and endings) of what is done: past tenses, participles, "already", "ago", "since". */
const PAST = new RegExp('\\b(?:' + [
  'paid', 'sent', 'made', 'did', 'took', 'went', 'was', 'were', 'had', 'already', 'ago', 'since', 'last', 'yesterday',
  'pague', 'paguei', 'pagamos', 'pagou', 'pagaron', 'realice', 'realizei', 'efetuei', 'deposite', 'depositei', 'transferi',
  'abone', 'cubri', 'liquide', 'salde', 'cancele', 'cancelei', 'quitei',
  'hice', 'hicimos', 'fiz', 'fizemos', 'mande', 'mandei', 'envie', 'enviei', 'compre', 'comprei', 'recibi', 'tuve', 'tive', 'fue', 'foi',
  'cayo', 'caiu', 'salio', 'saiu', 'debitado', 'descontado', 'desde', 'hace', 'faz', 'pasado', 'passado', 'passada', 'ayer', 'ontem',
  '\\w{3,}ed', '\\w{3,}ei', '\\w{3,}aram', '\\w{3,}eram', '\\w{2,}aron', '\\w{2,}ieron',
].join('|') + ')\\b', 'g');

/** Words of what is to come: modal verbs, futures, "until", "next", "when". */
const FUTURE = new RegExp('\\b(?:' + [
  'will', 'going to', 'gonna', 'can', 'could', 'want', 'promise', 'need', 'until', 'till', 'by', 'before', 'next', 'when', 'once',
  'let me', 'give me', 'wait', 'tomorrow', 'plan',
  'voy', 'vou', 'vamos', 'puedo', 'podria', 'posso', 'poderia', 'consigo', 'quiero', 'quero', 'prometo', 'necesito', 'preciso',
  'hasta', 'ate', 'antes', 'para el', 'pra', 'proximo', 'proxima', 'que viene', 'que vem', 'cuando', 'quando', 'en cuanto', 'assim que',
  'dejame', 'deixa', 'dame', 'deme', 'denme', 'esperen', 'esperem', 'manana', 'amanha', 'pagare', 'pagarei', 'depositare', 'depositarei',
  'hare', 'farei', 'transferire', 'transferirei', 'mandare', 'mandarei', 'liquidare', 'quitarei', 'abonare', 'dare', 'darei', 'tendre', 'terei',
].join('|') + ')\\b', 'g');

export type TenseReading = { tense: 'past' | 'future'; explicit: boolean };

/** "I get paid Friday" and "will be paid" speak of the future although "paid" is a past form. */
const PAID_LATER = /\b(?:get|gets|getting|be) paid\b/g;

export function readTense(raw: string): TenseReading {
  const text = raw.replace(PAID_LATER, 'will');
  const past = text.match(PAST)?.length ?? 0;
  const future = text.match(FUTURE)?.length ?? 0;
  return { tense: past > future ? 'past' : 'future', explicit: past !== future };
}

/**
 * The tense around a phrase: the few words before it decide, else the few after, else the whole message. So in
 * "I paid $120 on the 5th, will send the rest soon" the 5th is in the past although the message ends in the future.
 */
export function tenseAround(text: string, start: number, end: number, message: TenseReading): TenseReading {
  const before = readTense(text.slice(0, start).trim().split(' ').slice(-7).join(' '));
  if (before.explicit) return before;
  const after = readTense(text.slice(end).trim().split(' ').slice(0, 4).join(' '));
  return after.explicit ? after : message;
}
