// A gateway dispute's evidence under field encryption (migration 144): with it on, the staff's text and a file saved
// through PUT /v1/disputes/{id}/evidence are kept sealed (no text or bytes in the clear), read back opened, and the
// submit uploads the same bytes to the fake Stripe, whose answer (gateway_reply) is kept sealed too; evidence kept before
// encryption was on (text, file and the answer to a staging) is counted in the clear by
// the status (cobro keys status), sealed by the keys job, and opened back when encryption is turned off.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Db } from '../src/db/index.ts';
import { createApiKey } from '../src/orgs/index.ts';
import { configureFieldKeys, fieldEncryptionStatus, runFieldJob, setFieldEncryption } from '../src/vault/index.ts';
import { bearer } from './support/api.ts';
import { stripeEvidenceServer, type StripeEvidenceServer } from './support/stripe-evidence-server.ts';
import { seedStripeDispute } from './support/stripe-dispute-seed.ts';
import { requestErasure } from '../src/compliance/index.ts';

const PDF = Buffer.from('%PDF-1.4\n% signed by Rosa Quintero\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const EXPLANATION = 'Rosa Quintero signed the work order on site.';
const TEXT_FIELD = 'gateway_dispute_evidence.fields';
const FILE_FIELD = 'gateway_dispute_evidence_files.data';
const REPLY_FIELD = 'gateway_dispute_evidence.gateway_reply';
const clock = new Date('2026-03-10T17:00:00Z');
let srv: StripeEvidenceServer;
let db: Db;
let org = '';
const keys: Record<string, string> = {};
before(async () => {
  configureFieldKeys({ fieldKey: randomBytes(32).toString('hex') });
  srv = await stripeEvidenceServer(clock, 'sealed');
  ({ db, org } = srv);
  for (const role of ['collector', 'manager'] as const) keys[role] = (await createApiKey(db, org, role)).secret;
});
after(async () => { await srv.close(); configureFieldKeys({}); });

const call = async (role: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
  srv.app.inject({ method, url, headers: bearer(keys[role]!), ...(payload ? { payload } : {}) });
const encryption = async (on: boolean) => assert.ok((await db.transaction((tx) => setFieldEncryption(tx, org, 'test', on, clock))).ok);

/** A disputed payment whose evidence gets staff text and a PDF; the rows as stored. */
async function drafted(n: number) {
  const d = await seedStripeDispute(db, srv.stripe, org, { name: 'Rosa Quintero', email: `rosa${n}@cliente.example` }, 120_00, clock);
  const url = `/v1/disputes/${d.dp}/evidence`;
  assert.equal((await call('collector', 'GET', url)).statusCode, 200);
  const saved = await call('collector', 'PUT', url, { revision: 0, text: { explanation: EXPLANATION },
    add_files: [{ slot: 'service_documentation', filename: 'work-order.pdf', content_type: 'application/pdf', data_base64: PDF.toString('base64') }] });
  assert.equal(saved.statusCode, 200, saved.body);
  return { ...d, url };
}
async function stored(dp: string) {
  const [e] = await db.query<{ fields: object; fields_sealed: string | null; gateway_reply: object | null; gateway_reply_sealed: string | null }>(
    'SELECT fields, fields_sealed, gateway_reply, gateway_reply_sealed FROM gateway_dispute_evidence WHERE dispute_id = $1', [dp]);
  const [f] = await db.query<{ data: Uint8Array | null; data_sealed: string | null }>('SELECT data, data_sealed FROM gateway_dispute_evidence_files WHERE dispute_id = $1', [dp]);
  return { e: e!, f: f! };
}
const copies = async () => (await fieldEncryptionStatus(db, org)).plaintext_copies;

describe('gateway dispute evidence under field encryption', () => {
  let kept = '';
  it('is counted in the clear while encryption is off', async () => {
    const d = await drafted(1);
    kept = d.dp;
    const s = await stored(d.dp);
    assert.equal(s.e.fields_sealed, null);
    assert.ok(Buffer.from(s.f.data!).equals(PDF));
    assert.deepEqual([(await copies())[TEXT_FIELD], (await copies())[FILE_FIELD]], [1, 1]);
    const staged = await call('manager', 'POST', `${d.url}/submit`, { stage: true });
    assert.equal(staged.statusCode, 200, staged.body);
    assert.equal((await stored(d.dp)).e.gateway_reply_sealed, null);
    assert.ok((await stored(d.dp)).e.gateway_reply, 'the gateway\'s answer kept in the clear');
    assert.equal((await copies())[REPLY_FIELD], 1);
  });

  it('is sealed when saved with encryption on, read back opened, and submitted with the same bytes', async () => {
    await encryption(true);
    const d = await drafted(2);
    const s = await stored(d.dp);
    assert.deepEqual(s.e.fields, {});
    assert.match(s.e.fields_sealed ?? '', /^enc:v2:/);
    assert.ok(!s.e.fields_sealed!.includes('Rosa'), 'no text in the clear');
    assert.equal(s.f.data, null);
    assert.match(s.f.data_sealed ?? '', /^enc:v2:/);
    const read = (await call('collector', 'GET', d.url)).json();
    assert.equal(read.text.explanation, EXPLANATION);
    const done = await call('manager', 'POST', `${d.url}/submit`, {});
    assert.equal(done.statusCode, 200, done.body);
    const uploaded = [...srv.files.files.values()].find((u) => u.filename === 'work-order.pdf');
    assert.ok(uploaded?.data.equals(PDF), 'the bytes uploaded are the file, opened');
    assert.ok(Object.values(srv.files.updates.at(-1)!.form).some((v) => v.includes(EXPLANATION)), 'the text sent, opened');
    const answered = await stored(d.dp);
    assert.equal(answered.e.gateway_reply, null, 'the gateway\'s answer not in the clear');
    assert.match(answered.e.gateway_reply_sealed ?? '', /^enc:v2:/);
    assert.ok(!answered.e.gateway_reply_sealed!.includes('customer_name'));
    const view = (await call('collector', 'GET', d.url)).json();
    assert.deepEqual([view.status, view.gateway_reply.status, view.gateway_reply.fields.includes('customer_name')], ['submitted', 'under_review', true], 'read back opened');
  });

  it('kept in the clear before, is sealed by the keys job and opened again when encryption is turned off', async () => {
    await runFieldJob(db, org, { batchSize: 30 });
    assert.deepEqual([(await copies())[TEXT_FIELD], (await copies())[FILE_FIELD], (await copies())[REPLY_FIELD]], [0, 0, 0]);
    let s = await stored(kept);
    assert.deepEqual([s.e.gateway_reply, /^enc:v2:/.test(s.e.gateway_reply_sealed ?? '')], [null, true], 'the answer kept in the clear before, sealed');
    assert.ok((await call('collector', 'GET', `/v1/disputes/${kept}/evidence`)).json().gateway_reply, 'and read back opened');
    assert.deepEqual([s.e.fields, /^enc:v2:/.test(s.e.fields_sealed ?? ''), s.f.data, /^enc:v2:/.test(s.f.data_sealed ?? '')], [{}, true, null, true]);
    assert.equal((await call('collector', 'GET', `/v1/disputes/${kept}/evidence`)).json().text.explanation, EXPLANATION);
    await encryption(false);
    await runFieldJob(db, org, { batchSize: 30 });
    s = await stored(kept);
    assert.deepEqual([s.e.fields_sealed, s.f.data_sealed], [null, null]);
    assert.ok(Buffer.from(s.f.data!).equals(PDF));
    assert.equal((await call('collector', 'GET', `/v1/disputes/${kept}/evidence`)).json().text.explanation, EXPLANATION);
    assert.deepEqual([(await copies())[TEXT_FIELD], (await copies())[FILE_FIELD], (await copies())[REPLY_FIELD]], [2, 2, 2]);
    assert.deepEqual([s.e.gateway_reply_sealed === null, s.e.gateway_reply !== null], [true, true], 'opened back');
  });

  it('sealed, is emptied by the erasure once its dispute is closed', async () => {
    await encryption(true);
    const d = await drafted(3);
    await db.query(`UPDATE gateway_payments SET disputes = jsonb_set(disputes, ARRAY[$1], '{"amount": 12000, "status": "lost"}') WHERE org_id = $2 AND disputes ? $1`, [d.dp, org]);
    await db.query('UPDATE invoices SET balance = 0 WHERE org_id = $1 AND customer_id = $2', [org, d.customerId]);
    const r = await db.transaction((tx) => requestErasure(tx, org, 'test', d.customerId, clock));
    assert.ok(r.ok && r.value.outcome === 'erased', JSON.stringify(r));
    const [e] = await db.query<{ fields_sealed: string | null; files: number }>(`SELECT fields_sealed,
      (SELECT count(*)::int FROM gateway_dispute_evidence_files f WHERE f.dispute_id = e.dispute_id) AS files FROM gateway_dispute_evidence e WHERE dispute_id = $1`, [d.dp]);
    assert.deepEqual([e?.fields_sealed, e?.files], [null, 0]);
  });
});
