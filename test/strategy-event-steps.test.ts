// Event steps in the strategy editor: the triggers the editor makes (a step on each event the engine plans on, a step switched
// between a day and an event) are taken by POST /v1/strategies as they are, and every refusal of a trigger names the step and
// the field the editor shows the message beside; the simulation runs a draft that has them.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { ApiError } from '../web/src/app/api.ts';
import { en } from '../web/src/i18n/en.ts';
import { translator } from '../web/src/i18n/translate.ts';
import { stepFieldError } from '../web/src/strategies/fieldError.ts';
import { newAction, type Step } from '../web/src/strategies/types.ts';
import { EVENTS, freeDay, freshId, newTrigger, switchTrigger, takenDays, templateFor, triggerName } from '../web/src/strategies/triggers.ts';
import { TriggerSchema } from '../src/strategy/index.ts';

const t = translator(en);
let api: TestApi;
before(async () => { api = await testApi(); });
after(async () => { await api.close(); });

const smbSteps = async (): Promise<Step[]> =>
  (await api.app.inject({ url: '/v1/strategies/smb-default', headers: bearer(api.keys.admin) })).json().definition.steps;
const post = (steps: unknown[]) => api.app.inject({ method: 'POST', url: '/v1/strategies', headers: bearer(api.keys.manager),
  payload: { id: 'smb-default', name: 'B2B / SMB: five steps', steps } });

/** What the editor makes of a refusal: the ApiError the web client throws, then the step and the field it names. */
async function refusal(steps: unknown[]) {
  const r = await post(steps);
  assert.equal(r.statusCode, 400, r.body);
  const e = r.json().error as { code: string; message: string; field?: string };
  return stepFieldError(new ApiError(r.statusCode, e.code, e.message, e.field));
}

describe('event steps made in the editor', () => {
  it('offers every event the engine plans steps on, and nothing the API would refuse', () => {
    const apiEvents = TriggerSchema.options.map((o) => o.shape.on.value).filter((on) => on !== 'days');
    assert.deepEqual([...EVENTS].sort(), [...apiEvents].sort());
    for (const kind of ['days', ...EVENTS] as const) assert.ok(TriggerSchema.safeParse(newTrigger(kind, new Set([1, 2]))).success, kind);
    assert.deepEqual(newTrigger('days', new Set([1, 2])), { on: 'days', days: 3 });
    assert.deepEqual(newTrigger('no_reply', new Set()), { on: 'no_reply', hours: 72 });
    assert.equal(freeDay(new Set([3650, 3649]), 3650), 3648, 'past the last day it looks before');
  });

  it('starts a message on each event with a template the org has by email', async () => {
    const templates = (await api.app.inject({ url: '/v1/templates', headers: bearer(api.keys.viewer) })).json().data as { id: string; channels: string[] }[];
    const email = new Set(templates.filter((x) => x.channels.includes('email')).map((x) => x.id));
    for (const on of EVENTS) assert.ok(email.has(templateFor(newTrigger(on, new Set()))), on);
  });

  it('adds a step on each event, with ids and names of its own, and the API takes them as they are', async () => {
    const steps = await smbSteps();
    const added: Step[] = [];
    for (const on of EVENTS) {
      const trigger = newTrigger(on, takenDays(steps));
      const step: Step = { id: freshId([...steps, ...added], trigger), name: triggerName(trigger, t), trigger, actions: [newAction('task', 'overdue-formal', 'MXN')] };
      added.push(step);
    }
    assert.deepEqual(added.map((s) => s.id), ['promise-broken-2', 'instalment-missed-2', 'no-reply', 'message-failed'], 'the default ids, then -2');
    assert.deepEqual(added.map((s) => s.name), ['A promise is broken', 'An instalment is missed', 'No reply in 72 hours', 'A message failed']);
    const r = await post([...steps, ...added]);
    assert.equal(r.statusCode, 201, r.body);
    const stored = r.json().definition.steps as Step[];
    assert.deepEqual(stored.slice(steps.length).map((s) => ({ id: s.id, trigger: s.trigger })), added.map((s) => ({ id: s.id, trigger: s.trigger })));
  });

  it('switches a step between a day and an event, keeping its id, and its name only when a person wrote it', () => {
    const day: Step = { id: 'day-10', name: 'Day 10', trigger: { on: 'days', days: 10 }, actions: [newAction('pause', 'x', 'MXN')] };
    const onEvent = switchTrigger(day, 'no_reply', new Set([10]), t);
    assert.deepEqual([onEvent.id, onEvent.name, onEvent.trigger], ['day-10', 'No reply in 72 hours', { on: 'no_reply', hours: 72 }]);
    const back = switchTrigger({ ...onEvent, name: 'Chase' }, 'days', new Set([1, 2, 3]), t);
    assert.deepEqual([back.id, back.name, back.trigger], ['day-10', 'Chase', { on: 'days', days: 4 }], 'the first free day after day 1');
    assert.equal(switchTrigger(day, 'days', new Set([10]), t), day, 'the same kind changes nothing');
  });

  it('names the step and the trigger field of every refusal', async () => {
    const steps = await smbSteps();
    const n = steps.length;
    const task = [newAction('task', 'overdue-formal', 'MXN')];
    const at = async (trigger: unknown) => refusal([...steps, { id: 'bad', trigger, actions: task }]);
    assert.deepEqual((await at({ on: 'no_reply', hours: 0 }))?.index, n);
    assert.equal((await at({ on: 'no_reply', hours: 0 }))?.error.key, 'trigger.hours');
    assert.equal((await at({ on: 'no_reply', hours: 1.5 }))?.error.key, 'trigger.hours');
    assert.equal((await at({ on: 'no_reply', hours: 24 * 91 }))?.error.key, 'trigger.hours');
    assert.equal((await at({ on: 'days', days: 4000 }))?.error.key, 'trigger.days');
    assert.equal((await at({ on: 'invoice_paid' }))?.error.key, 'trigger.on');
    // two day steps on one day: the second is named at its day
    const twice = await refusal([...steps.slice(0, 2), { ...steps[1]!, id: 'again' }, ...steps.slice(2)]);
    assert.deepEqual(twice, { index: 2, error: { key: 'trigger.days', message: 'day steps must be in increasing order of days' } });
  });

  it('simulates a draft that has event steps beside the active version', async () => {
    const steps = await smbSteps();
    const r = await post([...steps, { id: 'no-reply', trigger: { on: 'no_reply', hours: 48 }, actions: [newAction('send', 'overdue-nudge', 'MXN')] },
      { id: 'message-failed', trigger: { on: 'message_failed' }, actions: [newAction('task', 'x', 'MXN')] }]);
    assert.equal(r.statusCode, 201, r.body);
    const version = r.json().version as number;
    const sim = await api.app.inject({ method: 'POST', url: '/v1/simulations', headers: bearer(api.keys.manager),
      payload: { from: '2026-03-16', to: '2026-04-14', strategy_id: 'smb-default', version } });
    assert.equal(sim.statusCode, 200, sim.body);
    assert.equal(sim.json().days.length, 30);
  });
});
