// Twilio's form bodies are written by hand: byte for byte what URLSearchParams writes, whatever the text.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { encodeForm, type FormFields } from './twilio-common.ts';

const viaSearchParams = (fields: FormFields) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of typeof v === 'string' ? [v] : v) p.append(k, one);
  return p.toString();
};

describe('encodeForm', () => {
  it('writes what URLSearchParams writes: reserved, unreserved, spaces, accents, emoji and lone surrogates', () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom("!'()~*-._ %+&=", 'Señor Pérez 😀', '\ud800x'));
    fc.assert(fc.property(fc.dictionary(fc.string({ unit: 'binary', maxLength: 8 }), fc.oneof(text, fc.array(text, { maxLength: 3 }))), (fields) => {
      assert.equal(encodeForm(fields), viaSearchParams(fields));
    }), { numRuns: 3000 });
    assert.equal(encodeForm({ To: '+52 55', Body: "¡Hola! (5) ~x' *", Media: ['a', 'b'] }), 'To=%2B52+55&Body=%C2%A1Hola%21+%285%29+%7Ex%27+*&Media=a&Media=b');
  });
});
