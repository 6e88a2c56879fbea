// normaliseText decomposes only the non-ASCII runs of a text: the same as decomposing the whole text, on any text.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normaliseText } from './text.ts';

const whole = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

describe('normaliseText', () => {
  it('folds accents, case and punctuation as the whole text\'s NFD would, marks and odd characters included', () => {
    const pieces = fc.constantFrom('a', 'E', ' ', '.', 'é', 'e\u0301', '\u0327\u0301', 'Ñ', 'ç', 'ǅ', 'Σ', 'ß', 'İ', '\u1e69', '😀', '\ud800', '\u0301', 'ﬁ', '9');
    fc.assert(fc.property(fc.array(fc.oneof(pieces, fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), { maxLength: 12 }), (parts) => {
      const text = parts.join('');
      assert.equal(normaliseText(text), whole(text));
    }), { numRuns: 3000 });
    assert.equal(normaliseText('Señor PÉREZ: ¡Responda BAJA!'), 'senor perez responda baja');
  });
});
