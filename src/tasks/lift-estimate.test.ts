// The learned lifts on synthetic histories whose true lift is known: customer-days drawn with a seeded generator, paying
// at a base rate per stratum without action and at base + lift × (1 − base) after one.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { random } from '../domain/random.ts';
import { estimateLifts, type ActedCount, type LearnedLift, type LiftHistory, type StratumCount } from './lift-estimate.ts';
import { ratioInterval, wilson } from './lift-interval.ts';
import type { Action } from './value.ts';

interface Stratum { name: string; base: number; acted: number; untouched: number }

/** Draws the history: in each stratum `acted` days of `action` and `untouched` days with none. */
function history(seed: number, action: Action, lift: number, strata: Stratum[]): LiftHistory {
  const r = random(seed);
  const draw = (n: number, p: number) => { let paid = 0; for (let i = 0; i < n; i++) if (r() < p) paid++; return paid; };
  const acted: ActedCount[] = [];
  const untouched: StratumCount[] = [];
  for (const s of strata) {
    acted.push({ action, stratum: s.name, n: s.acted, paid: draw(s.acted, s.base + lift * (1 - s.base)) });
    untouched.push({ stratum: s.name, n: s.untouched, paid: draw(s.untouched, s.base) });
  }
  return { acted, untouched };
}

const of = (rows: LearnedLift[], a: Action) => rows.find((x) => x.action === a)!;

describe('learned lifts', () => {
  const cases: { name: string; action: Action; lift: number; strata: Stratum[] }[] = [
    { name: 'calls raise the 14-day pay rate from 20% to 40% (lift 0.25)', action: 'call', lift: 0.25,
      strata: [{ name: '31-60|none|USD:4', base: 0.2, acted: 400, untouched: 2_000 }] },
    // people work the easy cases more: unmatched, the action days would look far better than they are
    { name: 'negotiations on a mix of strata, acted mostly where customers pay anyway (lift 0.1)', action: 'negotiate', lift: 0.1,
      strata: [{ name: '1-30|low|USD:4', base: 0.6, acted: 900, untouched: 500 }, { name: '181+|high|USD:5', base: 0.05, acted: 100, untouched: 3_000 }] },
    { name: 'follow-ups that change nothing (lift 0)', action: 'promise_follow_up', lift: 0,
      strata: [{ name: '61-90|medium|MXN:6', base: 0.3, acted: 600, untouched: 1_500 }, { name: '91-180|medium|MXN:6', base: 0.15, acted: 300, untouched: 1_500 }] },
    { name: 'hand-overs that bring in most of what is left (lift 0.7)', action: 'handover', lift: 0.7,
      strata: [{ name: '181+|none|EUR:5', base: 0.1, acted: 150, untouched: 800 }] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = of(estimateLifts(history(42, c.action, c.lift, c.strata)), c.action);
      assert.equal(got.status, 'estimated');
      assert.ok(got.low! <= c.lift && c.lift <= got.high!, `${c.lift} outside [${got.low}, ${got.high}]`);
      assert.ok(Math.abs(got.lift! - c.lift) < 0.08, `estimate ${got.lift} far from ${c.lift}`);
      assert.ok(got.low! >= 0 && got.high! <= 1 && got.low! <= got.lift! && got.lift! <= got.high!);
      assert.equal(got.matched, c.strata.reduce((s, x) => s + x.acted, 0));
      assert.equal(got.comparisons, c.strata.reduce((s, x) => s + x.untouched, 0));
    });
  }

  it('matches by stratum: the naive comparison of all action days with all others would be far off', () => {
    const h = history(11, 'negotiate', 0.1, cases[1]!.strata);
    const got = of(estimateLifts(h), 'negotiate');
    const pAct = h.acted.reduce((s, x) => s + x.paid, 0) / 1000;
    const pNone = h.untouched.reduce((s, x) => s + x.paid, 0) / 3500;
    assert.ok((pAct - pNone) / (1 - pNone) > 0.4, 'the pooled lift is inflated by where people act');
    assert.ok(got.lift! < 0.2);
  });

  it('covers the true lift in about 95% of histories', () => {
    let covered = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const got = of(estimateLifts(history(seed, 'call', 0.25, [{ name: 'a', base: 0.2, acted: 120, untouched: 400 }, { name: 'b', base: 0.5, acted: 60, untouched: 300 }])), 'call');
      if (got.low! <= 0.25 && 0.25 <= got.high!) covered++;
    }
    assert.ok(covered >= 270 && covered <= 299, `covered ${covered} of 300`);
  });

  it('says not enough data under 30 matched actions, and leaves out strata with too few comparisons', () => {
    const few = of(estimateLifts(history(3, 'call', 0.25, [{ name: 'a', base: 0.2, acted: 29, untouched: 500 }])), 'call');
    assert.deepEqual([few.status, few.matched, few.lift, few.low, few.high], ['not_enough_data', 29, null, null, null]);
    assert.ok(few.paid_after_action !== null, 'the shares are still shown');
    const unmatched = of(estimateLifts(history(3, 'call', 0.25, [{ name: 'a', base: 0.2, acted: 40, untouched: 500 }, { name: 'b', base: 0.2, acted: 100, untouched: 4 }])), 'call');
    assert.deepEqual([unmatched.status, unmatched.actions, unmatched.matched, unmatched.comparisons], ['estimated', 140, 40, 500]);
    assert.equal(of(estimateLifts(history(3, 'call', 0.25, [{ name: 'a', base: 0.2, acted: 40, untouched: 500 }]), { minActions: 50 }), 'call').status, 'not_enough_data');
    const none = of(estimateLifts({ acted: [], untouched: [{ stratum: 'a', n: 100, paid: 10 }] }), 'review');
    assert.deepEqual([none.status, none.actions, none.paid_after_action], ['not_enough_data', 0, null]);
  });

  it('has no baseline when every comparable customer paid anyway; bounds a harmful action at 0', () => {
    const all = of(estimateLifts({ acted: [{ action: 'call', stratum: 'a', n: 50, paid: 50 }], untouched: [{ stratum: 'a', n: 50, paid: 50 }] }), 'call');
    assert.deepEqual([all.status, all.lift], ['no_baseline', null]);
    const worse = of(estimateLifts({ acted: [{ action: 'call', stratum: 'a', n: 200, paid: 20 }], untouched: [{ stratum: 'a', n: 500, paid: 150 }] }), 'call');
    assert.deepEqual([worse.status, worse.lift, worse.low], ['estimated', 0, 0]);
    assert.ok(worse.high! < 0.05);
    const everyone = of(estimateLifts({ acted: [{ action: 'call', stratum: 'a', n: 40, paid: 40 }], untouched: [{ stratum: 'a', n: 100, paid: 20 }] }), 'call');
    assert.equal(everyone.lift, 1);
    assert.ok(everyone.low! > 0.8 && everyone.high === 1);
  });

  it('intervals: Wilson for a share, MOVER-R for a ratio', () => {
    const w = wilson(20, 100);
    assert.deepEqual([Math.round(w.low * 10_000), Math.round(w.high * 10_000)], [1334, 2888]);
    assert.deepEqual(wilson(0, 0), { low: 0, high: 1 });
    const r = ratioInterval(0.6, wilson(60, 100), 0.8, wilson(80, 100));
    assert.ok(r.low < 0.75 && 0.75 < r.high && r.low > 0.55 && r.high < 0.95);
    assert.equal(ratioInterval(0.5, { low: 0.3, high: 0.7 }, 0.1, { low: 0, high: 0.3 }).high, Infinity);
  });
});
