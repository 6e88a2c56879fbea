// The payment QR payloads against published BR Codes (the Banco Central's own example and codes banks issued, CRC and
// all), the CRC's check value, the EPC guidelines' fields, and properties over any input: every EMV length right, the
// CRC over everything before it, the EPC lines and byte limit, and the drawn code read back by a QR reader.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readModules } from '../../../test/support/qr-read.ts';
import { crc16, decimalAmount, epcPayload, EPC_MAX_BYTES, isCreditorReference, pixPayload } from './qr-payload.ts';
import { qrMatrix } from './qr-code.ts';

/** Reads EMV data objects (id, two-digit length, value) until the text ends; throws when a length runs past it. */
function emv(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (let at = 0; at < text.length;) {
    const id = text.slice(at, at + 2);
    const n = Number(text.slice(at + 2, at + 4));
    assert.match(text.slice(at, at + 4), /^\d{4}$/, `an id and a length at ${at} of ${text}`);
    assert.ok(at + 4 + n <= text.length, `field ${id} (${n}) fits in ${text}`);
    out.push([id, text.slice(at + 4, at + 4 + n)]);
    at += 4 + n;
  }
  return out;
}

describe('the PIX BR Code', () => {
  it('is the Banco Central\'s own example of a static BR Code, CRC 1D3D', () => {
    assert.equal(pixPayload({ key: '123e4567-e12b-12d1-a456-426655440000', name: 'Fulano de Tal', city: 'BRASILIA' }),
      '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D');
  });

  it('reproduces a code a bank issued, with a CNPJ key, a description and an amount', () => {
    assert.equal(pixPayload({ key: '54777753000137', description: 'WHATSAPPESPECIALISTASDUOP', amount: 3499, name: 'GPR ANALISE LTDA', city: 'BRASILIA' }),
      '00020126650014br.gov.bcb.pix0114547777530001370225WHATSAPPESPECIALISTASDUOP520400005303986540534.995802BR5916GPR ANALISE LTDA6008BRASILIA62070503***63048CF0');
  });

  it('computes CRC-16/CCITT-FALSE: the check value of "123456789" is 29B1, and the CRC of published codes', () => {
    assert.equal(crc16('123456789'), '29B1');
    for (const code of [
      '00020126360014BR.GOV.BCB.PIX0114+5561988888888520400005303986540510.005802BR5913FULANO DE TAL6008BRASILIA62070503***6304EFA2',
      '00020126360014BR.GOV.BCB.PIX0114+55619828476225204000053039865406105.005802BR5920Pedro Rosa Domingues6008Brasilia62070503***63049626',
      '00020101021126440014br.gov.bcb.pix0114481759260001440204RIFA520400005303986540510.005802BR5915COMUNIDADE NOVA6008BRASILIA62070503***6304C18E',
    ]) assert.equal(crc16(code.slice(0, -4)), code.slice(-4));
  });

  it('writes the name and city without accents within 25 and 15 characters, and the txid in letters and digits', () => {
    const fields = new Map(emv(pixPayload({ key: '+5511987654321', name: 'Distribuidora Nordeste Comércio de Peças Ltda', city: 'São José dos Campos',
      amount: 123456, txid: 'FAT-2026/000123' })));
    assert.equal(fields.get('59'), 'Distribuidora Nordeste Co');
    assert.equal(fields.get('60'), 'Sao Jose dos Ca');
    assert.equal(fields.get('54'), '1234.56');
    assert.deepEqual(emv(fields.get('62')!), [['05', 'FAT2026000123']]);
  });

  it('keeps any input within the manual\'s lengths, with the CRC over everything before it, and reads back from the drawn code', () => {
    const key = fc.oneof(fc.stringMatching(/^\d{11}$/), fc.stringMatching(/^\+55\d{10,11}$/), fc.uuid(),
      fc.stringMatching(/^[a-z0-9.]{1,40}@[a-z0-9]{1,20}\.com$/));
    fc.assert(fc.property(key, fc.string({ maxLength: 80 }), fc.string({ maxLength: 40 }), fc.option(fc.integer({ min: 1, max: 99_999_999_999 }), { nil: undefined }),
      fc.string({ maxLength: 40 }), fc.string({ maxLength: 160 }), (k, name, city, amount, txid, description) => {
        const code = pixPayload({ key: k, name, city, amount, txid, description });
        const fields = emv(code);
        assert.deepEqual(fields.map(([id]) => id).filter((id) => id !== '54'), ['00', '26', '52', '53', '58', '59', '60', '62', '63']);
        const f = new Map(fields);
        assert.equal(f.get('00'), '01');
        const account = new Map(emv(f.get('26')!));
        assert.equal(account.get('00'), 'br.gov.bcb.pix');
        assert.equal(account.get('01'), k);
        assert.ok(f.get('26')!.length <= 99);
        assert.equal(f.get('54'), amount === undefined ? undefined : decimalAmount(amount));
        assert.ok(f.get('59')!.length <= 25 && f.get('60')!.length <= 15);
        assert.match(f.get('59')! + f.get('60')! + (account.get('02') ?? ''), /^[\x20-\x7e]*$/);
        assert.match(new Map(emv(f.get('62')!)).get('05')!, /^([A-Za-z0-9]{1,25}|\*\*\*)$/);
        assert.equal(code.slice(-8, -4), '6304');
        assert.equal(code.slice(-4), crc16(code.slice(0, -4)));
      }), { numRuns: 500 });
    fc.assert(fc.property(fc.uuid(), fc.string({ maxLength: 30 }), fc.integer({ min: 1, max: 10 ** 9 }), (k, name, amount) => {
      const code = pixPayload({ key: k, name, city: 'Recife', amount, txid: 'F1001', description: 'F-1001 F-1002' });
      assert.equal(readModules(qrMatrix(code).dark), code);
    }), { numRuns: 25 });
  });
});

