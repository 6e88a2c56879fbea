import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { random } from '../domain/random.ts';
import { matrix, sigmoid } from './matrix.ts';
import { fitLogistic, logisticMargin, solveSpd } from './logistic.ts';
import { fitGbt, gbtContributions, gbtMatrix } from './gbt.ts';
import { auc } from './metrics.ts';
import { trainModel } from './train.ts';
import { aCustomerFact, anInvoiceFact, aPortfolio } from './fixtures.ts';
import { dayNumber, addDays } from '../domain/dates.ts';
import { predict, reasonsFor } from './predict.ts';
import { Priors } from './priors.ts';
import { featuresAsOf } from './features.ts';

/** n rows of two features in [-1, 1]; the label drawn with log-odds 2 x0 - 1 x1 + 0.5. */
function synthetic(n: number, seed: number) {
  const rnd = random(seed);
  const x = matrix(n, 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = rnd() * 2 - 1;
    const b = rnd() * 2 - 1;
    x.data[i * 2] = a; x.data[i * 2 + 1] = b;
    y[i] = rnd() < sigmoid(2 * a - b + 0.5) ? 1 : 0;
  }
  return { x, y };
}

describe('the models', () => {
  it('solves a small symmetric positive definite system', () => {
    // [4 2; 2 3] x = [2; 1] -> x = [0.5, 0]
    assert.deepEqual(Array.from(solveSpd(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2)).map((v) => Math.round(v * 1e9) / 1e9), [0.5, 0]);
  });

  it('logistic regression recovers the log-odds it was drawn from', () => {
    const { x, y } = synthetic(20_000, 7);
    const m = fitLogistic(x, y, { lambda: 0.01 });
    // back on the raw scale: weight / scale
    const w0 = m.weights[0]! / m.scale[0]!;
    const w1 = m.weights[1]! / m.scale[1]!;
    assert.ok(Math.abs(w0 - 2) < 0.15, `w0 ${w0}`);
    assert.ok(Math.abs(w1 + 1) < 0.15, `w1 ${w1}`);
    assert.ok(Math.abs(logisticMargin(m, [0, 0]) - 0.5) < 0.1);
  });

  it('trees learn a step the linear model cannot, the same way every time', () => {
    const rnd = random(3);
    const x = matrix(4_000, 2);
    const y = new Float64Array(4_000);
    for (let i = 0; i < 4_000; i++) {
      const a = rnd();
      x.data[i * 2] = a; x.data[i * 2 + 1] = rnd();
      y[i] = (a > 0.3 && a < 0.6) === rnd() < 0.9 ? 1 : 0; // a band in the middle, 10% noise
    }
    const gbt = fitGbt(x, y, { loss: 'logistic', trees: 100, depth: 2 });
    const lin = fitLogistic(x, y);
    const pGbt = gbtMatrix(gbt, x);
    assert.ok(auc(pGbt, y) > 0.85, `trees ${auc(pGbt, y)}`);
    const pLin = Float64Array.from({ length: 4_000 }, (_, i) => sigmoid(logisticMargin(lin, [x.data[i * 2]!, x.data[i * 2 + 1]!])));
    assert.ok(auc(pLin, y) < 0.7, `linear ${auc(pLin, y)}`);
    assert.deepEqual(fitGbt(x, y, { loss: 'logistic', trees: 100, depth: 2 }), gbt);
    // the band's feature carries the reasons; the noise feature next to nothing
    const c = gbtContributions(gbt, [0.45, 0.5], 2);
    assert.ok(c[0]! > 1 && Math.abs(c[1]!) < 0.3, `contributions ${Array.from(c)}`);
  });

  it('trees with squared loss fit a mean', () => {
    const x = matrix(200, 1);
    const y = new Float64Array(200);
    for (let i = 0; i < 200; i++) { x.data[i] = i; y[i] = i < 100 ? 2 : 10; }
    const m = fitGbt(x, y, { loss: 'squared', trees: 200, depth: 1, learningRate: 0.2, minLeaf: 5 });
    const p = gbtMatrix(m, x);
    assert.ok(Math.abs(p[10]! - 2) < 0.1 && Math.abs(p[150]! - 10) < 0.1, `${p[10]} ${p[150]}`);
  });
});

describe('training on a short history', () => {
  it('falls back to the scorecard and says why, and its reasons speak of the customer\'s record', () => {
    const late = aCustomerFact(Array.from({ length: 6 }, (_, k) => anInvoiceFact({ issue: addDays('2025-01-01', 20 * k), settled: addDays('2025-01-01', 20 * k + 50) })));
    const prompt = aCustomerFact(Array.from({ length: 6 }, (_, k) => anInvoiceFact({ issue: addDays('2025-01-02', 20 * k), settled: addDays('2025-01-02', 20 * k + 10) })));
    const p = aPortfolio([late, prompt]);
    const cutoff = dayNumber('2025-06-01');
    const { model, evaluation } = trainModel(p, cutoff);
    assert.equal(model.late.kind, 'scorecard');
    assert.match(evaluation.reason, /too little history/);
    const inv = anInvoiceFact({ issue: '2025-06-01' });
    const priors = new Priors(p).at(cutoff);
    const xLate = featuresAsOf(inv, late, cutoff, priors, 'known');
    const xPrompt = featuresAsOf(inv, prompt, cutoff, priors, 'known');
    const pl = predict(model, xLate);
    const pp = predict(model, xPrompt);
    assert.ok(pl.probabilityLate > 0.7 && pp.probabilityLate < 0.3, `${pl.probabilityLate} ${pp.probabilityLate}`);
    assert.ok(pl.expectedDaysLate > pp.expectedDaysLate);
    const reasons = reasonsFor(pl, xLate, { historyCount: 6, lateCount: 6, month: 6, country: 'MX', sentCount: 0, replyCount: 0 });
    assert.equal(reasons[0]!.text, 'paid 6 of 6 past invoices late');
    assert.ok(reasons[0]!.effect > 0);
  });

  it('says an overdue invoice is late for certain and expects at least the days gone by', () => {
    const c = aCustomerFact([anInvoiceFact({ issue: '2025-01-01', settled: '2025-02-05' })]);
    const p = aPortfolio([c]);
    const day = dayNumber('2025-06-01');
    const { model } = trainModel(p, day);
    const open = anInvoiceFact({ issue: '2025-04-01' }); // due 1 May: 31 days past due
    const x = featuresAsOf(open, c, day, new Priors(p).at(day), 'known');
    const pr = predict(model, x);
    assert.equal(pr.probabilityLate, 1);
    assert.ok(pr.expectedDaysLate > 31);
    assert.equal(reasonsFor(pr, x, { historyCount: 1, lateCount: 1, month: 4, country: 'MX', sentCount: 0, replyCount: 0 })[0]!.text, 'already 31 days past due');
  });
});
