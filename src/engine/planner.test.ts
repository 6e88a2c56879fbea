// The planner's rules for one case: one message for all invoices, stop rules and cancellations, events,
// channels, catching up after a missed tick, and never planning the same step twice.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CONSUMER_STRATEGY, SMB_STRATEGY } from '../strategy/index.ts';
import { calendarFor } from './calendar/index.ts';
import type { ExistingAction } from './case-state.ts';
import { planCase } from './planner.ts';
import { aCase, anInvoice, at, type CaseOverrides } from './test-fixtures.ts';

const NY = 'America/New_York';
const US = calendarFor('US').calendar;

function done(stepId: string, scheduledFor = '2026-03-02', status: ExistingAction['status'] = 'done', occurrence: string | null = null): ExistingAction {
  return { idempotencyKey: `case_1/smb-default@1/${stepId}/c1`, stepId, occurrence, status, scheduledFor };
}

const throughDueDay = [done('before-3', '2026-02-27'), done('due-day', '2026-03-02')];

describe('planCase', () => {
  it('plans one action listing all three overdue invoices, oldest first, with the total', () => {
    const state = aCase({ invoices: [
      anInvoice({ number: 'F-0103', dueDate: '2026-02-27', balance: { amount: 30_000, currency: 'USD' } }),
      anInvoice({ number: 'F-0101', dueDate: '2026-02-23', balance: { amount: 50_000, currency: 'USD' } }),
      anInvoice({ number: 'F-0102', dueDate: '2026-02-25', balance: { amount: 20_050, currency: 'USD' } }),
    ] });
    const plan = planCase(state, SMB_STRATEGY, US, at('2026-03-02 08:00', NY));
    assert.equal(plan.actions.length, 1);
    const [action] = plan.actions;
    assert.equal(action?.stepId, 'after-7');
    assert.deepEqual(action?.invoices.map((i) => [i.number, i.daysPastDue]), [['F-0101', 7], ['F-0102', 5], ['F-0103', 3]]);
    assert.deepEqual(action?.totals, [{ amount: 100_050, currency: 'USD' }]);
  });

  it('plans nothing for a customer who has paid, and closes the case', () => {
    const state = aCase({ invoices: [anInvoice({ balance: { amount: 0, currency: 'USD' } })] });
    const plan = planCase(state, SMB_STRATEGY, US, at('2026-03-05 08:00', NY));
    assert.deepEqual(plan.actions, []);
    assert.equal(plan.stop?.code, 'paid');
    assert.equal(plan.nextActionAt, null);
  });

  it('cancels the step planned for today when a payment clears the balance that day', () => {
    const state = aCase({
      invoices: [anInvoice({ balance: { amount: 0, currency: 'USD' } })],
      actions: [...throughDueDay, done('after-3', '2026-03-05', 'pending')],
    });
    const plan = planCase(state, SMB_STRATEGY, US, at('2026-03-05 11:20', NY));
    assert.deepEqual(plan.actions, []);
    assert.deepEqual(plan.cancellations.map((c) => [c.stepId, c.reason]), [['after-3', 'paid']]);
  });

  it('keeps the case at its step after a partial payment', () => {
    const state = aCase({
      invoices: [anInvoice({ balance: { amount: 100, currency: 'USD' } })],
      actions: [...throughDueDay, done('after-3', '2026-03-05', 'pending')],
    });
    const plan = planCase(state, SMB_STRATEGY, US, at('2026-03-05 11:20', NY));
    assert.deepEqual([plan.actions, plan.cancellations], [[], []]);
    assert.equal(plan.nextActionAt?.toISOString(), at('2026-03-09 00:00', NY).toISOString());
  });

  it('waits while a promise is active, then triggers the promise-broken step the day after it falls due', () => {
    const promise = { id: 'prm_1', amount: { amount: 125_000, currency: 'USD' }, dueDate: '2026-03-10', status: 'pending' as const };
    const state = aCase({ promise, actions: [...throughDueDay, done('after-3', '2026-03-05', 'pending')] });
    const waiting = planCase(state, SMB_STRATEGY, US, at('2026-03-05 09:00', NY));
    assert.equal(waiting.stop?.code, 'promise_active');
    assert.deepEqual(waiting.cancellations.map((c) => c.stepId), ['after-3']);
    assert.equal(waiting.nextActionAt?.toISOString(), at('2026-03-11 00:00', NY).toISOString());

    const after = { ...state, actions: [...throughDueDay, done('after-3', '2026-03-05', 'cancelled'), done('after-7', '2026-03-09', 'done')] };
    const broken = planCase(after, SMB_STRATEGY, US, at('2026-03-11 00:00', NY));
    assert.deepEqual(broken.actions.map((a) => [a.stepId, a.occurrence]), [['promise-broken', 'prm_1']]);
    assert.equal(broken.actions[0]?.idempotencyKey, 'case_1/smb-default@1/promise-broken/c1/prm_1');
  });

  it('triggers the promise-broken step once for a promise marked broken, not again after it is recorded', () => {
    const promise = { id: 'prm_2', amount: { amount: 5_000, currency: 'USD' }, dueDate: '2026-03-10', status: 'broken' as const };
    const state = aCase({ promise, actions: [...throughDueDay, done('after-3'), done('after-7')] });
    const first = planCase(state, SMB_STRATEGY, US, at('2026-03-12 10:00', NY));
    assert.deepEqual(first.actions.map((a) => a.stepId), ['promise-broken']);
    const again = planCase({ ...state, actions: [...state.actions, done('promise-broken', '2026-03-12', 'done', 'prm_2')] },
      SMB_STRATEGY, US, at('2026-03-12 15:00', NY));
    assert.deepEqual(again.actions, []);
  });

  const stops: [string, CaseOverrides, string][] = [
    ['an open dispute', { dispute: { id: 'dsp_1' } }, 'disputed'],
    ['every invoice disputed', { invoices: [anInvoice({ disputed: true })] }, 'disputed'],
    ['an escalated case', { escalated: true }, 'escalated'],
    ['a customer opted out on every channel', { customer: { optedOut: ['email', 'sms', 'whatsapp', 'voice'] } }, 'opted_out'],
    ['a customer opted out on every channel they have', { customer: { channels: ['email'], optedOut: ['email'] } }, 'opted_out'],
    ['a current plan', { plan: { id: 'pln_1', instalments: [
      { dueDate: '2026-03-01', amount: { amount: 60_000, currency: 'USD' }, paid: true },
      { dueDate: '2026-04-01', amount: { amount: 65_000, currency: 'USD' }, paid: false },
    ] } }, 'plan_current'],
  ];
  for (const [what, over, code] of stops) {
    it(`plans nothing and cancels what is pending for ${what}`, () => {
      const state = aCase({ ...over, actions: [...throughDueDay, done('after-3', '2026-03-05', 'pending')] });
      const plan = planCase(state, SMB_STRATEGY, US, at('2026-03-05 09:00', NY));
      assert.deepEqual(plan.actions, []);
      assert.equal(plan.stop?.code, code);
      assert.deepEqual(plan.cancellations.map((c) => [c.stepId, c.reason]), [['after-3', code]]);
    });
  }

  it('triggers the instalment-missed step the day after an unpaid instalment', () => {
    const plan = { id: 'pln_1', instalments: [
      { dueDate: '2026-03-01', amount: { amount: 60_000, currency: 'USD' }, paid: true },
      { dueDate: '2026-04-01', amount: { amount: 65_000, currency: 'USD' }, paid: false },
    ] };
    const state = aCase({ plan, actions: [...throughDueDay, done('after-3'), done('after-7'), done('after-15')] });
    const result = planCase(state, SMB_STRATEGY, US, at('2026-04-02 09:00', NY));
    assert.deepEqual(result.actions.map((a) => [a.stepId, a.occurrence]), [['instalment-missed', 'pln_1#2']]);
  });

  it('calls a consumer who has not replied 72 hours after the last message, once they are 4 days late', () => {
    const sent = at('2026-03-03 10:00', NY);
    const state = aCase({
      messages: { lastOutbound: { id: 'msg_9', at: sent }, lastInboundAt: null, failed: [] },
      actions: ['before-2', 'due-day', 'after-1', 'after-2', 'after-3'].map((s) => done(s)),
    });
    const early = planCase(state, CONSUMER_STRATEGY, US, at('2026-03-06 09:59', NY));
    assert.deepEqual(early.actions, []);
    assert.equal(early.nextActionAt?.toISOString(), at('2026-03-06 10:00', NY).toISOString());
    const due = planCase(state, CONSUMER_STRATEGY, US, at('2026-03-06 10:00', NY));
    assert.deepEqual(due.actions.map((a) => [a.stepId, a.occurrence]), [['no-reply', 'noreply:msg_9']]);
    const replied = planCase({ ...state, messages: { ...state.messages, lastInboundAt: at('2026-03-04 08:00', NY) } },
      CONSUMER_STRATEGY, US, at('2026-03-06 10:00', NY));
    assert.deepEqual(replied.actions, []);
  });

  it('opens a review task when a message fails', () => {
    const state = aCase({
      messages: { lastOutbound: null, lastInboundAt: null, failed: [{ id: 'msg_4', channel: 'email', at: at('2026-03-03 14:00', NY) }] },
      actions: ['before-2', 'due-day', 'after-1'].map((s) => done(s)),
    });
    const plan = planCase(state, CONSUMER_STRATEGY, US, at('2026-03-03 14:05', NY));
    assert.deepEqual(plan.actions.map((a) => [a.stepId, a.actions[0]?.type]), [['message-failed', 'task']]);
  });

  it('falls back to SMS when the customer opted out of WhatsApp', () => {
    const state = aCase({ customer: { optedOut: ['whatsapp'] } });
    const plan = planCase(state, SMB_STRATEGY, US, at('2026-02-27 09:00', NY));
    const send = plan.actions[0]?.actions[0];
    assert.ok(send && send.type === 'send');
    assert.deepEqual([send.channels, send.unreachable], [['email', 'sms'], ['whatsapp']]);
  });

  it('skips a message step whose channels are all unreachable, and records why', () => {
    const state = aCase({ customer: { channels: ['voice'] }, actions: [...throughDueDay] });
    const plan = planCase(state, SMB_STRATEGY, US, at('2026-03-05 09:00', NY));
    assert.deepEqual(plan.actions, []);
    assert.deepEqual(plan.skipped.map((s) => [s.stepId, s.reason]), [['after-3', 'no_channel']]);
  });

  it('runs only the latest due step for a case first seen 20 days late, and supersedes the rest', () => {
    const plan = planCase(aCase(), SMB_STRATEGY, US, at('2026-03-23 09:00', NY));
    assert.deepEqual(plan.actions.map((a) => a.stepId), ['after-15']);
    assert.deepEqual(plan.skipped.map((s) => [s.stepId, s.reason]),
      ['before-3', 'due-day', 'after-3', 'after-7'].map((s) => [s, 'superseded']));
    assert.equal(plan.nextActionAt, null);
  });

  it('plans nothing twice: a second tick the same day finds the step already taken', () => {
    const now = at('2026-03-05 09:00', NY);
    const state = aCase({ actions: [...throughDueDay] });
    const first = planCase(state, SMB_STRATEGY, US, now);
    assert.deepEqual(first.actions.map((a) => a.idempotencyKey), ['case_1/smb-default@1/after-3/c1']);
    const recorded = first.actions.map((a) => ({ ...done(a.stepId, a.scheduledFor, 'pending'), idempotencyKey: a.idempotencyKey }));
    assert.deepEqual(planCase({ ...state, actions: [...state.actions, ...recorded] }, SMB_STRATEGY, US, now).actions, []);
  });

  it('does not replay steps done under an earlier version of the strategy', () => {
    const v2 = { ...SMB_STRATEGY, version: 2 };
    const plan = planCase(aCase({ actions: [...throughDueDay, done('after-3')] }), v2, US, at('2026-03-05 09:00', NY));
    assert.deepEqual(plan.actions, []);
  });

  it('starts the steps again in a new cycle with new keys', () => {
    const plan = planCase(aCase({ cycle: 2 }), SMB_STRATEGY, US, at('2026-02-27 09:00', NY));
    assert.deepEqual(plan.actions.map((a) => a.idempotencyKey), ['case_1/smb-default@1/before-3/c2']);
  });

  it('plans nothing while paused and looks again when the pause ends', () => {
    const pausedUntil = at('2026-03-10 00:00', NY);
    const plan = planCase(aCase({ pausedUntil, actions: [...throughDueDay] }), SMB_STRATEGY, US, at('2026-03-05 09:00', NY));
    assert.deepEqual([plan.actions, plan.nextActionAt], [[], pausedUntil]);
  });

  it('waits for the next business day when a step comes due on a holiday', () => {
    const state = aCase({ invoices: [anInvoice({ dueDate: '2026-06-16' })], actions: [done('before-3'), done('due-day')] });
    const plan = planCase(state, SMB_STRATEGY, US, at('2026-06-19 09:00', NY));
    assert.deepEqual(plan.actions, []);
    assert.equal(plan.nextActionAt?.toISOString(), at('2026-06-22 00:00', NY).toISOString());
    const monday = planCase(state, SMB_STRATEGY, US, at('2026-06-22 00:00', NY));
    assert.equal(monday.actions[0]?.reason, 'after-3: 3 days after the due date 2026-06-16; came due 2026-06-19 (closed: Juneteenth), planned 2026-06-22');
  });
});
