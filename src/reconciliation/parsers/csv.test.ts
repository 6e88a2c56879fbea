// Bank and PSP CSV exports checked against the OFX that csv2ofx produced from the same files.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStatement } from './index.ts';
import { bankFile, linesOf, signed } from './testing/shared-data.ts';

const PAIRS: Array<[csv: string, ofx: string, mapping: string]> = [
  ['gls.csv', 'gls.ofx', 'gls'], ['ingesp.csv', 'ingesp.ofx', 'ing-es'], ['outbank.csv', 'outbank.ofx', 'outbank'],
  ['schwab-checking.csv', 'schwab-checking.ofx', 'schwab'], ['n26-fr.csv', 'n26.ofx', 'n26'],
  ['default.csv', 'default.ofx', 'csv2ofx-default'], ['payoneer.csv', 'payoneer.ofx', 'payoneer'],
  ['pcmastercard.csv', 'pcmastercard.ofx', 'pc-mastercard'], ['stripe-default.csv', 'stripe-default.ofx', 'stripe-charges'],
];

/** csv2ofx read ING España's 08/04/2022 month-first; every other row of the file is day-first. */
const KNOWN_DEVIATIONS: Record<string, string> = { 'ingesp.csv 2022-08-04': '2022-04-08' };

const key = (rows: Array<[string | null, number]>) => rows.map(([d, a]) => `${d} ${a}`).sort();

describe('CSV against csv2ofx output', () => {
  for (const [csv, ofx, mapping] of PAIRS) {
    it(`reads ${csv} with the dates and signed amounts csv2ofx wrote, picking the "${mapping}" mapping by itself`, () => {
      const ours = linesOf(`csv/csv2ofx/${csv}`);
      const theirs = linesOf(`csv/csv2ofx/expected/${ofx}`, { currency: 'USD' })
        .map((l) => ({ ...l, bookingDate: KNOWN_DEVIATIONS[`${csv} ${l.bookingDate}`] ?? l.bookingDate }));
      assert.equal(ours.length, theirs.length);
      assert.deepEqual(key(ours.map((l) => [l.bookingDate, signed(l)])), key(theirs.map((l) => [l.bookingDate, signed(l)])));
      const named = parseStatement(bankFile(`csv/csv2ofx/${csv}`), { csv: mapping });
      assert.equal(named.ok && named.statements[0]?.lines.length, ours.length);
    });
  }

  it('reads the GLS export from ISO-8859-1 with the payee csv2ofx found', () => {
    const [line] = linesOf('csv/csv2ofx/gls.csv');
    assert.equal(line?.counterpartyName, 'Drillisch Online AG');
    assert.match(line?.remittanceText ?? '', /SIMply Rechnung/);
  });

  it('keeps rare diacritics in names', () => {
    assert.equal(linesOf('csv/csv2ofx/default.csv')[0]?.counterpartyName, 'Ằdøłƥh Noƴa');
  });

  it('reads apostrophe thousands and separate debit and credit columns (UBS)', () => {
    const lines = linesOf('csv/csv2ofx/ubs-ch-fr_trimmed.csv');
    assert.deepEqual(lines.map((l) => [l.bookingDate, signed(l), l.amount.currency, l.bankReference]), [
      ['2019-03-31', -1000, 'CHF', 'A01234BC01234567'], ['2019-02-28', 24000, 'CHF', '3456789ZT1234567'], ['2019-04-27', -20000, 'CHF', '9979360TI2115087'],
    ]);
  });

  it('reads PayPal in Spanish: decimal comma, D/M/YYYY', () => {
    const lines = linesOf('csv/oca-bank-statement-import/paypal/statement_es.csv');
    assert.deepEqual(lines.slice(0, 2).map((l) => [l.bookingDate, signed(l), l.counterpartyName, l.bankReference]), [
      ['2020-01-02', 4937, 'Partner 1', 'TID1'], ['2020-01-02', 2882, 'Partner 2', 'TID2'],
    ]);
  });

  it('reads PayPal in English with quoted thousands', () => {
    const [first] = linesOf('csv/oca-bank-statement-import/paypal/statement_en.csv');
    assert.deepEqual([first?.bookingDate, first && signed(first)], ['2018-09-04', -105809]);
  });

  it('asks for a mapping when the layout is unknown', () => {
    const result = parseStatement(bankFile('csv/csv2ofx/amazon.csv'));
    assert.equal(result.ok ? null : result.error.code, 'CSV_MAPPING_REQUIRED');
  });

  it('names the row and column of a bad amount', () => {
    const text = 'Booking Date,Value Date,Partner Name,Partner Iban,Payment Reference,Amount (EUR)\n2020-03-07,,A,DE1,x,1.00\n2020-03-08,,B,DE2,y,abc\n';
    const result = parseStatement(Buffer.from(text), { csv: 'n26' });
    assert.deepEqual(result.ok ? null : [result.error.code, result.error.line, result.error.message], ['BAD_AMOUNT', 3, '"Amount (EUR)" value "abc" is not an amount']);
  });

  it('names the row of a date that does not exist', () => {
    const text = 'Booking Date,Amount (EUR)\n2020-02-30,1.00\n';
    const result = parseStatement(Buffer.from(text), { csv: 'n26' });
    assert.deepEqual(result.ok ? null : [result.error.code, result.error.line], ['BAD_DATE', 2]);
  });
});
