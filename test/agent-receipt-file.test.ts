// A receipt's photo or PDF sent with no words counts as "I paid", end to end: a signed Meta webhook with an image and no
// caption, the worker's fetch from a fake Meta media server, the agent's turn (waiting for the file, then opening the
// claim with the file as its proof), the answer sent through the gate in Spanish to the fake Meta API; a second file
// joining the open claim; a Twilio MMS with a PDF answered by SMS; a video refused (a photo or PDF asked for, no claim);
// a file from a debtor with nothing overdue thanked and kept.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { metaSignature, twilioSignature } from '../src/compliance/index.ts';
import { setAgentSettings } from '../src/agent/index.ts';
import { dispatchOnce, fetchAttachments, processInbound, sandboxAdapters, vaultAdapters } from '../src/worker/index.ts';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { aDebtor, connect } from './support/messaging.ts';
import { fakeMetaMedia, fakeTwilioMedia, SAMPLE, type FakeMedia } from './support/providers/media.ts';
import { fakeMeta, metaJson, type FakeMeta } from './support/providers/meta.ts';
import { fakeTwilio, type FakeTwilio } from './support/providers/twilio.ts';

const now = new Date('2026-03-12T17:00:00Z'); // Thursday 11:00 in Mexico City
let PUBLIC = '';
const SID = `AC${'ef'.repeat(16)}`;
const TOKEN = 'twilio-token-for-receipts-1';
const MM = (n: number) => `MM${String(n).padStart(32, '0')}`;
const ME = (n: number) => `ME${String(n).padStart(32, '0')}`;
const later = (ms: number) => new Date(now.getTime() + ms);
let api: TestApi;
let media: FakeMedia;
let twilioMedia: FakeMedia & { mediaUrl(m: string, s: string): string };
let meta: FakeMeta;
let twilio: FakeTwilio;
let proxies: { url: string; close(): Promise<void> }[] = [];
let adapters: ReturnType<typeof vaultAdapters>;

/** One API base for a provider's two fakes: its media (GET) and its sending API (POST). */
async function split(getTo: string, postTo: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const target = new URL(req.url ?? '/', req.method === 'GET' ? getTo : postTo);
    const up = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (r) => { res.writeHead(r.statusCode ?? 502, r.headers); r.pipe(res); });
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

before(async () => {
  // listening, so the Twilio fake's status callbacks reach the webhook they name
  const messaging = { adapters: sandboxAdapters(), publicUrl: '' };
  api = await testApi(() => now, { messaging });
  PUBLIC = messaging.publicUrl = await api.app.listen({ port: 0, host: '127.0.0.1' });
  media = await fakeMetaMedia({ accessToken: 'meta-access-token-r', apiVersion: 'v21.0' });
  meta = await fakeMeta({ phoneNumberId: '1098765432', accessToken: 'meta-access-token-r', appSecret: 'meta-app-secret-r' });
  twilioMedia = await fakeTwilioMedia({ accountSid: SID, authToken: TOKEN });
  twilio = await fakeTwilio({ accountSid: SID, authToken: TOKEN });
  proxies = [await split(media.url, meta.url), await split(twilioMedia.url, twilio.url)];
  assert.ok((await setAgentSettings(api.db, api.org, 'test', { enabled: true }, now)).ok);
  await connect(api.db, api.org, 'meta_whatsapp', { phone_number_id: '1098765432', api_base: proxies[0]!.url, api_version: 'v21.0' },
    { access_token: 'meta-access-token-r', app_secret: 'meta-app-secret-r', verify_token: 'verify-me-please' });
  await connect(api.db, api.org, 'twilio', { account_sid: SID, api_base: proxies[1]!.url, sms_from: '+15005550006', rate_per_second: 500 }, { auth_token: TOKEN });
  adapters = vaultAdapters({ db: api.db, publicUrl: PUBLIC, fallback: sandboxAdapters() });
});
after(async () => {
  await twilio.callbacksDone();
  adapters.close();
  for (const p of proxies) await p.close();
  await meta.close(); await twilio.close(); await media.close(); await twilioMedia.close(); await api.close();
});

async function postMeta(from: string, message: Record<string, unknown>): Promise<void> {
  const body = metaJson({ object: 'whatsapp_business_account', entry: [{ id: 'W', changes: [{ field: 'messages', value: {
    messaging_product: 'whatsapp', metadata: { display_phone_number: '5215500000000', phone_number_id: '1098765432' },
    messages: [{ from, timestamp: String(now.getTime() / 1000), ...message }] } }] }] });
  const r = await api.app.inject({ method: 'POST', url: `/webhooks/meta/${api.org}/whatsapp`, payload: body,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature('meta-app-secret-r', body) } });
  assert.equal(r.statusCode, 200, r.body);
}

