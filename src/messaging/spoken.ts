// Money and dates written for a call's voice, in words of the debtor's language: "mil doscientos treinta y cuatro pesos con
// cincuenta centavos", "sexta-feira, vinte e sete de março", not "$1,234.50" or "27/03/2026" read out symbol by symbol.
import { exponentOf, weekday, type CalendarDate, type Money } from '../domain/index.ts';
import type { Language } from './types.ts';

const EN_ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen',
  'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ES_ONES = ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce', 'trece', 'catorce',
  'quince', 'dieciséis', 'diecisiete', 'dieciocho', 'diecinueve', 'veinte', 'veintiuno', 'veintidós', 'veintitrés', 'veinticuatro',
  'veinticinco', 'veintiséis', 'veintisiete', 'veintiocho', 'veintinueve'];
const ES_TENS = ['', '', '', 'treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta', 'noventa'];
const ES_HUNDREDS = ['', 'ciento', 'doscientos', 'trescientos', 'cuatrocientos', 'quinientos', 'seiscientos', 'setecientos', 'ochocientos', 'novecientos'];
const PT_ONES = ['zero', 'um', 'dois', 'três', 'quatro', 'cinco', 'seis', 'sete', 'oito', 'nove', 'dez', 'onze', 'doze', 'treze', 'catorze',
  'quinze', 'dezesseis', 'dezessete', 'dezoito', 'dezenove'];
const PT_TENS = ['', '', 'vinte', 'trinta', 'quarenta', 'cinquenta', 'sessenta', 'setenta', 'oitenta', 'noventa'];
const PT_HUNDREDS = ['', 'cento', 'duzentos', 'trezentos', 'quatrocentos', 'quinhentos', 'seiscentos', 'setecentos', 'oitocentos', 'novecentos'];

function en999(n: number): string {
  const h = Math.floor(n / 100);
  const r = n % 100;
  const rest = r < 20 ? (r ? EN_ONES[r]! : '') : `${EN_TENS[Math.floor(r / 10)]}${r % 10 ? `-${EN_ONES[r % 10]}` : ''}`;
  return [h ? `${EN_ONES[h]} hundred` : '', rest].filter(Boolean).join(' ');
}

function es999(n: number): string {
  if (n === 100) return 'cien';
  const h = Math.floor(n / 100);
  const r = n % 100;
  const rest = r < 30 ? (r ? ES_ONES[r]! : '') : `${ES_TENS[Math.floor(r / 10)]}${r % 10 ? ` y ${ES_ONES[r % 10]}` : ''}`;
  return [ES_HUNDREDS[h]!, rest].filter(Boolean).join(' ');
}

function pt999(n: number): string {
  if (n === 100) return 'cem';
  const h = Math.floor(n / 100);
  const r = n % 100;
  const rest = r < 20 ? (r ? PT_ONES[r]! : '') : `${PT_TENS[Math.floor(r / 10)]}${r % 10 ? ` e ${PT_ONES[r % 10]}` : ''}`;
  return [PT_HUNDREDS[h]!, rest].filter(Boolean).join(' e ');
}

/** Groups of three digits, most significant first: 1234567 -> [1, 234, 567]. */
function groups(n: number): number[] {
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 1000)) out.unshift(v % 1000);
  return out;
}

const SCALES: Readonly<Record<Language, readonly [string, string][]>> = {
  en: [['', ''], ['thousand', 'thousand'], ['million', 'million'], ['billion', 'billion'], ['trillion', 'trillion']],
  es: [['', ''], ['mil', 'mil'], ['millón', 'millones'], ['mil millones', 'mil millones'], ['billón', 'billones']],
  'pt-BR': [['', ''], ['mil', 'mil'], ['milhão', 'milhões'], ['bilhão', 'bilhões'], ['trilhão', 'trilhões']],
};

/**
 * A whole number in words. `beforeNoun`: Spanish shortens a final "uno" before the noun it counts ("veintiún pesos",
 * "un dólar"), as it does before "mil" and "millones" always.
 */
export function numberWords(n: number, language: Language, beforeNoun = false): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`numberWords takes a whole number, not ${n}`);
  if (n === 0) return language === 'en' ? 'zero' : language === 'es' ? 'cero' : 'zero';
  const gs = groups(n);
  const parts: string[] = [];
  gs.forEach((g, i) => {
    const scale = gs.length - 1 - i;
    if (g === 0) return;
    const [one, many] = SCALES[language][scale] ?? ['', ''];
    if (language === 'en') parts.push([en999(g), one].filter(Boolean).join(' '));
    else if (language === 'es') {
      const last = scale === 0;
      const w = g === 1 && scale === 1 ? '' : apocope(es999(g), !last || beforeNoun);
      parts.push([w, g === 1 ? one : many].filter(Boolean).join(' '));
    } else {
      const w = g === 1 && scale === 1 ? '' : pt999(g);
      parts.push([w, g === 1 ? one : many].filter(Boolean).join(' '));
    }
  });
  if (language !== 'pt-BR') return parts.join(' ');
  // Portuguese joins the last group with "e" when it is under a hundred or whole hundreds ("mil e duzentos", "mil e cinco")
  const lastGroup = gs.filter((g) => g > 0).at(-1)!;
  if (parts.length > 1 && (lastGroup < 100 || lastGroup % 100 === 0)) {
    return `${parts.slice(0, -1).join(' ')} e ${parts[parts.length - 1]}`;
  }
  return parts.join(' ');
}

function apocope(words: string, short: boolean): string {
  if (!short) return words;
  return words.replace(/veintiuno$/, 'veintiún').replace(/(^| )uno$/, '$1un');
}

interface Unit { one: string; many: string }

