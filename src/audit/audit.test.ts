import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from '../../test/support/db.ts';
import { aCustomer, anInvoice, aPayment } from '../../test/support/factories.ts';
import type { Db } from '../db/index.ts';
import { customerAudit, recordAudit, recordAuditBatch, verifyAudit } from './index.ts';

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

  it('SEC-1: names an entry whose content was changed', async () => {
    await db.query(`UPDATE audit_log SET data = jsonb_set(data, '{i}', '99') WHERE org_id = $1 AND seq = 6`, [org]);
    const v = await verifyAudit(db, org);
    assert.equal(v.ok, false);
    assert.equal(!v.ok && v.seq, 6);
    assert.match(!v.ok ? v.reason : '', /entry 6 .* was changed/);
  });

  it('SEC-1: notices a deleted entry', async () => {
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

describe('appending a batch of entries', () => {
  it('writes the same chain as one entry at a time, continuing an existing chain and starting a new one', async () => {
    const entries = (k: number) => Array.from({ length: k }, (_, i) => ({ actor: 'dispatcher', action: 'message.sent', entity: 'customer', entityId: `cus_${i}`,
      data: { i, nested: { z: 'ü', a: [i, null] } } }));
    const when = new Date('2026-03-10T17:00:00.123456Z');
    const fresh = await testOrg(db, 'Batch');
    await db.query('DELETE FROM audit_log WHERE org_id = $1', [fresh]);
    await db.query('DELETE FROM audit_heads WHERE org_id = $1', [fresh]);
    await recordAuditBatch(db, fresh, entries(3), when);
    await recordAudit(db, { orgId: fresh, actor: 'test', action: 'between', entity: 'org', entityId: fresh }, when);
    await recordAuditBatch(db, fresh, entries(250), when);
    const v = await verifyAudit(db, fresh);
    assert.deepEqual([v.ok, v.entries], [true, 254]);
    const [last] = await db.query<{ entity_id: string; seq: number }>('SELECT entity_id, seq FROM audit_log WHERE org_id = $1 ORDER BY seq DESC LIMIT 1', [fresh]);
    assert.deepEqual([last!.entity_id, Number(last!.seq)], ['cus_249', 254]);
    await db.query(`UPDATE audit_log SET data = jsonb_set(data, '{i}', '7') WHERE org_id = $1 AND seq = 100`, [fresh]);
    const broken = await verifyAudit(db, fresh);
    assert.equal(broken.ok ? null : broken.seq, 100);
  });

  it('keeps one chain when batches race with single entries', async () => {
    const other = await testOrg(db, 'Race batches');
    await Promise.all(Array.from({ length: 12 }, (_, i) => i % 3 === 0
      ? recordAudit(db, { orgId: other, actor: 't', action: 'x', entity: 'org', entityId: other, data: { i } })
      : db.transaction((tx) => recordAuditBatch(tx, other, Array.from({ length: 5 }, (_, k) => ({ actor: 't', action: 'y', entity: 'org', entityId: other, data: { i, k } })),
        new Date()))));
    const v = await verifyAudit(db, other);
    assert.deepEqual([v.ok, v.entries], [true, 4 + 8 * 5]);
  });
});
