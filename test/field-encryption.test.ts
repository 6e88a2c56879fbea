// Field encryption end to end: sealed values round-trip and refuse tampering or another org; turning it on leaves no
// email, number or tax id in the clear while the API still answers in the clear; lookups by blind index (STOP by phone,
// import dedupe, search by email); data key rotation and master key rotation; turning it off opens every value again.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Db } from '../src/db/index.ts';
import { importCsv } from '../src/ledger/index.ts';
import { dispatchOnce, processInbound } from '../src/worker/index.ts';
import {
  blindIndex, configureFieldKeys, fieldEncryptionStatus, FieldDecryptError, openField, rewrapUnderCurrentMaster, rotateDataKey, runFieldJob,
  sealField, setFieldEncryption,
} from '../src/vault/index.ts';
import { addressHash, addressHashKey, requestErasure } from '../src/compliance/index.ts';
import { aCustomer } from './support/factories.ts';
import { testDb, testOrg } from './support/db.ts';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { sealedSmsSuite } from './support/sealed-sms.ts';
import { aDebtor, aSend, messagesOf } from './support/messaging.ts';

const newMaster = () => randomBytes(32).toString('hex');
const MASTER = newMaster();
const csv = (text: string) => Readable.from([Buffer.from(text)]);
const PLAINTEXTS = ['ana@example.mx', '+5215512345678', '+5215587654321', 'GOMA800101XX1', 'bo@example.mx', '+5215511112222'];

/** Every stored customer value of the org, with the blind indexes, as the database holds them. */
async function rawCustomers(db: Db, org: string) {
  return db.query<{ id: string; email: string | null; phone: string | null; whatsapp: string | null; metadata: Record<string, unknown>; email_bidx: string | null }>(
    'SELECT id, email, phone, whatsapp, metadata, email_bidx FROM customers WHERE org_id = $1 ORDER BY id', [org]);
}

async function turn(db: Db, org: string, enabled: boolean) {
  const r = await db.transaction((tx) => setFieldEncryption(tx, org, 'test', enabled, new Date('2026-03-15T12:00:00Z')));
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return runFieldJob(db, org, { batchSize: 2 });
}

describe('sealed field values', () => {
  const key = { version: 3, key: randomBytes(32) };

  it('open to the plaintext, with the format prefix and the data key version on the value', () => {
    const sealed = sealField(key, 'org_a', 'customers.email', 'ana@example.mx');
    assert.match(sealed, /^enc:v1:3:[A-Za-z0-9_-]+$/);
    assert.ok(!sealed.includes('ana'));
    assert.notEqual(sealField(key, 'org_a', 'customers.email', 'ana@example.mx'), sealed, 'a fresh IV per value');
    assert.equal(openField(key, 'org_a', 'customers.email', sealed), 'ana@example.mx');
  });

  it('refuse a value with one byte changed', () => {
    const sealed = sealField(key, 'org_a', 'customers.phone', '+5215512345678');
    const body = Buffer.from(sealed.slice('enc:v1:3:'.length), 'base64url');
    body[14] = body[14]! ^ 1;
    assert.throws(() => openField(key, 'org_a', 'customers.phone', `enc:v1:3:${body.toString('base64url')}`), FieldDecryptError);
  });

  it('refuse a value copied to another org or another field', () => {
    const sealed = sealField(key, 'org_a', 'customers.phone', '+5215512345678');
    assert.throws(() => openField(key, 'org_b', 'customers.phone', sealed), FieldDecryptError);
    assert.throws(() => openField(key, 'org_a', 'customers.whatsapp', sealed), FieldDecryptError);
    assert.throws(() => openField({ version: 3, key: randomBytes(32) }, 'org_a', 'customers.phone', sealed), FieldDecryptError);
  });

  it('index equal addresses alike (case, spaces, punctuation) and differently under another index key', () => {
    const k = randomBytes(32);
    assert.equal(blindIndex(k, 'email', ' Ana@Example.MX '), blindIndex(k, 'email', 'ana@example.mx'));
    assert.equal(blindIndex(k, 'phone', '+52 (155) 1234-5678'), blindIndex(k, 'phone', '+5215512345678'));
    assert.notEqual(blindIndex(randomBytes(32), 'email', 'ana@example.mx'), blindIndex(k, 'email', 'ana@example.mx'));
  });
});

