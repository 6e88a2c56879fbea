// Risk bands from score runs, read by the tick's segments: a customer scored high risk goes to the segment asking for it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { runTick, syncCases } from '../src/engine/index.ts';
import { replaceSegments } from '../src/strategy/index.ts';
import { runScoring } from '../src/scoring/index.ts';
import { bandOf, bandThresholds, DEFAULT_BANDS, setBandThresholds } from '../src/scoring/bands.ts';
import { addDays } from '../src/domain/dates.ts';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';
import { testApi, bearer } from './support/api.ts';
import { riskByBand } from '../src/dashboard/index.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

const reachable = (org: string, external_id: string) => aCustomer(db, org, { external_id, email: `${external_id}@example.com`, country: 'US', timezone: 'America/New_York' });

/** A slow payer (25 days late every time) and a prompt one (a week early), each with an invoice now overdue. */
async function twoPayers(org: string): Promise<{ slow: string; prompt: string }> {
  const slow = (await reachable(org, 'SLOW')).id;
  const prompt = (await reachable(org, 'PROMPT')).id;
  for (let k = 0; k < 5; k++) {
    const issue = addDays('2025-09-01', 30 * k);
    for (const [c, days] of [[slow, 55], [prompt, 23]] as const) {
      const inv = await anInvoice(db, org, { customer_id: c, issue_date: issue, due_date: addDays(issue, 30), amount: 10_000 });
      await aPayment(db, org, { customer_id: c, amount: 10_000, date: addDays(issue, days), allocations: [{ invoice_id: inv.id, amount: 10_000 }] });
    }
  }
  for (const c of [slow, prompt]) await anInvoice(db, org, { customer_id: c, issue_date: '2026-03-01', due_date: '2026-03-31', amount: 25_000 });
  return { slow, prompt };
}

