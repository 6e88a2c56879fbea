// The check digits of each country's account identifiers, good and bad, and the schema naming the field that is wrong.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cbuProblem, clabeProblem, cnpjProblem, cpfProblem, ibanProblem, routingProblem, bicProblem } from './check-digits.ts';
import { pixKeyProblem } from './schema.ts';
import { validateTransferSettings } from './store.ts';

const TABLE: { name: string; check: (s: string) => string | null; good: string[]; bad: [string, RegExp][] }[] = [
  { name: 'IBAN (mod 97)', check: ibanProblem,
    good: ['DE89 3704 0044 0532 0130 00', 'es91 2100 0418 4502 0005 1332', 'GB82WEST12345698765432', 'FR1420041010050500013M02606'],
    bad: [['DE88370400440532013000', /check digits/], ['DE8937040044053201300', /22 characters/], ['1234', /country code/], ['GB82WEST12345698765433', /check digits/]] },
  { name: 'BIC', check: bicProblem, good: ['COBADEFFXXX', 'BSCHESMM'], bad: [['COBADE', /8 or 11/], ['COBA1EFF', /8 or 11/]] },
  { name: 'US routing number (ABA)', check: routingProblem, good: ['011000015', '021000021', '121000358'],
    bad: [['011000016', /check digit/], ['12345678', /9 digits/]] },
  { name: 'CLABE (Mexico)', check: clabeProblem, good: ['032180000118359719', '002 010 07777777777 1'],
    bad: [['032180000118359718', /check digit/], ['03218000011835971', /18 digits/], ['002010077777777772', /check digit/]] },
  { name: 'CBU/CVU (Argentina)', check: cbuProblem, good: ['2850590940090418135201', '0110599520000001235579'],
    bad: [['2850590840090418135201', /first check digit/], ['2850590940090418135202', /second check digit/], ['285059094009041813520', /22 digits/]] },
  { name: 'CPF (Brazil)', check: cpfProblem, good: ['529.982.247-25', '11144477735'],
    bad: [['529.982.247-24', /check digits/], ['111.111.111-11', /repeated/], ['5299822472', /11 digits/]] },
  { name: 'CNPJ (Brazil, numeric and alphanumeric)', check: cnpjProblem, good: ['11.222.333/0001-81', '12.ABC.345/01DE-35'],
    bad: [['11.222.333/0001-82', /check digits/], ['12.ABC.345/01DE-36', /check digits/], ['00.000.000/0000-00', /repeated/]] },
];

describe('check digits per country', () => {
  for (const row of TABLE) {
    it(`accepts good and refuses bad: ${row.name}`, () => {
      for (const g of row.good) assert.equal(row.check(g), null, g);
      for (const [b, why] of row.bad) assert.match(row.check(b) ?? 'passed', why, b);
    });
  }

  it('checks a PIX key by its type', () => {
    assert.equal(pixKeyProblem('cpf', '529.982.247-25'), null);
    assert.match(pixKeyProblem('cpf', '529.982.247-26')!, /CPF/);
    assert.equal(pixKeyProblem('cnpj', '11222333000181'), null);
    assert.equal(pixKeyProblem('email', 'cobranca@loja.com.br'), null);
    assert.match(pixKeyProblem('email', 'cobranca-loja')!, /e-mail/);
    assert.equal(pixKeyProblem('phone', '+55 (11) 98765-4321'), null);
    assert.match(pixKeyProblem('phone', '+1 555 0100')!, /\+55/);
    assert.equal(pixKeyProblem('random', '123e4567-e89b-42d3-a456-426614174000'), null);
    assert.match(pixKeyProblem('random', '123e4567e89b42d3a456426614174000')!, /UUID/);
  });
});

describe('the settings schema', () => {
  const good = { kind: 'sepa', currency: 'EUR', beneficiary_name: 'Demo GmbH', iban: 'DE89 3704 0044 0532 0130 00', bic: 'cobadeffxxx' };

  it('stores an IBAN and BIC compact and upper-cased, the reference defaulting to the invoice numbers', () => {
    const r = validateTransferSettings({ accounts: [good] });
    assert.ok(r.ok);
    assert.deepEqual(r.value.accounts[0], { ...good, iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', id: '' });
    assert.equal(r.value.reference, 'invoice_numbers');
  });

  const refusals: [string, unknown, string, RegExp][] = [
    ['a wrong IBAN check digit', { ...good, iban: 'DE88370400440532013000' }, 'accounts.0.iban', /mod 97/],
    ['a SEPA account in dollars', { ...good, currency: 'USD' }, 'accounts.0.currency', /EUR/],
    ['a wrong CLABE check digit', { kind: 'mx_clabe', currency: 'MXN', beneficiary_name: 'X', clabe: '032180000118359718' }, 'accounts.0.clabe', /check digit/],
    ['a wrong CBU', { kind: 'ar_cbu', currency: 'ARS', beneficiary_name: 'X', cbu: '2850590940090418135202' }, 'accounts.0.cbu', /second check digit/],
    ['a PIX CPF key with wrong digits', { kind: 'br_pix', currency: 'BRL', beneficiary_name: 'X', pix_key_type: 'cpf', pix_key: '52998224726' }, 'accounts.0.pix_key', /CPF/],
    ['a wrong routing number', { kind: 'us_ach', currency: 'USD', beneficiary_name: 'X', routing_number: '011000016', account_number: '123456789' }, 'accounts.0.routing_number', /check digit/],
    ['a generic account without its bank', { kind: 'other', currency: 'CLP', beneficiary_name: 'X', account_number: '123' }, 'accounts.0.bank_name', /./],
    ['a missing beneficiary', { ...good, beneficiary_name: ' ' }, 'accounts.0.beneficiary_name', /./],
    ['an unknown kind', { ...good, kind: 'swift' }, 'accounts.0.kind', /./],
  ];
  for (const [name, account, field, why] of refusals) {
    it(`refuses ${name}, naming the field`, () => {
      const r = validateTransferSettings({ accounts: [account] });
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.equal(r.error.field, field);
      assert.match(r.error.message, why);
    });
  }
});