describe('the EPC QR payload (SEPA credit transfer)', () => {
  it('writes the guidelines\' sample transfer in version 002, UTF-8, BIC kept, nothing after the last field', () => {
    assert.equal(epcPayload({ bic: 'BPOTBEB1', name: 'Red Cross of Belgium', iban: 'BE72000000001616', amount: 100, purpose: 'CHAR',
      reference: 'Urgency fund', information: 'Sample EPC QR code' }),
    'BCD\n002\n1\nSCT\nBPOTBEB1\nRed Cross of Belgium\nBE72000000001616\nEUR1.00\nCHAR\n\nUrgency fund\nSample EPC QR code');
    assert.equal(epcPayload({ name: 'Demo GmbH', iban: 'DE89 3704 0044 0532 0130 00', amount: 123456, reference: 'F-1001 F-1002' }),
      'BCD\n002\n1\nSCT\n\nDemo GmbH\nDE89370400440532013000\nEUR1234.56\n\n\nF-1001 F-1002');
  });

  it('puts an ISO 11649 creditor reference in the structured field and anything else in the text', () => {
    assert.ok(isCreditorReference('RF18539007547034'));
    assert.ok(isCreditorReference('RF18 5390 0754 7034'));
    assert.ok(!isCreditorReference('RF19539007547034'));
    assert.equal(epcPayload({ name: 'A', iban: 'DE89370400440532013000', reference: 'RF18 5390 0754 7034' }).split('\n')[9], 'RF18539007547034');
    assert.equal(epcPayload({ name: 'A', iban: 'DE89370400440532013000', reference: 'RF19 5390' }).split('\n')[10], 'RF19 5390');
  });

  it('leaves out an amount the standard cannot carry (none, zero, over 999999999.99 euros)', () => {
    for (const amount of [undefined, 0, 100_000_000_000]) assert.equal(epcPayload({ name: 'A', iban: 'DE89370400440532013000', amount }).split('\n')[7], undefined);
    assert.equal(epcPayload({ name: 'A', iban: 'DE89370400440532013000', amount: 99_999_999_999, reference: 'x' }).split('\n')[7], 'EUR999999999.99');
  });

  it('keeps any input within 331 bytes and the field lengths, in a version 13 code at most, read back from the drawn code', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), fc.option(fc.integer({ min: 1, max: 99_999_999_999 }), { nil: undefined }),
      fc.string({ unit: 'grapheme', maxLength: 200 }), (name, amount, reference) => {
        const payload = epcPayload({ name: `N${name}`, iban: 'ES9121000418450200051332', bic: 'CAIXESBBXXX', amount, reference });
        const lines = payload.split('\n');
        assert.deepEqual(lines.slice(0, 5), ['BCD', '002', '1', 'SCT', 'CAIXESBBXXX']);
        assert.ok(Buffer.byteLength(payload) <= EPC_MAX_BYTES, `${Buffer.byteLength(payload)} bytes`);
        assert.ok([...lines[5]!].length <= 70 && lines[5]!.startsWith('N'));
        assert.equal(lines[6], 'ES9121000418450200051332');
        assert.equal(lines[7] ?? '', amount === undefined ? '' : `EUR${decimalAmount(amount)}`);
        assert.ok(lines.length <= 12 && [...(lines[10] ?? '')].length <= 140 && lines.at(-1) !== '');
      }), { numRuns: 500 });
    const widest = epcPayload({ name: '漢'.repeat(70), iban: 'ES9121000418450200051332', bic: 'CAIXESBBXXX', amount: 99_999_999_999, reference: 'é'.repeat(140) });
    const m = qrMatrix(widest);
    assert.ok(m.version <= 13, `version ${m.version}`);
    assert.equal(readModules(m.dark), widest);
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 70 }), fc.integer({ min: 1, max: 10 ** 8 }), (name, amount) => {
      const payload = epcPayload({ name: `N${name}`, iban: 'DE89370400440532013000', amount, reference: 'F-1001 F-1002' });
      assert.equal(readModules(qrMatrix(payload).dark), payload);
    }), { numRuns: 25 });
  });
});
