// Amounts in a debtor's message ("$500", "500 pesos", "R$ 1.234,56", "1,234.56 USD", "quinientos pesos") in minor units.
import { CURRENCY_EXPONENTS, isCurrency } from '../../domain/index.ts';
import type { AmountEntity } from '../types.ts';
import { Spans } from './spans.ts';

const CODES = ['usd', 'brl', 'eur', 'gbp', 'mxn', 'cop', 'ars', 'clp', 'pen', 'uyu', 'cad', 'aud', 'dop', 'gtq', 'crc', 'pyg', 'bob', 'ves'];
/** Currency words and the currency they name, or the family they name when the caller's currency settles which. */
const WORDS: ReadonlyArray<[RegExp, string]> = [
  [/^(?:pesos?|pesitos|varos|mangos)$/, 'peso'], [/^(?:dolares|dolar|dollars?|bucks|dlls|dls)$/, 'dollar'],
  [/^(?:reais|real|reales|conto|contos|pila|pilas)$/, 'BRL'], [/^(?:euros?)$/, 'EUR'], [/^(?:soles)$/, 'PEN'],
  [/^(?:libras|pounds|quid)$/, 'GBP'],
];
const PESOS = new Set(['MXN', 'COP', 'CLP', 'ARS', 'UYU', 'DOP', 'PHP']);
const DOLLAR_SIGN = new Set(['USD', 'MXN', 'COP', 'CLP', 'ARS', 'UYU', 'CAD', 'AUD', 'NZD', 'DOP', 'HKD', 'SGD']);
const DOLLARS = new Set(['USD', 'CAD', 'AUD', 'NZD', 'HKD', 'SGD']);

const NUM = '(\\d{1,3}(?:[.,]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?)';
const SCALE = '(?: (mil|thousand|millones|millon|million|milhoes|milhao))?';
const WORD = '(pesos?|pesitos|varos|mangos|dolares|dolar|dollars?|bucks|dlls|dls|reais|real|reales|contos?|pilas?|euros?|soles|libras|pounds|quid)';
const CODE = `(${CODES.join('|')})`;
/** Words before a bare number that make it money ("pagar 500", "I can send 200", "tengo 300", "cuotas de 500"). */
const MONEY_CUE = '(?:pagar|pago|pague|pagaria|pagare|pagarei|paguei|abonar|abone|abono|depositar|deposite|depositei|transferir|transferi|'
  + 'pay|paid|paying|send|sent|deposit|deposited|transfer|transferred|tengo|tenho|have|debo|devo|owe|owed|cobran|cobraron|charged|cobrando|cobrou|'
  + 'cobraram|pagando|pagarlo|pagarla|abonando|depositando|'
  + '(?:cuotas|parcelas|payments|instal?l?ments|pagos|pagamentos|mensualidades|mensalidades|abonos|parcialidades) (?:de|of)|'
  + '(?:abono|pago|pagamento|payment|deposito|deposit|transferencia|transfer) (?:de|of)|de a|'
  + '(?:saldo|deuda|divida|balance|total|monto|valor|amount) (?:de|of|es|son|e|is|was|da)|'
  + 'solo|only|just|apenas|so|mandar|mando|mandei|enviar|envio|te mando|dar|dou|give)'
  + '(?: (?:like|about|around|unos|uns|umas|como|apenas|solo|only|just|mas o menos|mas|more|less|menos|you|te|le|lhe|les|me|voces|el|o|los|os|the|u|ya|ja))*';
const UNIT_AFTER = /^ ?(?:%|por ciento|por cento|percent|dias?|days?|semanas?|weeks?|meses|mes|months?|anos|years?|horas?|hours?|hrs|hs|h|am|pm|minutos|min|cuotas?|parcelas?|pagos|payments|instal?l?ments?|vezes|veces|x|times|de (?:cada|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janeiro|fevereiro|marco|maio|junho|julho|setembro|outubro|novembro|dezembro)|:|\/)(?![a-z0-9])/;

interface Reading { value: { whole: string; frac: string }; currency: string | null; explicit: boolean }

/** "1.234,56" and "1,234.56" are 1234.56; "1.500" and "1,500" are 1500; "12,5" and "12.50" carry decimals. */
function digits(s: string): { whole: string; frac: string } {
  const last = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
  if (last < 0) return { whole: s, frac: '' };
  const seps = s.replace(/\d/g, '');
  const tail = s.slice(last + 1);
  const decimal = new Set(seps).size === 2 || (seps.length === 1 && tail.length !== 3);
  return decimal ? { whole: s.slice(0, last).replace(/[.,]/g, ''), frac: tail } : { whole: s.replace(/[.,]/g, ''), frac: '' };
}

function scaled(v: { whole: string; frac: string }, scale: string | undefined): { whole: string; frac: string } {
  if (!scale) return v;
  const zeros = /^mil|thousand/.test(scale) && !/^milh|^millon|^million/.test(scale) ? 3 : 6;
  const frac = v.frac.padEnd(zeros, '0');
  return { whole: `${v.whole}${frac.slice(0, zeros)}`.replace(/^0+(?=\d)/, ''), frac: frac.slice(zeros) };
}

function byWord(word: string, hint: string | undefined): { currency: string | null; explicit: boolean } {
  const found = WORDS.find(([re]) => re.test(word))?.[1] ?? null;
  if (found === 'peso') return hint && PESOS.has(hint) ? { currency: hint, explicit: false } : { currency: 'MXN', explicit: false };
  if (found === 'dollar') return hint && DOLLARS.has(hint) ? { currency: hint, explicit: hint === 'USD' } : { currency: 'USD', explicit: true };
  return { currency: found, explicit: found !== null };
}

