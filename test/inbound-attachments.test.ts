// Proof of payment sent as a photo or PDF: signed WhatsApp (Meta) and MMS (Twilio) webhooks naming files, the worker's
// fetch from fake media servers (kept once, sealed under field encryption and by the keys job, a 503 tried again, an oversize file and a
// video refused with why), the "ya pagué" claim that came with a photo holding it as its proof on its task, the API's list
// and download (audited, org-scoped, params checked), the access export, the case's timeline naming the files, and erasure removing them.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { metaSignature, twilioSignature, requestErasure } from '../src/compliance/index.ts';
import { setAgentSettings } from '../src/agent/index.ts';
import { fetchAttachments, processInbound, sandboxAdapters } from '../src/worker/index.ts';
import { configureFieldKeys, fieldEncryptionStatus, runFieldJob, setFieldEncryption } from '../src/vault/index.ts';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { aDebtor, connect } from './support/messaging.ts';
import { fakeMetaMedia, fakeTwilioMedia, SAMPLE, type FakeMedia } from './support/providers/media.ts';

const now = new Date('2026-03-12T17:00:00Z'); // Thursday 11:00 in Mexico City
const PUBLIC = 'https://cobro.test';
const SID = `AC${'cd'.repeat(16)}`;
const TOKEN = 'twilio-token-for-media-01';
const MM = (n: number) => `MM${String(n).padStart(32, '0')}`;
const ME = (n: number) => `ME${String(n).padStart(32, '0')}`;
let api: TestApi;
let meta: FakeMedia;
let twilio: FakeMedia & { mediaUrl(m: string, s: string): string };
const limits = { maxBytes: 2048, timeoutMs: 1000 };
const fetchRound = (at = now) => fetchAttachments({ db: api.db, limits }, api.org, at);

before(async () => {
  configureFieldKeys({ fieldKey: randomBytes(32).toString('hex') });
  api = await testApi(() => now, { messaging: { adapters: sandboxAdapters(), publicUrl: PUBLIC } });
  meta = await fakeMetaMedia({ accessToken: 'meta-access-token-1', apiVersion: 'v21.0' });
  twilio = await fakeTwilioMedia({ accountSid: SID, authToken: TOKEN });
  assert.ok((await setAgentSettings(api.db, api.org, 'test', { enabled: true }, now)).ok);
  await connect(api.db, api.org, 'meta_whatsapp', { phone_number_id: '1098765432', api_base: meta.url, api_version: 'v21.0' },
    { access_token: 'meta-access-token-1', app_secret: 'meta-app-secret-1', verify_token: 'verify-me-please' });
  await connect(api.db, api.org, 'twilio', { account_sid: SID, api_base: twilio.url, sms_from: '+15005550006' }, { auth_token: TOKEN });
});
after(async () => { await meta.close(); await twilio.close(); await api.close(); configureFieldKeys({}); });

async function postMeta(from: string, message: Record<string, unknown>): Promise<number> {
  const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'W', changes: [{ field: 'messages', value: {
    messaging_product: 'whatsapp', metadata: { display_phone_number: '5215500000000', phone_number_id: '1098765432' },
    messages: [{ from, timestamp: String(now.getTime() / 1000), ...message }] } }] }] });
  return (await api.app.inject({ method: 'POST', url: `/webhooks/meta/${api.org}/whatsapp`, payload: body,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature('meta-app-secret-1', body) } })).statusCode;
}

async function postTwilio(fields: Record<string, string>): Promise<number> {
  const path = `/webhooks/twilio/${api.org}/messages`;
  return (await api.app.inject({ method: 'POST', url: path, payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TOKEN, `${PUBLIC}${path}`, fields) } })).statusCode;
}

async function debtor(phone: string) {
  const d = await aDebtor(api.db, api.org, { phone, whatsapp: phone }, ['sms', 'whatsapp']);
  await api.db.query(`UPDATE invoices SET due_date = '2026-03-05' WHERE id = $1`, [d.invoice.id]);
  return d;
}
const files = (customerId: string) => api.db.query<{ id: string; inbound_id: string; status: string; content_type: string | null; error: string | null;
  claim_id: string | null; data: Uint8Array | null; data_sealed: string | null; attempts: number }>(
  'SELECT id, inbound_id, status, content_type, error, claim_id, data, data_sealed, attempts FROM inbound_attachments WHERE customer_id = $1 ORDER BY created_at, id', [customerId]);

