// The reminder a hold cancelled (a claimed payment, a voucher or bank debit in flight, a promise) is planned again once the
// hold ends without payment, under its own key and once; not when it ends in payment; superseded by a step due since.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SMB_STRATEGY, type Strategy } from '../strategy/index.ts';
import { calendarFor } from './calendar/index.ts';
import type { CaseState, ExistingAction, HeldBy } from './case-state.ts';
import { planCase } from './planner.ts';
import { applyPlan, simulateCase } from './simulate-case.ts';
import { aCase, at } from './test-fixtures.ts';

const NY = 'America/New_York';
const US = calendarFor('US').calendar;
const KEY = 'case_1/smb-default@1/after-3/c1';
// the invoice is due Monday 2 March: after-3 Thursday 5, after-7 Monday 9, after-15 Tuesday 17
const before: ExistingAction[] = [
  { idempotencyKey: 'case_1/smb-default@1/before-3/c1', stepId: 'before-3', occurrence: null, status: 'done', scheduledFor: '2026-02-27' },
  { idempotencyKey: 'case_1/smb-default@1/due-day/c1', stepId: 'due-day', occurrence: null, status: 'done', scheduledFor: '2026-03-02' },
  { idempotencyKey: KEY, stepId: 'after-3', occurrence: null, status: 'pending', scheduledFor: '2026-03-05' },
];
// no promise-broken step: a broken promise is answered by nothing else
const NO_BROKEN: Strategy = { ...SMB_STRATEGY, steps: SMB_STRATEGY.steps.filter((s) => s.trigger.on !== 'promise_broken') };

const HOLDS: { kind: string; id: string; state: Partial<CaseState>; code: string }[] = [
  { kind: 'a claimed payment', id: 'clm_1', code: 'payment_claimed', state: { claim: { id: 'clm_1', holdUntil: '2026-03-06', invoiceIds: ['inv_h'] } } },
  { kind: 'a voucher', id: 'pif_1', code: 'payment_in_flight', state: { claim: { id: 'pif_1', holdUntil: '2026-03-06', invoiceIds: ['inv_h'] } } },
  { kind: 'a bank debit', id: 'pdd_1', code: 'payment_in_flight', state: { claim: { id: 'pdd_1', holdUntil: '2026-03-06', invoiceIds: ['inv_h'] } } },
  { kind: 'a promise', id: 'prm_1', code: 'promise_active',
    state: { promise: { id: 'prm_1', amount: { amount: 50_000, currency: 'USD' }, dueDate: '2026-03-05', status: 'pending' } } },
];

const held = (over: Partial<CaseState>) => aCase({ invoices: [{ id: 'inv_h', number: 'F-H', balance: { amount: 125_000, currency: 'USD' }, dueDate: '2026-03-02' }],
  actions: before, ...over });
/** The case once the hold has ended as `end` (its fact gone, as the load leaves it), after-3 cancelled by it. */
const after = (id: string, end: HeldBy['end'], extra: ExistingAction[] = []) => held({
  actions: [...before.slice(0, 2), { ...before[2]!, status: 'cancelled', heldBy: { id, end, until: null } }, ...extra] });

