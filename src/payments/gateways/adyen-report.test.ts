import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { reportUrlRefused, SETTLEMENT_DETAIL_FILE } from './adyen-report.ts';
import { interpretAdyenItem } from './adyen.ts';

describe('Adyen report URLs and REPORT_AVAILABLE items', () => {
  it('downloads only over https from Adyen Customer Area hosts, or from the org api_base host', () => {
    for (const ok of ['https://ca-test.adyen.com/reports/download/MerchantAccount/Acme/settlement_detail_report_batch_12.csv',
      'https://ca-live.adyen.com/reports/download/MerchantAccount/Acme/x.csv', 'https://ca-live-us.adyen.com/reports/download/Company/Acme/x.csv']) {
      assert.equal(reportUrlRefused(ok), null, ok);
    }
    assert.equal(reportUrlRefused('http://127.0.0.1:4000/reports/download/x.csv', 'http://127.0.0.1:4000'), null);
    for (const [bad, why] of [['http://ca-test.adyen.com/reports/download/MerchantAccount/Acme/x.csv', /not on an Adyen host/],
      ['https://ca-test.adyen.com.evil.example/reports/download/x.csv', /not on an Adyen host/], ['https://evil.example/reports/download/x.csv', /evil\.example/],
      ['https://ca-test.adyen.com/other/x.csv', /not on an Adyen host/], ['https://u:p@ca-test.adyen.com/reports/download/x.csv', /credentials/],
      ['http://127.0.0.1:4001/reports/download/x.csv', /127\.0\.0\.1:4001/], ['not a url', /not a URL/]] as const) {
      assert.match(reportUrlRefused(bad, bad.includes('4001') ? 'http://127.0.0.1:4000' : undefined) ?? '', why, bad);
    }
  });

  it('reads REPORT_AVAILABLE: the pspReference is the file, the reason its URL', () => {
    const url = 'https://ca-test.adyen.com/reports/download/MerchantAccount/Acme/settlement_detail_report_batch_12.csv';
    assert.deepEqual(interpretAdyenItem({ eventCode: 'REPORT_AVAILABLE', success: 'true', pspReference: 'settlement_detail_report_batch_12.csv', reason: url,
      amount: { value: 0, currency: 'EUR' } }), { kind: 'report', fileName: 'settlement_detail_report_batch_12.csv', url });
    assert.equal(interpretAdyenItem({ eventCode: 'REPORT_AVAILABLE', success: 'true', pspReference: 'x.csv' }).kind, 'ignore');
    assert.ok(SETTLEMENT_DETAIL_FILE.test('settlement_detail_report_batch_12.csv'));
    assert.ok(!SETTLEMENT_DETAIL_FILE.test('settlement_detail_report_2026_03_01.csv'));
    assert.ok(!SETTLEMENT_DETAIL_FILE.test('payments_accounting_report_2026_03_01.csv'));
  });
});
