import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseReleaseCsv, releaseType } from './mercadopago-release-csv.ts';
import { csv, HEAD, REPORT } from '../../../test/support/mp-release-report.ts';


describe('the release report read into payouts', () => {
  it('gives each payout what was released since the one before, the first with the balance before the period', () => {
    const r = parseReleaseCsv(REPORT, null);
    assert.ok(r.ok, r.ok ? '' : r.message);
    const [first, second] = r.value.payouts;
    assert.equal(r.value.payouts.length, 2);
    assert.deepEqual([first!.payoutId, first!.amount, first!.currency, first!.date, first!.complete, first!.bankAccount],
      ['900001', 154_01, 'MXN', '2026-03-03', false, '012180001234567897']);
    assert.deepEqual(first!.transactions.map((t) => [t.type, t.amount, t.fee, t.net, t.paymentIntent]),
      [['balance', 10_00, 0, 10_00, null], ['payment', 100_00, 3_99, 96_01, '111'], ['payment', 50_00, 2_00, 48_00, '222'], ['payout', -154_01, 0, -154_01, null]]);
    assert.equal(first!.transactions[2]!.description, 'plk_b, "two"');
    assert.equal(first!.at, '2026-03-03T13:00:00.000Z');
    // the second carried a payment and a refund of an earlier payment, net of fees
    assert.deepEqual([second!.payoutId, second!.amount, second!.complete], ['900002', 14_00, true]);
    assert.deepEqual(second!.transactions.map((t) => [t.type, t.amount, t.fee, t.net, t.chargeId]),
      [['payment', 20_00, 1_00, 19_00, '333'], ['refund', -5_00, 0, -5_00, '222'], ['payout', -14_00, 0, -14_00, null]]);
    // a payment released after the last payout waits for the next one
    assert.deepEqual([r.value.waiting, r.value.rows], [1, 8]);
  });

  it('reads the descriptions into the types the payout check knows', () => {
    assert.deepEqual(['payment', 'refund', 'refund_partial', 'chargeback', 'reserve_for_dispute', 'mediation', 'shipping', 'tax_withholding', 'fee-release_in_advance', 'bonus'].map(releaseType),
      ['payment', 'refund', 'refund', 'dispute', 'dispute', 'dispute', 'fee', 'fee', 'fee', 'adjustment']);
  });

  it('fails a malformed row naming its line and column, and a file without the columns it needs', () => {
    const bad = (row: string) => parseReleaseCsv(csv(row), null);
    const cases: [string, number, string, RegExp][] = [
      ['2026-03-02T10:00:00.000-04:00,111,,release,payment,96.0x,0.00,100.00,-3.99,,MXN', 2, 'NET_CREDIT_AMOUNT', /"96\.0x" is not an amount in MXN/],
      ['2026-03-02T10:00:00.000-04:00,111,,release,payment,96.001,0.00,100.00,-3.99,,MXN', 2, 'NET_CREDIT_AMOUNT', /not an amount/],
      ['03/02/2026,111,,release,payment,96.01,0.00,100.00,-3.99,,MXN', 2, 'DATE', /not a date/],
      ['2026-03-02T10:00:00.000-04:00,111,,settlement,payment,96.01,0.00,100.00,-3.99,,MXN', 2, 'RECORD_TYPE', /not a record type/],
      ['2026-03-02T10:00:00.000-04:00,,,release,payment,96.01,0.00,100.00,-3.99,,MXN', 2, 'SOURCE_ID', /names no payment/],
      ['2026-03-02T10:00:00.000-04:00,900,,release,payout,5.00,0.00,,,,MXN', 2, 'NET_DEBIT_AMOUNT', /must debit/],
      ['2026-03-02T10:00:00.000-04:00,111,,release,payment,96.01,0.00,100.00,-3.99,,XYZ', 2, 'CURRENCY', /not a currency/],
    ];
    for (const [row, line, column, message] of cases) {
      const r = bad(row);
      assert.ok(!r.ok, row);
      assert.deepEqual([r.line, r.column], [line, column], row);
      assert.match(r.message, new RegExp(`^line ${line}, column ${column}: `));
      assert.match(r.message, message);
    }
    const noNet = parseReleaseCsv('DATE,SOURCE_ID,RECORD_TYPE,DESCRIPTION\r\n2026-03-02T10:00:00Z,1,release,payment', null);
    assert.ok(!noNet.ok);
    assert.deepEqual([noNet.line, noNet.column], [1, 'NET_CREDIT_AMOUNT']);
    const noCurrency = parseReleaseCsv(HEAD.replace(',CURRENCY', ''), null);
    assert.ok(!noCurrency.ok && noCurrency.column === 'CURRENCY');
    assert.ok(parseReleaseCsv(HEAD.replace(',CURRENCY', ''), 'MXN').ok, 'the connection\'s country gives the currency');
  });
});
