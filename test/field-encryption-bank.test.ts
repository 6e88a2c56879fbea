// Field encryption of customers' bank accounts kept in metadata (iban, bank_account, account_number, clabe, cbu): sealed
// when the org turns encryption on (those stored before by the job, new ones on write), opened for readers, counted by
// the status, re-sealed under a new data key by `cobro keys rotate`'s job and opened again when turned off.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Db } from '../src/db/index.ts';
import { BANK_ACCOUNT_KEYS, configureFieldKeys, fieldEncryptionStatus, openCustomerRow, rotateDataKey, runFieldJob, setFieldEncryption } from '../src/vault/index.ts';
import { aCustomer } from './support/factories.ts';
import { testDb, testOrg } from './support/db.ts';

const NOW = new Date('2026-03-15T12:00:00Z');
const IBAN = 'ES9121000418450200051332';
const CLABE = '002180700123456789';
const CBU = '2850590940090418135201';
let db: Db;
let org: string;
before(async () => { configureFieldKeys({ fieldKey: randomBytes(32).toString('hex') }); db = await testDb(); org = await testOrg(db, 'Banco de Pruebas'); });
after(async () => { await db.close(); configureFieldKeys({}); });

const raw = async () => db.query<{ id: string; metadata: Record<string, unknown> }>('SELECT id, metadata FROM customers WHERE org_id = $1 ORDER BY id', [org]);
const opened = async (id: string) => {
  const [r] = await db.query<{ metadata: Record<string, unknown> }>('SELECT metadata FROM customers WHERE org_id = $1 AND id = $2', [org, id]);
  return (await openCustomerRow(db, org, r!, id)).metadata;
};
async function turn(enabled: boolean) {
  const r = await db.transaction((tx) => setFieldEncryption(tx, org, 'test', enabled, NOW));
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return runFieldJob(db, org, { batchSize: 1 });
}

it('names the bank account keys it seals', () => {
  for (const k of ['iban', 'clabe', 'cbu', 'bank_account', 'account_number']) assert.ok((BANK_ACCOUNT_KEYS as readonly string[]).includes(k), k);
});

it('seals bank accounts stored before and after turning it on, opens them for readers, rotates and opens them again', async () => {
  const early = await aCustomer(db, org, { metadata: { iban: IBAN, clabe: CLABE, segment: 'retail' } });
  assert.equal((await fieldEncryptionStatus(db, org)).plaintext_values, 2, 'the two bank accounts are counted in the clear before');
  const job = await turn(true);
  assert.equal(job.values, 2);
  const late = await aCustomer(db, org, { metadata: { cbu: CBU, account_number: '0123456789' } });
  const stored = JSON.stringify(await raw());
  for (const p of [IBAN, CLABE, CBU, '0123456789']) assert.ok(!stored.includes(p), `${p} is stored in the clear`);
  assert.ok(stored.includes('"segment":"retail"'), 'other metadata stays in the clear');
  for (const r of await raw()) for (const k of ['iban', 'clabe', 'cbu', 'account_number']) if (k in r.metadata) assert.match(String(r.metadata[k]), /^enc:v2:1:/);
  assert.deepEqual(await opened(early.id), { iban: IBAN, clabe: CLABE, segment: 'retail' });
  assert.deepEqual(await opened(late.id), { cbu: CBU, account_number: '0123456789' });
  assert.equal((await fieldEncryptionStatus(db, org)).plaintext_values, 0);

  const rotated = await db.transaction((tx) => rotateDataKey(tx, org, 'test', NOW));
  assert.ok(rotated.ok);
  assert.equal((await runFieldJob(db, org, { batchSize: 1 })).values, 4, 'the rotation re-seals every bank account');
  for (const r of await raw()) for (const k of ['iban', 'clabe', 'cbu', 'account_number']) if (k in r.metadata) assert.match(String(r.metadata[k]), /^enc:v2:2:/);
  const st = await fieldEncryptionStatus(db, org);
  assert.deepEqual(st.keys.map((k) => [k.version, k.values]), [[1, 0], [2, 4]]);
  assert.deepEqual(await opened(early.id), { iban: IBAN, clabe: CLABE, segment: 'retail' });

  await turn(false);
  const back = await raw();
  assert.deepEqual(back.find((r) => r.id === late.id)!.metadata, { cbu: CBU, account_number: '0123456789' });
});
