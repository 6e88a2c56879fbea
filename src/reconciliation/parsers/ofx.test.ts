// OFX 1.x/2.x and QFX parsing on ofxparse's, OCA's and Actual's files, and their broken variants.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStatement } from './index.ts';
import { bankFile, linesOf, signed, statementsOf } from './testing/shared-data.ts';

function failure(path: string, opts = {}) {
  const result = parseStatement(bankFile(path), opts);
  return result.ok ? null : [result.error.code, result.error.line];
}

describe('OFX statements', () => {
  it('reads an OFX 1.x SGML checking statement with open leaf tags', () => {
    const [stmt] = statementsOf('ofx/ofxparse/checking.ofx');
    assert.equal(stmt?.account, '1452687~7');
    assert.deepEqual(stmt?.closingBalance, { amount: { amount: 10099, currency: 'USD' }, date: '2013-05-25' });
    assert.deepEqual(stmt?.lines.map((l) => [l.bookingDate, signed(l), l.bankReference]), [
      ['2011-03-31', 1, '0000486'], ['2011-04-05', -3451, '0000487'], ['2011-04-07', -2500, '0000488'],
    ]);
    assert.equal(stmt?.lines[2]?.structuredReference, '319');
  });

  it('reads bank_medium with payees and memos', () => {
    const lines = linesOf('ofx/ofxparse/bank_medium.ofx');
    assert.deepEqual(lines.map((l) => [signed(l), l.counterpartyName]), [
      [-660, "MCDONALD'S #112"], [-31667, "Joe's Bald Hairstyles"], [-2200, "CONNIE'S HAIR D"],
    ]);
  });

  it('reads OFX 2 XML credit-card and CDATA statements', () => {
    const [anz] = statementsOf('ofx/ofxparse/anzcc.ofx');
    assert.deepEqual([anz?.currency, anz?.closingBalance?.amount.amount, anz?.lines.map(signed)], ['AUD', -12345, [-550]]);
    const [suncorp] = linesOf('ofx/ofxparse/suncorp.ofx');
    assert.equal(suncorp?.counterpartyName, 'EFTPOS WDL HANDYWAY ALDI STORE');
    assert.equal(signed(suncorp ?? linesOf('ofx/ofxparse/checking.ofx')[0]!), -1685);
  });

  it('reads every account of a multi-account file', () => {
    const statements = statementsOf('ofx/ofxparse/multiple_accounts.ofx');
    assert.deepEqual(statements.map((s) => [s.account, s.closingBalance?.amount.amount]), [['9100', 11100], ['9200', 22200]]);
  });

  it('reads the OCA OFX 2.1.1 file with an IBAN as account', () => {
    const [stmt] = statementsOf('ofx/oca-bank-statement-import/test_ofx_iban.ofx');
    assert.equal(stmt?.lines.length, 4);
    assert.deepEqual(stmt?.lines.map((l) => l.counterpartyName), ['Agrolait', 'China Export', 'Axelor Scuba', 'China Scuba']);
  });

  it('reads a Quicken QFX with time zones in dates and a space in the account', () => {
    const [stmt] = statementsOf('ofx/actual/html-vals.qfx');
    assert.equal(stmt?.account, '00000 00-00000');
    assert.deepEqual(stmt?.lines.map((l) => [l.bookingDate, signed(l), l.amount.currency]), [['2023-05-09', -100, 'CAD'], ['2023-03-01', -100, 'CAD']]);
    assert.match(stmt?.lines[0]?.remittanceText ?? '', /B\.C\. HYDRO & POWER AUTHORITY/);
  });

  it('reads empty tags on one long line once a currency is given', () => {
    assert.deepEqual(failure('ofx/ofxparse/ofx-v102-empty-tags.ofx'), ['MISSING_CURRENCY', 23]);
    assert.deepEqual(linesOf('ofx/ofxparse/ofx-v102-empty-tags.ofx', { currency: 'EUR' }).map(signed), [1234]);
  });
});

describe('OFX files that must fail nicely', () => {
  it('names the line of a missing posting date', () => {
    assert.deepEqual(failure('ofx/ofxparse/fail_nice/date_missing.ofx'), ['BAD_DATE', 33]);
  });

  it('names the line of an impossible date', () => {
    assert.deepEqual(failure('ofx/ofxparse/fail_nice/decimal_error.ofx'), ['BAD_DATE', 36]);
  });

  it('reads a statement whose balance is empty as one without a balance', () => {
    const [stmt] = statementsOf('ofx/ofxparse/fail_nice/empty_balance.ofx');
    assert.equal(stmt?.closingBalance, null);
    assert.deepEqual(stmt?.lines.map(signed), [12000]);
  });

  it('names the line of a balance that is not a number', () => {
    const text = '<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD\n<LEDGERBAL>\n<BALAMT>12..0\n</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>';
    const result = parseStatement(Buffer.from(text));
    assert.deepEqual(result.ok ? null : [result.error.code, result.error.line], ['BAD_AMOUNT', 3]);
  });

  it('passes on the bank\'s own error message', () => {
    const result = parseStatement(bankFile('ofx/ofxparse/error_message.ofx'));
    assert.deepEqual(result.ok ? null : [result.error.code, result.error.message], ['BANK_ERROR', 'the bank answered with status 2000: General Server Error']);
  });

  it('says an account listing holds no statement', () => {
    assert.equal(failure('ofx/ofxparse/account_listing_aggregation.ofx')?.[0], 'NO_STATEMENT');
  });

  it('rejects the OCA file whose currency and account are commented out', () => {
    assert.equal(failure('ofx/oca-bank-statement-import/test_ofx_wrong.ofx')?.[0], 'MISSING_CURRENCY');
  });
});