describe('a receipt\'s photo on WhatsApp with "ya pagué"', () => {
  let d: Awaited<ReturnType<typeof debtor>>;
  let reply: string;
  let attachment: string;

  it('is kept once however often Meta posts it, fetched by the worker, and held by the claim as its proof', async () => {
    d = await debtor('+5215512340001');
    meta.files.set('7001', { bytes: SAMPLE.jpeg, type: 'image/jpeg' });
    const photo = { id: 'wamid.photo1', type: 'image', image: { caption: 'ya pagué todo el martes', mime_type: 'image/jpeg', sha256: 'x', id: '7001' } };
    assert.equal(await postMeta('5215512340001', photo), 200);
    assert.equal(await postMeta('5215512340001', photo), 200);
    await processInbound(api.db, api.org, now);
    const pending = await files(d.customer.id);
    assert.deepEqual(pending.map((f) => f.status), ['pending'], 'one row, not yet fetched: the webhook only stored the event');
    const report = await fetchRound();
    assert.deepEqual([report.stored, report.linked], [1, 1]);
    const [f] = await files(d.customer.id);
    assert.deepEqual([f?.status, f?.content_type, Buffer.from(f!.data!).equals(SAMPLE.jpeg), f?.data_sealed], ['stored', 'image/jpeg', true, null]);
    const [claim] = await api.db.query<{ id: string; task_id: string }>(`SELECT id, task_id FROM agent_claims WHERE customer_id = $1 AND status = 'open'`, [d.customer.id]);
    assert.equal(f?.claim_id, claim?.id);
    const [task] = await api.db.query<{ note: string }>('SELECT note FROM tasks WHERE id = $1', [claim!.task_id]);
    assert.match(task!.note, new RegExp(`Proof attached on whatsapp .*image/jpeg \\(attachment ${f!.id} of reply ${f!.inbound_id};`));
    assert.deepEqual((await fetchRound()).tried, 0, 'kept once: nothing left to fetch');
    assert.deepEqual(meta.refused, []);
    reply = f!.inbound_id;
    attachment = f!.id;
  });

  it('is listed and downloaded through the API, each download audited; another org and bad params refused', async () => {
    const list = await api.app.inject({ method: 'GET', url: `/v1/replies/${reply}/attachments`, headers: bearer(api.keys.viewer) });
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(list.json().data.map((a: { id: string; status: string; claim_id: string | null }) => [a.id, a.status, !!a.claim_id]), [[attachment, 'stored', true]]);
    const file = await api.app.inject({ method: 'GET', url: `/v1/replies/${reply}/attachments/${attachment}`, headers: bearer(api.keys.collector) });
    assert.equal(file.statusCode, 200);
    assert.deepEqual([file.headers['content-type'], file.headers['x-content-type-options'], file.rawPayload.equals(SAMPLE.jpeg)], ['image/jpeg', 'nosniff', true]);
    const [audit] = await api.db.query<{ actor: string; data: { attachment: string } }>(
      `SELECT actor, data FROM audit_log WHERE org_id = $1 AND action = 'reply.attachment_downloaded' ORDER BY at DESC LIMIT 1`, [api.org]);
    assert.equal(audit?.data.attachment, attachment);
    const exported = await api.app.inject({ method: 'GET', url: `/v1/customers/${d.customer.id}/export`, headers: bearer(api.keys.admin) });
    assert.deepEqual(exported.json().reply_attachments.map((a: { id: string; sha256: string }) => [a.id, a.sha256.length]), [[attachment, 64]],
      'the access export describes the file');
    const claims = await api.app.inject({ method: 'GET', url: `/v1/agent/claims?customer_id=${d.customer.id}`, headers: bearer(api.keys.viewer) });
    assert.deepEqual(claims.json().data[0].proof, [{ id: attachment, inbound_id: reply, status: 'stored' }], 'the claim names its proof');
    for (const url of [`/v1/replies/${reply}/attachments`, `/v1/replies/${reply}/attachments/${attachment}`]) {
      assert.equal((await api.app.inject({ method: 'GET', url, headers: bearer(api.otherKey) })).statusCode, 404, url);
      assert.equal((await api.app.inject({ method: 'GET', url })).statusCode, 401, url);
    }
    const bad = await api.app.inject({ method: 'GET', url: `/v1/replies/${reply}/attachments/${'x'.repeat(101)}`, headers: bearer(api.keys.viewer) });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /attachment_id/);
  });

  it('is named on the case\'s timeline with its reply', async () => {
    const story = (await api.app.inject({ method: 'GET', url: `/v1/cases/${d.caseId}`, headers: bearer(api.keys.viewer) })).json();
    const entry = story.timeline.find((e: { kind: string; data: { inbound_id?: string } }) => e.kind === 'reply_received' && e.data.inbound_id === reply);
    assert.deepEqual(entry?.data.attachments, [{ id: attachment, status: 'stored', content_type: 'image/jpeg', filename: null, size: SAMPLE.jpeg.length }]);
  });
});