describe('a reminder cancelled by a hold', () => {
  for (const h of HOLDS) {
    it(`is planned again once ${h.kind} ends unpaid, once, and not when it ends paid`, () => {
      // the simulator: cancelled on Thursday 5 with the hold named, planned again the day the hold ends (Friday 6)
      const ticks = simulateCase(held(h.state), NO_BROKEN, US, at('2026-03-05 10:00', NY), at('2026-03-12 12:00', NY));
      assert.deepEqual(ticks[0]!.plan.cancellations.map((c) => [c.stepId, c.reason, c.hold?.id]), [['after-3', h.code, h.id]]);
      const planned = ticks.flatMap((t) => t.plan.actions.map((a) => [a.scheduledFor, a.stepId, a.idempotencyKey]));
      assert.deepEqual(planned, [['2026-03-06', 'after-3', `${KEY}/replan`], ['2026-03-09', 'after-7', 'case_1/smb-default@1/after-7/c1']]);
      const again = ticks.flatMap((t) => t.plan.actions).find((a) => a.replanOf)!;
      assert.deepEqual(again.replanOf, { key: KEY, hold: h.id });
      assert.match(again.reason, new RegExp(`^after-3: planned again: hold ${h.id} cancelled it and ended without payment; came due 2026-03-05, planned 2026-03-06`));

      // the tick: the hold's row ended unpaid; a second look plans nothing more
      const now = at('2026-03-06 09:00', NY);
      const plan = planCase(after(h.id, 'unpaid'), SMB_STRATEGY, US, now);
      assert.deepEqual(plan.actions.map((a) => a.idempotencyKey), [`${KEY}/replan`]);
      assert.equal(plan.nextActionAt?.toISOString(), at('2026-03-09 00:00', NY).toISOString(), 'after-7 next');
      assert.deepEqual(planCase(applyPlan(after(h.id, 'unpaid'), plan, now), SMB_STRATEGY, US, now).actions, [], 'planned once');
      // ended in payment (a claim confirmed, a voucher or debit paid, a promise kept) with a balance still owed: nothing
      const paid = planCase(after(h.id, 'paid'), SMB_STRATEGY, US, now);
      assert.deepEqual([paid.actions, paid.skipped], [[], []]);
      // still holding by its row (a promise not judged yet)
      assert.deepEqual(planCase(after(h.id, 'open'), SMB_STRATEGY, US, now).actions, []);
    });
  }

  it('is superseded by a step that came due since, as after a late tick, and recorded once', () => {
    // the hold ends on Wednesday 18: after-7 and after-15 came due meanwhile; after-15 runs, the rest are superseded
    const now = at('2026-03-18 09:00', NY);
    const plan = planCase(after('pdd_1', 'unpaid'), SMB_STRATEGY, US, now);
    assert.deepEqual(plan.actions.map((a) => a.stepId), ['after-15']);
    assert.deepEqual(plan.skipped.map((s) => [s.stepId, s.idempotencyKey, s.by]),
      [['after-7', 'case_1/smb-default@1/after-7/c1', 'after-15'], ['after-3', `${KEY}/replan`, 'after-15']]);
    assert.deepEqual(planCase(applyPlan(after('pdd_1', 'unpaid'), plan, now), SMB_STRATEGY, US, now).skipped, []);
    // a step planned after it was cancelled (by an earlier tick) supersedes it too
    const moved = planCase(after('clm_1', 'unpaid', [{ idempotencyKey: 'k7', stepId: 'after-7', occurrence: null, status: 'done', scheduledFor: '2026-03-09' }]),
      SMB_STRATEGY, US, at('2026-03-10 09:00', NY));
    assert.deepEqual([moved.actions, moved.skipped.map((s) => [s.idempotencyKey, s.by])], [[], [[`${KEY}/replan`, 'after-7']]]);
    // the agent's answer to the debtor (an action of no step) is not a step of the sequence
    const answered = planCase(after('clm_1', 'unpaid', [{ idempotencyKey: 'r1', stepId: 'agent-reply', occurrence: 'agt_1', status: 'done', scheduledFor: '2026-03-06' }]),
      SMB_STRATEGY, US, at('2026-03-06 09:00', NY));
    assert.deepEqual(answered.actions.map((a) => a.idempotencyKey), [`${KEY}/replan`]);
  });

  it('waits for a business day, and a broken promise\'s own step supersedes it', () => {
    // the hold ends on Saturday 7: planned again on Monday 9, where after-7 is due too and supersedes it
    const sat = planCase(after('clm_1', 'unpaid'), SMB_STRATEGY, US, at('2026-03-07 09:00', NY));
    assert.deepEqual([sat.actions, sat.skipped, sat.nextActionAt?.toISOString()], [[], [], at('2026-03-09 00:00', NY).toISOString()]);
    const broken = held({ promise: { id: 'prm_1', amount: { amount: 50_000, currency: 'USD' }, dueDate: '2026-03-05', status: 'broken' },
      actions: after('prm_1', 'unpaid').actions });
    const plan = planCase(broken, SMB_STRATEGY, US, at('2026-03-06 09:00', NY));
    assert.deepEqual(plan.actions.map((a) => a.stepId), ['promise-broken']);
    assert.deepEqual(plan.skipped.map((s) => [s.idempotencyKey, s.by]), [[`${KEY}/replan`, 'promise-broken']]);
  });

  it('an instalment plan holds what its stop cancels until an instalment is missed; its missed-instalment step answers it', () => {
    // instalment 1 counted due Thursday 5 (date + grace): current to then, missed from Friday 6, planned again that day
    const plan = { id: 'pln_1', instalments: [{ dueDate: '2026-03-05', amount: { amount: 62_500, currency: 'USD' }, paid: false },
      { dueDate: '2026-03-12', amount: { amount: 62_500, currency: 'USD' }, paid: false }] };
    const noMissed: Strategy = { ...SMB_STRATEGY, steps: SMB_STRATEGY.steps.filter((s) => s.trigger.on !== 'plan_instalment_missed') };
    const ticks = simulateCase(held({ plan }), noMissed, US, at('2026-03-05 10:00', NY), at('2026-03-10 12:00', NY));
    assert.deepEqual(ticks[0]!.plan.cancellations.map((c) => [c.stepId, c.reason, c.hold]), [['after-3', 'plan_current', { id: 'pln_1', until: '2026-03-06' }]]);
    const planned = ticks.flatMap((t) => t.plan.actions.map((a) => [a.scheduledFor, a.stepId, a.idempotencyKey, a.replanOf?.hold ?? null]));
    assert.deepEqual(planned, [['2026-03-06', 'after-3', `${KEY}/replan`, 'pln_1'], ['2026-03-09', 'after-7', 'case_1/smb-default@1/after-7/c1', null]]);
    // the tick: the plan's row cancelled by a person (nothing due since): planned again
    const cancelled = planCase(after('pln_1', 'unpaid'), SMB_STRATEGY, US, at('2026-03-06 09:00', NY));
    assert.deepEqual(cancelled.actions.map((a) => [a.idempotencyKey, a.replanOf?.hold]), [[`${KEY}/replan`, 'pln_1']]);
    // broken: the strategy's missed-instalment step supersedes it
    const missed = { ...plan, instalments: plan.instalments.slice(0, 1) };
    const broken = planCase(held({ plan: missed, actions: after('pln_1', 'unpaid').actions }), SMB_STRATEGY, US, at('2026-03-06 09:00', NY));
    assert.deepEqual([broken.actions.map((a) => a.stepId), broken.skipped.map((x) => [x.idempotencyKey, x.by])],
      [['instalment-missed'], [[`${KEY}/replan`, 'instalment-missed']]]);
  });
});
