// Customers' own sealed values bound to their row (format v2: org, field and customer id): a value moved to another
// customer of the same org fails to open with an error naming the field and the row; values sealed before in format v1
// (org and field) still open, and the key jobs (enable again, resume, rotate) re-seal them bound to their row; the CSV
// import seals each contact for the id its customer gets (new, existing, or made from an invoice file).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Db } from '../src/db/index.ts';
import { getCustomer, importCsv } from '../src/ledger/index.ts';
import { describeStatus } from '../src/cli/keys.ts';
import { configureFieldKeys, FieldDecryptError, fieldEncryptionStatus, openCustomerRow, rotateDataKey, runFieldJob, sealField, setFieldEncryption } from '../src/vault/index.ts';
import { dataKey } from '../src/vault/fields/keyring.ts';
import { aCustomer } from './support/factories.ts';
import { testDb, testOrg } from './support/db.ts';

const NOW = new Date('2026-03-15T12:00:00Z');
let db: Db;
let org: string;
const csv = (text: string) => Readable.from([Buffer.from(text)]);
type Raw = { id: string; email: string | null; phone: string | null; metadata: Record<string, unknown> };
const raw = async (id: string) => (await db.query<Raw>('SELECT id, email, phone, metadata FROM customers WHERE org_id = $1 AND id = $2', [org, id]))[0]!;
const opened = async (id: string) => { const r = await getCustomer(db, org, id); assert.ok(r.ok, r.ok ? '' : r.error.message); return r.value; };
async function turnOn() {
  const r = await db.transaction((tx) => setFieldEncryption(tx, org, 'test', true, NOW));
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return runFieldJob(db, org, { batchSize: 2 });
}

before(async () => { configureFieldKeys({ fieldKey: randomBytes(32).toString('hex') }); db = await testDb(); org = await testOrg(db, 'Filas'); await turnOn(); });
after(async () => { await db.close(); configureFieldKeys({}); });