async function postMms(from: string, sid: string, files: [string, string][]): Promise<void> {
  const fields: Record<string, string> = { MessageSid: sid, AccountSid: SID, From: from, To: '+15005550006', Body: '', NumMedia: String(files.length) };
  files.forEach(([mediaSid, type], i) => {
    fields[`MediaUrl${i}`] = twilioMedia.mediaUrl(sid, mediaSid).replace(twilioMedia.url, proxies[1]!.url);
    fields[`MediaContentType${i}`] = type;
  });
  const path = `/webhooks/twilio/${api.org}/messages`;
  const r = await api.app.inject({ method: 'POST', url: path, payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TOKEN, `${PUBLIC}${path}`, fields) } });
  assert.equal(r.statusCode, 200, r.body);
}

/** The worker's round as it runs: replies and the agent's turns, then the files fetched, then what is due sent. */
async function round(at: Date): Promise<void> {
  await processInbound(api.db, api.org, at);
  await fetchAttachments({ db: api.db, limits: { maxBytes: 4096, timeoutMs: 2000 } }, api.org, at);
  await dispatchOnce({ db: api.db, now: () => at, adapters, publicUrl: PUBLIC });
}

async function debtor(phone: string) {
  const d = await aDebtor(api.db, api.org, { phone, whatsapp: phone }, ['sms', 'whatsapp']);
  await api.db.query(`UPDATE invoices SET due_date = '2026-03-05' WHERE id = $1`, [d.invoice.id]);
  return d;
}
const claimsOf = async (customerId: string) => (await api.app.inject({ method: 'GET', url: `/v1/agent/claims?customer_id=${customerId}`,
  headers: bearer(api.keys.viewer) })).json().data as { id: string; status: string; task_id: string; hold_until: string; proof: { id: string; status: string }[] }[];
const turnsOf = (customerId: string) => api.db.query<{ status: string; intent: string | null; confidence: number | null; understood_by: string | null; action: string | null }>(
  'SELECT status, intent, confidence, understood_by, action FROM agent_turns WHERE customer_id = $1 ORDER BY created_at, id', [customerId]);
const textsTo = (to: string) => meta.accepted.filter((m) => m['to'] === to || m['to'] === `+${to}`).map((m) => String((m['text'] as { body?: string } | undefined)?.body ?? ''));
const smsTo = (to: string) => twilio.accepted.filter((m) => m['To'] === to).map((m) => String(m['Body'] ?? ''));

