// The LLM's rewording is checked before it can be sent: every fact of the draft kept, none added, the disclosure kept,
// the channel's length respected.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { factsOf, phrasingProblem, type PhraseContext } from './phrase.ts';

const intro = 'Hola, soy el asistente automático de Acme.';
const draft = `${intro} Su saldo es de MX$1,500.00, vencido desde el 1 de febrero. Puede pagar aquí: {{payment_link}}`;
const ctx: PhraseContext = { language: 'es', channel: 'whatsapp', keep: [intro] };

describe('checking an LLM rewording of an answer', () => {
  it('finds the facts of a draft: amounts, numbers, placeholders and links', () => {
    assert.deepEqual(factsOf(draft), ['MX$1,500.00', '1', '{{payment_link}}']);
    assert.deepEqual(factsOf('Pay at https://pay.example/x?a=1. Ref 00123.'), ['https://pay.example/x?a=1', '00123']);
  });

  const cases: [string, string, RegExp | null][] = [
    ['a kinder wording with every fact', `${intro} Le escribimos por su saldo de MX$1,500.00, que venció el 1 de febrero. Cuando guste, puede pagar en {{payment_link}}`, null],
    ['the amount changed', draft.replace('MX$1,500.00', 'MX$1,400.00'), /dropped or changed "MX\$1,500\.00"/],
    ['the date moved', draft.replace('el 1 de febrero', 'el 2 de febrero'), /dropped or changed "1"/],
    ['the link dropped', draft.replace(' {{payment_link}}', ''), /"\{\{payment_link\}\}"/],
    ['an amount invented', `${draft} Con un descuento pagaría MX$1,000.00.`, /added "MX\$1,000\.00"/],
    ['a link invented', `${draft} O en https://evil.example/pay`, /added "https:\/\/evil\.example\/pay"/],
    ['the disclosure dropped', draft.replace(intro, 'Hola, le escribe Ana de Acme.'), /disclosure/],
    ['far too long', `${draft} ${'Gracias. '.repeat(40)}`, /characters, over/],
  ];
  for (const [name, candidate, problem] of cases) {
    it(`${problem ? 'refuses' : 'accepts'} ${name}`, () => {
      const found = phrasingProblem(draft, candidate, ctx);
      if (problem) assert.match(found ?? '', problem);
      else assert.equal(found, null);
    });
  }

  it('lets an SMS grow to three segments but no further', () => {
    const sms: PhraseContext = { ...ctx, channel: 'sms' };
    assert.equal(phrasingProblem(draft, `${draft} ${'Gracias. '.repeat(30)}`.slice(0, 459), sms), null);
    assert.match(phrasingProblem(draft, `${draft} ${'Gracias. '.repeat(40)}`, sms) ?? '', /over 459/);
  });
});
