import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adyenType, parseAdyenSettlementCsv } from './adyen-settlement-csv.ts';
import { ADYEN_HEADER, settlementCsv, type SettlementRow } from '../../../test/support/adyen-settlement.ts';

// batch 142 of AcmeShopEUR (EUR, CET), batch 7 of AcmeShopJP (JPY, no decimals), and batch 143 still open
const ROWS: SettlementRow[] = [
  { type: 'Settled', psp: '8815732051700001', ref: 'INV-1001', modification: '8815732051700101', grossCredit: '120.00', netCredit: '117.42',
    markup: '0.30', scheme: '0.12', interchange: '2.16' },
  { type: 'Settled', psp: '8815732051700002', ref: 'INV-1002, "rush"', modification: '8815732051700102', grossCredit: '89.90', netCredit: '88.05', commission: '1.85' },
  { type: 'Refunded', psp: '8815732051700001', ref: 'INV-1001', modification: '8815732051700201', grossDebit: '20.00', netDebit: '20.00' },
  { type: 'Chargeback', psp: '8815732051700003', ref: 'INV-0990', modification: '8815732051700301', grossDebit: '45.50', netDebit: '60.50', commission: '15.00' },
  // paid in pounds, settled in euros: the gross is the net plus what Adyen withheld
  { type: 'Settled', psp: '8815732051700004', ref: 'INV-1003', modification: '8815732051700104', grossCurrency: 'GBP', grossCredit: '50.00', rate: '1.1650',
    netCredit: '57.25', markup: '0.60', scheme: '0.10', interchange: '0.30' },
  { type: 'Fee', modification: 'Transaction Fees March 2026', netDebit: '1.20', created: '2026-03-10 04:55:40' },
  { type: 'InvoiceDeduction', modification: 'Invoice 2026-02', netDebit: '12.00', created: '2026-03-10 04:55:41' },
  { type: 'MerchantPayout', modification: 'TX4421937301XT batch 142, AcmeShopEUR', netDebit: '169.02', created: '2026-03-10 05:00:12' },
  { type: 'Settled', merchant: 'AcmeShopJP', psp: '8815732051709001', ref: 'JP-77', currency: 'JPY', grossCredit: '12000', netCredit: '11640',
    commission: '360', batch: 7, zone: 'JST', created: '2026-03-09 18:00:00' },
  { type: 'MerchantPayout', merchant: 'AcmeShopJP', currency: 'JPY', netDebit: '11640', batch: 7, zone: 'JST', created: '2026-03-10 09:30:00' },
  { type: 'Settled', psp: '8815732051700005', ref: 'INV-1004', grossCredit: '10.00', netCredit: '9.80', commission: '0.20', batch: 143, created: '2026-03-10 11:00:00' },
];

const parse = (rows: SettlementRow[], header?: string[]) => parseAdyenSettlementCsv(settlementCsv(rows, header));
const failure = (rows: SettlementRow[], header?: string[]) => {
  const r = parse(rows, header);
  assert.ok(!r.ok, 'the file must fail');
  return [r.line, r.column, r.message];
};

