// The reminder a hold cancelled, when the hold passes on or is a plan, on a real database: a promise replaced by another
// replaced in turn, or by a plan, hands its hold to the last of the chain; an instalment plan's stop holds what it cancels
// until the plan breaks (its missed-instalment step answers) or is cancelled; the plan's own instalment reminder a claim
// cancelled is planned again once the claim is rejected; migration 108 names the hold of actions cancelled before 107.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inTransaction, type Db } from '../src/db/index.ts';
import { migrationText, splitStatements } from '../src/db/migrate.ts';
import { resolveClaim } from '../src/agent/index.ts';
import { cancelPlan, cancelPromise, createPlan, createPromise, evaluateArrangements } from '../src/payments/index.ts';
import { testDb } from './support/db.ts';
import { claimOn, dueToday, lookAgain, NY } from './support/hold-cases.ts';
import { aPayment } from './support/factories.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

const rows = (org: string, step = 'due-day') => db.query<{ status: string; scheduled_for: string; held_by: string | null; key: string; reason: string }>(
  `SELECT status, scheduled_for::text AS scheduled_for, held_by, idempotency_key AS key, COALESCE(plan_reason, reason) AS reason
   FROM actions WHERE org_id = $1 AND step_id = $2 ORDER BY created_at, id`, [org, step]);
const brief = async (org: string, step = 'due-day') => (await rows(org, step)).map((r) => [r.status, r.scheduled_for, r.key.endsWith('/replan')]);

const promise = async (org: string, customerId: string, dueDate: string, now: Date) => {
  const p = await inTransaction(db, (tx) => createPromise(tx, org, 'user:usr_collector',
    { customerId, amount: 50_000, currency: 'USD', dueDate, source: 'collector', channel: 'phone' }, now));
  assert.ok(p.ok, JSON.stringify(p));
  return p.value.id;
};
const plan = async (org: string, customerId: string, firstDueDate: string, now: Date) => {
  const p = await inTransaction(db, (tx) => createPlan(tx, org, 'user:usr_collector',
    { customerId, instalments: 2, frequency: 'weekly', firstDueDate, source: 'collector' }, now));
  assert.ok(p.ok, JSON.stringify(p));
  return p.value.id;
};
describe('a hold that passes on', () => {
  it('a promise replaced twice: planned again once the last of the chain is cancelled; kept at the end of the chain, nothing', async () => {
    const a = await dueToday(db);
    const p1 = await promise(a.org, a.customerId, '2026-03-06', NY('2026-03-02T11:00'));
    await promise(a.org, a.customerId, '2026-03-09', NY('2026-03-03T09:00'));
    const p3 = await promise(a.org, a.customerId, '2026-03-10', NY('2026-03-03T10:00'));
    await lookAgain(db, a.org, a.customerId, NY('2026-03-03T10:05'));
    assert.deepEqual(await brief(a.org), [['cancelled', '2026-03-02', false]], 'the last promise is pending: still held');
    assert.ok((await inTransaction(db, (tx) => cancelPromise(tx, a.org, 'portal:lnk_1', p3, {}, NY('2026-03-04T09:00')))).ok);
    await lookAgain(db, a.org, a.customerId, NY('2026-03-04T09:05'));
    assert.deepEqual(await brief(a.org), [['cancelled', '2026-03-02', false], ['planned', '2026-03-04', true]]);
    assert.match((await rows(a.org))[1]!.reason, new RegExp(`^due-day: planned again: hold ${p1} cancelled it and ended without payment`));

    const b = await dueToday(db);
    await promise(b.org, b.customerId, '2026-03-06', NY('2026-03-02T11:00'));
    await promise(b.org, b.customerId, '2026-03-05', NY('2026-03-03T09:00'));
    await aPayment(db, b.org, { customer_id: b.customerId, amount: 50_000, currency: 'USD', date: '2026-03-04', allocations: [{ invoice_id: b.invoiceId, amount: 50_000 }] });
    await evaluateArrangements(db, b.org, NY('2026-03-07T00:30'));
    await lookAgain(db, b.org, b.customerId, NY('2026-03-09T09:00'));
    assert.deepEqual(await brief(b.org), [['cancelled', '2026-03-02', false]], 'kept: nothing planned again');
  });

  it('a promise replaced by a plan: planned again once the plan is cancelled', async () => {
    const a = await dueToday(db);
    const p1 = await promise(a.org, a.customerId, '2026-03-06', NY('2026-03-02T11:00'));
    await plan(a.org, a.customerId, '2026-03-10', NY('2026-03-03T09:00'));
    await lookAgain(db, a.org, a.customerId, NY('2026-03-03T09:05'));
    assert.deepEqual(await brief(a.org), [['cancelled', '2026-03-02', false]], 'the plan is current: still held');
    const [pl] = await db.query<{ id: string }>('SELECT id FROM plans WHERE org_id = $1', [a.org]);
    assert.ok((await inTransaction(db, (tx) => cancelPlan(tx, a.org, 'user:manager', pl!.id, 'customer asked', NY('2026-03-04T10:00')))).ok);
    await lookAgain(db, a.org, a.customerId, NY('2026-03-04T10:05'));
    assert.deepEqual(await brief(a.org), [['cancelled', '2026-03-02', false], ['planned', '2026-03-04', true]]);
    assert.match((await rows(a.org))[1]!.reason, new RegExp(`^due-day: planned again: hold ${p1} cancelled it`));
  });
});

