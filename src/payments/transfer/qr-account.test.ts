// Which accounts carry a payment QR code and what it says: the amount owed and the reference the matcher reads, the PIX
// key as the DICT holds it; nothing for rails without a standard here, nor without an amount (messages stay as they were).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readSvg } from '../../../test/support/qr-read.ts';
import { accountQr, pixKeyOf } from './qr-account.ts';
import { transferView } from './display.ts';
import type { TransferAccount, TransferSettings } from './schema.ts';

const sepa: TransferAccount = { id: 'bta_1', kind: 'sepa', currency: 'EUR', beneficiary_name: 'Demo GmbH', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' };
const pix: TransferAccount = { id: 'bta_3', kind: 'br_pix', currency: 'BRL', beneficiary_name: 'Demo Comércio Ltda', pix_key_type: 'cnpj',
  pix_key: '11.222.333/0001-81', city: 'São Paulo' };
const clabe: TransferAccount = { id: 'bta_2', kind: 'mx_clabe', currency: 'MXN', beneficiary_name: 'Demo SA de CV', clabe: '032180000118359719' };

describe('payment QR codes of transfer accounts', () => {
  it('gives a SEPA account in euros the EPC code with the amount and the reference, drawn so that a reader gets it back', () => {
    const qr = accountQr(sepa, 123456, 'F-1001 F-1002', 'F-1001');
    assert.equal(qr?.format, 'epc');
    assert.equal(qr?.payload, 'BCD\n002\n1\nSCT\nCOBADEFFXXX\nDemo GmbH\nDE89370400440532013000\nEUR1234.56\n\n\nF-1001 F-1002');
    assert.equal(readSvg(qr!.svg), qr!.payload, 'the SVG\'s modules read back as the payload');
  });

  it('gives a PIX account with its city the BR Code: the CNPJ without punctuation, the first invoice as txid, all of them described', () => {
    const qr = accountQr(pix, 50000, 'NF-77 NF-78', 'NF-77');
    assert.equal(qr?.format, 'pix');
    assert.match(qr!.payload, /^00020126510014br\.gov\.bcb\.pix0114112223330001810211NF-77 NF-785204000053039865406500\.005802BR5918Demo Comercio Ltda6009Sao Paulo62080504NF776304[0-9A-F]{4}$/);
  });

  it('normalises PIX keys as the DICT holds them', () => {
    const of = (pix_key_type: 'cpf' | 'phone' | 'email' | 'random', pix_key: string) => pixKeyOf({ ...pix, pix_key_type, pix_key } as Extract<TransferAccount, { kind: 'br_pix' }>);
    assert.equal(of('cpf', '123.456.789-09'), '12345678909');
    assert.equal(of('phone', '+55 (11) 98765-4321'), '+5511987654321');
    assert.equal(of('email', 'Cobranca@Demo.com.br'), 'cobranca@demo.com.br');
    assert.equal(of('random', '123E4567-E12B-12D1-A456-426655440000'), '123e4567-e12b-12d1-a456-426655440000');
  });

  it('gives none to a PIX key without its city, a CLABE, or a view asked without an amount', () => {
    assert.equal(accountQr({ ...pix, city: undefined } as TransferAccount, 100, 'F-1', 'F-1'), null);
    assert.equal(accountQr(clabe, 100, 'F-1', 'F-1'), null);
    const s: TransferSettings = { accounts: [sepa, clabe], reference: 'invoice_numbers' };
    assert.equal(transferView(s, 'EUR', ['F-1'], null, 'en')?.accounts[0]?.qr, undefined);
    assert.equal(transferView(s, 'EUR', ['F-1'], null, 'en', 990)?.accounts[0]?.qr?.format, 'epc');
    assert.equal(transferView(s, 'MXN', ['F-1'], null, 'en', 990)?.accounts[0]?.qr, undefined);
  });

  it('makes the customer\'s reference the txid when the org chose it', () => {
    const s: TransferSettings = { accounts: [pix], reference: 'customer_reference' };
    assert.match(transferView(s, 'BRL', ['F-1'], 'CLI-0042', 'pt-BR', 100)!.accounts[0]!.qr!.payload, /0208CLI-0042.*62110507CLI00426304/);
  });
});
