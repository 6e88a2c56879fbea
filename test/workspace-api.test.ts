// The workspace's API: the worklist in order with its reasons, assignment, calls with standard outcomes (counted by the
// contact caps, promises inside the limits), callbacks, completing a task, and the case actions: note, one-off message
// through the gate, pause, resume, escalate, change of strategy; viewers change nothing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, TEST_PASSWORD_COST, type TestApi } from './support/api.ts';
import { createUser, type Role } from '../src/orgs/index.ts';

let t: TestApi;
let clock = new Date('2026-03-17T16:00:00Z'); // a Tuesday, 10:00 in Mexico City
before(async () => { t = await testApi(() => clock); });
after(async () => { await t.close(); });

const PASSWORD = 'correct horse battery';
interface Session { id: string; cookie: string; csrf: string }
const sessions = {} as Record<'manager' | 'collector' | 'viewer', Session>;

async function signedIn(role: Role): Promise<Session> {
  const email = `${role}@acme.test`;
  const u = await createUser(t.db, t.org, { email, role, password: PASSWORD, mustChangePassword: false, passwordCost: TEST_PASSWORD_COST });
  assert.ok(u.ok);
  const r = await t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: PASSWORD } });
  assert.equal(r.statusCode, 201, r.body);
  const cookie = String(r.headers['set-cookie']).split(';')[0]!;
  const me = await t.app.inject({ url: '/v1/me', headers: { cookie } });
  return { id: u.value.user.id, cookie, csrf: me.json().csrf_token as string };
}

const as = (s: Session | string) => (typeof s === 'string' ? bearer(s) : { cookie: s.cookie, 'x-cobro-csrf': s.csrf });
const get = (url: string, who: Session | string = t.keys.admin) => t.app.inject({ method: 'GET', url, headers: as(who) });
const post = (url: string, payload: object, who: Session | string = t.keys.admin) =>
  t.app.inject({ method: 'POST', url, payload, headers: as(who) });

interface Item { id: string; case_id: string; customer_id: string; customer_name: string; rank: number; basis: string; reason: string;
  overdue_amount: number; days_past_due: number; assigned_to: string | null; waiting: boolean; due_at: string | null; kind: string }
interface Entry { kind: string; reason: string; data: Record<string, unknown> }

