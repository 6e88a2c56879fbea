// A plan's schedule as a confirmation's call says it: each payment's amount and date in words in en, es and pt-BR, a long
// plan's first five and then how many more and the last date; the whole call within Twilio's 4,000 TwiML characters.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spokenCount, spokenSchedule } from './spoken-schedule.ts';
import { previewTemplate, sampleContext } from './render.ts';
import type { Language } from './types.ts';

const TODAY = '2026-03-17';
const LANGS: [Language, string][] = [['en', 'USD'], ['es', 'MXN'], ['pt-BR', 'BRL']];

/** A plan: [minor units, due date] per payment. */
const aPlan = (currency: string, rows: [number, string][]) => rows.map(([amount, dueDate]) => ({ amount: { amount, currency }, dueDate }));
const three = (currency: string) => aPlan(currency, [[43_050, '2026-03-21'], [43_000, '2026-04-20'], [44_000, '2026-05-17']]);
/** Twelve monthly payments on the 20th, April 2026 to March 2027, the last a little more. */
const twelve = (currency: string) => aPlan(currency, Array.from({ length: 12 }, (_, i): [number, string] => {
  const y = 2026 + Math.floor((3 + i) / 12);
  const m = ((3 + i) % 12) + 1;
  return [i === 11 ? 10_050 : 10_000, `${y}-${String(m).padStart(2, '0')}-20`];
}));

/** What the call says for a plan's confirmation: the voice template rendered with the debtor's plan. */
function call(language: Language, instalments: ReturnType<typeof aPlan>) {
  const base = sampleContext(language, TODAY);
  const r = previewTemplate('portal-plan-confirmed', 'voice', { language, context: { ...base, arrangement: { changed: false, instalments } } });
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.channel, 'voice');
  return r.value as { script: string; twiml: string };
}

describe('a plan\'s schedule spoken on a call', () => {
  it('reads a three-payment plan payment by payment, each amount and date in words', () => {
    assert.equal(spokenSchedule(three('USD'), 'en', TODAY), 'four hundred thirty dollars and fifty cents on Saturday, March twenty-first; ' +
      'four hundred thirty dollars on Monday, April twentieth; and four hundred forty dollars on Sunday, May seventeenth');
    assert.equal(spokenSchedule(three('MXN'), 'es', TODAY), 'cuatrocientos treinta pesos con cincuenta centavos el sábado veintiuno de marzo; ' +
      'cuatrocientos treinta pesos el lunes veinte de abril; y cuatrocientos cuarenta pesos el domingo diecisiete de mayo');
    assert.equal(spokenSchedule(three('BRL'), 'pt-BR', TODAY), 'quatrocentos e trinta reais e cinquenta centavos no sábado, vinte e um de março; ' +
      'quatrocentos e trinta reais na segunda-feira, vinte de abril; e quatrocentos e quarenta reais no domingo, dezessete de maio');
  });

  it('reads a twelve-payment plan\'s first five, then how many more and the last date, with its year', () => {
    assert.equal(spokenSchedule(twelve('USD'), 'en', TODAY), 'one hundred dollars on Monday, April twentieth; one hundred dollars on Wednesday, May twentieth; ' +
      'one hundred dollars on Saturday, June twentieth; one hundred dollars on Monday, July twentieth; one hundred dollars on Thursday, August twentieth; ' +
      'and seven more payments, the last on Saturday, March twentieth, twenty twenty-seven');
    assert.equal(spokenSchedule(twelve('MXN'), 'es', TODAY), 'cien pesos el lunes veinte de abril; cien pesos el miércoles veinte de mayo; ' +
      'cien pesos el sábado veinte de junio; cien pesos el lunes veinte de julio; cien pesos el jueves veinte de agosto; ' +
      'y siete pagos más, el último el sábado veinte de marzo de dos mil veintisiete');
    assert.equal(spokenSchedule(twelve('BRL'), 'pt-BR', TODAY), 'cem reais na segunda-feira, vinte de abril; cem reais na quarta-feira, vinte de maio; ' +
      'cem reais no sábado, vinte de junho; cem reais na segunda-feira, vinte de julho; cem reais na quinta-feira, vinte de agosto; ' +
      'e mais sete parcelas, a última no sábado, vinte de março de dois mil e vinte e sete');
  });

  it('reads six payments in full and a seventh as "two more"; one payment alone; counts parcelas in the feminine', () => {
    const seven = twelve('BRL').slice(0, 7);
    const six = twelve('USD').slice(0, 6);
    assert.equal(spokenSchedule(six, 'en', TODAY).split('; ').length, 6);
    assert.match(spokenSchedule(six, 'en', TODAY), /; and one hundred dollars on Sunday, September twentieth$/);
    assert.match(spokenSchedule(seven, 'pt-BR', TODAY), /; e mais duas parcelas, a última na terça-feira, vinte de outubro$/);
    assert.equal(spokenSchedule(seven.slice(0, 1), 'es', TODAY), 'cien reales el lunes veinte de abril');
    assert.equal(spokenSchedule([], 'en', TODAY), '');
    assert.deepEqual([spokenCount(1, 'pt-BR'), spokenCount(2, 'pt-BR'), spokenCount(22, 'pt-BR'), spokenCount(21, 'es'), spokenCount(12, 'en')],
      ['uma', 'duas', 'vinte e duas', 'veintiún', 'twelve']);
  });

  it('says the schedule in the confirmation\'s call in each language, the count in words, no figures or written dates', () => {
    const said = {
      en: 'in three payments. You will pay four hundred thirty dollars and fifty cents on Saturday, March twenty-first;',
      es: 'en tres pagos. Pagará cuatrocientos treinta pesos con cincuenta centavos el sábado veintiuno de marzo;',
      'pt-BR': 'em três parcelas. Você vai pagar quatrocentos e trinta reais e cinquenta centavos no sábado, vinte e um de março;',
    };
    for (const [language, currency] of LANGS) {
      const { script } = call(language, three(currency));
      assert.ok(script.includes(said[language]), script);
      assert.ok(script.includes(`${spokenSchedule(three(currency), language, TODAY)}.`), script);
      const confirmation = script.split(/ (To receive|Para recibir|Para receber) /)[0]!; // the menu's keys are said as figures
      assert.doesNotMatch(confirmation, /\d/, `${language}: no figures are read out`);
    }
  });

  it('keeps a twelve-payment plan\'s call within Twilio\'s 4,000 TwiML characters in each language', () => {
    for (const [language, currency] of LANGS) {
      const { script, twiml } = call(language, twelve(currency));
      assert.match(script, /(twelve payments\. You will pay|doce pagos\. Pagará|doze parcelas\. Você vai pagar) /);
      assert.match(script, /(seven more payments|siete pagos más|mais sete parcelas)/);
      assert.ok(twiml.length < 4_000, `${language}: ${twiml.length} characters`);
    }
  });
});