describe('an org with field encryption', () => {
  let t: TestApi;
  let ana: string;
  before(async () => {
    configureFieldKeys({ fieldKey: MASTER });
    t = await testApi();
    const r = await t.app.inject({ method: 'POST', url: '/v1/customers', headers: bearer(t.keys.admin), payload: {
      external_id: 'A-1', name: 'Ana Gómez', email: 'ana@example.mx', phone: '+5215512345678', whatsapp: '+5215587654321', metadata: { rfc: 'GOMA800101XX1', segment: 'retail' } } });
    assert.equal(r.statusCode, 201, r.body);
    ana = r.json().id;
  });
  after(async () => { await t.close(); configureFieldKeys({}); });

  it('is refused without a master key, and only for admins', async () => {
    configureFieldKeys({});
    const r = await t.app.inject({ method: 'PUT', url: '/v1/org/field-encryption', headers: bearer(t.keys.admin), payload: { enabled: true } });
    assert.equal(r.statusCode, 409, r.body);
    assert.match(r.json().error.message, /COBRO_FIELD_KEY/);
    configureFieldKeys({ fieldKey: MASTER });
    const manager = await t.app.inject({ method: 'PUT', url: '/v1/org/field-encryption', headers: bearer(t.keys.manager), payload: { enabled: true } });
    assert.equal(manager.statusCode, 403);
    assert.equal((await fieldEncryptionStatus(t.db, t.org)).enabled, false);
  });

  it('seals the stored emails, numbers and tax ids when turned on, while the API answers in the clear', async () => {
    const r = await t.app.inject({ method: 'PUT', url: '/v1/org/field-encryption', headers: bearer(t.keys.admin), payload: { enabled: true } });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual([r.json().status.enabled, r.json().status.active_version, r.json().job.values, r.json().status.plaintext_values], [true, 1, 4, 0]);
    const created = await t.app.inject({ method: 'POST', url: '/v1/customers', headers: bearer(t.keys.admin), payload: {
      external_id: 'B-1', name: 'Bo', email: 'Bo@Example.mx', phone: '+5215511112222' } });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().email, 'bo@example.mx');
    const raw = JSON.stringify(await rawCustomers(t.db, t.org));
    for (const p of PLAINTEXTS) assert.ok(!raw.includes(p), `${p} is stored in the clear`);
    assert.ok(raw.includes('"segment":"retail"'), 'other metadata stays in the clear');
    for (const row of await rawCustomers(t.db, t.org)) assert.match(row.email ?? '', /^enc:v2:1:/);
    const got = (await t.app.inject({ method: 'GET', url: `/v1/customers/${ana}`, headers: bearer(t.keys.viewer) })).json();
    assert.deepEqual([got.email, got.phone, got.whatsapp, got.metadata], ['ana@example.mx', '+5215512345678', '+5215587654321', { rfc: 'GOMA800101XX1', segment: 'retail' }]);
  });

  it('finds a customer by email through the blind index, and keeps the index in step with a change', async () => {
    const search = async (s: string) => (await t.app.inject({ method: 'GET', url: `/v1/customers?search=${encodeURIComponent(s)}`, headers: bearer(t.keys.viewer) }))
      .json().data.map((c: { external_id: string }) => c.external_id);
    assert.deepEqual(await search('ANA@example.mx'), ['A-1']);
    const patched = await t.app.inject({ method: 'PATCH', url: `/v1/customers/${ana}`, headers: bearer(t.keys.admin), payload: { email: 'ana.g@example.mx' } });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().email, 'ana.g@example.mx');
    assert.deepEqual(await search('ana@example.mx'), []);
    assert.deepEqual(await search('ana.g@example.mx'), ['A-1']);
  });

  it('seals imported contacts and still merges a re-imported file by external id without counting changes', async () => {
    const file = 'external_id,name,email,phone\nI-1,Inés,ines@example.mx,+5215533334444\nI-2,Iván,,+5215555556666\n';
    const first = await importCsv(t.db, t.org, 'customers', csv(file));
    assert.deepEqual([first.status, first.inserted, first.updated], ['completed', 2, 0], JSON.stringify(first.errors));
    const again = await importCsv(t.db, t.org, 'customers', csv(file));
    assert.deepEqual([again.status, again.inserted, again.updated], ['completed', 0, 0]);
    const changed = await importCsv(t.db, t.org, 'customers', csv('external_id,name,phone\nI-2,Iván,+5215577778888\n'));
    assert.deepEqual([changed.inserted, changed.updated], [0, 1]);
    const raw = JSON.stringify(await rawCustomers(t.db, t.org));
    for (const p of ['ines@example.mx', '+5215533334444', '+5215577778888']) assert.ok(!raw.includes(p), `${p} is stored in the clear`);
    const ivan = (await t.app.inject({ method: 'GET', url: '/v1/customers/I-2', headers: bearer(t.keys.viewer) })).json();
    assert.equal(ivan.phone, '+5215577778888');
    const ines = (await t.app.inject({ method: 'GET', url: '/v1/customers/I-1', headers: bearer(t.keys.viewer) })).json();
    assert.equal(ines.email, 'ines@example.mx');
  });

  it('rotates the data key: every value moves to the new version, readable before and after, with counts', async () => {
    const before = await fieldEncryptionStatus(t.db, t.org);
    const total = before.keys.reduce((n, k) => n + k.values, 0);
    assert.ok(total >= 8, `${total} sealed values`);
    // an interrupted rotation: one batch, then the old and new versions side by side, both readable
    const r = await t.db.transaction((tx) => rotateDataKey(tx, t.org, 'test', new Date()));
    assert.ok(r.ok);
    const partial = await runFieldJob(t.db, t.org, { batchSize: 1, maxBatches: 1 });
    assert.equal(partial.done, false);
    const mid = await fieldEncryptionStatus(t.db, t.org);
    assert.deepEqual([mid.job, mid.active_version, mid.keys.map((k) => k.values).reduce((a, b) => a + b, 0)], ['seal', 2, total]);
    assert.ok(mid.keys[0]!.values > 0 && mid.keys[1]!.values > 0, JSON.stringify(mid.keys));
    assert.equal((await t.app.inject({ method: 'GET', url: `/v1/customers/${ana}`, headers: bearer(t.keys.viewer) })).json().phone, '+5215512345678');
    const rest = await runFieldJob(t.db, t.org, { batchSize: 2 });
    assert.equal(rest.done, true);
    const after = await fieldEncryptionStatus(t.db, t.org);
    assert.deepEqual(after.keys.map((k) => [k.version, k.values]), [[1, 0], [2, total]]);
    assert.equal(after.job, null);
    // the API route does the same in one call and reports the counts
    const viaApi = await t.app.inject({ method: 'POST', url: '/v1/org/field-encryption/rotate', headers: bearer(t.keys.admin) });
    assert.equal(viaApi.statusCode, 200, viaApi.body);
    assert.deepEqual(viaApi.json().status.keys.map((k: { values: number }) => k.values), [0, 0, total]);
    assert.equal(viaApi.json().job.values, total);
    const got = (await t.app.inject({ method: 'GET', url: `/v1/customers/${ana}`, headers: bearer(t.keys.viewer) })).json();
    assert.deepEqual([got.email, got.metadata.rfc], ['ana.g@example.mx', 'GOMA800101XX1']);
  });

  it('re-wraps the data keys under a new master key; the old master alone then opens nothing', async () => {
    const next = newMaster();
    configureFieldKeys({ fieldKey: next, fieldKeyPrevious: MASTER });
    const counts = await t.db.transaction((tx) => rewrapUnderCurrentMaster(tx));
    assert.ok(counts.data_keys >= 3 && counts.index_keys >= 1, JSON.stringify(counts));
    configureFieldKeys({ fieldKey: next });
    const got = (await t.app.inject({ method: 'GET', url: `/v1/customers/${ana}`, headers: bearer(t.keys.viewer) })).json();
    assert.equal(got.whatsapp, '+5215587654321');
    assert.deepEqual((await t.app.inject({ method: 'GET', url: '/v1/customers?search=ana.g%40example.mx', headers: bearer(t.keys.viewer) })).json().data.length, 1);
    configureFieldKeys({ fieldKey: MASTER });
    const refused = await t.app.inject({ method: 'GET', url: `/v1/customers/${ana}`, headers: bearer(t.keys.viewer) });
    assert.equal(refused.statusCode, 500);
    assert.ok(!refused.body.includes('+5215587654321'));
    configureFieldKeys({ fieldKey: next });
  });

  it('opens every value again when turned off', async () => {
    const off = await t.app.inject({ method: 'PUT', url: '/v1/org/field-encryption', headers: bearer(t.keys.admin), payload: { enabled: false } });
    assert.equal(off.statusCode, 200, off.body);
    assert.equal(off.json().status.keys.reduce((n: number, k: { values: number }) => n + k.values, 0), 0);
    const rows = await rawCustomers(t.db, t.org);
    assert.ok(rows.every((r) => r.email_bidx === null));
    assert.ok(JSON.stringify(rows).includes('ana.g@example.mx') && JSON.stringify(rows).includes('GOMA800101XX1'));
  });
});

