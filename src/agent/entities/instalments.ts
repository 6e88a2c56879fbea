// Numbers of instalments a debtor asks for or offers: "en 3 cuotas", "in 4 payments", "em 6x", "three instalments".
import type { InstalmentEntity, InstalmentFrequency } from '../types.ts';
import { Spans } from './spans.ts';

const NOUN = '(?:cuotas?|parcelas?|parcelinhas|pagos|payments|instal?l?ments?|mensualidades|mensalidades|abonos|plazos|prestacoes|prestaciones|'
  + 'partes|parts|pieces|quotas|pagamentos|vezes|veces|x|quincenas|semanas|weeks|meses|months)';
/** How often, said within a few words after the count ("3 cuotas mensuales", "6 payments of $100 a month"). */
const FREQUENCY_WORDS = /^(?: [^ ]+){0,4}? (mensuales|mensual|mensais|mensal|monthly|por mes|al mes|a month|per month|cada mes|todo mes|every month|semanales|semanal|semanais|weekly|por semana|a la semana|a week|per week|cada semana|every week|toda semana|quincenales|quincenal|quinzenais|quinzenal|biweekly|fortnightly|every two weeks|every 2 weeks|cada quincena|cada 15 dias|a cada 15 dias)\b/;

/** The phrases, and whether the phrase itself says a plan (a verb of splitting), so months and weeks count without a cue. */
const PATTERNS: ReadonlyArray<RegExp> = [
  new RegExp(`\\b(?:divid\\w*|split\\w*|partir\\w*|fraccion\\w*|parcel\\w*|diferir\\w*|break it up)(?: (?:it|lo|la|el|o|a|em|en|in|into|up|the|pago|saldo|valor|total|balance|payment|debt|deuda|divida))* (\\d{1,3})(?: ${NOUN})?\\b`, 'g'),
  // An infinitive "pay it in N months" spreads the payment ("puedo pagarlo en 3 meses"); "te pago en 2 meses" is a date.
  new RegExp('\\b(?:pagar|pagarlo|pagarla|pagalo|pagala|liquidar|liquidarlo|quitar|saldar) (?:en|em) (\\d{1,3}) (?:meses|mensualidades|mensalidades)\\b', 'g'),
  new RegExp(`\\b(\\d{1,3}) ?(?:(?:monthly|weekly|biweekly|fortnightly|equal|small|smaller|separate|pagos|payments|cuotas|parcelas|prestacoes) )?${NOUN}\\b`, 'g'),
];

/** "meses"/"months"/"semanas"/"weeks" count instalments only when a plan word or "over"/"a" says so ("a 6 meses sin intereses"). */
const PLAN_PERIOD = /\b(?:over|a|durante|por|for|ao longo de)$/;
const PERIOD_NOUN = /\b(?:meses|months|semanas|weeks)\b/;
const NO_INTEREST = /^ ?(?:sin intereses|sem juros)/;

/** "6 meses" counts instalments after "a", "over", "durante", or before "sin intereses"; "en 6 meses" is a date. */
function periodCounts(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 20), start).trim();
  // "daqui a 2 semanas" is "in two weeks": that "a" is a date's.
  return (PLAN_PERIOD.test(before) && !/aqui a$/.test(before)) || NO_INTEREST.test(text.slice(end, end + 16));
}

function frequency(words: string): InstalmentFrequency | undefined {
  if (/quinc|quinz|biweekly|fortnight|two weeks|2 weeks|15 dias/.test(words)) return 'biweekly';
  if (/mens|month|\bmes/.test(words)) return 'monthly';
  if (/seman|week/.test(words)) return 'weekly';
  return undefined;
}

/** Instalment counts in the normalised text (number words as digits); counts of 2 to 120 only. */
export function extractInstalments(text: string, taken = new Spans(text.length)): InstalmentEntity[] {
  const found: Array<InstalmentEntity & { at: number }> = [];
  PATTERNS.forEach((re, index) => {
    const generic = index === PATTERNS.length - 1;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const count = Number(m[1]);
      if (count < 2 || count > 120 || !taken.free(m.index, m[0].length)) continue;
      const period = PERIOD_NOUN.test(m[0]) && !/\b(?:pagos|payments|cuotas|parcelas|prestacoes)\b/.test(m[0]);
      if (generic && period && !periodCounts(text, m.index, m.index + m[0].length)) continue;
      taken.take(m.index, m[0].length);
      const freq = frequency(`${m[0]} ${FREQUENCY_WORDS.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 60))?.[1] ?? ''}`);
      found.push({ text: m[0].trim(), count, ...(freq ? { frequency: freq } : {}), at: m.index });
    }
  });
  return found.sort((a, b) => a.at - b.at).map(({ at: _at, ...entity }) => entity);
}
