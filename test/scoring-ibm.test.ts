import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testDb, testOrg } from './support/db.ts';
import type { Db } from '../src/db/index.ts';
import { importCsv, parseMapping, type Mapping } from '../src/ledger/index.ts';
import { backtest, loadPortfolio, type BacktestResult } from '../src/scoring/index.ts';
import type { Portfolio } from '../src/scoring/types.ts';

const IBM = fileURLToPath(new URL('../../shared/data/ar/ibm-late-payment/WA_Fn-UseC_-Accounts-Receivable.csv', import.meta.url));
const mapping = (name: string): Mapping => {
  const r = parseMapping(JSON.parse(readFileSync(new URL(`../examples/ibm/${name}.mapping.json`, import.meta.url), 'utf8')));
  assert.ok(r.ok);
  return r.mapping;
};
const figures = (r: BacktestResult) => `AUC ${r.auc} (baseline ${r.baseline.auc}), Brier ${r.brier} (baseline ${r.baseline.brier}), `
  + `${r.model}, ${r.scored} invoices scored, ${r.late} late, days-late MAE ${r.days_late_mae}`;

describe('the temporal backtest on the IBM late-payment history', () => {
  let db: Db;
  let portfolio: Portfolio;
  before(async () => {
    db = await testDb();
    const org = await testOrg(db, 'IBM sample');
    for (const kind of ['invoices', 'payments'] as const) {
      const r = await importCsv(db, org, kind, createReadStream(IBM), { mapping: mapping(kind) });
      assert.equal(r.status, 'completed', JSON.stringify(r.errors.slice(0, 3)));
    }
    portfolio = await loadPortfolio(db, org);
  });
  after(async () => { await db.close(); });

  it('reads the ledger back: 100 customers, 2,466 settled invoices, disputes, paper or electronic billing and countries', () => {
    const invoices = portfolio.customers.flatMap((c) => c.invoices);
    assert.equal(portfolio.customers.length, 100);
    assert.equal(invoices.length, 2466);
    assert.equal(invoices.filter((i) => i.settled !== null).length, 2466);
    assert.equal(invoices.filter((i) => i.disputedOn !== null).length, 561);
    assert.equal(invoices.filter((i) => i.paperless === true).length, 1203);
    assert.deepEqual([...new Set(portfolio.customers.map((c) => c.country))].sort(), ['391', '406', '770', '818', '897']);
  });

  for (const asOf of ['2013-01-01', '2013-07-01']) {
    it(`beats the customer's past late share clearly when trained before ${asOf}`, (t) => {
      const r = backtest(portfolio, { asOf, today: '2014-03-01' });
      t.diagnostic(figures(r));
      assert.ok(r.scored > 500 && r.training.rows > 1000, `${r.scored} scored, ${r.training.rows} to learn from`);
      assert.ok(r.baseline.auc > 0.8 && r.baseline.auc < 0.9, `the baseline is about 0.85: ${r.baseline.auc}`);
      assert.ok(r.auc >= r.baseline.auc + 0.03, figures(r));
      assert.ok(r.auc >= 0.9, figures(r));
      assert.ok(r.brier < r.baseline.brier, figures(r));
      // calibrated: each decile's mean probability within 0.15 of the share that really was late
      assert.equal(r.calibration.length, 10);
      for (const b of r.calibration) assert.ok(Math.abs(b.predicted - b.observed) < 0.15, JSON.stringify(b));
      // every prediction carries reasons in words
      assert.ok(r.predictions.every((p) => p.reasons.length > 0 && p.reasons.every((x) => x.text.length > 5)));
    });
  }

  it('still beats the baseline when the file\'s undated dispute flags are not used for the invoice scored', (t) => {
    const r = backtest(portfolio, { asOf: '2013-01-01', today: '2014-03-01', undatedDisputes: 'unknown' });
    t.diagnostic(figures(r));
    assert.ok(r.auc > r.baseline.auc, figures(r));
    assert.ok(r.brier < r.baseline.brier, figures(r));
  });
});