describe('Adyen\'s Settlement details report read into payouts', () => {
  it('gives each batch\'s MerchantPayout what the batch carried, gross, costs and net in minor units', () => {
    const r = parse(ROWS);
    assert.ok(r.ok, r.ok ? '' : r.message);
    assert.deepEqual([r.value.rows, r.value.openBatches], [11, ['AcmeShopEUR:143']]);
    const [eur, jpy] = r.value.payouts;
    assert.deepEqual([eur!.payoutId, eur!.batch, eur!.amount, eur!.currency, eur!.date, eur!.at], ['AcmeShopEUR:142', 142, 169_02, 'EUR', '2026-03-10', '2026-03-10T04:00:12.000Z']);
    assert.deepEqual(eur!.transactions.map((t) => [t.type, t.reportingCategory, t.amount, t.fee, t.net, t.paymentIntent]), [
      ['payment', 'Settled', 120_00, 2_58, 117_42, '8815732051700001'],
      ['payment', 'Settled', 89_90, 1_85, 88_05, '8815732051700002'],
      ['refund', 'Refunded', -20_00, 0, -20_00, '8815732051700001'],
      ['dispute', 'Chargeback', -45_50, 15_00, -60_50, '8815732051700003'],
      ['payment', 'Settled', 58_25, 1_00, 57_25, '8815732051700004'],
      ['fee', 'Fee', -1_20, 0, -1_20, null],
      ['fee', 'InvoiceDeduction', -12_00, 0, -12_00, null],
      ['payout', 'MerchantPayout', -169_02, 0, -169_02, null],
    ]);
    // what the batch carried nets to the payout, to the cent
    assert.equal(eur!.transactions.slice(0, -1).reduce((s, t) => s + t.net, 0), eur!.amount);
    assert.deepEqual([eur!.transactions[1]!.description, eur!.transactions[1]!.sourceId, eur!.transactions[7]!.sourceId], ['INV-1002, "rush"', '8815732051700102', 'AcmeShopEUR:142']);
    assert.deepEqual([jpy!.payoutId, jpy!.amount, jpy!.currency, jpy!.date, jpy!.at], ['AcmeShopJP:7', 11640, 'JPY', '2026-03-10', '2026-03-10T00:30:00.000Z']);
    assert.deepEqual(jpy!.transactions.map((t) => [t.type, t.amount, t.fee, t.net]), [['payment', 12000, 360, 11640], ['payout', -11640, 0, -11640]]);
  });

  it('keeps two rows of one modification apart', () => {
    const r = parse([{ type: 'Fee', modification: 'Transaction Fees', netDebit: '1.00' }, { type: 'Fee', modification: 'Transaction Fees', netDebit: '2.00' },
      { type: 'MerchantPayout', netCredit: '', netDebit: '0.01' }]);
    assert.ok(r.ok);
    assert.deepEqual(r.value.payouts[0]!.transactions.map((t) => t.id), ['Fee:Transaction Fees', 'Fee:Transaction Fees#2', 'payout:AcmeShopEUR:142']);
  });

  it('reads the journal types into the types the payout check knows', () => {
    assert.deepEqual(['Settled', 'Refunded', 'RefundedReversed', 'Chargeback', 'SecondChargeback', 'ChargebackReversed', 'Fee', 'MiscCosts', 'InvoiceDeduction',
      'MerchantPayout', 'DepositCorrection', 'Balancetransfer'].map(adyenType),
    ['payment', 'refund', 'refund', 'dispute', 'dispute', 'dispute', 'fee', 'fee', 'fee', 'payout', 'adjustment', 'adjustment']);
  });

  it('fails the whole file at the first row it cannot read, naming its line and column', () => {
    const at = (i: number, change: Partial<SettlementRow>) => ROWS.map((r, j) => (j === i ? { ...r, ...change } : r));
    assert.deepEqual(failure(at(2, { netDebit: '20,00' })), [4, 'Net Debit (NC)', 'line 4, column Net Debit (NC): "20,00" is not an amount in EUR']);
    assert.deepEqual(failure(at(0, { netCredit: '117.425' })).slice(0, 2), [2, 'Net Credit (NC)']);
    assert.deepEqual(failure(at(8, { netCredit: '11640.5' })).slice(0, 2), [10, 'Net Credit (NC)']);
    assert.deepEqual(failure(at(5, { zone: 'Mars' })).slice(0, 2), [7, 'TimeZone']);
    assert.deepEqual(failure(at(1, { created: '09/03/2026 10:15' })).slice(0, 2), [3, 'Creation Date']);
    assert.deepEqual(failure(at(1, { batch: '' })).slice(0, 2), [3, 'Batch Number']);
    assert.deepEqual(failure(at(3, { currency: 'EURO' })).slice(0, 2), [5, 'Net Currency']);
    assert.deepEqual(failure(at(3, { currency: 'USD', grossCurrency: 'USD' })), [5, 'Net Currency', 'line 5, column Net Currency: batch 142 of AcmeShopEUR is in EUR, this row in USD']);
    assert.deepEqual(failure(at(0, { psp: '' })).slice(0, 2), [2, 'Psp Reference']);
    assert.deepEqual(failure(at(7, { netDebit: '', netCredit: '169.02' })).slice(0, 2), [9, 'Net Debit (NC)']);
    assert.deepEqual(failure([...ROWS, { type: 'MerchantPayout', netDebit: '1.00' }]), [13, 'Type', 'line 13, column Type: batch 142 of AcmeShopEUR has a second MerchantPayout row']);
    assert.deepEqual(failure(ROWS, ADYEN_HEADER.filter((c) => c !== 'Batch Number')).slice(0, 2), [1, 'Batch Number']);
  });
});
