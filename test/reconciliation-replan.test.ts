// A transfer matched from a bank statement moves the case at once: paid in full, the case closes and the reminder planned
// for it is cancelled (so the dispatcher never sends it); paid in part, the case stays open at its step.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { getCase, runTick, syncCases } from '../src/engine/index.ts';
import { importStatement } from '../src/reconciliation/index.ts';
import { mt940 } from '../src/reconciliation/testing/mt940-builder.ts';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice } from './support/factories.ts';

const MAD = (local: string) => new Date(`${local}+01:00`);
let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

async function dueWithReminder(number: string, name: string) {
  const org = await testOrg(db);
  const c = await aCustomer(db, org, { name, email: 'ap@example.es', country: 'ES', timezone: 'Europe/Madrid' });
  await anInvoice(db, org, { customer_id: c.id, number, currency: 'EUR', amount: 25_000, issue_date: '2026-02-01', due_date: '2026-03-02' });
  await syncCases(db, org, MAD('2026-03-02T08:00'));
  await runTick(db, { orgId: org, now: MAD('2026-03-02T08:00') });
  const planned = await db.query<{ id: string }>(`SELECT id FROM actions WHERE org_id = $1 AND status = 'planned'`, [org]);
  assert.ok(planned.length >= 1, 'a reminder is planned');
  return { org, customerId: c.id };
}

const statuses = async (org: string) => (await db.query<{ status: string }>('SELECT status FROM actions WHERE org_id = $1 ORDER BY created_at', [org])).map((a) => a.status);

describe('a matched transfer and the case', () => {
  it('closes the case and cancels the planned reminder when the transfer pays it all', async () => {
    const { org, customerId } = await dueWithReminder('RC-70001', 'Ribera Cafés');
    const r = await importStatement(db, org, Buffer.from(mt940([{ date: '260302', mark: 'C', amount: '250,00', text: 'Factura RC-70001', name: 'Ribera Cafes SL' }])),
      { now: () => MAD('2026-03-02T10:00') });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.reconciliation.matched, 1);
    const c = await getCase(db, org, customerId);
    assert.ok(c.ok);
    assert.equal(c.value.status, 'closed');
    assert.ok(!(await statuses(org)).includes('planned'), 'nothing left planned');
  });

  it('keeps the case open at its step when the transfer pays part', async () => {
    const { org, customerId } = await dueWithReminder('RC-70002', 'Ribera Hornos');
    const r = await importStatement(db, org, Buffer.from(mt940([{ date: '260302', mark: 'C', amount: '100,00', text: 'Factura RC-70002 a cuenta', name: 'Ribera Hornos SL' }])),
      { now: () => MAD('2026-03-02T10:00') });
    assert.ok(r.ok, JSON.stringify(r));
    const c = await getCase(db, org, customerId);
    assert.ok(c.ok);
    assert.equal(c.value.status, 'open');
  });
});
