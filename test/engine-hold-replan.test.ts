// The reminder a claimed payment or a promise cancelled, on a real database: planned again once the hold ends without
// payment (a claim rejected, a promise cancelled), once whatever the ticks; not when it ends paid (a claim confirmed, a
// promise kept); superseded when a later step came due (a broken promise's own step). Vouchers and bank debits:
// payments-vouchers.test.ts, payments-debit-holds.test.ts; the planner and simulator: src/engine/planner-holds.test.ts.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inTransaction, type Db } from '../src/db/index.ts';
import { resolveClaim } from '../src/agent/index.ts';
import { cancelPromise, createPromise, evaluateArrangements } from '../src/payments/index.ts';
import { testDb } from './support/db.ts';
import { claimOn, dueToday, lookAgain, NY } from './support/hold-cases.ts';
import { aPayment } from './support/factories.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

/** The org's actions but before-3 (recorded as superseded by due-day on the first tick). */
const rows = (org: string) => db.query<{ step_id: string; status: string; scheduled_for: string; held_by: string | null; key: string; reason: string }>(
  `SELECT step_id, status, scheduled_for::text AS scheduled_for, held_by, idempotency_key AS key, COALESCE(plan_reason, reason) AS reason
   FROM actions WHERE org_id = $1 AND step_id <> 'before-3' ORDER BY created_at, id`, [org]);
const brief = async (org: string) => (await rows(org)).map((r) => [r.step_id, r.status, r.scheduled_for, r.key.endsWith('/replan')]);

describe('the reminder a claim or a promise cancelled', () => {
  it('is planned again once a claim is rejected, once; a confirmed claim leaves it cancelled', async () => {
    const a = await dueToday(db);
    const id = await claimOn(db, a.org, a.customerId, a.caseId, NY('2026-03-02T11:00'));
    assert.deepEqual((await rows(a.org)).map((r) => [r.step_id, r.status, r.held_by]), [['due-day', 'cancelled', id]]);
    const rejected = await inTransaction(db, (tx) => resolveClaim(tx, a.org, 'user:usr_1', id, 'reject', 'no such transfer', NY('2026-03-03T10:00')));
    assert.ok(rejected.ok);
    await lookAgain(db, a.org, a.customerId, NY('2026-03-03T10:05'));
    assert.deepEqual(await brief(a.org), [['due-day', 'cancelled', '2026-03-02', false], ['due-day', 'planned', '2026-03-03', true]]);
    assert.match((await rows(a.org))[1]!.reason, new RegExp(`^due-day: planned again: hold ${id} cancelled it and ended without payment; came due 2026-03-02, planned 2026-03-03`));

    const b = await dueToday(db);
    const other = await claimOn(db, b.org, b.customerId, b.caseId, NY('2026-03-02T11:00'));
    assert.ok((await inTransaction(db, (tx) => resolveClaim(tx, b.org, 'user:usr_1', other, 'confirm', null, NY('2026-03-03T10:00')))).ok);
    await lookAgain(db, b.org, b.customerId, NY('2026-03-03T10:05'));
    assert.deepEqual(await brief(b.org), [['due-day', 'cancelled', '2026-03-02', false]], 'confirmed: nothing planned again');
  });

  it('is planned again once the debtor cancels the promise; not once it is kept; superseded by the broken promise\'s step', async () => {
    const promise = (org: string, customerId: string) => inTransaction(db, (tx) => createPromise(tx, org, 'user:usr_collector',
      { customerId, amount: 50_000, currency: 'USD', dueDate: '2026-03-06', source: 'collector', channel: 'phone' }, NY('2026-03-02T11:00')));
    const a = await dueToday(db);
    const p = await promise(a.org, a.customerId);
    assert.ok(p.ok);
    assert.deepEqual((await rows(a.org)).map((r) => [r.step_id, r.status, r.held_by]), [['due-day', 'cancelled', p.value.id]]);
    assert.ok((await inTransaction(db, (tx) => cancelPromise(tx, a.org, 'portal:lnk_1', p.value.id, {}, NY('2026-03-03T09:00')))).ok);
    await lookAgain(db, a.org, a.customerId, NY('2026-03-03T09:05'));
    assert.deepEqual(await brief(a.org), [['due-day', 'cancelled', '2026-03-02', false], ['due-day', 'planned', '2026-03-03', true]]);

    // kept (half the balance paid): the sequence goes on, the cancelled reminder is not sent
    const b = await dueToday(db);
    assert.ok((await promise(b.org, b.customerId)).ok);
    await aPayment(db, b.org, { customer_id: b.customerId, amount: 50_000, currency: 'USD', date: '2026-03-05', allocations: [{ invoice_id: b.invoiceId, amount: 50_000 }] });
    await evaluateArrangements(db, b.org, NY('2026-03-08T00:30'));
    await lookAgain(db, b.org, b.customerId, NY('2026-03-09T09:00'));
    const kept = await brief(b.org);
    assert.deepEqual(kept.filter((r) => r[3] === true), [], JSON.stringify(kept));

    // broken: judged on Sunday 8, the broken promise's step (and after-7) come Monday 9 and supersede it
    const c = await dueToday(db);
    assert.ok((await promise(c.org, c.customerId)).ok);
    await evaluateArrangements(db, c.org, NY('2026-03-08T00:30'));
    await lookAgain(db, c.org, c.customerId, NY('2026-03-09T09:00'));
    const broken = await rows(c.org);
    const again = broken.filter((r) => r.key.endsWith('/replan'));
    assert.deepEqual(again.map((r) => [r.step_id, r.status, r.scheduled_for]), [['due-day', 'skipped', '2026-03-09']], JSON.stringify(broken));
    assert.match(again[0]!.reason, /^superseded: (promise-broken|after-7) came due after hold prm_\w+ cancelled it/);
    assert.ok(broken.some((r) => r.step_id === 'promise-broken' && r.status === 'planned'));
  });
});