describe('a receipt\'s photo on WhatsApp with no words', () => {
  let d: Awaited<ReturnType<typeof debtor>>;

  it('waits for the file, then opens a claim with it as proof and answers in Spanish through the gate', async () => {
    d = await debtor('+5215512350001');
    media.files.set('8001', { bytes: SAMPLE.jpeg, type: 'image/jpeg' });
    await postMeta('5215512350001', { id: 'wamid.receipt1', type: 'image', image: { mime_type: 'image/jpeg', sha256: 'x', id: '8001' } });
    await round(now);
    assert.deepEqual((await turnsOf(d.customer.id)).map((t) => t.status), ['pending'], 'the turn waits while the photo is fetched');
    assert.deepEqual(await claimsOf(d.customer.id), []);

    await round(later(31_000));
    const [turn] = await turnsOf(d.customer.id);
    assert.deepEqual(turn, { status: 'decided', intent: 'already_paid', confidence: 0.8, understood_by: 'file', action: 'payment_claim_recorded' });
    const [claim, ...more] = await claimsOf(d.customer.id);
    assert.equal(more.length, 0);
    assert.equal(claim?.status, 'open');
    assert.deepEqual(claim?.proof.map((p) => p.status), ['stored'], 'the photo is the claim\'s proof');
    const [task] = await api.db.query<{ note: string; priority: string }>('SELECT note, priority FROM tasks WHERE id = $1', [claim!.task_id]);
    assert.equal(task?.priority, 'high');
    assert.match(task!.note, /sent a file for as its proof, on whatsapp with no words/);
    assert.match(task!.note, /Proof attached on whatsapp .*image\/jpeg \(attachment /);
    const texts = textsTo('5215512350001');
    assert.equal(texts.length, 1, 'one answer, sent to Meta');
    assert.match(texts[0]!, /^Hola, le escribe el asistente automático de Main\. Recibimos su comprobante\. Lo vamos a verificar y le confirmaremos; pausamos los recordatorios hasta el viernes, 20 de marzo\.$/);
    assert.equal(claim?.hold_until, '2026-03-20');
    const [sent] = await api.db.query<{ status: string }>(`SELECT status FROM messages WHERE customer_id = $1 AND template = 'agent-reply'`, [d.customer.id]);
    assert.equal(sent?.status, 'sent', 'the answer went through the dispatcher and its gate');
    const [audit] = await api.db.query<{ data: { understood_by: string; intent: string } }>(
      `SELECT data FROM audit_log WHERE org_id = $1 AND action = 'agent.decided' AND entity_id = $2`, [api.org, d.customer.id]);
    assert.deepEqual([audit?.data.intent, audit?.data.understood_by], ['already_paid', 'file']);
    const [event] = await api.db.query<{ kind: string }>(`SELECT kind FROM case_events WHERE case_id = $1 AND kind = 'payment_claimed'`, [d.caseId]);
    assert.equal(event?.kind, 'payment_claimed', 'the claim is on the case timeline');
  });

  it('joins a second file (a PDF) to the open claim: no second claim, no second task', async () => {
    media.files.set('8002', { bytes: SAMPLE.pdf, type: 'application/pdf' });
    await postMeta('5215512350001', { id: 'wamid.receipt2', type: 'document', document: { mime_type: 'application/pdf', filename: 'transferencia.pdf', sha256: 'y', id: '8002' } });
    await round(later(60_000));
    await round(later(95_000));
    const claims = await claimsOf(d.customer.id);
    assert.equal(claims.length, 1);
    assert.deepEqual(claims[0]!.proof.map((p) => p.status), ['stored', 'stored']);
    assert.equal((await turnsOf(d.customer.id))[1]?.action, 'proof_received');
    const tasks = await api.db.query<{ note: string }>(`SELECT note FROM tasks WHERE customer_id = $1`, [d.customer.id]);
    assert.equal(tasks.length, 1, 'the same verification task');
    assert.match(tasks[0]!.note, /application\/pdf "transferencia\.pdf"/);
    const texts = textsTo('5215512350001');
    assert.equal(texts.length, 2);
    assert.match(texts[1]!, /^Recibimos su comprobante\. .*hasta el viernes, 20 de marzo\. \(asistente automático\)$/);
  });
});

describe('files over MMS (Twilio)', () => {
  it('takes a PDF with no words as proof and answers by SMS', async () => {
    const d = await debtor('+5215512350002');
    twilioMedia.files.set(ME(1), { bytes: SAMPLE.pdf, type: 'application/pdf' });
    await postMms('+5215512350002', MM(1), [[ME(1), 'application/pdf']]);
    await round(now);
    await round(later(31_000));
    const [claim] = await claimsOf(d.customer.id);
    assert.equal(claim?.status, 'open');
    assert.deepEqual(claim?.proof.map((p) => p.status), ['stored']);
    const sms = smsTo('+5215512350002');
    assert.equal(sms.length, 1);
    assert.match(sms[0]!, /Recibimos su comprobante\. Lo vamos a verificar y le confirmaremos; pausamos los recordatorios hasta el 20 mar\./);
  });

  it('opens no claim for a video: asks for a photo or PDF, then hands a second one to a person', async () => {
    const d = await debtor('+5215512350003');
    twilioMedia.files.set(ME(2), { bytes: SAMPLE.mp4, type: 'video/mp4' });
    twilioMedia.files.set(ME(3), { bytes: SAMPLE.mp4, type: 'video/mp4' });
    await postMms('+5215512350003', MM(2), [[ME(2), 'video/mp4']]);
    await round(now);
    await round(later(31_000));
    assert.deepEqual(await claimsOf(d.customer.id), []);
    assert.equal((await turnsOf(d.customer.id))[0]?.action, 'file_refused');
    assert.match(smsTo('+5215512350003')[0] ?? '', /Solo podemos leer fotos y archivos PDF\. Por favor envie el comprobante como foto o en PDF\./);
    await postMms('+5215512350003', MM(3), [[ME(3), 'video/mp4']]);
    await round(later(120_000));
    await round(later(151_000));
    assert.equal((await turnsOf(d.customer.id))[1]?.action, 'handed_over');
    assert.deepEqual(await claimsOf(d.customer.id), []);
  });

  it('thanks and keeps a photo from a debtor with nothing overdue, and opens no claim', async () => {
    const d = await debtor('+5215512350004');
    await api.db.query(`UPDATE invoices SET balance = 0, status = 'paid' WHERE id = $1`, [d.invoice.id]);
    await api.db.query(`UPDATE cases SET status = 'closed' WHERE id = $1`, [d.caseId]);
    twilioMedia.files.set(ME(4), { bytes: SAMPLE.png, type: 'image/png' });
    await postMms('+5215512350004', MM(4), [[ME(4), 'image/png']]);
    await round(later(300_000));
    await round(later(331_000));
    assert.deepEqual(await claimsOf(d.customer.id), []);
    const [kept] = await api.db.query<{ action: string; detail: string }>('SELECT action, detail FROM agent_turns WHERE customer_id = $1', [d.customer.id]);
    assert.equal(kept?.action, 'file_kept', kept?.detail);
    const [m] = await api.db.query<{ status: string; reason: string | null }>(`SELECT status, reason FROM messages WHERE customer_id = $1`, [d.customer.id]);
    assert.equal(m?.status, 'sent', `${kept?.detail} ${JSON.stringify(m)}`);
    assert.match(smsTo('+5215512350004')[0] ?? '', /Gracias, recibimos su archivo y lo guardamos con su cuenta\. No tiene pagos vencidos\./);
  });
});
