// The org simulation plans the reminder a hold cancelled again when the hold ends, as the tick does: the run knows no
// payment after today, so a claim's hold runs out on its date, a pending promise is judged broken the day after its
// date + grace, and an active plan the day after its first unpaid instalment's date + grace; a hold passed on (a promise
// replaced by another, or by a plan) ends with the last of the chain.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SMB_STRATEGY, type Strategy } from '../strategy/index.ts';
import { NO_FACTS, type CaseRow, type StoredFacts } from './case-rows.ts';
import type { OrgPlanning, StoredActionWithCycle } from './decide.ts';
import { LedgerHistory } from './sim-ledger.ts';
import { runSimulation, type SimCustomer, type SimStart } from './sim-run.ts';

const NY = 'America/New_York';
const customer: SimCustomer = { id: 'cus_1', external_id: 'C-1', name: 'Norte', country: 'US', timezone: NY, email: 'ap@norte.example', phone: null,
  whatsapp: null, preferred_channel: null, tags: [] };
// due Monday 2 March: after-3 Thursday 5, after-7 Monday 9
const ledger = new LedgerHistory([{ id: 'inv_1', customer_id: 'cus_1', number: 'F-1', currency: 'USD', amount: 100_000, issue_date: '2026-02-01',
  due_date: '2026-03-02', disputed: false }], []);
const row: CaseRow = { id: 'case_1', customer_id: 'cus_1', strategy_id: 'smb-default', strategy_version: 1, segment_id: null, current_step_id: 'after-3',
  cycle: 1, anchor_due_date: '2026-03-02', paused_until: null, escalated: false };
const KEY = 'case_1/smb-default@1/after-3/c1';
const sent = (step: string, day: string): StoredActionWithCycle =>
  ({ case_id: 'case_1', idempotency_key: `case_1/smb-default@1/${step}/c1`, step_id: step, occurrence: null, status: 'sent', scheduled_for: day, cycle: 1 });
const history = [sent('before-3', '2026-02-27'), sent('due-day', '2026-03-02')];

function run(strategy: Strategy, start: SimStart) {
  const ctx: OrgPlanning = { org: { country: 'US', timezone: NY }, strategies: new Map([[strategy.id, strategy]]), segments: [], lead: 3, forceStrategyId: strategy.id };
  const r = runSimulation([customer], ledger, ctx, '2026-03-05', '2026-03-10', { reason: 'test' }, new Map([['cus_1', start]]));
  return r.actions.map((a) => [a.date, a.step_id, a.planned_before ?? false]);
}

