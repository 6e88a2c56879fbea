import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CARD_REDACTION, luhnValid, redactCardNumbers } from './redact.ts';

describe('removing card numbers from replies (PCI-1)', () => {
  it('removes a card number written with spaces, dashes or in one run', () => {
    for (const card of ['4111 1111 1111 1111', '4111-1111-1111-1111', '4111111111111111', '5500 0000 0000 0004']) {
      assert.equal(redactCardNumbers(`mi tarjeta es ${card} gracias`), `mi tarjeta es ${CARD_REDACTION} gracias`);
    }
  });
  it('removes it from form-encoded and JSON raw bodies', () => {
    assert.equal(redactCardNumbers('Body=card+4111+1111+1111+1111&From=%2B5215512345678', { formEncoded: true }), `Body=card+${CARD_REDACTION}&From=%2B5215512345678`);
    assert.equal(redactCardNumbers('{"text":"4111 1111 1111 1111"}'), `{"text":"${CARD_REDACTION}"}`);
  });
  it('leaves phone numbers, invoice numbers and amounts that fail the Luhn check', () => {
    const text = 'llámame al +5215512345678, factura 1234567890123, pago 1500.00';
    assert.equal(redactCardNumbers(text), text);
    assert.equal(luhnValid('4111111111111112'), false);
  });
});
