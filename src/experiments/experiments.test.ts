import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { armOf } from './assign.ts';
import { summarise, type CustomerOutcome } from './results.ts';
import type { Experiment } from './store.ts';

const anExperiment = (over: Partial<Experiment> = {}): Experiment => ({ id: 'exp_test', name: 't', strategy_id: 'standard', champion_version: 1,
  challenger_version: 2, share: 0.5, min_per_arm: 2, started_on: '2026-03-01', status: 'running', created_at: '2026-03-01T00:00:00Z', stopped_at: null, ...over });

const outcome = (customer_id: string, collected: number, open_balance: number, over: Partial<CustomerOutcome> = {}): CustomerOutcome => ({
  customer_id, collected, open_balance, paid_days_weighted: 0, paid_allocated: 0, contacts: 0, opted_out: false, cost: [],
  collected_by_currency: collected ? [{ currency: 'USD', amount: collected }] : [], ...over });

/** The first customer ids (cus_1, cus_2 ...) the hash puts in each arm. */
function idsByArm(e: Experiment, n: number) {
  const out = { champion: [] as string[], challenger: [] as string[] };
  for (let i = 1; out.champion.length < n || out.challenger.length < n; i++) {
    const id = `cus_${i}`;
    const list = out[armOf(e.id, id, e.share)];
    if (list.length < n) list.push(id);
  }
  return out;
}

describe('assignment to arms', () => {
  it('is stable for a customer and gives the challenger about its share', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `cus_${i}`);
    const arms = ids.map((id) => armOf('exp_a', id, 0.3));
    assert.deepEqual(ids.map((id) => armOf('exp_a', id, 0.3)), arms, 'the same customer lands in the same arm every time');
    const share = arms.filter((a) => a === 'challenger').length / ids.length;
    assert.ok(Math.abs(share - 0.3) < 0.015, `challenger share ${share}`);
    const other = ids.map((id) => armOf('exp_b', id, 0.3));
    assert.ok(other.some((a, i) => a !== arms[i]), 'another experiment splits customers differently');
  });
});

describe('experiment results', () => {
  it('gives each arm its figures and the 95% interval of the difference in collected share', () => {
    const e = anExperiment();
    const { champion, challenger } = idsByArm(e, 2);
    const r = summarise(e, '2026-03-31', [
      // champion: 50 of 100 twice (share 0.5 each); challenger 60 of 100 and 80 of 100 (mean 0.7, variance 0.02)
      outcome(champion[0]!, 5_000, 5_000, { contacts: 3, paid_days_weighted: 5_000 * 10, paid_allocated: 5_000, cost: [{ currency: 'USD', micros: 30_000 }] }),
      outcome(champion[1]!, 5_000, 5_000, { contacts: 1, paid_days_weighted: 5_000 * 20, paid_allocated: 5_000, opted_out: true }),
      outcome(challenger[0]!, 6_000, 4_000, { contacts: 2 }),
      outcome(challenger[1]!, 8_000, 2_000, { contacts: 2, cost: [{ currency: 'USD', micros: 10_000 }] }),
    ]);
    const [ch, cl] = r.arms;
    assert.deepEqual([ch?.arm, ch?.version, ch?.customers, ch?.collected, ch?.collected_share, ch?.average_days_to_pay, ch?.contacts, ch?.opt_outs, ch?.cost],
      ['champion', 1, 2, [{ currency: 'USD', amount: 10_000 }], 0.5, 15, 4, 1, [{ currency: 'USD', micros: 30_000 }]]);
    assert.deepEqual([cl?.customers, cl?.collected, cl?.average_days_to_pay, cl?.contacts, cl?.opt_outs], [2, [{ currency: 'USD', amount: 14_000 }], null, 4, 0]);
    assert.ok(Math.abs(cl!.collected_share! - 0.7) < 1e-12);
    // difference 0.2; standard error sqrt(0 / 2 + 0.02 / 2) = 0.1; 0.2 -/+ 1.96 x 0.1 = 0.004 .. 0.396
    assert.equal(r.enough_data, true);
    assert.ok(Math.abs(r.difference!.collected_share - 0.2) < 1e-9);
    assert.ok(Math.abs(r.difference!.low - 0.004007) < 1e-5 && Math.abs(r.difference!.high - 0.395993) < 1e-5);
    assert.equal(r.difference!.significant, true);
    assert.match(r.message, /challenger collects more/);
  });

  it('says "not enough data yet" below the minimum sample per arm, with no difference', () => {
    const e = anExperiment({ min_per_arm: 3 });
    const { champion, challenger } = idsByArm(e, 2);
    const r = summarise(e, '2026-03-31', [...champion, ...challenger].map((id) => outcome(id, 1_000, 1_000)));
    assert.equal(r.enough_data, false);
    assert.equal(r.difference, null);
    assert.match(r.message, /^not enough data yet: 2 customer\(s\) on the champion and 2 on the challenger; each arm needs at least 3/);
  });
});
