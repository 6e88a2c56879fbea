// Table-driven tests of the cross-format duplicate check: the same movement in camt.053 and MT940, and what keeps two apart.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pairDuplicates, sameAccount, sameMovement, type Movement } from './duplicates.ts';

const move = (over: Partial<Movement> = {}): Movement => ({ account: 'DE44500105175407324931', date: '2026-03-10', amount: 25_000,
  currency: 'EUR', direction: 'credit', reversal: false, endToEndId: null, bankReference: null, counterpartyAccount: null,
  counterpartyName: null, ...over });

describe('sameAccount', () => {
  for (const [a, b, same] of [
    ['DE44 5001 0517 5407 3249 31', 'DE44500105175407324931', true],
    ['DE44500105175407324931', '50010517/5407324931', true],
    ['NL91ABNA0417164300', '0417164300', true],
    ['DE44500105175407324931', '50010517/5407324932', false],
    ['DE44500105175407324931', 'DE89370400440532013000', false],
    ['DE44500105175407324931', '931', false],
  ] as const) {
    it(`${same ? 'takes' : 'does not take'} ${a} and ${b} for the same account`, () => assert.equal(sameAccount(a, b), same));
  }
});

describe('sameMovement', () => {
  const cases: [string, Partial<Movement>, Partial<Movement>, RegExp | null][] = [
    ['the same end-to-end id on both', { endToEndId: 'E2E-1' }, { endToEndId: 'e2e-1', account: '50010517/5407324931' }, /end-to-end id E2E-1/],
    ['different end-to-end ids', { endToEndId: 'E2E-1' }, { endToEndId: 'E2E-2' }, null],
    ['a placeholder id is no id: the bank reference decides', { endToEndId: 'NOTPROVIDED', bankReference: 'R1' }, { endToEndId: 'E2E-9', bankReference: 'R1' },
      /bank reference R1/],
    ['different bank references', { bankReference: 'R1' }, { bankReference: 'R2' }, null],
    ['another day', { endToEndId: 'E2E-1' }, { endToEndId: 'E2E-1', date: '2026-03-11' }, null],
    ['another amount', { endToEndId: 'E2E-1' }, { endToEndId: 'E2E-1', amount: 25_001 }, null],
    ['a debit and a credit', { endToEndId: 'E2E-1' }, { endToEndId: 'E2E-1', direction: 'debit' }, null],
    ['another account of the org', { endToEndId: 'E2E-1' }, { endToEndId: 'E2E-1', account: 'DE89370400440532013000' }, null],
    ['no ids, the same payer account', { counterpartyAccount: 'NL91 ABNA 0417 1643 00' }, { counterpartyAccount: 'NL91ABNA0417164300' }, /payer account/],
    ['no ids, different payer accounts', { counterpartyAccount: 'NL91ABNA0417164300' }, { counterpartyAccount: 'DE89370400440532013000' }, null],
    ['no ids, payer names alike', { counterpartyName: 'LUMEN LOGISTICS BV' }, { counterpartyName: 'Lumen Logistics B.V.' }, /payer name/],
    ['no ids, other payers', { counterpartyName: 'Lumen Logistics' }, { counterpartyName: 'Nova Textiles' }, null],
    ['no ids and one side without an account', { counterpartyName: 'Lumen' }, { counterpartyName: 'Lumen', account: null }, null],
  ];
  for (const [name, later, earlier, expected] of cases) {
    it(name, () => {
      const reason = sameMovement(move(later), move(earlier));
      if (expected === null) assert.equal(reason, null);
      else assert.match(reason ?? '', expected);
    });
  }
});

describe('pairDuplicates', () => {
  it('pairs two equal movements with two earlier ones, and a third is new', () => {
    const earlier = [{ ...move({ counterpartyName: 'Kiosk' }), id: 'a' }, { ...move({ counterpartyName: 'Kiosk' }), id: 'b' }];
    const fresh = [move({ counterpartyName: 'KIOSK' }), move({ counterpartyName: 'KIOSK' }), move({ counterpartyName: 'KIOSK' })];
    assert.deepEqual(pairDuplicates(fresh, earlier).map((p) => p?.of.id ?? null), ['a', 'b', null]);
  });
});