describe('MMS through Twilio, under field encryption', () => {
  it('keeps the PDF sealed, tries a 503 again, refuses the oversize photo and the video with why', async () => {
    assert.ok((await api.db.transaction((tx) => setFieldEncryption(tx, api.org, 'test', true, now))).ok);
    const d = await debtor('+5215512340002');
    twilio.files.set(ME(1), { bytes: SAMPLE.pdf, type: 'application/pdf', failFirst: 1 });
    twilio.files.set(ME(2), { bytes: Buffer.concat([SAMPLE.jpeg, Buffer.alloc(4096)]), type: 'image/jpeg' });
    twilio.files.set(ME(3), { bytes: SAMPLE.mp4, type: 'video/mp4' });
    assert.equal(await postTwilio({ MessageSid: MM(1), AccountSid: SID, From: '+5215512340002', To: '+15005550006', Body: 'aquí el comprobante', NumMedia: '3',
      MediaUrl0: twilio.mediaUrl(MM(1), ME(1)), MediaContentType0: 'application/pdf', MediaUrl1: twilio.mediaUrl(MM(1), ME(2)), MediaContentType1: 'image/jpeg',
      MediaUrl2: twilio.mediaUrl(MM(1), ME(3)), MediaContentType2: 'video/mp4' }), 200);
    await processInbound(api.db, api.org, now);
    const first = await fetchRound();
    assert.deepEqual([first.tried, first.waiting, first.refused, first.stored], [3, 1, 2, 0]);
    const later = new Date(now.getTime() + 61_000);
    assert.equal((await fetchRound(later)).stored, 1, 'the 503 tried again a minute later');
    const rows = await files(d.customer.id);
    assert.deepEqual(rows.map((f) => [f.status, f.error?.split(':')[0] ?? null, f.attempts]),
      [['stored', null, 2], ['refused', 'TOO_LARGE', 1], ['refused', 'TYPE_NOT_ALLOWED', 1]]);
    const pdf = rows[0]!;
    assert.equal(pdf.data, null);
    assert.match(pdf.data_sealed ?? '', /^enc:v2:/);
    assert.ok(!pdf.data_sealed!.includes(SAMPLE.pdf.toString('base64')), 'sealed, not the file in base64');
    const file = await api.app.inject({ method: 'GET', url: `/v1/replies/${pdf.inbound_id}/attachments/${pdf.id}`, headers: bearer(api.keys.viewer) });
    assert.deepEqual([file.statusCode, file.rawPayload.equals(SAMPLE.pdf)], [200, true]);
    const refused = await api.app.inject({ method: 'GET', url: `/v1/replies/${pdf.inbound_id}/attachments/${rows[1]!.id}`, headers: bearer(api.keys.viewer) });
    assert.equal(refused.statusCode, 404, 'a refused file has no bytes to send');
    assert.deepEqual(twilio.refused, []);
  });

  it('are sealed by the keys job when kept before encryption was on, and opened again when it is turned off', async () => {
    const before = await api.db.query<{ id: string; inbound_id: string; data: Uint8Array | null }>(
      `SELECT id, inbound_id, data FROM inbound_attachments WHERE org_id = $1 AND data IS NOT NULL`, [api.org]);
    assert.ok(before.length >= 1, 'the photo fetched before encryption was on is in the clear');
    assert.equal((await fieldEncryptionStatus(api.db, api.org)).plaintext_copies['inbound_attachments.data'], before.length);
    await runFieldJob(api.db, api.org, { batchSize: 30 });
    assert.equal((await fieldEncryptionStatus(api.db, api.org)).plaintext_copies['inbound_attachments.data'], 0);
    const [sealed] = await api.db.query<{ data: Uint8Array | null; data_sealed: string | null }>('SELECT data, data_sealed FROM inbound_attachments WHERE id = $1', [before[0]!.id]);
    assert.deepEqual([sealed?.data, /^enc:v2:/.test(sealed?.data_sealed ?? '')], [null, true]);
    const download = async () => (await api.app.inject({ method: 'GET', url: `/v1/replies/${before[0]!.inbound_id}/attachments/${before[0]!.id}`,
      headers: bearer(api.keys.viewer) })).rawPayload;
    assert.ok((await download()).equals(Buffer.from(before[0]!.data!)), 'the same bytes, opened');
    assert.ok((await api.db.transaction((tx) => setFieldEncryption(tx, api.org, 'test', false, now))).ok);
    await runFieldJob(api.db, api.org, { batchSize: 30 });
    const stored = await api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbound_attachments WHERE org_id = $1 AND data_sealed IS NOT NULL`, [api.org]);
    assert.equal(stored[0]?.n, 0, 'every file opened back to bytes');
    assert.ok((await download()).equals(Buffer.from(before[0]!.data!)));
  });

  it('are erased with the customer', async () => {
    const d = await debtor('+5215512340003');
    twilio.files.set(ME(4), { bytes: SAMPLE.png, type: 'image/png' });
    assert.equal(await postTwilio({ MessageSid: MM(2), AccountSid: SID, From: '+5215512340003', To: '+15005550006', Body: '', NumMedia: '1',
      MediaUrl0: twilio.mediaUrl(MM(2), ME(4)), MediaContentType0: 'image/png' }), 200);
    await processInbound(api.db, api.org, now);
    await fetchRound();
    assert.deepEqual((await files(d.customer.id)).map((f) => f.status), ['stored']);
    await api.db.query('UPDATE invoices SET balance = 0 WHERE customer_id = $1', [d.customer.id]);
    const r = await api.db.transaction((tx) => requestErasure(tx, api.org, 'test', d.customer.id, now));
    assert.ok(r.ok && r.value.outcome === 'erased', JSON.stringify(r));
    assert.equal(r.ok && r.value.outcome === 'erased' ? r.value.counts['inbound_attachments'] : null, 1);
    assert.deepEqual(await files(d.customer.id), []);
  });
});