describe('customer values bound to their row', () => {
  it('seals a customer\'s contacts, tax id and bank account bound to its id, and opens them for readers of the customer or of its case', async () => {
    const a = await aCustomer(db, org, { email: 'ana@example.mx', phone: '+5215512345678', metadata: { rfc: 'GOMA800101XX1', clabe: '002180700123456789' } });
    const r = await raw(a.id);
    for (const v of [r.email, r.phone, r.metadata['rfc'], r.metadata['clabe']]) assert.match(String(v), /^enc:v2:1:/);
    assert.deepEqual([a.email, a.phone, a.metadata], ['ana@example.mx', '+5215512345678', { rfc: 'GOMA800101XX1', clabe: '002180700123456789' }]);
    // a case's or a task's row: `id` is the case's, `customer_id` the customer's
    const asCase = await openCustomerRow(db, org, { id: 'cas_not_the_customer', customer_id: a.id, email: r.email });
    assert.equal(asCase.email, 'ana@example.mx');
  });

  it('refuses a value moved to another customer of the same org, naming the field and the row', async () => {
    const a = await aCustomer(db, org, { email: 'alta@example.mx', metadata: { rfc: 'ALTA800101XX1' } });
    const b = await aCustomer(db, org, { email: 'baja@example.mx' });
    const from = await raw(a.id);
    await db.query('UPDATE customers SET email = $3 WHERE org_id = $1 AND id = $2', [org, b.id, from.email]);
    await assert.rejects(getCustomer(db, org, b.id), (e: Error) => e instanceof FieldDecryptError
      && new RegExp(`^the customers\\.email value of org ${org} row ${b.id} does not authenticate \\(changed, or copied from another org, field or row\\)$`).test(e.message));
    await db.query(`UPDATE customers SET email = NULL, metadata = jsonb_build_object('rfc', $3::text) WHERE org_id = $1 AND id = $2`, [org, b.id, from.metadata['rfc']]);
    await assert.rejects(getCustomer(db, org, b.id), /customers\.metadata\.rfc value of org \S+ row \S+ does not authenticate/);
    assert.equal((await opened(a.id)).email, 'alta@example.mx', 'the original still opens');
    await db.query(`UPDATE customers SET metadata = '{}' WHERE org_id = $1 AND id = $2`, [org, b.id]); // the key jobs below would stop on it
  });

  it('still opens values sealed before in the old format, and re-seals them bound to their row when the key jobs run', async () => {
    const c = await aCustomer(db, org, { name: 'Vieja' });
    const k1 = await dataKey(db, org, 1);
    const oldEmail = sealField(k1, org, 'customers.email', 'vieja@example.mx');
    const oldRfc = sealField(k1, org, 'customers.metadata.rfc', 'VIEJ800101XX1');
    assert.match(oldEmail, /^enc:v1:1:/);
    await db.query(`UPDATE customers SET email = $3, metadata = jsonb_build_object('rfc', $4::text) WHERE org_id = $1 AND id = $2`, [org, c.id, oldEmail, oldRfc]);
    assert.deepEqual([(await opened(c.id)).email, (await opened(c.id)).metadata], ['vieja@example.mx', { rfc: 'VIEJ800101XX1' }]);
    const status = await fieldEncryptionStatus(db, org);
    assert.equal(status.row_unbound_values, 2);
    assert.match(describeStatus(status), /old format \(v1\): +2 values not bound to their customer/);
    // `cobro keys enable` again (and `resume`) runs the sealing job: v1 values under the active key become v2
    const again = await turnOn();
    assert.ok(again.values >= 2, JSON.stringify(again));
    let r = await raw(c.id);
    assert.match(r.email!, /^enc:v2:1:/);
    assert.match(String(r.metadata['rfc']), /^enc:v2:1:/);
    assert.equal((await fieldEncryptionStatus(db, org)).row_unbound_values, 0);
    assert.doesNotMatch(describeStatus(await fieldEncryptionStatus(db, org)), /old format/);
    assert.deepEqual([(await opened(c.id)).email, (await opened(c.id)).metadata], ['vieja@example.mx', { rfc: 'VIEJ800101XX1' }]);
    // an old value left under version 1 is re-sealed by a rotation too
    await db.query('UPDATE customers SET email = $3 WHERE org_id = $1 AND id = $2', [org, c.id, sealField(k1, org, 'customers.email', 'vieja@example.mx')]);
    const rotated = await db.transaction((tx) => rotateDataKey(tx, org, 'test', NOW));
    assert.ok(rotated.ok);
    await runFieldJob(db, org, { batchSize: 3 });
    r = await raw(c.id);
    assert.match(r.email!, /^enc:v2:2:/);
    assert.equal((await opened(c.id)).email, 'vieja@example.mx');
  });

  it('seals imported contacts for the id each customer gets: new, already stored, or made from an invoice file', async () => {
    const stored = await aCustomer(db, org, { external_id: 'IMP-1', email: 'antes@example.mx' });
    const file = 'external_id,name,email,phone\nIMP-1,Uno,despues@example.mx,\nIMP-2,Dos,dos@example.mx,+5215533334444\n';
    const r = await importCsv(db, org, 'customers', csv(file));
    assert.deepEqual([r.status, r.inserted, r.updated], ['completed', 1, 1], JSON.stringify(r.errors));
    assert.equal((await opened(stored.id)).email, 'despues@example.mx');
    const two = await opened('IMP-2');
    assert.deepEqual([two.email, two.phone], ['dos@example.mx', '+5215533334444']);
    assert.match((await raw(two.id)).email!, /^enc:v2:/);
    const inv = await importCsv(db, org, 'invoices', csv('customer_external_id,customer_email,number,currency,amount,issue_date,due_date\n'
      + 'IMP-3,tres@example.mx,F-1,MXN,100.00,2026-02-01,2026-03-02\nIMP-3,tres@example.mx,F-2,MXN,50.00,2026-02-01,2026-03-02\n'));
    assert.equal(inv.status, 'completed', JSON.stringify(inv.errors));
    const three = await opened('IMP-3');
    assert.equal(three.email, 'tres@example.mx');
    assert.match((await raw(three.id)).email!, /^enc:v2:/);
  });
});
