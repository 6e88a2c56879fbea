// The portal's words for cancelling and for the history in English, Spanish and Portuguese: the same keys, each
// translated (not left in English) and naming the same placeholders, so no sentence loses its amount or date.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { historyEn } from '../web/src/portal/texts/history-en.ts';
import { historyEs } from '../web/src/portal/texts/history-es.ts';
import { historyPt } from '../web/src/portal/texts/history-pt.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the cancel and history words', () => {
  for (const [lang, texts] of [['es', historyEs], ['pt-BR', historyPt]] as const) {
    it(`are all in ${lang}, translated, with the English placeholders`, () => {
      assert.deepEqual(Object.keys(texts).sort(), Object.keys(historyEn).sort());
      for (const [key, english] of Object.entries(historyEn)) {
        const text = texts[key as keyof typeof historyEn];
        assert.ok(text.trim().length > 0, `${lang} ${key} is empty`);
        assert.notEqual(text, english, `${lang} ${key} is still English`);
        assert.deepEqual(placeholders(text), placeholders(english), `${lang} ${key}: ${text}`);
      }
    });
  }
});
