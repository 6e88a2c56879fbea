// POST /v1/simulations with a strategy body runs the editor's unsaved draft in place of the active version and stores
// nothing: the run equals the run of the same steps once saved as a version, and a bad draft is refused at its field.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice } from './support/factories.ts';

let api: TestApi;
before(async () => {
  api = await testApi();
  for (let i = 0; i < 4; i++) {
    const c = await aCustomer(api.db, api.org, { name: `Debtor ${i}`, email: `d${i}@example.com` });
    await anInvoice(api.db, api.org, { customer_id: c.id, amount: 10_000 * (i + 1), issue_date: '2026-02-01', due_date: `2026-03-0${i + 2}` });
  }
});
after(async () => { await api.close(); });

const post = (url: string, payload: object) => api.app.inject({ method: 'POST', url, headers: bearer(api.keys.manager), payload });
const window = { from: '2026-03-16', to: '2026-04-14', strategy_id: 'smb-default', customers: 'all' };
const count = async () => Number((await api.db.query<{ n: string }>('SELECT count(*) AS n FROM strategies WHERE org_id = $1', [api.org]))[0]?.n);
type Step = { id: string; trigger: { on: string; days?: number } };

describe('simulating an unsaved draft', () => {
  it('runs the draft\'s steps without storing a version, as the same steps run once saved', async () => {
    const active = (await api.app.inject({ url: '/v1/strategies/smb-default', headers: bearer(api.keys.manager) })).json();
    const steps = [...(active.definition.steps as Step[]).filter((s) => s.id !== 'after-15'),
      { id: 'day-20', trigger: { on: 'days', days: 20 }, actions: [{ type: 'send', channels: ['email'], template: 'overdue-formal', tone: 'firm' }] }];
    const ordered = [...steps.filter((s) => s.trigger.on === 'days').sort((a, b) => (a.trigger.days ?? 0) - (b.trigger.days ?? 0)),
      ...steps.filter((s) => s.trigger.on !== 'days')];
    const before = await count();
    const unsaved = await post('/v1/simulations', { ...window, strategy: { name: 'Draft', steps: ordered } });
    assert.equal(unsaved.statusCode, 200, unsaved.body);
    assert.equal(await count(), before, 'nothing stored');
    const byStep = (run: { days: { by_step: Record<string, number> }[] }) => {
      const out: Record<string, number> = {};
      for (const d of run.days) for (const [k, n] of Object.entries(d.by_step)) out[k] = (out[k] ?? 0) + n;
      return out;
    };
    const draft = byStep(unsaved.json());
    assert.ok((draft['day-20'] ?? 0) > 0, JSON.stringify(draft));
    assert.equal(draft['after-15'], undefined, 'the step taken out of the draft is not planned');
    const activeRun = byStep((await post('/v1/simulations', window)).json());
    assert.ok((activeRun['after-15'] ?? 0) > 0 && activeRun['day-20'] === undefined, JSON.stringify(activeRun));

    // the same steps saved: the stored version's run is the unsaved one's, action for action
    const saved = await post('/v1/strategies', { id: 'smb-default', name: 'Draft', steps: ordered });
    assert.equal(saved.statusCode, 201, saved.body);
    const stored = await post('/v1/simulations', { ...window, version: saved.json().version });
    assert.deepEqual(stored.json().days, unsaved.json().days);
    assert.deepEqual(stored.json().actions, unsaved.json().actions);
  });

  it('refuses a bad draft at its field, a draft with a version, and a draft without a strategy', async () => {
    const bad = await post('/v1/simulations', { ...window, strategy: { name: 'Draft', steps: [{ id: 'nr', trigger: { on: 'no_reply', hours: 0 },
      actions: [{ type: 'task', task: 'call', priority: 'normal' }] }] } });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json().error.field, 'strategy.steps.0.trigger.hours');
    const both = await post('/v1/simulations', { ...window, version: 1, strategy: { name: 'Draft', steps: [] } });
    assert.equal(both.json().error.field, 'strategy');
    const none = await post('/v1/simulations', { from: window.from, to: window.to, strategy: { name: 'Draft', steps: [] } });
    assert.deepEqual([none.statusCode, none.json().error.field], [400, 'strategy']);
  });
});
