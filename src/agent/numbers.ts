// Numbers written as words in English, Spanish and Portuguese ("tres cuotas", "dois mil reais", "five hundred"), read as digits.
import type { AgentLanguage } from './types.ts';

type Table = Readonly<Record<string, number>>;

const EN: Table = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30,
  forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const ES: Table = {
  un: 1, uno: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, once: 11,
  doce: 12, trece: 13, catorce: 14, quince: 15, dieciseis: 16, diecisiete: 17, dieciocho: 18, diecinueve: 19, veinte: 20,
  veintiuno: 21, veintiun: 21, veintidos: 22, veintitres: 23, veinticuatro: 24, veinticinco: 25, veintiseis: 26, veintisiete: 27,
  veintiocho: 28, veintinueve: 29, treinta: 30, cuarenta: 40, cincuenta: 50, sesenta: 60, setenta: 70, ochenta: 80, noventa: 90,
  cien: 100, ciento: 100, doscientos: 200, doscientas: 200, trescientos: 300, trescientas: 300, cuatrocientos: 400,
  quinientos: 500, quinientas: 500, seiscientos: 600, setecientos: 700, ochocientos: 800, novecientos: 900,
};
const PT: Table = {
  um: 1, uma: 1, dois: 2, duas: 2, tres: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9, dez: 10, onze: 11,
  doze: 12, treze: 13, catorze: 14, quatorze: 14, quinze: 15, dezesseis: 16, dezasseis: 16, dezessete: 17, dezoito: 18,
  dezenove: 19, vinte: 20, trinta: 30, quarenta: 40, cinquenta: 50, cincoenta: 50, sessenta: 60, setenta: 70, oitenta: 80,
  noventa: 90, cem: 100, cento: 100, duzentos: 200, duzentas: 200, trezentos: 300, quatrocentos: 400, quinhentos: 500,
  seiscentos: 600, setecentos: 700, oitocentos: 800, novecentos: 900,
};
const TABLES: Readonly<Record<AgentLanguage, Table>> = { en: EN, es: ES, 'pt-BR': PT };
const CONNECTORS: Readonly<Record<AgentLanguage, string>> = { en: 'and', es: 'y', 'pt-BR': 'e' };
const HUNDRED = new Set(['hundred']);
const THOUSAND = new Set(['thousand', 'mil', 'grand']);
const MILLION = new Set(['million', 'millions', 'millon', 'millones', 'milhao', 'milhoes']);
const DIGITS = /^\d+$/;
/** "un", "una", "um", "one" are articles too: they count as 1 only before a unit ("una semana", "um mês", "one payment"). */
const ONE = new Set(['un', 'uno', 'una', 'um', 'uma', 'one']);
const COUNTED = /^(?:dias?|days?|semanas?|weeks?|mes|meses|months?|anos?|years?|quincenas?|cuotas?|parcelas?|pagos?|payments?|pagamentos?|instal?l?ments?|mensualidad|mensalidade|vez|par|mil|hundred|thousand|millon|milhao)$/;

/** Reads a run of number words (and digits followed by "mil"/"thousand") starting at `i`; null when none starts there. */
function readRun(words: readonly string[], i: number, table: Table, connector: string): { value: number; end: number } | null {
  let total = 0;
  let current = 0;
  let seen = false;
  let j = i;
  for (; j < words.length; j++) {
    const w = words[j]!;
    const v = table[w];
    if (v !== undefined && !(ONE.has(w) && !seen && !COUNTED.test(words[j + 1] ?? ''))) { current += v; seen = true; continue; }
    if (!seen && j === i && w === 'a' && table === EN && (HUNDRED.has(words[j + 1] ?? '') || THOUSAND.has(words[j + 1] ?? ''))) {
      current = 1; seen = true; continue;
    }
    if (!seen && j === i && DIGITS.test(w) && j + 1 < words.length && (THOUSAND.has(words[j + 1]!) || MILLION.has(words[j + 1]!))) {
      current = Number(w); seen = true; continue;
    }
    if (seen && HUNDRED.has(w)) { current = (current || 1) * 100; continue; }
    if (THOUSAND.has(w) && (seen || w === 'mil')) { total += (current || 1) * 1000; current = 0; seen = true; continue; }
    if (seen && MILLION.has(w)) { total += (current || 1) * 1_000_000; current = 0; continue; }
    if (seen && w === connector && j + 1 < words.length && table[words[j + 1]!] !== undefined) continue;
    break;
  }
  return seen ? { value: total + current, end: j } : null;
}

/**
 * The tokens with every run of number words replaced by its value in digits: "en dos semanas" -> "en 2 semanas",
 * "mil quinientos pesos" -> "1500 pesos", "2 mil reais" -> "2000 reais". Each language reads only its own words
 * ("dos" is two in Spanish and "of the" in Portuguese).
 */
export function numeralise(words: readonly string[], language: AgentLanguage): string[] {
  const table = TABLES[language];
  const connector = CONNECTORS[language];
  const out: string[] = [];
  for (let i = 0; i < words.length;) {
    // "2,5 mil" stays as written: the amount reader scales a decimal itself.
    const afterDecimal = i > 0 && /^\d+[.,]\d+$/.test(words[i - 1]!) && (THOUSAND.has(words[i]!) || MILLION.has(words[i]!));
    const run = afterDecimal ? null : readRun(words, i, table, connector);
    if (run && (run.end > i + 1 || !DIGITS.test(words[i]!))) {
      out.push(String(run.value));
      i = run.end;
    } else {
      out.push(words[i]!);
      i++;
    }
  }
  return out;
}
