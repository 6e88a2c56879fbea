// The expected value of acting, by hand: balance × lift × (1 − recovery without action) − minutes × a minute's cost.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { actionOf, DEFAULT_PRIORITY_SETTINGS, mergeSettings, PrioritySettingsPatch, recoveryByDays, valueOfActing, type ValueInput } from './value.ts';

const anInput = (o: Partial<ValueInput> = {}): ValueInput => ({ action: 'call', balance: 100_000, currency: 'USD', daysPastDue: 30, scoredRecovery: 0.6, ...o });

describe('the expected value of acting', () => {
  const cases: { name: string; input: ValueInput; settings?: Parameters<typeof mergeSettings>[0];
    want: { p0: number; p1: number; gain: number; cost: number | null; ev: number; minutes: number | null; source: string } }[] = [
    { name: 'a call on a scored balance: 100,000 × 0.1 × 0.4 = 4,000, less 6 minutes at 50', input: anInput(),
      want: { p0: 0.6, p1: 0.64, gain: 4_000, cost: 300, ev: 3_700, minutes: 74, source: 'score' } },
    { name: 'a negotiation with no score, 90 days past due: recovery 60% by the curve', input: anInput({ action: 'negotiate', balance: 1_000_000, currency: 'MXN', daysPastDue: 90, scoredRecovery: null }),
      want: { p0: 0.6, p1: 0.7, gain: 100_000, cost: 7_500, ev: 92_500, minutes: 185, source: 'days_past_due' } },
    { name: 'nothing past due: acting only costs', input: anInput({ balance: 0, scoredRecovery: null, daysPastDue: 0 }),
      want: { p0: 0.9, p1: 0.91, gain: 0, cost: 300, ev: -300, minutes: -6, source: 'days_past_due' } },
    { name: 'the score expects all of it: no lift to gain', input: anInput({ balance: 5_000_000, scoredRecovery: 1 }),
      want: { p0: 1, p1: 1, gain: 0, cost: 300, ev: -300, minutes: -6, source: 'score' } },
    { name: 'a currency with no minute cost: cost unknown, value not in minutes', input: anInput({ action: 'dispute_review', currency: 'ARS', balance: 50_000, scoredRecovery: 0.5 }),
      want: { p0: 0.5, p1: 0.6, gain: 5_000, cost: null, ev: 5_000, minutes: null, source: 'score' } },
    { name: 'pesos with no decimals, 45 days: recovery 75% between the curve\'s points', input: anInput({ currency: 'CLP', balance: 2_000_000, daysPastDue: 45, scoredRecovery: null }),
      want: { p0: 0.75, p1: 0.775, gain: 50_000, cost: 900, ev: 49_100, minutes: 327.3, source: 'days_past_due' } },
    { name: 'the org\'s own lift, minutes and minute cost', input: anInput({ action: 'promise_follow_up', currency: 'ARS' }),
      settings: { lift: { promise_follow_up: 0.5 }, minutes: { promise_follow_up: 10 }, minute_cost: { ARS: 40 } },
      want: { p0: 0.6, p1: 0.8, gain: 20_000, cost: 400, ev: 19_600, minutes: 490, source: 'score' } },
    { name: 'a scored recovery outside 0..1 is held to it', input: anInput({ scoredRecovery: 1.3 }),
      want: { p0: 1, p1: 1, gain: 0, cost: 300, ev: -300, minutes: -6, source: 'score' } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const v = valueOfActing(c.input, mergeSettings(c.settings));
      assert.deepEqual({ p0: v.recovery_without_action, p1: v.recovery_with_action, gain: v.gain, cost: v.cost, ev: v.expected_value, minutes: v.in_minutes, source: v.source }, c.want);
      assert.equal(v.expected_value, v.gain - (v.cost ?? 0));
    });
  }
});

describe('recovery without action when there is no score', () => {
  const table: [number, number][] = [[-5, 0.9], [0, 0.9], [15, 0.85], [30, 0.8], [60, 0.7], [135, 0.5], [365, 0.2], [1000, 0.2]];
  for (const [days, want] of table) it(`is ${want} at ${days} days past due`, () => assert.ok(Math.abs(recoveryByDays(days) - want) < 1e-9, String(recoveryByDays(days))));
});

describe('the action a task stands for', () => {
  const table: [string, string, string][] = [
    ['review', 'dispute:dsp_1', 'dispute_review'], ['review', 'escalation:tsk_1', 'handover'], ['call', 'agent:handover:agt_1', 'handover'],
    ['call', 'callback:tsk_1', 'callback'], ['call', 'case_1/smb@1/promise-call/c1/prm_9', 'promise_follow_up'],
    ['call', 'case_1/smb@1/missed/c1/pln_4#2', 'promise_follow_up'], ['call', 'case_1/smb@1/after-15/c1', 'call'],
    ['negotiate', 'case_1/smb@1/after-60/c1', 'negotiate'], ['review', 'agent:claim:agt_2', 'review'], ['call', 'manual:tsk_2', 'call'],
    ['call', 'case_1/smb@1/no-reply/c1/noreply:msg_1', 'call'],
  ];
  for (const [kind, key, want] of table) it(`reads ${kind} ${key} as ${want}`, () => assert.equal(actionOf(kind, key), want));
});

describe('the settings', () => {
  it('fills what the org did not change with the defaults', () => {
    const s = mergeSettings({ lift: { call: 0.3 }, minute_cost: { ARS: 40 } });
    assert.equal(s.lift.call, 0.3);
    assert.equal(s.lift.negotiate, DEFAULT_PRIORITY_SETTINGS.lift.negotiate);
    assert.deepEqual([s.minute_cost.ARS, s.minute_cost.USD], [40, 50]);
  });

  it('refuses a lift above 1, an unknown action and an unknown currency, naming the field', () => {
    const field = (x: unknown) => { const r = PrioritySettingsPatch.safeParse(x); return r.success ? null : r.error.issues[0]!.path.join('.'); };
    assert.equal(field({ lift: { call: 1.5 } }), 'lift.call');
    assert.equal(field({ minutes: { lunch: 3 } }), 'minutes');
    assert.equal(field({ minute_cost: { XYZ: 3 } }), 'minute_cost.XYZ');
    assert.equal(field({ minute_cost: { USD: 2.5 } }), 'minute_cost.USD');
    assert.equal(field({ lift: { call: 0.2 }, minute_cost: { CLP: 200 } }), null);
  });
});
