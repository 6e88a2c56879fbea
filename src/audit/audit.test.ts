import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import { aCustomer, anInvoice, aPayment } from '../../test/support/factories.ts';
import type { Db } from '../db/index.ts';
import { customerAudit, recordAudit, verifyAudit } from './index.ts';

let db: Db;
let org: string;
let customerId = '';
before(async () => {
  db = await testDb();
  org = await testOrg(db);
  const c = await aCustomer(db, org);
  customerId = c.id;
  await anInvoice(db, org, { customer_id: c.id, amount: 1000 });
  await aPayment(db, org, { customer_id: c.id, amount: 400 });
  for (let i = 0; i < 5; i++) await recordAudit(db, { orgId: org, actor: 'test', action: 'note', entity: 'org', entityId: org, data: { i, nested: { b: 1, a: [1, 2] } } });
});
after(async () => { await db.close(); });

describe('the audit chain', () => {
  it('verifies an untouched chain', async () => {
    const v = await verifyAudit(db, org);
    assert.deepEqual([v.ok, v.entries], [true, 8]);
  });

  it('reads everything about one customer, its invoices and payments', async () => {
    const rows = await customerAudit(db, org, customerId);
    assert.deepEqual(rows.map((r) => r.action).sort(), ['customer.created', 'invoice.created', 'payment.recorded']);
  });

  it('keeps one chain when writers race', async () => {
    const other = await testOrg(db, 'Race');
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordAudit(db, { orgId: other, actor: 't', action: 'x', entity: 'org', entityId: other, data: { i } })));
    const v = await verifyAudit(db, other);
    assert.deepEqual([v.ok, v.entries], [true, 20]);
  });

  it('names an entry whose content was changed', async () => {
    await db.query(`UPDATE audit_log SET data = jsonb_set(data, '{i}', '99') WHERE org_id = $1 AND seq = 6`, [org]);
    const v = await verifyAudit(db, org);
    assert.equal(v.ok, false);
    assert.equal(!v.ok && v.seq, 6);
    assert.match(!v.ok ? v.reason : '', /entry 6 .* was changed/);
  });

  it('notices a deleted entry', async () => {
    const third = await testOrg(db, 'Deleted');
    for (let i = 0; i < 3; i++) await recordAudit(db, { orgId: third, actor: 't', action: 'x', entity: 'org', entityId: third });
    await db.query('DELETE FROM audit_log WHERE org_id = $1 AND seq = 2', [third]);
    const v = await verifyAudit(db, third);
    assert.equal(!v.ok && v.reason, 'entry 2 is missing');
    await db.query('DELETE FROM audit_log WHERE org_id = $1 AND seq = 3', [third]);
    const tail = await verifyAudit(db, third);
    assert.match(!tail.ok ? tail.reason : '', /entries were deleted/);
  });
});
