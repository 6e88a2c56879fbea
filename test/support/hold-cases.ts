// Cases for the tests of reminders a hold cancels and plans again (engine-hold-replan*.test.ts): a customer owing one
// invoice due that day with its reminder planned, a claimed payment opened on it, and a second look that must plan once.
import assert from 'node:assert/strict';
import type { Db } from '../../src/db/index.ts';
import { replanCase, runTick, syncCases } from '../../src/engine/index.ts';
import { openClaim } from '../../src/agent/index.ts';
import { testOrg } from './db.ts';
import { aCustomer, anInvoice } from './factories.ts';

export const NY = (local: string) => new Date(`${local}-05:00`);

/** A customer in New York owing 1,000.00 USD due Monday 2 March, the due-day reminder planned that morning. */
export async function dueToday(db: Db) {
  const org = await testOrg(db);
  const c = await aCustomer(db, org, { email: 'ap@example.com', country: 'US', timezone: 'America/New_York' });
  const inv = await anInvoice(db, org, { customer_id: c.id, issue_date: '2026-02-01', due_date: '2026-03-02', amount: 100_000 });
  await syncCases(db, org, NY('2026-03-02T08:00'));
  assert.equal((await runTick(db, { orgId: org, now: NY('2026-03-02T08:00') })).planned, 1);
  const [row] = await db.query<{ id: string }>('SELECT id FROM cases WHERE org_id = $1 AND customer_id = $2', [org, c.id]);
  return { org, customerId: c.id, caseId: row!.id, invoiceId: inv.id };
}

/** Looks twice, then two ticks at once with the case due: what they plan must be planned once. */
export async function lookAgain(db: Db, org: string, customerId: string, now: Date) {
  await replanCase(db, org, customerId, now);
  await db.query('UPDATE cases SET next_action_at = $2 WHERE org_id = $1', [org, now.toISOString()]);
  await Promise.all([runTick(db, { orgId: org, now }), runTick(db, { orgId: org, now })]);
}

/** The debtor says they paid: a claim covering the case's open invoices, its id. */
export const claimOn = async (db: Db, org: string, customerId: string, caseId: string, now: Date) =>
  (await db.transaction((tx) => openClaim(tx, org, { customerId, caseId, turnId: 'agt_test', taskId: 'tsk_test', amount: null, currency: null, paidOn: null }, now))).id;
