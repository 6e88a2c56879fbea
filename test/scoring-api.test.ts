import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { addDays } from '../src/domain/dates.ts';
import { scoringRound } from '../src/scoring/index.ts';

describe('risk scores through the API', () => {
  let t: TestApi;
  let slow = '';
  let prompt = '';
  before(async () => {
    t = await testApi();
    const s = await aCustomer(t.db, t.org, { external_id: 'SLOW-1' });
    const p = await aCustomer(t.db, t.org, { external_id: 'PROMPT-1' });
    slow = s.id; prompt = p.id;
    // four months of history: the slow payer 25 days late every time, the prompt one a week early
    for (let k = 0; k < 4; k++) {
      const issue = addDays('2025-10-01', 30 * k);
      for (const [c, days] of [[s.id, 55], [p.id, 23]] as const) {
        const inv = await anInvoice(t.db, t.org, { customer_id: c, issue_date: issue, due_date: addDays(issue, 30), amount: 10_000 });
        await aPayment(t.db, t.org, { customer_id: c, amount: 10_000, date: addDays(issue, days), allocations: [{ invoice_id: inv.id, amount: 10_000 }] });
      }
    }
    await anInvoice(t.db, t.org, { customer_id: s.id, number: 'SLOW-OPEN', issue_date: '2026-03-01', due_date: '2026-03-31', amount: 25_000 });
    await anInvoice(t.db, t.org, { customer_id: p.id, number: 'PROMPT-OPEN', issue_date: '2026-03-01', due_date: '2026-03-31', amount: 25_000 });
  });
  after(async () => { await t.close(); });

  it('answers with no scores before a run', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/v1/scores', headers: bearer(t.keys.viewer) });
    assert.equal(r.statusCode, 200);
    assert.deepEqual(r.json(), { run: null, data: [] });
  });

  it('lets only managers and admins run scoring', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/v1/scores/runs', headers: bearer(t.keys.collector), payload: {} });
    assert.equal(r.statusCode, 403);
  });

  it('scores every open invoice, training the scorecard first on so short a history', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/v1/scores/runs', headers: bearer(t.keys.manager), payload: { as_of: '2026-03-15' } });
    assert.equal(r.statusCode, 200, r.body);
    const run = r.json();
    assert.equal(run.invoices, 2);
    assert.equal(run.trained, true);
    assert.equal(run.model.kind, 'scorecard');
  });

  it('gives a customer\'s scores with reasons in words, the slow payer riskier than the prompt one', async () => {
    const get = async (customer: string) => {
      const r = await t.app.inject({ method: 'GET', url: `/v1/scores?customer=${customer}`, headers: bearer(t.keys.viewer) });
      assert.equal(r.statusCode, 200, r.body);
      return r.json();
    };
    const s = await get('SLOW-1');
    const p = await get(prompt);
    assert.equal(s.run.as_of, '2026-03-15');
    assert.deepEqual([s.data.length, s.data[0].number, s.data[0].customer_id], [1, 'SLOW-OPEN', slow]);
    assert.ok(s.data[0].probability_late > 0.6 && p.data[0].probability_late < 0.3, `${s.data[0].probability_late} ${p.data[0].probability_late}`);
    assert.ok(s.data[0].expected_days_late > p.data[0].expected_days_late);
    assert.ok(s.data[0].expected_recovery > 0 && s.data[0].expected_recovery <= 25_000);
    assert.equal(s.data[0].reasons[0].text, 'paid 4 of 4 past invoices late');
    assert.equal(p.data[0].reasons[0].text, 'paid 0 of 4 past invoices late');
    const missing = await t.app.inject({ method: 'GET', url: '/v1/scores?customer=NOPE', headers: bearer(t.keys.viewer) });
    assert.equal(missing.statusCode, 404);
  });

  it('keeps model versions with their evaluation, a new one becoming the active one', async () => {
    const trained = await t.app.inject({ method: 'POST', url: '/v1/scores/models', headers: bearer(t.keys.admin), payload: { as_of: '2026-03-15', model: 'scorecard' } });
    assert.equal(trained.statusCode, 201, trained.body);
    assert.equal(trained.json().version, 2);
    const list = (await t.app.inject({ method: 'GET', url: '/v1/scores/models', headers: bearer(t.keys.viewer) })).json();
    assert.deepEqual(list.data.map((m: { version: number; active: boolean }) => [m.version, m.active]), [[2, true], [1, false]]);
    assert.equal(list.data[0].evaluation.rows, 8);
    const other = (await t.app.inject({ method: 'GET', url: '/v1/scores/models', headers: bearer(t.otherKey) })).json();
    assert.deepEqual(other.data, []);
  });

  it('keeps the scores of the two latest runs only', async () => {
    for (const asOf of ['2026-03-16', '2026-03-17']) {
      const r = await t.app.inject({ method: 'POST', url: '/v1/scores/runs', headers: bearer(t.keys.admin), payload: { as_of: asOf } });
      assert.equal(r.statusCode, 200, r.body);
    }
    const runs = await t.db.query<{ run_id: string }>('SELECT DISTINCT run_id FROM scores WHERE org_id = $1', [t.org]);
    assert.equal(runs.length, 2);
    const latest = (await t.app.inject({ method: 'GET', url: '/v1/scores', headers: bearer(t.keys.viewer) })).json();
    assert.equal(latest.run.as_of, '2026-03-17');
    assert.equal(latest.data.length, 2);
  });

  it('backtests, and says so clearly when nothing issued from the day on has an outcome yet', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/v1/scores/backtest', headers: bearer(t.keys.manager), payload: { as_of: '2025-11-15', predictions: true } });
    assert.equal(r.statusCode, 200, r.body);
    const b = r.json();
    assert.equal(b.scored, 4); // the invoices of 30 November and 30 December; those of March are not yet due
    assert.equal(b.predictions.length, 4);
    assert.equal(b.baseline.name, "customer's past late share");
    const none = await t.app.inject({ method: 'POST', url: '/v1/scores/backtest', headers: bearer(t.keys.manager), payload: { as_of: '2026-03-10' } });
    assert.equal(none.statusCode, 400);
    assert.equal(none.json().error.field, 'as_of');
  });

  it('scores once a day from the worker\'s round, retraining when the model is a week old', async () => {
    const now = new Date('2026-03-20T12:00:00Z');
    assert.equal(await scoringRound(t.db, t.org, '2026-03-17', now), null, 'already scored that day');
    const r = await scoringRound(t.db, t.org, '2026-03-24', now);
    assert.equal(r?.as_of, '2026-03-24');
    assert.equal(r?.model.version, 3, 'version 2 was trained as of 2026-03-15: nine days old, so a new one');
    assert.equal(await scoringRound(t.db, t.org, '2026-03-24', now), null);
  });
});
