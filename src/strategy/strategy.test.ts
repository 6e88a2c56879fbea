// Strategy schemas: the shipped defaults are valid and say what the issue asks; bad strategies are refused
// with the field at fault.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CONSUMER_STRATEGY, DEFAULT_STRATEGIES, GENTLE_STRATEGY, SMB_STRATEGY } from './defaults.ts';
import { parseStrategy, StrategySchema, type StrategyInput } from './strategy.ts';
import type { Step } from './step.ts';

function daySteps(steps: Step[]): [number, string[]][] {
  return steps.flatMap((s) => (s.trigger.on === 'days'
    ? [[s.trigger.days, s.actions.map((a) => (a.type === 'send' ? `${a.channels.join('+')}:${a.tone}` : a.type === 'task' ? `task:${a.task}` : a.type))]]
    : []));
}

describe('the default strategies', () => {
  it('are all valid strategies with distinct ids', () => {
    for (const s of DEFAULT_STRATEGIES) assert.equal(StrategySchema.safeParse(s).success, true, s.id);
    assert.equal(new Set(DEFAULT_STRATEGIES.map((s) => s.id)).size, 3);
  });

  it('give SMB customers five steps from three days before to a call at fifteen days', () => {
    assert.deepEqual(daySteps(SMB_STRATEGY.steps), [
      [-3, ['whatsapp+email:friendly']], [0, ['whatsapp:friendly']], [3, ['email:formal']],
      [7, ['whatsapp+email:firm']], [15, ['task:call']],
    ]);
    const dueDay = SMB_STRATEGY.steps.find((s) => s.id === 'due-day')?.actions[0];
    assert.equal(dueDay?.type === 'send' && dueDay.paymentLink, true);
  });

  it('give consumers email before and on the due date, WhatsApp and SMS, a call, and two escalations', () => {
    assert.deepEqual(daySteps(CONSUMER_STRATEGY.steps), [
      [-2, ['email:friendly']], [0, ['email:neutral']], [1, ['whatsapp:friendly']], [2, ['sms:neutral']],
      [3, ['task:call']], [30, ['email+sms:firm', 'task:negotiate']], [60, ['escalate']],
    ]);
  });

  it('keep the gentle strategy to friendly emails and a review only for risky customers', () => {
    assert.deepEqual(daySteps(GENTLE_STRATEGY.steps), [[1, ['email:friendly']], [7, ['email:friendly']], [14, ['task:review']]]);
    assert.deepEqual(GENTLE_STRATEGY.steps.find((s) => s.id === 'after-14')?.condition, { riskBand: ['medium', 'high'] });
  });

  it('answer a broken promise in every default strategy', () => {
    for (const s of DEFAULT_STRATEGIES) assert.ok(s.steps.some((step) => step.trigger.on === 'promise_broken'), s.id);
  });
});

const valid: StrategyInput = {
  id: 'custom', name: 'Custom', version: 1,
  steps: [{ id: 'after-5', trigger: { on: 'days', days: 5 }, actions: [{ type: 'send', channels: ['email'], template: 'x', tone: 'formal' }] }],
};

describe('parseStrategy', () => {
  it('fills in defaults: no payment link and no fallback unless asked', () => {
    const parsed = parseStrategy(valid);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value.steps[0]?.actions[0], { type: 'send', channels: ['email'], template: 'x', tone: 'formal', paymentLink: false, fallback: [] });
  });

  const withStep = (step: Record<string, unknown>) => ({ ...valid, steps: [{ ...valid.steps[0], ...step }] });
  const bad: [string, unknown, string][] = [
    ['a repeated step id', { ...valid, steps: [valid.steps[0], valid.steps[0]] }, 'steps.1.id'],
    ['day steps out of order', { ...valid, steps: [valid.steps[0], { ...valid.steps[0], id: 'after-2', trigger: { on: 'days', days: 2 } }] }, 'steps.1.trigger.days'],
    ['an unknown channel', withStep({ actions: [{ type: 'send', channels: ['fax'], template: 'x', tone: 'formal' }] }), 'steps.0.actions.0.channels.0'],
    ['no channel', withStep({ actions: [{ type: 'send', channels: [], template: 'x', tone: 'formal' }] }), 'steps.0.actions.0.channels'],
    ['a step id with a colon', withStep({ id: 'a:b' }), 'steps.0.id'],
    ['no actions', withStep({ actions: [] }), 'steps.0.actions'],
    ['an unknown event', withStep({ trigger: { on: 'invoice_viewed' } }), 'steps.0.trigger.on'],
    ['no_reply without hours', withStep({ trigger: { on: 'no_reply' } }), 'steps.0.trigger.hours'],
    ['a late fee over 100%', withStep({ actions: [{ type: 'charge', charge: 'late_fee', rule: { kind: 'percentage', basisPoints: 10_001 } }] }), 'steps.0.actions.0.rule.basisPoints'],
    ['a fee in an unknown currency', withStep({ actions: [{ type: 'charge', charge: 'late_fee', rule: { kind: 'fixed', amount: { amount: 100, currency: 'XXX' } } }] }), 'steps.0.actions.0.rule.amount.currency'],
    ['version 0', { ...valid, version: 0 }, 'version'],
    ['an unknown condition', withStep({ condition: { moonPhase: 'full' } }), 'steps.0.condition'],
  ];
  for (const [what, input, field] of bad) {
    it(`refuses ${what}, naming ${field}`, () => {
      const parsed = parseStrategy(input);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.deepEqual([parsed.error.code, parsed.error.field], ['VALIDATION_FAILED', field]);
    });
  }

  it('accepts every kind of trigger and action', () => {
    const parsed = parseStrategy({ ...valid, steps: [
      { id: 'e1', trigger: { on: 'promise_broken' }, actions: [{ type: 'task', task: 'negotiate', priority: 'urgent' }] },
      { id: 'e2', trigger: { on: 'plan_instalment_missed' }, actions: [{ type: 'pause', days: 5 }] },
      { id: 'e3', trigger: { on: 'no_reply', hours: 48 }, actions: [{ type: 'escalate', to: 'legal' }] },
      { id: 'e4', trigger: { on: 'message_failed' }, actions: [{ type: 'send', channels: ['voice'], template: 'ivr', tone: 'neutral' }] },
      { id: 'd1', trigger: { on: 'days', days: 30 }, condition: { balanceAbove: { amount: 50_000, currency: 'EUR' } },
        actions: [{ type: 'charge', charge: 'interest', rule: { kind: 'eu_b2b', fixedFee: { amount: 4_000, currency: 'EUR' } } }] },
    ] });
    assert.ok(parsed.ok);
    const rule = parsed.value.steps[4]?.actions[0];
    assert.deepEqual(rule?.type === 'charge' && rule.rule, { kind: 'eu_b2b', fixedFee: { amount: 4_000, currency: 'EUR' }, marginBasisPoints: 800 });
  });
});
