// The training corpus: the templates of each language expanded into messages, with spelling slips, deterministically.
//
// What each intent means (the evaluation set follows the same lines):
//   request_link      asks how or where to pay: the link, a boleto, a Pix key, bank details, a new link when one failed
//   already_paid      says a payment was made (in full or part), sends proof, asks why messages go on after paying
//   promise_to_pay    commits or proposes to pay, all or part, at a time ("can I pay on Friday?", "pago cuando cobre")
//   request_plan      asks to pay in instalments or parts
//   request_extension asks for more time or to move the due date, without committing to a payment
//   balance_inquiry   asks what is owed, what for, when it is due, for a statement or a copy of the invoice
//   dispute           disagrees with the debt or the amount: not ordered, cancelled, not received, charged twice, fraud
//   wrong_person      the message reached someone who is not the debtor
//   opt_out           asks to stop being contacted (always as the compliance reading says)
//   talk_to_human     asks for a person, a call or a phone number
//   hardship          cannot pay because of circumstances (job, health, death, disaster) without asking for a plan
//   greeting_thanks   greetings, thanks, acknowledgements
//   other             anything else
import { INTENTS, type Intent } from '../types.ts';
import { random } from '../../domain/random.ts';
import { EN } from './en.ts';
import { ES } from './es.ts';
import { PT } from './pt.ts';
import type { CorpusExample, CorpusLanguage } from './types.ts';

export type { CorpusExample, CorpusLanguage } from './types.ts';
export const CORPUS_LANGUAGES: readonly CorpusLanguage[] = [EN, ES, PT];

/** Variants drawn from each template (fewer when it has fewer combinations). */
const VARIANTS = 4;

function pick<T>(items: readonly T[], next: () => number): T {
  return items[Math.floor(next() * items.length)]!;
}

function fill(template: string, slots: CorpusLanguage['slots'], next: () => number): string {
  return template
    .replace(/\[([^\]]+)\]/g, (_, options: string) => pick(options.split('|'), next))
    .replace(/\{(\w+)\}/g, (_, slot: string) => {
      const fillers = slots[slot];
      if (!fillers) throw new Error(`corpus: no slot "${slot}"`);
      return pick(fillers, next);
    })
    .replace(/\s+/g, ' ').trim();
}

/** One slip of the fingers in a word of four letters or more: a letter dropped, doubled or swapped with the next. */
function typo(text: string, next: () => number): string {
  const words = text.split(' ');
  const long = words.map((w, i) => [w, i] as const).filter(([w]) => /^[\p{L}]{4,}$/u.test(w));
  if (long.length === 0) return text;
  const [word, at] = pick(long, next);
  const i = 1 + Math.floor(next() * (word.length - 2));
  const kind = Math.floor(next() * 3);
  words[at] = kind === 0 ? word.slice(0, i) + word.slice(i + 1)
    : kind === 1 ? word.slice(0, i) + word[i] + word.slice(i)
      : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  return words.join(' ');
}

/** Every training message: each template's variants, and for about half of them a copy with a typing slip. */
export function corpusExamples(seed = 11): CorpusExample[] {
  const next = random(seed);
  const out: CorpusExample[] = [];
  for (const lang of CORPUS_LANGUAGES) {
    for (const intent of INTENTS) {
      lang.intents[intent as Intent].forEach((template, t) => {
        const group = `${lang.language}:${intent}:${t}`;
        const seen = new Set<string>();
        for (let v = 0; v < VARIANTS * 3 && seen.size < VARIANTS; v++) seen.add(fill(template, lang.slots, next));
        for (const text of seen) {
          out.push({ text, language: lang.language, intent, group });
          if (next() < 0.5) out.push({ text: typo(text, next), language: lang.language, intent, group });
        }
      });
    }
  }
  return out;
}