describe('the simulation and a hold', () => {
  it('cancels what a claim holds and plans it again the day the hold runs out', () => {
    const facts: StoredFacts = { ...NO_FACTS, claim: { id: 'clm_1', hold_until: '2026-03-06', invoice_ids: ['inv_1'] } };
    const pending: StoredActionWithCycle = { ...sent('after-3', '2026-03-05'), status: 'planned' };
    const outbox = [{ idempotency_key: KEY, scheduled_for: '2026-03-05', step_id: 'after-3', strategy_id: 'smb-default', kind: 'send', channels: ['email'],
      template: 'overdue-3', invoice_ids: ['inv_1'], reason: 'after-3' }];
    assert.deepEqual(run(SMB_STRATEGY, { row, actions: [...history, pending], facts, outbox }),
      [['2026-03-06', 'after-3', false], ['2026-03-09', 'after-7', false]], 'not sent on the 5th (held), planned again on the 6th');
  });

  it('plans what a pending promise cancelled again once the run judges it broken', () => {
    const facts: StoredFacts = { ...NO_FACTS, promise: { id: 'prm_1', amount: 50_000, currency: 'USD', due_date: '2026-03-04', grace_days: 1, status: 'pending', at: '2026-03-02T15:00:00Z' } };
    const cancelled: StoredActionWithCycle = { ...sent('after-3', '2026-03-03'), status: 'cancelled', held_by: 'prm_1', hold: { status: 'pending', until: null } };
    const noBroken: Strategy = { ...SMB_STRATEGY, steps: SMB_STRATEGY.steps.filter((s) => s.trigger.on !== 'promise_broken') };
    assert.deepEqual(run(noBroken, { row, actions: [...history, cancelled], facts }),
      [['2026-03-06', 'after-3', false], ['2026-03-09', 'after-7', false]], 'held to the 5th (date + grace), planned again on the 6th');
  });

  it('plans what a promise replaced by a pending one cancelled again once the run judges the last one broken', () => {
    const facts: StoredFacts = { ...NO_FACTS, promise: { id: 'prm_2', amount: 50_000, currency: 'USD', due_date: '2026-03-04', grace_days: 1, status: 'pending', at: '2026-03-03T15:00:00Z' } };
    const cancelled: StoredActionWithCycle = { ...sent('after-3', '2026-03-03'), status: 'cancelled', held_by: 'prm_1', hold: { status: 'pending', until: null, by: 'prm_2' } };
    const noBroken: Strategy = { ...SMB_STRATEGY, steps: SMB_STRATEGY.steps.filter((s) => s.trigger.on !== 'promise_broken') };
    assert.deepEqual(run(noBroken, { row, actions: [...history, cancelled], facts }),
      [['2026-03-06', 'after-3', false], ['2026-03-09', 'after-7', false]], 'held to the 5th by prm_2, planned again on the 6th');
    const elsewhere: StoredActionWithCycle = { ...cancelled, hold: { status: 'pending', until: null, by: 'prm_9' } };
    assert.deepEqual(run(noBroken, { row, actions: [...history, elsewhere], facts }), [['2026-03-09', 'after-7', false]], 'a hold the run cannot judge stays');
  });

  it('plans what a plan (or the promise it replaced) cancelled again once the run breaks the plan, unless its missed-instalment step answers', () => {
    const facts: StoredFacts = { ...NO_FACTS, plan: { id: 'pln_1', currency: 'USD', status: 'active', paid: 0, grace_days: 1, broken_seq: null,
      instalments: [[1, '2026-03-04', 50_000], [2, '2026-03-11', 50_000]] } };
    const cancelled: StoredActionWithCycle = { ...sent('after-3', '2026-03-03'), status: 'cancelled', held_by: 'prm_1', hold: { status: 'active', until: null, by: 'pln_1' } };
    const noMissed: Strategy = { ...SMB_STRATEGY, steps: SMB_STRATEGY.steps.filter((s) => s.trigger.on !== 'plan_instalment_missed') };
    assert.deepEqual(run(noMissed, { row, actions: [...history, cancelled], facts }),
      [['2026-03-05', 'plan-reminder', false], ['2026-03-06', 'after-3', false], ['2026-03-09', 'after-7', false]],
      'current to the 5th (date + grace), broken and planned again on the 6th');
    const byPlan: StoredActionWithCycle = { ...cancelled, held_by: 'pln_1', hold: { status: 'active', until: null } };
    assert.deepEqual(run(SMB_STRATEGY, { row, actions: [...history, byPlan], facts }),
      [['2026-03-05', 'plan-reminder', false], ['2026-03-06', 'instalment-missed', false], ['2026-03-09', 'after-7', false]],
      'the missed-instalment step answers it');
  });

  it('plans the plan\'s instalment reminder a claim cancelled again the day the claim\'s hold runs out', () => {
    const facts: StoredFacts = { ...NO_FACTS, claim: { id: 'clm_1', hold_until: '2026-03-06', invoice_ids: ['inv_1'] },
      plan: { id: 'pln_1', currency: 'USD', status: 'active', paid: 0, grace_days: 1, broken_seq: null, instalments: [[1, '2026-03-09', 100_000]] } };
    const key = 'case_1/smb-default@1/plan-reminder/c1/due:pln_1#1';
    const reminder: StoredActionWithCycle = { case_id: 'case_1', idempotency_key: key, step_id: 'plan-reminder', occurrence: 'due:pln_1#1',
      status: 'planned', scheduled_for: '2026-03-05', cycle: 1 };
    const outbox = [{ idempotency_key: key, scheduled_for: '2026-03-05', step_id: 'plan-reminder', strategy_id: 'smb-default', kind: 'send',
      channels: ['email'], template: 'instalment-reminder', invoice_ids: ['inv_1'], reason: 'plan-reminder' }];
    assert.deepEqual(run(SMB_STRATEGY, { row, actions: [...history, reminder], facts, outbox }), [['2026-03-06', 'plan-reminder', false]],
      'not sent on the 5th (held), planned again on the 6th, once');
  });
});
