// The hold a claimed payment puts on reminders: its end in business days of the debtor's calendar, and the planner's
// `payment_claimed` stop while it lasts (only when it covers every open invoice).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SMB_STRATEGY } from '../strategy/index.ts';
import { calendarFor, planCase } from '../engine/index.ts';
import { aCase, anInvoice, at } from '../engine/test-fixtures.ts';
import { holdEnd } from './claims.ts';

const NY = 'America/New_York';
const US = calendarFor('US').calendar;
const owed = anInvoice({ id: 'inv_1', dueDate: '2026-02-23' });

describe('a claimed payment\'s hold', () => {
  it('ends after the given business days, skipping weekends and the country\'s holidays', () => {
    assert.equal(holdEnd('2026-03-11', 5, 'MX'), '2026-03-19', 'Mexico\'s Benito Juárez day (16 March) skipped');
    assert.equal(holdEnd('2026-03-13', 1, 'US'), '2026-03-16', 'Friday to Monday');
    assert.equal(holdEnd('2026-03-13', 0, 'US'), '2026-03-13', 'no hold');
  });

  it('skips the holidays of the debtor\'s region where cobro keeps them', () => {
    // Wednesday 8 July 2026: the next business day is Thursday the 9th, except in São Paulo (Revolução Constitucionalista)
    assert.equal(holdEnd('2026-07-08', 1, 'BR'), '2026-07-09');
    assert.equal(holdEnd('2026-07-08', 1, 'BR', undefined, 'SP'), '2026-07-10');
    assert.equal(holdEnd('2026-07-08', 1, 'BR', undefined, 'BR-SP'), '2026-07-10');
    assert.equal(holdEnd('2026-07-08', 1, 'BR', undefined, 'MG'), '2026-07-09', 'a state without days of its own keeps the national ones');
  });

  it('stops the plan until the hold ends and cancels what was planned, then lets the sequence run', () => {
    const claim = { id: 'clm_1', holdUntil: '2026-03-05', invoiceIds: ['inv_1'] };
    const pending = { idempotencyKey: 'k-after-7', stepId: 'after-7', occurrence: null, status: 'pending' as const, scheduledFor: '2026-03-02' };
    const held = planCase(aCase({ invoices: [owed], claim, actions: [pending] }), SMB_STRATEGY, US, at('2026-03-02 09:00', NY));
    assert.equal(held.stop?.code, 'payment_claimed');
    assert.deepEqual(held.actions, []);
    assert.deepEqual(held.cancellations.map((c) => c.stepId), ['after-7']);
    assert.equal(held.nextActionAt?.toISOString(), at('2026-03-05 00:00', NY).toISOString());
    const after = planCase(aCase({ invoices: [owed], claim }), SMB_STRATEGY, US, at('2026-03-05 09:00', NY));
    assert.equal(after.stop, null);
    assert.deepEqual(after.actions.map((a) => a.stepId), ['after-7']);
  });

  it('does not hold a case with an open invoice the claim does not cover', () => {
    const claim = { id: 'clm_1', holdUntil: '2026-03-05', invoiceIds: ['inv_1'] };
    const plan = planCase(aCase({ invoices: [owed, anInvoice({ id: 'inv_2', number: 'F-2', dueDate: '2026-02-24' })], claim }), SMB_STRATEGY, US,
      at('2026-03-02 09:00', NY));
    assert.equal(plan.stop, null);
    assert.equal(plan.actions.length, 1);
  });
});
