// What reminders say of arrangements, sent by the worker's round through the gate to the sandbox: the instalment reminder
// names the instalment's number, amount and date, and the broken-promise message the amount and date that were promised.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inTransaction, type Db } from '../src/db/index.ts';
import { syncCases, runTick } from '../src/engine/index.ts';
import { createPlan, createPromise } from '../src/payments/index.ts';
import { sandboxAdapters, workOnce } from '../src/worker/index.ts';
import { instalmentRef } from '../src/worker/context-arrangements.ts';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice } from './support/factories.ts';

const NY = (local: string) => new Date(`${local}-05:00`);
let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

async function dueToday() {
  const org = await testOrg(db);
  const c = await aCustomer(db, org, { email: 'ap@example.com', country: 'US', timezone: 'America/New_York', language: 'en' });
  await anInvoice(db, org, { customer_id: c.id, issue_date: '2026-02-01', due_date: '2026-03-02', amount: 100_000 });
  await syncCases(db, org, NY('2026-03-02T08:00'));
  await runTick(db, { orgId: org, now: NY('2026-03-02T08:00') });
  return { org, customerId: c.id };
}

async function round(at: Date) {
  const errors: object[] = [];
  await workOnce({ db, now: () => at, messaging: { adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' },
    log: { info: () => {}, error: (o) => { errors.push(o); } } });
  assert.deepEqual(errors, []);
}

const sent = (org: string, template: string) => db.query<{ status: string; content: string; reason: string | null }>(
  `SELECT m.status, m.content::text AS content, m.reason FROM messages m JOIN actions a ON a.id = m.action_id
   WHERE m.org_id = $1 AND a.template = $2`, [org, template]);

describe('messages about arrangements', () => {
  it('reads the plan and the instalment from an action\'s occurrence', () => {
    assert.deepEqual(instalmentRef('due:pln_abc#2'), { planId: 'pln_abc', position: 2 });
    assert.deepEqual(instalmentRef('pln_abc#10'), { planId: 'pln_abc', position: 10 });
    assert.equal(instalmentRef('prm_abc'), null);
    assert.equal(instalmentRef(null), null);
  });

  it('reminds of the next instalment with its number, amount and date', async () => {
    const { org, customerId } = await dueToday();
    const p = await inTransaction(db, (tx) => createPlan(tx, org, 'user:usr_c', { customerId, instalments: 3, downPayment: 10_000, source: 'collector' }, NY('2026-03-02T11:00')));
    assert.ok(p.ok, JSON.stringify(p));
    await round(NY('2026-03-02T12:00'));
    const [m] = await sent(org, 'instalment-reminder');
    assert.ok(m, 'an instalment reminder was sent');
    assert.equal(m.status, 'delivered', m.reason ?? '');
    assert.match(m.content, /Instalment 1 of your payment plan falls due on/);
    assert.match(m.content, /\$100\.00/, 'the down payment\'s amount');
    assert.doesNotMatch(m.content, /instalment 1, of , falls/);
  });

  it('tells the debtor what they promised when the promise is broken', async () => {
    const { org, customerId } = await dueToday();
    const p = await inTransaction(db, (tx) => createPromise(tx, org, 'user:usr_c', { customerId, amount: 75_000, currency: 'USD', dueDate: '2026-03-04', source: 'collector', channel: 'phone' }, NY('2026-03-02T11:00')));
    assert.ok(p.ok, JSON.stringify(p));
    await round(NY('2026-03-09T10:00'));
    // that day's other email took the daily cap: the gate holds the broken-promise message to the next morning
    await round(NY('2026-03-10T10:00'));
    const [m] = await sent(org, 'promise-broken');
    assert.ok(m, 'the broken-promise message was sent');
    assert.equal(m.status, 'delivered', m.reason ?? '');
    assert.match(m.content, /\$750\.00/);
  });
});