function bySign(hint: string | undefined): { currency: string | null; explicit: boolean } {
  return hint && DOLLAR_SIGN.has(hint) ? { currency: hint, explicit: false } : { currency: null, explicit: false };
}

function minor(v: { whole: string; frac: string }, currency: string | null): number {
  const exp = currency ? (CURRENCY_EXPONENTS[currency] ?? 2) : 2;
  return Number(v.whole) * 10 ** exp + Number(v.frac.padEnd(exp, '0').slice(0, exp) || '0');
}

type Reader = [RegExp, (m: RegExpExecArray, hint: string | undefined) => Reading | null];
const READERS: readonly Reader[] = [
  [new RegExp(`\\b${CODE} ?${NUM}${SCALE}\\b`, 'g'), (m) => ({ value: scaled(digits(m[2]!), m[3]), currency: m[1]!.toUpperCase(), explicit: true })],
  [new RegExp(`\\b${NUM}${SCALE} ?(?:de )?${CODE}\\b`, 'g'), (m) => ({ value: scaled(digits(m[1]!), m[2]), currency: m[3]!.toUpperCase(), explicit: true })],
  [new RegExp(`\\$ ?${NUM}${SCALE}(?: (?:de )?${WORD})?\\b`, 'g'), (m, hint) => ({ value: scaled(digits(m[1]!), m[2]), ...(m[3] ? byWord(m[3], hint) : bySign(hint)) })],
  [new RegExp(`\\b${NUM}${SCALE} ?(?:\\$|(?:de )?${WORD}\\b)`, 'g'), (m, hint) => ({ value: scaled(digits(m[1]!), m[2]), ...(m[3] ? byWord(m[3], hint) : bySign(hint)) })],
  [new RegExp(`\\b(?:unos |uns |about |around |like )?${NUM}${SCALE} (?:por semana|a la semana|a week|per week|por mes|al mes|a month|per month|por quincena|mensuales|mensais|semanales|semanais)\\b`, 'g'),
    (m, hint) => ({ value: scaled(digits(m[1]!), m[2]), currency: hint && isCurrency(hint) ? hint : null, explicit: false })],
  [new RegExp(`\\b${MONEY_CUE} ${NUM}${SCALE}\\b`, 'g'), (m, hint) => ({ value: scaled(digits(m[1]!), m[2]), currency: hint && isCurrency(hint) ? hint : null, explicit: false })],
];

/** Card numbers, phone numbers and ids are not amounts: a long run of digits, or digits beside other digit groups. */
function looksLikeAnId(text: string, start: number, end: number, raw: string): boolean {
  if (/^\d{9,}$/.test(raw.replace(/[.,]/g, '')) && !/[.,]/.test(raw)) return true;
  return /\d $/.test(text.slice(Math.max(0, start - 2), start)) || /^ \d/.test(text.slice(end, end + 2));
}

/** Amounts in the normalised text (number words as digits, currency signs as codes); `hint` is the case's currency. */
export function extractAmounts(text: string, hint: string | undefined, taken = new Spans(text.length)): AmountEntity[] {
  const found: Array<AmountEntity & { at: number }> = [];
  READERS.forEach(([re, read], index) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const numberAt = m.index + m[0].search(/\d/);
      const raw = /\d[\d.,]*/.exec(m[0])?.[0] ?? '';
      const end = m.index + m[0].length;
      // The cue reader owns only the number: its cue may be part of an instalment phrase ("3 pagos de 600").
      const cued = index === READERS.length - 1;
      const from = cued ? numberAt : m.index;
      if (!taken.free(from, end - from) || looksLikeAnId(text, numberAt, numberAt + raw.length, raw)) continue;
      if (cued && UNIT_AFTER.test(text.slice(end))) continue;
      const reading = read(m, hint);
      if (!reading) continue;
      const amount = minor(reading.value, reading.currency);
      if (!Number.isSafeInteger(amount) || amount <= 0) continue;
      taken.take(from, end - from);
      found.push({ text: text.slice(from, end).trim(), amount, currency: reading.currency, explicit: reading.explicit, at: m.index });
    }
  });
  readFollowers(text, hint, taken, found);
  return found.sort((a, b) => a.at - b.at).map(({ at: _at, ...entity }) => entity);
}

const FOLLOWER = new RegExp(`\\b(?:and|y|e|plus|mas|then|luego|depois|despues) (?:the other |el otro |o outro |otros |outros )?${NUM}${SCALE}\\b`, 'g');

/** "pay 300 on the 15th and 300 on the 30th": a bare number joined to an amount already read is money too, in its currency. */
function readFollowers(text: string, hint: string | undefined, taken: Spans, found: Array<AmountEntity & { at: number }>): void {
  if (found.length === 0) return;
  FOLLOWER.lastIndex = 0;
  for (let m = FOLLOWER.exec(text); m; m = FOLLOWER.exec(text)) {
    const first = found.find((a) => a.at < m!.index);
    const numberAt = m.index + m[0].search(/\d/);
    const end = m.index + m[0].length;
    if (!first || !taken.free(numberAt, end - numberAt) || UNIT_AFTER.test(text.slice(end))) continue;
    const currency = first.currency ?? (hint && isCurrency(hint) ? hint : null);
    const amount = minor(scaled(digits(m[1]!), m[2]), currency);
    if (!Number.isSafeInteger(amount) || amount <= 0) continue;
    taken.take(numberAt, end - numberAt);
    found.push({ text: text.slice(numberAt, end), amount, currency, explicit: first.explicit, at: numberAt });
  }
}