describe('Twilio replies to an org with field encryption on', () => {
  const morning = new Date('2026-03-10T17:00:00Z');
  const sms = sealedSmsSuite(MASTER, 'Ferretería Sol', morning);

  it('sends to the opened number, and a STOP from that number suppresses it, found by its blind index', async () => {
    const { db, org, server, twilio } = sms;
    const stays = await aDebtor(db, org, { phone: '+5215512340007' }, ['sms']);
    const stops = await aDebtor(db, org, { phone: '+5215512340008' }, ['sms']);
    await turn(db, org, true);
    const raw = JSON.stringify(await rawCustomers(db, org));
    assert.ok(!raw.includes('+5215512340007') && !raw.includes('+5215512340008'));
    const sent = await aSend(db, org, stays, ['sms']);
    await dispatchOnce({ db, now: () => morning, adapters: server.adapters, publicUrl: server.publicUrl });
    assert.equal((await messagesOf(db, sent))[0]?.status !== 'failed', true);
    assert.ok(twilio.accepted.some((a) => a.To === '+5215512340007'), 'sent to the number in the clear');
    await twilio.sendIncoming(`${server.publicUrl}/webhooks/twilio/${org}/messages`, { From: '+5215512340008', To: '+15550001111', Body: 'STOP' });
    await processInbound(db, org, morning);
    const sup = await db.query<{ source: string; lifted_at: string | null }>('SELECT source, lifted_at FROM suppressions WHERE customer_id = $1', [stops.customer.id]);
    assert.deepEqual(sup.map((s) => [s.source, s.lifted_at]), [['keyword', null]]);
    const blocked = await aSend(db, org, stops, ['sms']);
    const before = twilio.accepted.length;
    await dispatchOnce({ db, now: () => morning, adapters: server.adapters, publicUrl: server.publicUrl });
    assert.equal(twilio.accepted.length, before, 'nothing sent after STOP');
    assert.match((await messagesOf(db, blocked))[0]?.reason ?? '', /OPTED_OUT/);
  });
});

