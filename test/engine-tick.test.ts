// The tick on a real database: cases from the ledger, each action planned once, payments cancelling, the timeline.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { getCase, replanCase, runTick, syncCases } from '../src/engine/index.ts';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice, aPayment } from './support/factories.ts';

const NY = (local: string) => new Date(`${local}-05:00`);
let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

async function reachable(org: string, external_id: string) {
  return aCustomer(db, org, { external_id, email: 'ap@example.com', phone: '+12125550100', whatsapp: '+12125550100', country: 'US', timezone: 'America/New_York' });
}
const count = async (sql: string, params: unknown[]) => (await db.query<{ n: number }>(sql, params))[0]!.n;

describe('the tick', () => {
  it('opens a case for a soon-due balance and plans the first step on its day, once however often it runs', async () => {
    const org = await testOrg(db);
    const c = await reachable(org, 'T-1');
    await anInvoice(db, org, { customer_id: c.id, issue_date: '2026-02-01', due_date: '2026-03-02', amount: 50_000 });
    assert.equal((await syncCases(db, org, NY('2026-02-20T10:00'))).opened, 0, 'not yet within three days of the due date');
    assert.equal((await syncCases(db, org, NY('2026-02-27T10:00'))).opened, 1);
    const first = await runTick(db, { orgId: org, now: NY('2026-02-27T10:00') });
    assert.deepEqual([first.cases, first.planned], [1, 1]);
    const again = await runTick(db, { orgId: org, now: NY('2026-02-27T10:00') });
    assert.deepEqual([again.cases, again.planned], [0, 0], 'the case is not due again the same day');
    // as if a crash had left the case due: the outbox's key still keeps a second copy out
    await db.query('UPDATE cases SET next_action_at = $2 WHERE org_id = $1', [org, NY('2026-02-27T09:00').toISOString()]);
    const replay = await runTick(db, { orgId: org, now: NY('2026-02-27T10:00') });
    assert.deepEqual([replay.cases, replay.planned], [1, 0]);
    const rows = await db.query<{ step_id: string; scheduled_for: string; channels: string[] }>(
      'SELECT step_id, scheduled_for, channels FROM actions WHERE org_id = $1 ORDER BY created_at', [org]);
    assert.deepEqual(rows, [{ step_id: 'before-3', scheduled_for: '2026-02-27', channels: ['whatsapp', 'email'] }]);
    const [one] = await db.query<{ id: string }>('SELECT id FROM cases WHERE org_id = $1', [org]);
    const detail = await getCase(db, org, one!.id);
    assert.ok(detail.ok);
    assert.deepEqual(detail.value.timeline.filter((e) => e.kind === 'action_planned').map((e) => e.step_id), ['before-3'], 'one timeline entry for the action');
    const dueDay = await runTick(db, { orgId: org, now: NY('2026-03-02T08:00') });
    assert.equal(dueDay.planned, 1);
    assert.equal(await count('SELECT count(*)::int AS n FROM actions WHERE org_id = $1', [org]), 2);
  });

  it('makes a tick with nothing due a no-op', async () => {
    const org = await testOrg(db);
    const r = await runTick(db, { orgId: org, now: NY('2026-02-27T10:00') });
    assert.deepEqual([r.cases, r.batches, r.planned], [0, 0, 0]);
  });

  it('cancels the planned action when a payment clears the balance, and closes the case', async () => {
    const org = await testOrg(db);
    const c = await reachable(org, 'T-2');
    await anInvoice(db, org, { customer_id: c.id, issue_date: '2026-02-01', due_date: '2026-03-02', amount: 50_000 });
    await syncCases(db, org, NY('2026-03-02T08:00'));
    assert.equal((await runTick(db, { orgId: org, now: NY('2026-03-02T08:00') })).planned, 1);
    await aPayment(db, org, { customer_id: c.id, amount: 50_000, date: '2026-03-02' });
    const r = await replanCase(db, org, c.id, NY('2026-03-02T11:00'));
    assert.deepEqual([r.cancelled, r.status], [1, 'closed']);
    const [action] = await db.query<{ status: string; reason: string }>(
      `SELECT status, reason FROM actions WHERE org_id = $1 AND step_id = 'due-day'`, [org]);
    assert.equal(action?.status, 'cancelled');
    assert.match(action?.reason ?? '', /^paid/);
  });

  it('keeps the case at its step after a partial payment', async () => {
    const org = await testOrg(db);
    const c = await reachable(org, 'T-3');
    await anInvoice(db, org, { customer_id: c.id, issue_date: '2026-02-01', due_date: '2026-03-02', amount: 50_000 });
    await syncCases(db, org, NY('2026-03-02T08:00'));
    await runTick(db, { orgId: org, now: NY('2026-03-02T08:00') });
    await aPayment(db, org, { customer_id: c.id, amount: 10_000, date: '2026-03-02' });
    const r = await replanCase(db, org, c.id, NY('2026-03-02T11:00'));
    assert.deepEqual([r.planned, r.cancelled, r.status], [0, 0, 'open']);
    const detail = await getCase(db, org, c.id);
    assert.ok(detail.ok);
    assert.equal(detail.value.current_step_id, 'due-day');
  });

  it('shows planned, skipped and cancelled actions in the case timeline with their reasons', async () => {
    const org = await testOrg(db);
    const c = await reachable(org, 'T-4');
    const inv = await anInvoice(db, org, { customer_id: c.id, issue_date: '2026-02-01', due_date: '2026-03-02', amount: 50_000 });
    await syncCases(db, org, NY('2026-03-05T09:00'));
    const tick = await runTick(db, { orgId: org, now: NY('2026-03-05T09:00') });
    assert.deepEqual([tick.planned, tick.skipped], [1, 2], 'after-3 runs; before-3 and due-day are superseded');
    await aPayment(db, org, { customer_id: c.id, amount: 50_000, date: '2026-03-05' });
    await replanCase(db, org, c.id, NY('2026-03-05T12:00'));
    const detail = await getCase(db, org, c.id);
    assert.ok(detail.ok);
    const lines = detail.value.timeline.map((e) => [e.kind, e.step_id ?? '', e.reason]);
    const kinds = lines.map(([k, s]) => `${k}:${s}`);
    assert.deepEqual(kinds, ['segment_assigned:', 'action_planned:after-3', 'action_skipped:before-3', 'action_skipped:due-day',
      'action_cancelled:after-3', 'case_closed:']);
    assert.match(lines[0]![2]!, /segment "Everyone else"/);
    assert.match(lines[1]![2]!, /after-3: 3 days after the due date 2026-03-02/);
    assert.match(lines[2]![2]!, /^superseded: after-3 is due the same day or later/);
    assert.match(lines[4]![2]!, /^paid: no balance left/);
    assert.deepEqual(detail.value.actions.find((a) => a.step_id === 'after-3')?.invoice_ids, [inv.id]);
  });

  it('creates a task for a person at the call step', async () => {
    const org = await testOrg(db);
    const c = await reachable(org, 'T-5');
    await anInvoice(db, org, { customer_id: c.id, issue_date: '2026-01-01', due_date: '2026-02-02', amount: 50_000 });
    await syncCases(db, org, NY('2026-02-17T09:00'));
    const r = await runTick(db, { orgId: org, now: NY('2026-02-17T09:00') });
    assert.equal(r.tasks, 1);
    const tasks = await db.query<{ kind: string; priority: string; due_date: string }>('SELECT kind, priority, due_date FROM tasks WHERE org_id = $1', [org]);
    assert.deepEqual(tasks, [{ kind: 'call', priority: 'high', due_date: '2026-02-17' }]);
  });

  it('writes nothing on a dry run', async () => {
    const org = await testOrg(db);
    const c = await reachable(org, 'T-6');
    await anInvoice(db, org, { customer_id: c.id, issue_date: '2026-02-01', due_date: '2026-03-02', amount: 50_000 });
    await syncCases(db, org, NY('2026-03-02T09:00'));
    const r = await runTick(db, { orgId: org, now: NY('2026-03-02T09:00'), dryRun: true });
    assert.deepEqual([r.cases, r.planned, r.actions.map((a) => a.stepId)], [1, 1, ['due-day']]);
    assert.equal(await count('SELECT count(*)::int AS n FROM actions WHERE org_id = $1', [org]), 0);
    assert.equal(await count('SELECT count(*)::int AS n FROM strategies WHERE org_id = $1', [org]), 0);
  });
});
