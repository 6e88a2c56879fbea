import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { armOf } from './assign.ts';
import { summarise } from './results.ts';
import type { CustomerOutcome } from './outcomes.ts';
import type { Experiment } from './store.ts';

const anExperiment = (over: Partial<Experiment> = {}): Experiment => ({ id: 'exp_test', name: 't', strategy_id: 'standard', champion_version: 1,
  challenger_version: 2, share: 0.5, min_per_arm: 2, started_on: '2026-03-01', status: 'running', created_at: '2026-03-01T00:00:00Z', stopped_at: null, ...over });

const outcome = (customer_id: string, arm: 'champion' | 'challenger', collected: number, open_balance: number, over: Partial<CustomerOutcome> = {}): CustomerOutcome => ({
  customer_id, arm, paid_days_weighted: 0, paid_allocated: 0, contacts: 0, opted_out: false, cost: [],
  by_currency: [{ currency: 'USD', collected, open_balance }], ...over });

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
  it('gives each arm its figures, the fixed and always-valid 95% intervals, and names a winner only on the always-valid one', () => {
    const e = anExperiment();
    const r = summarise(e, '2026-03-31', [
      // champion: 50 of 100 twice (share 0.5 each); challenger 60 of 100 and 80 of 100 (mean 0.7, variance 0.02)
      outcome('cus_a', 'champion', 5_000, 5_000, { contacts: 3, paid_days_weighted: 5_000 * 10, paid_allocated: 5_000, cost: [{ currency: 'USD', micros: 30_000 }] }),
      outcome('cus_b', 'champion', 5_000, 5_000, { contacts: 1, paid_days_weighted: 5_000 * 20, paid_allocated: 5_000, opted_out: true }),
      outcome('cus_c', 'challenger', 6_000, 4_000, { contacts: 2 }),
      outcome('cus_d', 'challenger', 8_000, 2_000, { contacts: 2, cost: [{ currency: 'USD', micros: 10_000 }] }),
    ]);
    const [ch, cl] = r.arms;
    assert.deepEqual([ch?.arm, ch?.version, ch?.customers, ch?.collected, ch?.collected_share, ch?.average_days_to_pay, ch?.contacts, ch?.opt_outs, ch?.cost],
      ['champion', 1, 2, [{ currency: 'USD', amount: 10_000 }], 0.5, 15, 4, 1, [{ currency: 'USD', micros: 30_000 }]]);
    assert.deepEqual([cl?.customers, cl?.collected, cl?.average_days_to_pay, cl?.contacts, cl?.opt_outs], [2, [{ currency: 'USD', amount: 14_000 }], null, 4, 0]);
    assert.ok(Math.abs(cl!.collected_share! - 0.7) < 1e-12);
    // difference 0.2; standard error sqrt(0 / 2 + 0.02 / 2) = 0.1; fixed: 0.2 -/+ 1.96 x 0.1 = 0.004 .. 0.396
    assert.equal(r.enough_data, true);
    const d = r.difference!;
    assert.equal(d.currency, 'USD');
    assert.ok(Math.abs(d.collected_share - 0.2) < 1e-9);
    assert.ok(Math.abs(d.low - 0.004007) < 1e-5 && Math.abs(d.high - 0.395993) < 1e-5);
    // always-valid, v = 0.01: radius sqrt(0.01 x 0.02 / 0.01 x ln 800) = 0.365640 (sequential.test.ts), so -0.165640 .. 0.565640
    assert.ok(Math.abs(d.always_valid_low + 0.165640) < 1e-5 && Math.abs(d.always_valid_high - 0.565640) < 1e-5);
    assert.equal(d.significant, false, 'the fixed interval excludes 0, the always-valid one does not');
    assert.match(r.message, /^USD: .*always-valid -16\.6 points to 56\.6 points\); no clear difference yet \(the fixed interval excludes 0/);
    assert.deepEqual(r.differences, [d]);
  });

  it('names the challenger when the always-valid interval excludes 0', () => {
    const xs = [0.5, 0.55, 0.45, 0.5, 0.52, 0.48].flatMap((x, i) => [outcome(`ch_${i}`, 'champion', x * 100, (1 - x) * 100),
      outcome(`cl_${i}`, 'challenger', (x + 0.3) * 100, (0.7 - x) * 100)]);
    const r = summarise(anExperiment(), '2026-03-31', xs);
    assert.equal(r.difference!.significant, true);
    assert.ok(r.difference!.always_valid_low > 0);
    assert.match(r.message, /the challenger collects more$/);
  });

  it('keeps currencies apart: a share and a difference per currency, a customer owing in two counted in both', () => {
    const e = anExperiment();
    const both = (id: string, arm: 'champion' | 'challenger', usd: number, mxn: number) => outcome(id, arm, 0, 0,
      { by_currency: [{ currency: 'MXN', collected: mxn, open_balance: 100_000 - mxn }, { currency: 'USD', collected: usd, open_balance: 1_000 - usd }] });
    const r = summarise(e, '2026-03-31', [
      outcome('a', 'champion', 500, 500), outcome('b', 'champion', 300, 700), both('c', 'champion', 400, 90_000),
      outcome('d', 'challenger', 900, 100), outcome('e', 'challenger', 700, 300),
      outcome('f', 'challenger', 0, 0, { by_currency: [{ currency: 'MXN', collected: 10_000, open_balance: 90_000 }] }),
    ]);
    const [ch, cl] = r.arms;
    assert.deepEqual(ch!.by_currency.map((c) => [c.currency, c.customers]), [['MXN', 1], ['USD', 3]]);
    assert.ok(Math.abs(ch!.by_currency[1]!.collected_share - 0.4) < 1e-12);
    assert.ok(Math.abs(ch!.by_currency[0]!.collected_share - 0.9) < 1e-12);
    assert.equal(ch!.collected_share, null, 'no one share across MXN and USD');
    assert.deepEqual(ch!.collected, [{ currency: 'MXN', amount: 90_000 }, { currency: 'USD', amount: 1_200 }]);
    assert.deepEqual(cl!.by_currency.map((c) => [c.currency, c.customers, c.collected_share]), [['MXN', 1, 0.1], ['USD', 2, 0.8]]);
    // USD has 3 and 2 customers (minimum 2): a difference of 0.8 - 0.4; MXN 1 and 1: not enough
    assert.deepEqual(r.differences.map((d) => d.currency), ['USD']);
    assert.ok(Math.abs(r.differences[0]!.collected_share - 0.4) < 1e-9);
    assert.equal(r.difference, null, 'several currencies: no single difference');
    assert.match(r.message, /^MXN: not enough data yet: 1 customer\(s\) on the champion and 1 on the challenger; each arm needs at least 2\nUSD: challenger minus champion/);
  });

  it('says "not enough data yet" below the minimum sample per arm, with no difference', () => {
    const e = anExperiment({ min_per_arm: 3 });
    const r = summarise(e, '2026-03-31', [outcome('a', 'champion', 1_000, 1_000), outcome('b', 'champion', 1_000, 1_000),
      outcome('c', 'challenger', 1_000, 1_000), outcome('d', 'challenger', 1_000, 1_000)]);
    assert.equal(r.enough_data, false);
    assert.equal(r.difference, null);
    assert.match(r.message, /^not enough data yet: USD: 2 customer\(s\) on the champion and 2 on the challenger; each arm needs at least 3 in a currency$/);
  });
});

describe('the CLI text of results', () => {
  it('shows each currency\'s collected share and each difference with both intervals', async () => {
    const { resultsText } = await import('../cli/experiments.ts');
    const r = summarise(anExperiment(), '2026-03-31', [outcome('a', 'champion', 500, 500), outcome('b', 'champion', 300, 700),
      outcome('c', 'challenger', 900, 100), outcome('d', 'challenger', 700, 300, { by_currency: [{ currency: 'USD', collected: 700, open_balance: 300 }, { currency: 'MXN', collected: 0, open_balance: 5_000 }] })]);
    const text = resultsText(r);
    assert.match(text, /\nchallenger +2 +2 +USD 16\.00 +MXN 0\.0%; USD 80\.0% /);
    assert.match(text, /\nMXN: not enough data yet: 0 customer\(s\) on the champion and 1 on the challenger; each arm needs at least 2\nUSD: challenger minus champion in collected share 40\.0 points \(95% interval .* always-valid -22\.0 points to 100\.0 points\); no clear difference yet/);
  });
});