describe('an instalment plan as a hold', () => {
  it('its stop names it; cancelled: planned again once; broken: the missed-instalment step answers it', async () => {
    const a = await dueToday(db);
    const id = await plan(a.org, a.customerId, '2026-03-10', NY('2026-03-02T11:00'));
    assert.deepEqual((await rows(a.org)).map((r) => [r.status, r.held_by]), [['cancelled', id]]);
    assert.ok((await inTransaction(db, (tx) => cancelPlan(tx, a.org, 'user:manager', id, null, NY('2026-03-03T10:00')))).ok);
    await lookAgain(db, a.org, a.customerId, NY('2026-03-03T10:05'));
    assert.deepEqual(await brief(a.org), [['cancelled', '2026-03-02', false], ['planned', '2026-03-03', true]]);

    // broken: instalment 1 due Tuesday 10 + 3 days of grace, judged Saturday 14; Monday 16 the missed-instalment step runs
    const b = await dueToday(db);
    const other = await plan(b.org, b.customerId, '2026-03-10', NY('2026-03-02T11:00'));
    await evaluateArrangements(db, b.org, NY('2026-03-14T00:30'));
    const [judged] = await db.query<{ status: string }>('SELECT status FROM plans WHERE org_id = $1 AND id = $2', [b.org, other]);
    assert.equal(judged!.status, 'broken');
    await lookAgain(db, b.org, b.customerId, NY('2026-03-16T09:00'));
    const again = (await rows(b.org)).filter((r) => r.key.endsWith('/replan'));
    assert.deepEqual(again.map((r) => [r.status, r.scheduled_for]), [['skipped', '2026-03-16']]);
    assert.match(again[0]!.reason, new RegExp(`^superseded: instalment-missed came due after hold ${other} cancelled it`));
    assert.deepEqual(await brief(b.org, 'instalment-missed'), [['planned', '2026-03-16', false]]);
  });

  it('its own instalment reminder a claim cancelled: planned again once the claim is rejected, not once it is confirmed', async () => {
    const setUp = async () => {
      const a = await dueToday(db);
      await plan(a.org, a.customerId, '2026-03-05', NY('2026-03-02T11:00'));
      assert.deepEqual(await brief(a.org, 'plan-reminder'), [['planned', '2026-03-02', false]]);
      const id = await claimOn(db, a.org, a.customerId, a.caseId, NY('2026-03-02T12:00'));
      assert.deepEqual((await rows(a.org, 'plan-reminder')).map((r) => [r.status, r.held_by]), [['cancelled', id]]);
      return { ...a, claimId: id };
    };
    const a = await setUp();
    assert.ok((await inTransaction(db, (tx) => resolveClaim(tx, a.org, 'user:usr_1', a.claimId, 'reject', 'no such transfer', NY('2026-03-03T10:00')))).ok);
    await lookAgain(db, a.org, a.customerId, NY('2026-03-03T10:05'));
    assert.deepEqual(await brief(a.org, 'plan-reminder'), [['cancelled', '2026-03-02', false], ['planned', '2026-03-03', true]]);
    assert.match((await rows(a.org, 'plan-reminder'))[1]!.reason, new RegExp(`^plan-reminder: planned again: hold ${a.claimId} cancelled it and ended without payment; instalment 1 of plan`));
    assert.deepEqual(await brief(a.org), [['cancelled', '2026-03-02', false]], 'the strategy\'s reminder waits for the plan');

    const b = await setUp();
    assert.ok((await inTransaction(db, (tx) => resolveClaim(tx, b.org, 'user:usr_1', b.claimId, 'confirm', null, NY('2026-03-03T10:00')))).ok);
    await lookAgain(db, b.org, b.customerId, NY('2026-03-03T10:05'));
    assert.deepEqual(await brief(b.org, 'plan-reminder'), [['cancelled', '2026-03-02', false]]);
  });
});