async function aCustomer(name: string, amount: number, due: string, country?: string): Promise<string> {
  const c = await post('/v1/customers', { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.mx`, phone: '+52 55 1234 5678',
    ...(country ? { country } : {}), timezone: 'America/Mexico_City' });
  assert.equal(c.statusCode, 201, c.body);
  const i = await post('/v1/invoices', { customer_id: c.json().id, number: `${name.slice(0, 3)}-1`, currency: 'MXN', amount, issue_date: '2026-01-01', due_date: due });
  assert.equal(i.statusCode, 201, i.body);
  return c.json().id as string;
}

const timeline = async (caseId: string): Promise<Entry[]> => (await get(`/v1/cases/${caseId}`)).json().timeline;
const worklistOf = async (who: Session | string, query = '') => {
  const r = await get(`/v1/worklist${query}`, who);
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as { scope: string; scored_as_of: string | null; data: Item[] };
};

describe('the workspace API', () => {
  let big = '';
  let small = '';
  let bigTask: Item;

  before(async () => {
    for (const role of ['manager', 'collector', 'viewer'] as const) sessions[role] = await signedIn(role);
    assert.equal((await t.app.inject({ method: 'PUT', url: '/v1/segments', headers: bearer(t.keys.admin),
      payload: { data: [{ id: 'all', name: 'Everyone', strategyId: 'smb-default', when: {} }] } })).statusCode, 200);
    // a business debt in Mexico: the org's own policy (two calls a day) is the one with caps
    big = await aCustomer('Ferretería Grande', 4_500_000, '2026-02-01', 'MX');
    const profile = await t.app.inject({ method: 'PUT', url: `/v1/customers/${big}/contact-profile`, headers: bearer(t.keys.admin),
      payload: { debtor_type: 'business', lawful_basis: 'contract' } });
    assert.equal(profile.statusCode, 200, profile.body);
    small = await aCustomer('Papelería Chica', 120_000, '2026-02-25', 'MX');
    // each invoice re-planned its customer's case at once: the 15-days-late call is on the worklist
    const tasks = (await get('/v1/tasks?status=open')).json().data as { kind: string }[];
    assert.deepEqual(tasks.map((x) => x.kind), ['call', 'call']);
  });

  it('lists a manager\'s worklist (theirs and the unassigned) in order of amount and days past due, and says there is no score yet', async () => {
    const w = await worklistOf(sessions.manager);
    assert.equal(w.scope, 'mine_and_unassigned');
    assert.equal(w.scored_as_of, null);
    assert.deepEqual(w.data.map((i) => i.customer_id), [big, small]);
    bigTask = w.data[0]!;
    assert.deepEqual([bigTask.rank, bigTask.basis, bigTask.overdue_amount, bigTask.days_past_due], [1, 'balance_and_days', 4_500_000, 44]);
    assert.match(bigTask.reason, /45000\.00 MXN past due on 1 invoice, the oldest 44 days.*no risk score yet: ranked by balance and days past due/);
    assert.equal((await worklistOf(t.keys.admin)).scope, 'all');
  });

  it('gives a collector only their own tasks, and lets managers alone hand tasks out', async () => {
    assert.equal((await worklistOf(sessions.collector)).data.length, 0);
    assert.equal((await get('/v1/worklist?scope=all', sessions.collector)).statusCode, 403);
    assert.equal((await post(`/v1/tasks/${bigTask.id}/assign`, { user_id: sessions.collector.id }, sessions.collector)).statusCode, 403);
    const toViewer = await post(`/v1/tasks/${bigTask.id}/assign`, { user_id: sessions.viewer.id }, sessions.manager);
    assert.deepEqual([toViewer.statusCode, toViewer.json().error.field], [400, 'user_id']);
    const r = await post(`/v1/tasks/${bigTask.id}/assign`, { user_id: sessions.collector.id }, sessions.manager);
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual((await worklistOf(sessions.collector)).data.map((i) => i.id), [bigTask.id]);
    assert.deepEqual((await worklistOf(sessions.manager, '?scope=unassigned')).data.map((i) => i.customer_id), [small]);
  });

  it('logs calls as contacts the caps count: after two calls in a day the gate defers a third under the org\'s caps', async () => {
    const none = await post(`/v1/cases/${bigTask.case_id}/calls`, { outcome: 'no_answer', task_id: bigTask.id }, sessions.collector);
    assert.equal(none.statusCode, 201, none.body);
    assert.deepEqual([none.json().contact, none.json().task_id], ['unanswered', bigTask.id]);
    const missing = await post(`/v1/cases/${bigTask.case_id}/calls`, { outcome: 'promise' }, sessions.collector);
    assert.deepEqual([missing.statusCode, missing.json().error.field], [400, 'promise']);
    const tooMuch = await post(`/v1/cases/${bigTask.case_id}/calls`, { outcome: 'promise', task_id: bigTask.id,
      promise: { amount: 9_000_000, currency: 'MXN', due_date: '2026-03-20' } }, sessions.collector);
    assert.deepEqual([tooMuch.statusCode, tooMuch.json().error.field], [400, 'promise.amount']);
    const [count] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM contact_events WHERE customer_id = $1', [big]);
    assert.equal(count?.n, 1, 'the refused promise left no contact behind');
    const promised = await post(`/v1/cases/${bigTask.case_id}/calls`, { outcome: 'promise', task_id: bigTask.id, note: 'pays Friday by transfer',
      promise: { amount: 4_500_000, currency: 'MXN', due_date: '2026-03-20' } }, sessions.collector);
    assert.equal(promised.statusCode, 201, promised.body);
    assert.deepEqual([promised.json().contact, promised.json().promise.source, promised.json().promise.channel], ['conversation', 'collector', 'phone']);
    const check = await post('/v1/contact-checks', { customer_id: big, channel: 'voice', purpose: { kind: 'collection', tags: [] } });
    assert.equal(check.statusCode, 200, check.body);
    assert.equal(check.json().kind, 'defer', check.body);
    assert.match(JSON.stringify(check.json().reason), /cap|day/i);
  });

  it('keeps the task open for the collector although the promise stopped the sequence, and tells the story in the timeline', async () => {
    const c = (await get(`/v1/cases/${bigTask.case_id}`)).json();
    assert.equal(c.stop_code, 'promise_active');
    const task = (await get(`/v1/tasks?case_id=${bigTask.case_id}`)).json().data.find((x: { id: string }) => x.id === bigTask.id);
    assert.equal(task.status, 'open');
    assert.ok(task.worked_at);
    const kinds = c.timeline.map((e: Entry) => e.kind);
    assert.equal(kinds.filter((k: string) => k === 'call_logged').length, 2);
    assert.ok(kinds.indexOf('promise_made') > kinds.indexOf('call_logged'), kinds.join());
    const call = c.timeline.filter((e: Entry) => e.kind === 'call_logged').at(-1) as Entry;
    assert.deepEqual([call.data.outcome, call.data.note, call.data.task_id], ['promise', 'pays Friday by transfer', bigTask.id]);
  });

  it('sets a callback that waits at the end of the list until its time, and refuses one in the past', async () => {
    const past = await post('/v1/tasks', { case_id: bigTask.case_id, due_at: '2026-03-17T15:00:00Z' }, sessions.collector);
    assert.deepEqual([past.statusCode, past.json().error.field], [400, 'due_at']);
    const r = await post('/v1/tasks', { case_id: bigTask.case_id, due_at: '2026-03-17T21:00:00Z', note: 'call back after lunch' }, sessions.collector);
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual([r.json().assigned_to, r.json().kind, r.json().due_date], [sessions.collector.id, 'call', '2026-03-17']);
    const list = (await worklistOf(sessions.collector)).data;
    assert.deepEqual(list.map((i) => [i.id, i.waiting]), [[bigTask.id, false], [r.json().id, true]]);
    assert.match(list[1]!.reason, /^callback set for 2026-03-17T21:00:00.000Z/);
    clock = new Date('2026-03-17T21:30:00Z');
    assert.equal((await worklistOf(sessions.collector)).data.find((i) => i.id === r.json().id)?.waiting, false);
    assert.ok((await timeline(bigTask.case_id)).some((e) => e.kind === 'callback_set'));
  });

  it('completes the task, which leaves the worklist and is in the timeline with its outcome', async () => {
    const r = await post(`/v1/tasks/${bigTask.id}/complete`, { outcome: 'promise for Friday' }, sessions.collector);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().status, 'done');
    assert.ok(!(await worklistOf(sessions.collector)).data.some((i) => i.id === bigTask.id));
    const done = (await timeline(bigTask.case_id)).find((e) => e.kind === 'task_completed');
    assert.deepEqual([done?.data.task_id, done?.data.note], [bigTask.id, 'promise for Friday']);
  });

  it('queues a one-off message that only the dispatcher sends, after asking the gate', async () => {
    const bad = await post(`/v1/cases/${small}/messages`, { channel: 'sms', template: 'overdue-formal' }, sessions.collector);
    assert.deepEqual([bad.statusCode, bad.json().error.field], [400, 'channel']);
    assert.equal((await post(`/v1/cases/${small}/messages`, { channel: 'email', template: 'nope' }, sessions.collector)).statusCode, 400);
    const r = await post(`/v1/cases/${small}/messages`, { channel: 'email', template: 'overdue-formal', tone: 'formal' }, sessions.collector);
    assert.equal(r.statusCode, 202, r.body);
    const actionId = r.json().action_id as string;
    const before = await t.db.query('SELECT id FROM messages WHERE action_id = $1', [actionId]);
    assert.equal(before.length, 0, 'nothing is sent by the request itself');
    const d = await post('/v1/dispatch', {}, t.keys.manager);
    assert.equal(d.statusCode, 200, d.body);
    const [m] = await t.db.query<{ status: string }>('SELECT status FROM messages WHERE action_id = $1', [actionId]);
    const [g] = await t.db.query<{ decision: string }>('SELECT decision FROM gate_decisions WHERE action_id = $1', [actionId]);
    assert.ok(m && g, 'the message was made and the gate was asked about it');
    assert.equal(g.decision === 'allow', ['sent', 'delivered'].includes(m.status), `${g.decision} / ${m.status}`);
    assert.ok((await timeline(small)).some((e) => e.kind === 'action_planned' && /one-off: overdue-formal on email/.test(e.reason)));
  });

  it('pauses for at most 90 days, cancelling what was planned, and resumes', async () => {
    const tooLong = await post(`/v1/cases/${small}/pause`, { until: '2026-08-01' }, sessions.collector);
    assert.deepEqual([tooLong.statusCode, tooLong.json().error.field], [400, 'until']);
    const r = await post(`/v1/cases/${small}/pause`, { until: '2026-03-24T15:00:00Z', note: 'asked us to wait for their bank' }, sessions.collector);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().paused_until.slice(0, 19), '2026-03-24T15:00:00');
    const planned = await t.db.query(`SELECT 1 FROM actions WHERE customer_id = $1 AND status = 'planned'`, [small]);
    assert.equal(planned.length, 0);
    const resumed = await post(`/v1/cases/${small}/resume`, {}, sessions.collector);
    assert.equal(resumed.statusCode, 200, resumed.body);
    assert.equal(resumed.json().paused_until, null);
    assert.equal((await post(`/v1/cases/${small}/resume`, {}, sessions.collector)).statusCode, 409);
    const kinds = (await timeline(small)).map((e) => e.kind);
    assert.ok(kinds.includes('case_paused') && kinds.includes('case_resumed'), kinds.join());
  });

  it('escalates with a review task for managers, and lets only managers change the strategy', async () => {
    const r = await post(`/v1/cases/${small}/escalate`, { note: 'disputes the amount by phone' }, sessions.collector);
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual([r.json().escalated, r.json().stop_code], [true, 'escalated']);
    const review = (await worklistOf(sessions.manager, '?scope=unassigned')).data.find((i) => i.kind === 'review');
    assert.equal(review?.customer_id, small);
    assert.equal((await post(`/v1/cases/${small}/strategy`, { strategy_id: 'gentle' }, sessions.collector)).statusCode, 403);
    assert.equal((await post(`/v1/cases/${small}/strategy`, { strategy_id: 'nope' }, sessions.manager)).statusCode, 404);
    const moved = await post(`/v1/cases/${small}/strategy`, { strategy_id: 'gentle' }, sessions.manager);
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().strategy_id, 'gentle');
    assert.ok((await timeline(small)).some((e) => e.kind === 'strategy_changed' && e.data.to === 'gentle'));
  });

  it('writes notes that erasure takes out again', async () => {
    const r = await post(`/v1/cases/${small}/notes`, { note: 'spoke to the owner, Sr. Pérez' }, sessions.collector);
    assert.equal(r.statusCode, 201, r.body);
    assert.ok((await timeline(small)).some((e) => e.kind === 'note_added' && e.data.note === 'spoke to the owner, Sr. Pérez'));
    const pay = await post('/v1/payments', { customer_id: small, amount: 120_000, currency: 'MXN', date: '2026-03-17' });
    assert.equal(pay.statusCode, 201, pay.body);
    assert.ok((await timeline(small)).some((e) => e.kind === 'payment_received' && /1200\.00 MXN paid on 2026-03-17/.test(e.reason)));
    const erased = await post(`/v1/customers/${small}/erasure`, {});
    assert.equal(erased.json().outcome, 'erased', erased.body);
    const notes = (await timeline(small)).filter((e) => e.kind === 'note_added');
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.data.note, undefined);
  });

  it('gives a viewer the worklist to read and refuses every change with 403', async () => {
    assert.equal((await get('/v1/worklist', sessions.viewer)).statusCode, 200);
    for (const [url, body] of [[`/v1/cases/${big}/calls`, { outcome: 'no_answer' }], [`/v1/cases/${big}/notes`, { note: 'x' }],
      [`/v1/cases/${big}/pause`, { until: '2026-03-20' }], [`/v1/cases/${big}/escalate`, {}], [`/v1/cases/${big}/messages`, { channel: 'email', template: 'due-today' }],
      ['/v1/tasks', { case_id: bigTask.case_id, due_date: '2026-03-20' }]] as const) {
      assert.equal((await post(url, body, sessions.viewer)).statusCode, 403, url);
    }
  });
});
