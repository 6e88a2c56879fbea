// Language detection: English, Spanish and Brazilian Portuguese; the dominant language of a mixed message; the hint for short texts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage } from './language.ts';
import { languageFeatures } from './model/features.ts';
import { defaultModels } from './model/train.ts';
import { normalise } from './normalise.ts';
import type { AgentLanguage } from './types.ts';

const detect = (text: string, hint?: AgentLanguage) => detectLanguage(defaultModels().language, languageFeatures(text, normalise(text)), hint);

describe('language detection', () => {
  const clear: Array<[string, AgentLanguage]> = [
    ['Hi, I already sent the payment last Friday', 'en'], ['can u call me tmrw pls', 'en'],
    ['Buenas tardes, quisiera saber cuánto debo', 'es'], ['no puedo pagar este mes, xq me quede sin chamba', 'es'], ['ya pague', 'es'],
    ['Não consigo pagar este mês', 'pt-BR'], ['vc pode me mandar o boleto?', 'pt-BR'], ['nao tenho dinheiro agora', 'pt-BR'],
  ];
  for (const [text, language] of clear) {
    it(`reads "${text}" as ${language} even when the customer's language is another`, () => {
      const other: AgentLanguage = language === 'en' ? 'es' : 'en';
      const guess = detect(text, other);
      assert.deepEqual([guess.language, guess.source], [language, 'text']);
      assert.ok(guess.confidence > 0.9, `confidence ${guess.confidence}`);
    });
  }

  it('gives a mixed message to the language most of it is written in', () => {
    assert.equal(detect('hola, I already paid the invoice yesterday, check please').language, 'en');
    assert.equal(detect('ok pls, me manda o boleto de novo que o outro venceu').language, 'pt-BR');
    assert.equal(detect('thanks! pero todavía no me llega el link para pagar la factura').language, 'es');
  });

  for (const text of ['ok', 'no', '1500', '👍', '?', 'ok ok']) {
    it(`falls back to the customer's language for "${text}"`, () => {
      for (const hint of ['en', 'es', 'pt-BR'] as const) assert.deepEqual([detect(text, hint).language, detect(text, hint).source], [hint, 'hint']);
    });
  }

  it('guesses from the text, with low confidence, when a short text comes without a hint', () => {
    const guess = detect('ok');
    assert.equal(guess.source, 'text');
    assert.ok(guess.confidence < 0.7, `confidence ${guess.confidence}`);
  });
});