/** Names of currencies as spoken in each language; others take ICU's plural name ("pesos colombianos"). */
const NAMES: Readonly<Record<Language, Readonly<Record<string, Unit>>>> = {
  en: { USD: { one: 'dollar', many: 'dollars' }, MXN: { one: 'Mexican peso', many: 'Mexican pesos' }, BRL: { one: 'real', many: 'reais' },
    EUR: { one: 'euro', many: 'euros' }, GBP: { one: 'pound', many: 'pounds' }, CAD: { one: 'Canadian dollar', many: 'Canadian dollars' } },
  es: { MXN: { one: 'peso', many: 'pesos' }, COP: { one: 'peso', many: 'pesos' }, CLP: { one: 'peso', many: 'pesos' }, ARS: { one: 'peso', many: 'pesos' },
    USD: { one: 'dólar', many: 'dólares' }, BRL: { one: 'real', many: 'reales' }, EUR: { one: 'euro', many: 'euros' }, PEN: { one: 'sol', many: 'soles' } },
  'pt-BR': { BRL: { one: 'real', many: 'reais' }, USD: { one: 'dólar', many: 'dólares' }, EUR: { one: 'euro', many: 'euros' },
    MXN: { one: 'peso mexicano', many: 'pesos mexicanos' } },
};

const MINOR: Readonly<Record<Language, Unit>> = { en: { one: 'cent', many: 'cents' }, es: { one: 'centavo', many: 'centavos' }, 'pt-BR': { one: 'centavo', many: 'centavos' } };
const THOUSANDTHS: Readonly<Record<Language, string>> = { en: 'thousandths', es: 'milésimos', 'pt-BR': 'milésimos' };
const AND: Readonly<Record<Language, string>> = { en: 'and', es: 'con', 'pt-BR': 'e' };
const INTL: Readonly<Record<Language, string>> = { en: 'en', es: 'es', 'pt-BR': 'pt-BR' };

function currencyName(currency: string, language: Language): Unit {
  const known = NAMES[language][currency];
  if (known) return known;
  const name = (n: number) => {
    const said = new Intl.NumberFormat(INTL[language], { style: 'currency', currency, currencyDisplay: 'name' })
      .formatToParts(n).find((p) => p.type === 'currency')?.value ?? currency;
    return language === 'en' ? said : said.charAt(0).toLowerCase() + said.slice(1);
  };
  return { one: name(1), many: name(2) };
}

/** "one thousand two hundred thirty-four dollars and fifty cents"; whole millions take "de" in Spanish and Portuguese ("un millón de pesos"). */
export function spokenMoney(m: Money, language: Language): string {
  const exp = exponentOf(m.currency);
  const scale = 10 ** exp;
  const major = Math.floor(Math.abs(m.amount) / scale);
  const minor = Math.abs(m.amount) % scale;
  const unit = currencyName(m.currency, language);
  const de = language !== 'en' && major >= 1_000_000 && major % 1_000_000 === 0 ? ' de' : '';
  const whole = `${numberWords(major, language, true)}${de} ${major === 1 ? unit.one : unit.many}`;
  const sign = m.amount < 0 ? { en: 'minus ', es: 'menos ', 'pt-BR': 'menos ' }[language] : '';
  if (minor === 0) return `${sign}${whole}`;
  // the minor unit spoken as cents where there are a hundred of them, else as thousandths (KWD, BHD ...)
  const cents = exp === 2 ? `${numberWords(minor, language, true)} ${minor === 1 ? MINOR[language].one : MINOR[language].many}`
    : `${numberWords(minor, language)} ${THOUSANDTHS[language]}`;
  return major === 0 && exp === 2 ? `${sign}${cents}` : `${sign}${whole} ${AND[language]} ${cents}`;
}

const MONTHS: Readonly<Record<Language, readonly string[]>> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  'pt-BR': ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
};
/** ISO weekdays, Monday first. */
const WEEKDAYS: Readonly<Record<Language, readonly string[]>> = {
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  es: ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
  'pt-BR': ['segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado', 'domingo'],
};

function enOrdinal(n: number): string {
  const w = numberWords(n, 'en');
  const irregular: Readonly<Record<string, string>> = { one: 'first', two: 'second', three: 'third', five: 'fifth', eight: 'eighth', nine: 'ninth', twelve: 'twelfth' };
  return w.replace(/([a-z]+)$/, (last: string) => irregular[last] ?? (last.endsWith('y') ? `${last.slice(0, -1)}ieth` : `${last}th`));
}

/** A year as said: "twenty twenty-seven", "two thousand nine"; "dos mil veintisiete"; "dois mil e vinte e sete". */
function yearWords(y: number, language: Language): string {
  if (language !== 'en' || y % 100 < 10 || y < 1100) return numberWords(y, language);
  return `${numberWords(Math.floor(y / 100), 'en')} ${numberWords(y % 100, 'en')}`;
}

/**
 * A calendar date as said, with its weekday and without the year when it falls in today's: "Friday, March twenty-seventh",
 * "viernes veintisiete de marzo" (templates say "el {{promise_date}}"), "sexta-feira, vinte e sete de março"; the first
 * of the month is "primero" and "primeiro".
 */
export function spokenDate(day: CalendarDate, language: Language, today: CalendarDate): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wd = WEEKDAYS[language][weekday(day) - 1]!;
  const month = MONTHS[language][m - 1]!;
  const year = day.slice(0, 4) === today.slice(0, 4) ? '' : yearWords(y, language);
  if (language === 'en') return `${wd}, ${month} ${enOrdinal(d)}${year ? `, ${year}` : ''}`;
  const dayWord = d === 1 ? (language === 'es' ? 'primero' : 'primeiro') : numberWords(d, language);
  return `${wd}${language === 'es' ? '' : ','} ${dayWord} de ${month}${year ? ` de ${year}` : ''}`;
}
