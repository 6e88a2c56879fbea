// The details as the debtor reads them: lines per country in their language, and the reference within each rail's length.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { accountLines, transferReference, transferView } from './display.ts';
import type { TransferAccount, TransferSettings } from './schema.ts';

const sepa: TransferAccount = { id: 'bta_1', kind: 'sepa', currency: 'EUR', beneficiary_name: 'Demo GmbH', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' };
const clabe: TransferAccount = { id: 'bta_2', kind: 'mx_clabe', currency: 'MXN', beneficiary_name: 'Demo SA de CV', bank_name: 'BBVA', clabe: '032180000118359719' };
const pix: TransferAccount = { id: 'bta_3', kind: 'br_pix', currency: 'BRL', beneficiary_name: 'Demo Ltda', pix_key_type: 'cnpj', pix_key: '11222333000181' };

describe('bank transfer details for the debtor', () => {
  it('groups an IBAN in fours for reading and copies it without spaces', () => {
    const lines = accountLines(sepa, 'en');
    assert.deepEqual(lines.map((l) => [l.label, l.value]), [['Beneficiary', 'Demo GmbH'], ['IBAN', 'DE89 3704 0044 0532 0130 00'], ['BIC', 'COBADEFFXXX']]);
    assert.equal(lines[1]!.copy, 'DE89370400440532013000');
  });

  it('writes the labels in Spanish and Portuguese', () => {
    assert.deepEqual(accountLines(clabe, 'es').map((l) => l.label), ['Beneficiario', 'Banco', 'CLABE']);
    assert.deepEqual(accountLines(pix, 'pt-BR').map((l) => l.label), ['Favorecido', 'Chave PIX (CNPJ)']);
  });

  it('quotes the invoice numbers, as many as the rail carries (a SPEI concept holds 40 characters)', () => {
    const numbers = ['FAC-2026-000101', 'FAC-2026-000102', 'FAC-2026-000103'];
    assert.equal(transferReference('invoice_numbers', numbers, 'C-77', 'sepa'), numbers.join(' '));
    assert.equal(transferReference('invoice_numbers', numbers, 'C-77', 'mx_clabe'), 'FAC-2026-000101 FAC-2026-000102');
    assert.equal(transferReference('customer_reference', numbers, 'C-77', 'sepa'), 'C-77');
    assert.equal(transferReference('customer_reference', numbers, null, 'sepa'), numbers.join(' '));
  });

  it('shows only the accounts of the currency owed', () => {
    const s: TransferSettings = { accounts: [sepa, clabe], reference: 'invoice_numbers' };
    assert.deepEqual(transferView(s, 'MXN', ['F-1'], null, 'es')?.accounts.map((a) => [a.id, a.reference]), [['bta_2', 'F-1']]);
    assert.equal(transferView(s, 'BRL', ['F-1'], null, 'es'), null);
  });
});
