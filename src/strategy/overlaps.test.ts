// Warnings on event steps that run together: what the planner does with them (both run; a shorter no-reply wait restarts
// a longer one) and the check that says so for the API and the editor.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { calendarFor } from '../engine/calendar/index.ts';
import { planCase } from '../engine/planner.ts';
import { aCase, at } from '../engine/test-fixtures.ts';
import { SMB_STRATEGY, CONSUMER_STRATEGY, GENTLE_STRATEGY } from './defaults.ts';
import { eventStepOverlaps } from './overlaps.ts';
import type { Step } from './step.ts';
import type { Strategy } from './strategy.ts';
import type { Channel } from './vocabulary.ts';

const NY = 'America/New_York';
const US = calendarFor('US').calendar;

function aStep(id: string, trigger: Step['trigger'], channels: Channel[] = ['email'], over: Partial<Step> = {}): Step {
  return { id, trigger, actions: [{ type: 'send', channels, template: 'promise-broken', tone: 'firm', paymentLink: false, fallback: [] }], ...over };
}
const strategyOf = (steps: Step[]): Strategy => ({ id: 'two-events', name: 'Two events', version: 1, steps: [aStep('day-1', { on: 'days', days: 1 }), ...steps] });
const brokenPromise = { id: 'prm_1', status: 'broken' as const, dueDate: '2026-03-10', amount: { amount: 1_000, currency: 'USD' } };

describe('what the planner does with event steps that overlap', () => {
  it('plans both steps on a broken promise, at the same time', () => {
    const strategy = strategyOf([aStep('broken-email', { on: 'promise_broken' }), aStep('broken-sms', { on: 'promise_broken' }, ['sms'])]);
    const state = aCase({ promise: brokenPromise, actions: [{ idempotencyKey: 'k', stepId: 'day-1', occurrence: null, status: 'done', scheduledFor: '2026-03-03' }] });
    const plan = planCase(state, strategy, US, at('2026-03-11 09:00', NY));
    assert.deepEqual(plan.actions.map((a) => [a.stepId, a.occurrence, a.scheduledFor]),
      [['broken-email', 'prm_1', '2026-03-11'], ['broken-sms', 'prm_1', '2026-03-11']]);
  });

  it('lets a shorter no-reply wait start again from its own message, ahead of a longer one', () => {
    const strategy = strategyOf([aStep('wait-48', { on: 'no_reply', hours: 48 }), aStep('wait-120', { on: 'no_reply', hours: 120 })]);
    const day1 = { idempotencyKey: 'k', stepId: 'day-1', occurrence: null, status: 'done' as const, scheduledFor: '2026-03-03' };
    const first = aCase({ messages: { lastOutbound: { id: 'msg_1', at: at('2026-03-03 10:00', NY) }, lastInboundAt: null, failed: [] }, actions: [day1] });
    assert.deepEqual(planCase(first, strategy, US, at('2026-03-05 10:00', NY)).actions.map((a) => a.stepId), ['wait-48']);
    // wait-48's own message is now the last one: wait-48 comes due again 48 hours on (a Saturday: planned on Monday), while
    // wait-120 counts from that message too and is not due yet
    const again = aCase({ messages: { lastOutbound: { id: 'msg_2', at: at('2026-03-05 10:00', NY) }, lastInboundAt: null, failed: [] },
      actions: [day1, { idempotencyKey: 'k2', stepId: 'wait-48', occurrence: 'noreply:msg_1', status: 'done', scheduledFor: '2026-03-05' }] });
    const plan = planCase(again, strategy, US, at('2026-03-09 10:00', NY));
    assert.deepEqual(plan.actions.map((a) => [a.stepId, a.occurrence]), [['wait-48', 'noreply:msg_2']]);
  });
});

describe('eventStepOverlaps', () => {
  it('finds nothing in the shipped strategies', () => {
    for (const s of [SMB_STRATEGY, CONSUMER_STRATEGY, GENTLE_STRATEGY]) assert.deepEqual(eventStepOverlaps(s.steps), [], s.id);
  });

  it('names two steps on a broken promise and the channel both send on', () => {
    const [w, ...rest] = eventStepOverlaps([aStep('a', { on: 'promise_broken' }, ['email', 'sms']), aStep('b', { on: 'promise_broken' }, ['sms', 'whatsapp']),
      aStep('c', { on: 'message_failed' })]);
    assert.deepEqual(rest, []);
    assert.equal(w?.code, 'same_event');
    assert.ok(w);
    assert.deepEqual([w.event, w.steps, w.channels, w.identical], ['promise_broken', ['a', 'b'], ['sms'], false]);
    assert.match(w.message, /steps a, b all run on a broken promise, at the same time.*on sms at once/);
  });

  it('says when two steps on one event are the same step twice, whatever the order of their keys', () => {
    const a = aStep('a', { on: 'plan_instalment_missed' }, ['email'], { condition: { daysPastDue: { min: 1, max: 9 } } });
    const b: Step = { id: 'b', trigger: { on: 'plan_instalment_missed' }, condition: { daysPastDue: { max: 9, min: 1 } },
      actions: [{ tone: 'firm', template: 'promise-broken', channels: ['email'], type: 'send' } as Step['actions'][number]] };
    const [w] = eventStepOverlaps([a, b]);
    assert.equal(w?.code, 'same_event');
    assert.ok(w);
    assert.equal(w.identical, true);
    assert.match(w.message, /done twice/);
    const other = eventStepOverlaps([a, { ...b, condition: { daysPastDue: { min: 10 } } }])[0];
    assert.equal(other?.identical, false);
  });

  it('counts tasks on one event as overlapping too, with no shared channel', () => {
    const task = (id: string): Step => ({ id, trigger: { on: 'message_failed' }, actions: [{ type: 'task', task: 'review', priority: 'normal' }] });
    const [w] = eventStepOverlaps([task('x'), task('y'), task('z')]);
    assert.equal(w?.code, 'same_event');
    assert.ok(w);
    assert.deepEqual([w.steps, w.channels, w.identical], [['x', 'y', 'z'], [], true]);
  });

  it('groups no-reply steps by their hours, and warns that a shorter wait runs ahead of a longer one', () => {
    const steps = [aStep('n72', { on: 'no_reply', hours: 72 }), aStep('n72b', { on: 'no_reply', hours: 72 }, ['sms']), aStep('n120', { on: 'no_reply', hours: 120 })];
    const ws = eventStepOverlaps(steps);
    assert.deepEqual(ws.map((w) => [w.code, w.steps, w.hours]), [['same_event', ['n72', 'n72b'], [72, 72]], ['no_reply_shadowed', ['n72', 'n120'], [72, 120]]]);
    assert.deepEqual(ws[0]?.channels, []);
    assert.match(ws[1]?.message ?? '', /n120 runs only when n72 sends nothing/);
  });

  it('does not count a shorter no-reply step that sends nothing as restarting the wait', () => {
    const task: Step = { id: 'call', trigger: { on: 'no_reply', hours: 24 }, actions: [{ type: 'task', task: 'call', priority: 'high' }] };
    assert.deepEqual(eventStepOverlaps([task, aStep('n96', { on: 'no_reply', hours: 96 })]), []);
  });
});
