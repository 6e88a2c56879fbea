// Format detection from content, and the result for input that is no statement at all.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectFormat, parseStatement } from './index.ts';
import { bankFile } from './testing/shared-data.ts';

const CASES: Array<[string, string]> = [
  ['camt053/genkgo-camt/camt053.v8.xml', 'camt.053'], ['camt054/genkgo-camt/camt054.v2.xml', 'camt.054'],
  ['camt053/oca-bank-statement-import/test-camt053.xml', 'camt.053'], ['mt940/wolph-mt940/mBank/mt940.sta', 'mt940'],
  ['mt940/wolph-mt940/mBank/mt942.sta', 'mt942'], ['mt940/wolph-mt940/jejik/abnamro.sta', 'mt940'],
  ['mt940/php-mt940/kbs-sample.txt', 'mt940'], ['mt940/wolph-mt940/self-provided/sparkassen.sta', 'mt940'],
  ['mt940/mt940-js/ing-1.mta', 'mt940'], ['ofx/ofxparse/checking.ofx', 'ofx'], ['ofx/ofxparse/anzcc.ofx', 'ofx'],
  ['ofx/ofxparse/fail_nice/decimal_error.ofx', 'ofx'], ['ofx/actual/html-vals.qfx', 'ofx'], ['csv/csv2ofx/expected/gls.ofx', 'ofx'],
  ['csv/csv2ofx/gls.csv', 'csv'], ['csv/csv2ofx/mint.csv', 'csv'], ['csv/csv2ofx/stripe-default.csv', 'csv'],
];

describe('detectFormat', () => {
  for (const [file, format] of CASES) {
    it(`recognises ${file.split('/').pop()} as ${format}`, () => {
      assert.equal(detectFormat(bankFile(file)), format);
    });
  }

  it('recognises nothing in plain prose', () => {
    assert.equal(detectFormat(Buffer.from('Dear customer, thank you for your payment.')), null);
  });
});

describe('parseStatement on input that is no statement', () => {
  it('says an empty file is empty', () => {
    assert.equal((parseStatement(Buffer.alloc(0)) as { ok: false; error: { code: string } }).error.code, 'EMPTY_INPUT');
  });

  it('says an unknown file is of an unknown format', () => {
    const result = parseStatement(Buffer.from('just some words'));
    assert.equal(result.ok ? null : result.error.code, 'UNKNOWN_FORMAT');
  });

  it('never throws on random bytes read as any format', () => {
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    for (const format of ['camt.053', 'mt940', 'ofx', 'csv'] as const) {
      const result = parseStatement(noise, { format, csv: 'gls' });
      assert.equal(result.ok, false, format);
    }
  });
});