describe('migration 108', () => {
  const migrate108 = async () => { for (const s of splitStatements(migrationText('108_action_held_by_backfill.sql'))) await db.query(s); };

  it('names the hold (a claim, a promise, a plan) of a reminder cancelled before 107 where reason and timeline agree, and the next tick plans it again', async () => {
    const a = await dueToday(db);
    const id = await claimOn(db, a.org, a.customerId, a.caseId, NY('2026-03-02T11:00'));
    // as before 107: cancelled naming no hold; the claim is rejected and nothing is planned again
    await db.query('UPDATE actions SET held_by = NULL WHERE org_id = $1', [a.org]);
    assert.ok((await inTransaction(db, (tx) => resolveClaim(tx, a.org, 'user:usr_1', id, 'reject', null, NY('2026-03-03T10:00')))).ok);
    assert.deepEqual(await brief(a.org), [['cancelled', '2026-03-02', false]]);
    await db.query('UPDATE cases SET next_action_at = NULL WHERE org_id = $1', [a.org]);
    // a second customer's reminder whose timeline names another hold than its reason, and a third whose reason names the
    // first customer's claim: left as they are
    const b = await dueToday(db);
    const other = await claimOn(db, b.org, b.customerId, b.caseId, NY('2026-03-02T11:00'));
    await db.query('UPDATE actions SET held_by = NULL WHERE org_id = $1', [b.org]);
    await db.query(`UPDATE case_events SET data = data || '{"claim_id": "clm_elsewhere"}' WHERE org_id = $1 AND kind = 'action_cancelled'`, [b.org]);
    const c = await dueToday(db);
    await claimOn(db, c.org, c.customerId, c.caseId, NY('2026-03-02T11:00'));
    await db.query(`UPDATE actions SET held_by = NULL, reason = regexp_replace(reason, 'claim [^ :]+', 'claim ' || $2::text) WHERE org_id = $1`, [c.org, id]);
    await db.query(`UPDATE case_events SET data = data || jsonb_build_object('claim_id', $2::text) WHERE org_id = $1 AND kind = 'action_cancelled'`, [c.org, id]);

    // a promise the debtor cancelled and a plan a person cancelled, both before 107/108
    const d = await dueToday(db);
    const p = await promise(d.org, d.customerId, '2026-03-06', NY('2026-03-02T11:00'));
    await db.query('UPDATE actions SET held_by = NULL WHERE org_id = $1', [d.org]);
    assert.ok((await inTransaction(db, (tx) => cancelPromise(tx, d.org, 'portal:lnk_1', p, {}, NY('2026-03-03T09:00')))).ok);
    const e = await dueToday(db);
    const pl = await plan(e.org, e.customerId, '2026-03-10', NY('2026-03-02T11:00'));
    await db.query('UPDATE actions SET held_by = NULL WHERE org_id = $1', [e.org]);
    assert.ok((await inTransaction(db, (tx) => cancelPlan(tx, e.org, 'user:manager', pl, null, NY('2026-03-03T09:00')))).ok);
    assert.deepEqual([...await brief(d.org), ...await brief(e.org)], [['cancelled', '2026-03-02', false], ['cancelled', '2026-03-02', false]]);

    await migrate108();
    assert.deepEqual((await rows(a.org)).map((r) => r.held_by), [id]);
    assert.deepEqual([(await rows(d.org))[0]!.held_by, (await rows(e.org))[0]!.held_by], [p, pl]);
    await lookAgain(db, e.org, e.customerId, NY('2026-03-03T10:05'));
    assert.deepEqual(await brief(e.org), [['cancelled', '2026-03-02', false], ['planned', '2026-03-03', true]]);
    assert.deepEqual(await db.query('SELECT held_by, reason LIKE $2 AS named FROM actions WHERE org_id = $1 AND step_id = $3', [b.org, `payment_claimed: claim ${other}:%`, 'due-day']),
      [{ held_by: null, named: true }], 'the reason names its own claim, the timeline another');
    assert.deepEqual((await rows(c.org)).map((r) => r.held_by), [null]);
    const [woken] = await db.query<{ at: string | null }>('SELECT next_action_at::text AS at FROM cases WHERE org_id = $1', [a.org]);
    assert.ok(woken!.at !== null, 'the case is looked at by the next tick');
    await lookAgain(db, a.org, a.customerId, NY('2026-03-03T10:05'));
    assert.deepEqual(await brief(a.org), [['cancelled', '2026-03-02', false], ['planned', '2026-03-03', true]]);
    await migrate108();
    assert.deepEqual(await brief(a.org), [['cancelled', '2026-03-02', false], ['planned', '2026-03-03', true]], 'run twice: nothing more');
  });
});