describe('erasing a customer of an org with field encryption on', () => {
  let db: Db;
  let org: string;
  before(async () => { configureFieldKeys({ fieldKey: MASTER }); db = await testDb(); org = await testOrg(db); });
  after(async () => { await db.close(); configureFieldKeys({}); });

  it('suppresses the person\'s addresses as they were given (opened, not their ciphertext) and drops the blind indexes', async () => {
    const c = await aCustomer(db, org, { email: 'gone@example.mx', phone: '+5215599990000' });
    await turn(db, org, true);
    const r = await db.transaction((tx) => requestErasure(tx, org, 'test', c.id, new Date('2026-03-15T12:00:00Z')));
    assert.ok(r.ok && r.value.outcome === 'erased', JSON.stringify(r));
    const key = await addressHashKey(db);
    const hashes = (await db.query<{ address_hash: string }>('SELECT address_hash FROM suppressed_addresses WHERE org_id = $1', [org])).map((h) => h.address_hash);
    for (const a of ['gone@example.mx', '+5215599990000']) assert.ok(hashes.includes(addressHash(key, org, a)), `${a} is suppressed`);
    const [row] = await db.query<{ email: string | null; email_bidx: string | null; phone_bidx: string | null }>(
      'SELECT email, email_bidx, phone_bidx FROM customers WHERE id = $1', [c.id]);
    assert.deepEqual(row, { email: null, email_bidx: null, phone_bidx: null });
  });
});
