// What the tick loads besides invoices and actions, on a real database: messages (failed, unanswered), replies, opt-outs,
// promises and plans, for a whole batch in one statement, so the strategy's event steps and stop rules fire for real.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inTransaction, type Db, type Queryable } from '../src/db/index.ts';
import { newId } from '../src/domain/index.ts';
import { getCase, listTasks, replanCase, runTick, syncCases } from '../src/engine/index.ts';
import { suppress } from '../src/compliance/index.ts';
import { createPromise } from '../src/payments/index.ts';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice } from './support/factories.ts';

const NY = (local: string) => new Date(`${local}-05:00`);
let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

async function overdue(tags: string[] = []) {
  const org = await testOrg(db);
  const c = await aCustomer(db, org, { email: 'ap@example.com', whatsapp: '+12125550100', phone: '+12125550100', country: 'US',
    timezone: 'America/New_York', tags });
  await anInvoice(db, org, { customer_id: c.id, issue_date: '2026-02-01', due_date: '2026-03-02', amount: 50_000 });
  await syncCases(db, org, NY('2026-03-02T08:00'));
  await runTick(db, { orgId: org, now: NY('2026-03-02T08:00') });
  const [action] = await db.query<{ id: string; case_id: string }>(`SELECT id, case_id FROM actions WHERE org_id = $1 AND status = 'planned'`, [org]);
  return { org, customerId: c.id, actionId: action!.id, caseId: action!.case_id };
}

/** A message as the dispatcher leaves it: sent (with its instant) or failed. */
async function message(org: string, customerId: string, caseId: string, actionId: string, status: 'sent' | 'failed', at: string) {
  const id = newId('message');
  await db.query(`INSERT INTO messages (id, org_id, action_id, case_id, customer_id, channel, status, next_attempt_at, created_at, updated_at, sent_at)
    VALUES ($1, $2, $3, $4, $5, 'email', $6, $7, $7, $7, $8)`, [id, org, actionId, caseId, customerId, status, at, status === 'sent' ? at : null]);
  return id;
}

const steps = async (org: string) => (await db.query<{ step_id: string; status: string; occurrence: string | null; channels: string[] }>(
  'SELECT step_id, status, occurrence, channels FROM actions WHERE org_id = $1 ORDER BY created_at, id', [org]));

describe('the tick with messages, replies and opt-outs loaded', () => {
  it('plans the message-failed step for a message of the cycle that failed', async () => {
    const { org, customerId, caseId, actionId } = await overdue(['consumer']);
    const id = await message(org, customerId, caseId, actionId, 'failed', '2026-03-02T15:00:00Z');
    await replanCase(db, org, customerId, NY('2026-03-02T12:00'));
    const failed = (await steps(org)).filter((s) => s.step_id === 'message-failed');
    assert.deepEqual(failed.map((s) => s.occurrence), [`failed:${id}`]);
    assert.deepEqual((await listTasks(db, org, { status: 'open' })).data.map((t) => t.kind), ['review']);
  });

  it('plans the no-reply step after 72 hours without a reply, and not when the debtor answered', async () => {
    for (const replied of [false, true]) {
      const { org, customerId, caseId, actionId } = await overdue(['consumer']);
      const id = await message(org, customerId, caseId, actionId, 'sent', '2026-03-03T14:00:00Z');
      if (replied) {
        await db.query(`INSERT INTO inbound_messages (id, org_id, customer_id, channel, provider, from_address, text, received_at, created_at)
          VALUES ($1, $2, $3, 'email', 'smtp', 'ap@example.com', 'We pay Friday', '2026-03-04T10:00:00Z', now())`, [newId('message'), org, customerId]);
      }
      await replanCase(db, org, customerId, new Date('2026-03-06T15:00:00Z'));
      const noReply = (await steps(org)).filter((s) => s.step_id === 'no-reply');
      assert.deepEqual(noReply.map((s) => s.occurrence), replied ? [] : [`noreply:${id}`], replied ? 'answered' : 'unanswered');
    }
  });

  it('uses the fallback channel for a channel the customer opted out of, and stops when every channel is', async () => {
    const { org, customerId } = await overdue();
    assert.deepEqual((await steps(org)).filter((s) => s.status === 'planned').map((s) => s.channels), [['whatsapp']]);
    const r = await inTransaction(db, (tx) => suppress(tx, org, 'debtor:sms', customerId, { scope: 'channel', channel: 'whatsapp', reason: 'STOP', source: 'keyword' }, NY('2026-03-02T09:00')));
    assert.ok(r.ok);
    await runTick(db, { orgId: org, now: NY('2026-03-05T09:00') });
    const after3 = (await steps(org)).find((s) => s.step_id === 'after-3');
    assert.deepEqual(after3?.channels, ['email']);
    await suppress(db, org, 'debtor:email', customerId, { scope: 'all', reason: 'stop everything', source: 'free_text' }, NY('2026-03-05T10:00'));
    await replanCase(db, org, customerId, NY('2026-03-05T11:00'));
    const detail = await getCase(db, org, customerId);
    assert.ok(detail.ok);
    assert.equal(detail.value.stop_code, 'opted_out');
    assert.equal((await steps(org)).find((s) => s.step_id === 'after-3')?.status, 'cancelled');
  });

  it('loads promises and messages for a whole batch in one statement', async () => {
    const org = await testOrg(db);
    for (let i = 0; i < 12; i++) {
      const c = await aCustomer(db, org, { email: `c${i}@example.com`, country: 'US', timezone: 'America/New_York' });
      await anInvoice(db, org, { customer_id: c.id, issue_date: '2026-02-01', due_date: '2026-03-02', amount: 50_000 });
      await syncCases(db, org, NY('2026-03-02T08:00'));
      const p = await inTransaction(db, (tx) => createPromise(tx, org, 'test', { customerId: c.id, amount: 50_000, currency: 'USD', dueDate: '2026-03-03', source: 'api' }, NY('2026-03-02T08:00')));
      assert.ok(p.ok);
    }
    const seen: string[] = [];
    const wrap = (q: Queryable): Queryable => ({ ...q, query: (sql, params) => { seen.push(sql); return q.query(sql, params); } });
    const counted: Db = { ...db, ...wrap(db), transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) };
    const tick = await runTick(counted, { orgId: org, now: NY('2026-03-05T09:00'), batchSize: 100 });
    assert.deepEqual([tick.cases, tick.batches], [12, 1]);
    assert.equal(tick.planned, 24, 'each case: the broken promise and the latest day step');
    assert.equal(seen.filter((s) => /\bpromises\b/.test(s)).length, 1, 'one statement for the batch');
    assert.equal(seen.filter((s) => /\bmessages\b/.test(s)).length, 1);
  });
});