describe('risk bands', () => {
  it('cuts probabilities at the thresholds, from medium_from and high_from on', () => {
    assert.deepEqual([0.1, 0.3, 0.59, 0.6, 1].map((p) => bandOf(p, DEFAULT_BANDS)), ['low', 'medium', 'medium', 'high', 'high']);
  });

  it('refuses thresholds out of order or outside (0, 1], naming the field, and keeps the org\'s own', async () => {
    const org = await testOrg(db);
    const now = new Date('2026-04-01T12:00:00Z');
    const bad = await setBandThresholds(db, org, 'test', { high_from: 1.5 }, now);
    assert.ok(!bad.ok && bad.error.field === 'high_from');
    const crossed = await setBandThresholds(db, org, 'test', { medium_from: 0.7, high_from: 0.5 }, now);
    assert.ok(!crossed.ok && crossed.error.field === 'medium_from');
    assert.deepEqual(await bandThresholds(db, org), DEFAULT_BANDS);
    assert.ok((await setBandThresholds(db, org, 'test', { high_from: 0.8 }, now)).ok);
    assert.deepEqual(await bandThresholds(db, org), { medium_from: 0.3, high_from: 0.8 });
  });

  it('puts a customer scored high risk in the segment that asks for high risk, and a prompt payer in the next one', async () => {
    const org = await testOrg(db);
    const { slow, prompt } = await twoPayers(org);
    const segments = await replaceSegments(db, org, [
      { id: 'high-risk', name: 'High risk', strategyId: 'smb-default', when: { riskBand: ['high'] } },
      { id: 'the-rest', name: 'The rest', strategyId: 'gentle', when: {} },
    ]);
    assert.ok(segments.ok);
    // both invoices are overdue on the day: the band is the model's view of the payer, not "late for certain"
    const now = new Date('2026-04-06T15:00:00Z');
    const run = await runScoring(db, org, '2026-04-06', now);
    assert.equal(run.invoices, 2);
    const bands = new Map((await db.query<{ customer_id: string; band: string; probability_late: number }>(
      'SELECT customer_id, band, probability_late FROM customer_risk WHERE org_id = $1', [org])).map((r) => [r.customer_id, r]));
    assert.equal(bands.get(slow)?.band, 'high', JSON.stringify([...bands.values()]));
    assert.equal(bands.get(prompt)?.band, 'low', JSON.stringify([...bands.values()]));
    await syncCases(db, org, now);
    await runTick(db, { orgId: org, now });
    const cases = new Map((await db.query<{ customer_id: string; segment_id: string }>(
      'SELECT customer_id, segment_id FROM cases WHERE org_id = $1', [org])).map((r) => [r.customer_id, r.segment_id]));
    assert.equal(cases.get(slow), 'high-risk');
    assert.equal(cases.get(prompt), 'the-rest');
  });

  it('leaves no band to a customer with nothing left to score after the next run', async () => {
    const org = await testOrg(db);
    const { slow, prompt } = await twoPayers(org);
    await runScoring(db, org, '2026-04-06', new Date('2026-04-06T15:00:00Z'));
    const [open] = await db.query<{ id: string }>(`SELECT id FROM invoices WHERE org_id = $1 AND customer_id = $2 AND balance > 0`, [org, slow]);
    await aPayment(db, org, { customer_id: slow, amount: 25_000, date: '2026-04-07', allocations: [{ invoice_id: open!.id, amount: 25_000 }] });
    await runScoring(db, org, '2026-04-08', new Date('2026-04-08T15:00:00Z'));
    const left = await db.query<{ customer_id: string }>('SELECT customer_id FROM customer_risk WHERE org_id = $1', [org]);
    assert.deepEqual(left.map((r) => r.customer_id), [prompt]);
  });

  it('keeps each run\'s bands beside its scores, for the two latest runs, and the dashboard counts who moved between them', async () => {
    const org = await testOrg(db);
    const { slow, prompt } = await twoPayers(org);
    const first = await runScoring(db, org, '2026-04-06', new Date('2026-04-06T15:00:00Z'));
    const kept = async () => (await db.query<{ run_id: string; customer_id: string; band: string }>(
      'SELECT run_id, customer_id, band FROM score_run_bands WHERE org_id = $1 ORDER BY run_id, band', [org]));
    assert.deepEqual((await kept()).map((r) => [r.run_id, r.customer_id, r.band]), [[first.run_id, slow, 'high'], [first.run_id, prompt, 'low']]);
    // thresholds so low that every payer is high risk at the next run: the prompt payer moves up, the slow one stays
    assert.ok((await setBandThresholds(db, org, 'test', { medium_from: 0.0001, high_from: 0.0002 }, new Date('2026-04-06T16:00:00Z'))).ok);
    const second = await runScoring(db, org, '2026-04-07', new Date('2026-04-07T15:00:00Z'));
    const risk = await riskByBand(db, org, {}, '2026-04-07');
    assert.ok(risk.ok);
    assert.deepEqual(risk.value.previous_run, { id: first.run_id, as_of: '2026-04-06' });
    assert.deepEqual(risk.value.bands.map((b) => [b.band, b.customers, b.movement]), [['high', 2, { up: 1, down: 0, same: 1, new: 0 }],
      ['medium', 0, { up: 0, down: 0, same: 0, new: 0 }], ['low', 0, { up: 0, down: 0, same: 0, new: 0 }], ['unscored', 0, null]]);
    const third = await runScoring(db, org, '2026-04-08', new Date('2026-04-08T15:00:00Z'));
    assert.deepEqual([...new Set((await kept()).map((r) => r.run_id))].sort(), [second.run_id, third.run_id].sort());
  });

  it('reads and changes the thresholds through the API, managers only', async () => {
    const t = await testApi();
    try {
      const read = await t.app.inject({ method: 'GET', url: '/v1/scores/bands', headers: bearer(t.keys.viewer) });
      assert.deepEqual(read.json(), DEFAULT_BANDS);
      const denied = await t.app.inject({ method: 'PUT', url: '/v1/scores/bands', headers: bearer(t.keys.collector), payload: { high_from: 0.7 } });
      assert.equal(denied.statusCode, 403);
      const bad = await t.app.inject({ method: 'PUT', url: '/v1/scores/bands', headers: bearer(t.keys.admin), payload: { medium_from: 0 } });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.equal(bad.json().error.field, 'medium_from');
      const set = await t.app.inject({ method: 'PUT', url: '/v1/scores/bands', headers: bearer(t.keys.admin), payload: { high_from: 0.7 } });
      assert.deepEqual(set.json(), { medium_from: 0.3, high_from: 0.7 });
    } finally { await t.close(); }
  });
});
