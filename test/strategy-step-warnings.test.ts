// Steps that run together on one event are taken but warned about: POST /v1/strategies and POST /v1/simulations (for the
// version run) carry `warnings` naming the steps, the event and the channels they share; a strategy without any has none.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';

let api: TestApi;
before(async () => { api = await testApi(); });
after(async () => { await api.close(); });

interface Warning { code: string; event: string; steps: string[]; hours: number[]; channels: string[]; identical: boolean; message: string }
const today = new Date().toISOString().slice(0, 10);
const plus = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const smbSteps = async (): Promise<{ id: string; trigger: { on: string } }[]> =>
  (await api.app.inject({ url: '/v1/strategies/smb-default', headers: bearer(api.keys.admin) })).json().definition.steps;
const post = (steps: unknown[]) => api.app.inject({ method: 'POST', url: '/v1/strategies', headers: bearer(api.keys.manager),
  payload: { id: 'smb-default', name: 'B2B / SMB: five steps', steps } });
const simulate = (body: object) => api.app.inject({ method: 'POST', url: '/v1/simulations', headers: bearer(api.keys.manager),
  payload: { from: today, to: plus(6), strategy_id: 'smb-default', ...body } });
const sms = { id: 'promise-broken-sms', trigger: { on: 'promise_broken' },
  actions: [{ type: 'send', channels: ['sms', 'email'], template: 'promise-broken', tone: 'firm' }] };

describe('warnings on steps that run together', () => {
  it('saves a draft with two steps on a broken promise, inactive, naming both steps and the channel they share', async () => {
    const r = await post([...await smbSteps(), sms]);
    assert.equal(r.statusCode, 201, r.body);
    const saved = r.json() as { version: number; active: boolean; warnings: Warning[] };
    assert.equal(saved.active, false);
    assert.equal(saved.warnings.length, 1, r.body);
    const [w] = saved.warnings;
    assert.deepEqual([w?.code, w?.event, w?.steps, w?.channels, w?.identical], ['same_event', 'promise_broken', ['promise-broken', 'promise-broken-sms'], ['email'], false]);
    assert.match(w?.message ?? '', /promise-broken, promise-broken-sms all run on a broken promise/);

    const draft = await simulate({ version: saved.version });
    assert.equal(draft.statusCode, 200, draft.body);
    assert.deepEqual((draft.json().warnings as Warning[]).map((x) => x.steps), [['promise-broken', 'promise-broken-sms']]);
    const active = await simulate({});
    assert.equal(active.statusCode, 200, active.body);
    assert.deepEqual(active.json().warnings, [], 'the active version has one step per event');
    const all = await api.app.inject({ method: 'POST', url: '/v1/simulations', headers: bearer(api.keys.manager), payload: { from: today, to: plus(2) } });
    assert.equal(all.json().warnings, undefined, 'no strategy, no warnings');
  });

  it('says when a step is the same as another, and warns about a longer no-reply wait behind a shorter one', async () => {
    const base = (await smbSteps()).filter((s) => s.id !== 'promise-broken-sms');
    const twin = { ...base.find((s) => s.id === 'promise-broken'), id: 'promise-broken-twin' };
    const wait = (id: string, hours: number) => ({ id, trigger: { on: 'no_reply', hours }, actions: [{ type: 'send', channels: ['email'], template: 'overdue-formal', tone: 'firm' }] });
    const r = await post([...base, twin, wait('wait-48', 48), wait('wait-120', 120)]);
    assert.equal(r.statusCode, 201, r.body);
    const ws = r.json().warnings as Warning[];
    assert.deepEqual(ws.map((w) => [w.code, w.steps, w.hours, w.identical]), [
      ['same_event', ['promise-broken', 'promise-broken-twin'], [], true],
      ['no_reply_shadowed', ['wait-48', 'wait-120'], [48, 120], false],
    ]);
  });

  it('warns about nothing in a strategy with one step per event', async () => {
    const r = await post((await smbSteps()).filter((s) => !s.id.endsWith('-twin') && !s.id.startsWith('wait-')));
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual(r.json().warnings, []);
  });
});
