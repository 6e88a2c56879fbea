// Files sent with email replies, kept as WhatsApp's are: a signed Mailgun forward (multipart/form-data, attachment-N) with a
// receipt's PDF and photo kept once with the reply, the "ya pagué" claim holding them as its proof, listed and downloaded
// through the API and named on the case's timeline; a mail read from the org's IMAP mailbox (a loopback server) with a PDF
// attached and a signature's tiny inline logo (left out) kept sealed under field encryption; another type and a file over
// the org's cap refused with why; the cap and the fetch timeout changed through the API (validated, audited) and applied;
// SendGrid's raw form read as a mailbox's mail; a Mailgun store() notification's files fetched from Mailgun's host only.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mailgunSignature, metaSignature, requestErasure } from '../src/compliance/index.ts';
import { setAgentSettings } from '../src/agent/index.ts';
import { fetchAttachments, pollMailbox, processInbound, readStoredMessages, sandboxAdapters } from '../src/worker/index.ts';
import { configureFieldKeys, setFieldEncryption } from '../src/vault/index.ts';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { aDebtor, connect } from './support/messaging.ts';
import { imapServer, type ImapServer } from './support/imap-server.ts';
import { fakeMetaMedia, SAMPLE, type FakeMedia } from './support/providers/media.ts';
import { serve } from './support/providers/http.ts';

const now = new Date('2026-03-12T17:00:00Z'); // Thursday 11:00 in Mexico City
const KEY = 'key-mailgun-signing-files-01';
// the key pair of a SendGrid Inbound Parse security policy: SendGrid signs with the private key, the org keeps the public one
const parsePolicy = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const PARSE_PUBLIC_KEY = parsePolicy.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
let api: TestApi;
let imap: ImapServer;
let meta: FakeMedia;

before(async () => {
  configureFieldKeys({ fieldKey: randomBytes(32).toString('hex') });
  api = await testApi(() => now, { messaging: { adapters: sandboxAdapters(), publicUrl: 'https://cobro.test' } });
  imap = await imapServer({ user: 'cobranza@sol.example', password: 'buzon-secreto-1' });
  meta = await fakeMetaMedia({ accessToken: 'meta-access-token-2', apiVersion: 'v21.0' });
  await connect(api.db, api.org, 'meta_whatsapp', { phone_number_id: '1098765432', api_base: meta.url, api_version: 'v21.0' },
    { access_token: 'meta-access-token-2', app_secret: 'meta-app-secret-2', verify_token: 'verify-me-please' });
  assert.ok((await setAgentSettings(api.db, api.org, 'test', { enabled: true }, now)).ok);
  await connect(api.db, api.org, 'mailgun', {}, { webhook_signing_key: KEY });
  await connect(api.db, api.org, 'sendgrid', { from: 'Cobranza <cobranza@sol.example>', parse_public_key: PARSE_PUBLIC_KEY }, { api_key: 'SG.files-test.key-0001' });
  await connect(api.db, api.org, 'imap', { host: '127.0.0.1', port: imap.port, secure: false, user: 'cobranza@sol.example', max_message_bytes: 5_000_000,
    timeout_seconds: 5 }, { password: 'buzon-secreto-1' });
});
after(async () => { await meta.close(); await imap.close(); await api.close(); configureFieldKeys({}); });

interface File { name: string; type: string; bytes: Buffer }

/** A route's forward as Mailgun posts mail with attachments: multipart/form-data, signed with the org's key. */
async function postMailgun(from: string, id: string, text: string, files: File[], extra: Record<string, string> = {}) {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const token = randomBytes(25).toString('hex');
  const form = new FormData();
  const fields = { sender: from, from: `Ana <${from}>`, recipient: 'cobranza@sol.example', subject: 'Re: factura', 'body-plain': text, 'stripped-text': text,
    'Message-Id': id, timestamp, token, signature: mailgunSignature(KEY, timestamp, token), 'attachment-count': String(files.length), ...extra };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  files.forEach((f, i) => form.append(`attachment-${i + 1}`, new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name));
  const req = new Request('https://cobro.test/x', { method: 'POST', body: form });
  return api.app.inject({ method: 'POST', url: `/webhooks/mailgun/${api.org}/inbound`, payload: Buffer.from(await req.arrayBuffer()),
    headers: { 'content-type': req.headers.get('content-type')! } });
}

/** Mail as Inbound Parse posts it (parsed, multipart/form-data), signed over the timestamp then the raw body. */
async function postSendGrid(from: string, id: string, text: string, files: File[], signWith = parsePolicy.privateKey) {
  const form = new FormData();
  const info = Object.fromEntries(files.map((f, i) => [`attachment${i + 1}`, { filename: f.name, name: f.name, type: f.type }]));
  const fields = { from: `Rosa <${from}>`, to: 'cobranza@sol.example', subject: 'Re: factura', text: `${text}\n\nEl mar, 10 mar 2026 escribió:\n> Su factura vence`,
    headers: `Message-ID: ${id}\nDate: Thu, 12 Mar 2026 10:58:00 -0600\nFrom: Rosa <${from}>`, envelope: JSON.stringify({ to: ['cobranza@sol.example'], from }),
    attachments: String(files.length), 'attachment-info': JSON.stringify(info) };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  files.forEach((f, i) => form.append(`attachment${i + 1}`, new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name));
  const req = new Request('https://cobro.test/x', { method: 'POST', body: form });
  const body = Buffer.from(await req.arrayBuffer());
  const ts = String(Math.floor(now.getTime() / 1000));
  return api.app.inject({ method: 'POST', url: `/webhooks/sendgrid/${api.org}/inbound`, payload: body, headers: { 'content-type': req.headers.get('content-type')!,
    'x-twilio-email-event-webhook-timestamp': ts, 'x-twilio-email-event-webhook-signature': sign('sha256', Buffer.concat([Buffer.from(ts), body]), signWith).toString('base64') } });
}

async function debtor(email: string) {
  const d = await aDebtor(api.db, api.org, { email }, ['email']);
  await api.db.query(`UPDATE invoices SET due_date = '2026-03-05' WHERE id = $1`, [d.invoice.id]);
  return d;
}
const files = (customerId: string) => api.db.query<{ id: string; inbound_id: string; provider: string; status: string; content_type: string | null;
  filename: string | null; error: string | null; claim_id: string | null; data: Uint8Array | null; data_sealed: string | null; size: number }>(
  `SELECT id, inbound_id, provider, status, content_type, filename, error, claim_id, data, data_sealed, size FROM inbound_attachments
   WHERE customer_id = $1 ORDER BY created_at, id`, [customerId]);

describe('a Mailgun reply with a PDF and a photo', () => {
  let d: Awaited<ReturnType<typeof debtor>>;
  let reply: string;

  it('keeps both files once, however often Mailgun posts it, and the claim takes them as its proof', async () => {
    d = await debtor('ana@cliente.example');
    const sent = [{ name: 'comprobante.pdf', type: 'application/pdf', bytes: SAMPLE.pdf }, { name: 'foto.jpg', type: 'image/jpeg', bytes: SAMPLE.jpeg }];
    const first = await postMailgun('ana@cliente.example', '<reply-ana-1@mail.cliente.example>', 'Ya pagué todo ayer, les mando el comprobante.', sent);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal((await postMailgun('ana@cliente.example', '<reply-ana-1@mail.cliente.example>', 'Ya pagué todo ayer, les mando el comprobante.', sent)).statusCode, 200);
    const [raw] = await api.db.query<{ body: string }>(`SELECT body FROM inbox_events WHERE org_id = $1 AND provider = 'mailgun'`, [api.org]);
    assert.ok(!raw!.body.includes('transfer receipt') && raw!.body.includes('kept apart'), 'the inbox keeps the body without the files\' bytes');
    await processInbound(api.db, api.org, now);
    const report = await fetchAttachments({ db: api.db }, api.org, now);
    assert.equal(report.tried, 0, 'nothing to fetch: the files came with the mail');
    const rows = await files(d.customer.id);
    assert.deepEqual(rows.map((f) => [f.provider, f.status, f.content_type, f.filename, Buffer.from(f.data!).toString('base64')]), [
      ['mailgun', 'stored', 'application/pdf', 'comprobante.pdf', SAMPLE.pdf.toString('base64')],
      ['mailgun', 'stored', 'image/jpeg', 'foto.jpg', SAMPLE.jpeg.toString('base64')]]);
    const [claim] = await api.db.query<{ id: string; task_id: string }>(`SELECT id, task_id FROM agent_claims WHERE customer_id = $1 AND status = 'open'`, [d.customer.id]);
    assert.deepEqual(rows.map((f) => f.claim_id), [claim!.id, claim!.id]);
    const [task] = await api.db.query<{ note: string }>('SELECT note FROM tasks WHERE id = $1', [claim!.task_id]);
    assert.match(task!.note, /Proof attached on email .*application\/pdf "comprobante.pdf"/);
    reply = rows[0]!.inbound_id;
  });

  it('lists and downloads them through the API, and names them on the case\'s timeline', async () => {
    const list = await api.app.inject({ method: 'GET', url: `/v1/replies/${reply}/attachments`, headers: bearer(api.keys.viewer) });
    assert.deepEqual(list.json().data.map((a: { status: string; filename: string }) => [a.status, a.filename]), [['stored', 'comprobante.pdf'], ['stored', 'foto.jpg']]);
    const id = list.json().data[0].id as string;
    const file = await api.app.inject({ method: 'GET', url: `/v1/replies/${reply}/attachments/${id}`, headers: bearer(api.keys.collector) });
    assert.deepEqual([file.statusCode, file.headers['content-type'], file.rawPayload.equals(SAMPLE.pdf)], [200, 'application/pdf', true]);
    const story = (await api.app.inject({ method: 'GET', url: `/v1/cases/${d.caseId}`, headers: bearer(api.keys.viewer) })).json();
    const entry = story.timeline.find((e: { kind: string; data: { inbound_id?: string } }) => e.kind === 'reply_received' && e.data.inbound_id === reply);
    assert.deepEqual(entry?.data.attachments.map((a: { content_type: string }) => a.content_type), ['application/pdf', 'image/jpeg']);
  });

  it('takes a 6 MB file on the mail route (32 MB) though every other webhook stops at 5 MB', async () => {
    const e = await debtor('pablo@cliente.example');
    const scan = Buffer.concat([SAMPLE.pdf, Buffer.alloc(6 * 1024 * 1024)]);
    const r = await postMailgun('pablo@cliente.example', '<reply-pablo-1@mail.cliente.example>', 'Adjunto el escaneo del pago.', [{ name: 'scan.pdf', type: 'application/pdf', bytes: scan }]);
    assert.equal(r.statusCode, 200, r.body);
    await processInbound(api.db, api.org, now);
    assert.deepEqual((await files(e.customer.id)).map((f) => [f.status, f.size]), [['stored', scan.length]]);
    const events = await api.app.inject({ method: 'POST', url: `/webhooks/mailgun/${api.org}/events`, payload: scan, headers: { 'content-type': 'application/json' } });
    assert.equal(events.statusCode, 413);
  });

  it('refuses a file of another type and one over the org\'s cap, with why; a reply of only a file is kept', async () => {
    const e = await debtor('luis@cliente.example');
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(3000)]);
    const big = Buffer.concat([SAMPLE.pdf, Buffer.alloc(1024 * 1024)]);
    const put = await api.app.inject({ method: 'PUT', url: '/v1/replies/file-settings', payload: { max_file_mb: 1 }, headers: bearer(api.keys.manager) });
    assert.deepEqual(put.json(), { max_file_mb: 1, fetch_timeout_seconds: 15, defaults: { max_file_mb: 10, fetch_timeout_seconds: 15 } });
    assert.equal((await postMailgun('luis@cliente.example', '<reply-luis-1@mail.cliente.example>', '',
      [{ name: 'logo.gif', type: 'image/gif', bytes: gif }, { name: 'estado.pdf', type: 'application/pdf', bytes: big }])).statusCode, 200);
    await processInbound(api.db, api.org, now);
    const rows = await files(e.customer.id);
    assert.deepEqual(rows.map((f) => [f.status, f.error?.split(':')[0], f.data, f.size]), [['refused', 'TYPE_NOT_ALLOWED', null, gif.length],
      ['refused', 'TOO_LARGE', null, big.length]]);
    const [text] = await api.db.query<{ text: string }>('SELECT text FROM inbound_messages WHERE id = $1', [rows[0]!.inbound_id]);
    assert.equal(text?.text, '', 'a reply of only files, no words');
    assert.equal((await api.app.inject({ method: 'PUT', url: '/v1/replies/file-settings', payload: { max_file_mb: 10 }, headers: bearer(api.keys.manager) })).statusCode, 200);
  });
});

describe('a reply through SendGrid\'s Inbound Parse with a PDF and a photo', () => {
  it('is refused unsigned or signed by another key, then kept once with its files, the claim taking them as its proof', async () => {
    const d = await debtor('rosa@cliente.example');
    const sent = [{ name: 'transferencia.pdf', type: 'application/pdf', bytes: SAMPLE.pdf }, { name: 'IMG_0042.HEIC', type: 'image/heic', bytes: SAMPLE.heic }];
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    const forged = await postSendGrid('rosa@cliente.example', '<reply-rosa-1@mail.cliente.example>', 'Ya pagué el total.', sent, other);
    assert.deepEqual([forged.statusCode, forged.json().error.code], [403, 'SIGNATURE_MISMATCH']);
    assert.deepEqual(await api.db.query(`SELECT id FROM inbound_attachments WHERE provider = 'sendgrid'`), [], 'nothing kept before the signature holds');
    for (let i = 0; i < 2; i++) {
      const r = await postSendGrid('rosa@cliente.example', '<reply-rosa-1@mail.cliente.example>', 'Ya pagué el total.', sent);
      assert.equal(r.statusCode, 200, r.body);
    }
    await processInbound(api.db, api.org, now);
    const rows = await files(d.customer.id);
    assert.deepEqual(rows.map((f) => [f.provider, f.status, f.content_type, f.filename]),
      [['sendgrid', 'stored', 'application/pdf', 'transferencia.pdf'], ['sendgrid', 'stored', 'image/heic', 'IMG_0042.HEIC']]);
    const [m] = await api.db.query<{ text: string }>('SELECT text FROM inbound_messages WHERE id = $1', [rows[0]!.inbound_id]);
    assert.equal(m?.text, 'Ya pagué el total.', 'the new words, without the quoted reminder');
    const [claim] = await api.db.query<{ id: string }>(`SELECT id FROM agent_claims WHERE customer_id = $1 AND status = 'open'`, [d.customer.id]);
    assert.deepEqual(rows.map((f) => f.claim_id), [claim!.id, claim!.id]);
  });
});

/** Mail as Inbound Parse posts it with "send raw" on: the whole MIME message in `email`, signed as the parsed form is. */
async function postSendGridRaw(mime: string, from: string, signWith = parsePolicy.privateKey) {
  const form = new FormData();
  const fields = { email: mime, to: 'cobranza@sol.example', from: `Sara <${from}>`, subject: 'Re: su factura',
    envelope: JSON.stringify({ to: ['cobranza@sol.example'], from }), charsets: JSON.stringify({ to: 'UTF-8', from: 'UTF-8', subject: 'UTF-8' }),
    SPF: 'pass', dkim: '{@cliente.example : pass}', sender_ip: '203.0.113.5' };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const req = new Request('https://cobro.test/x', { method: 'POST', body: form });
  const body = Buffer.from(await req.arrayBuffer());
  const ts = String(Math.floor(now.getTime() / 1000));
  return api.app.inject({ method: 'POST', url: `/webhooks/sendgrid/${api.org}/inbound`, payload: body, headers: { 'content-type': req.headers.get('content-type')!,
    'x-twilio-email-event-webhook-timestamp': ts, 'x-twilio-email-event-webhook-signature': sign('sha256', Buffer.concat([Buffer.from(ts), body]), signWith).toString('base64') } });
}

describe('a reply through SendGrid\'s Inbound Parse posted raw (the whole MIME message)', () => {
  it('is refused signed by another key, then read as the mailbox reads mail: the PDF kept once, the tiny logo and the quoted text left out', async () => {
    const d = await debtor('sara@cliente.example');
    const mime = mimeReply('sara@cliente.example', '<reply-sara-1@mail.cliente.example>',
      'Ya pagué, adjunto el comprobante.\r\n\r\nEl mar, 10 mar 2026 escribió:\r\n> Su factura vence', SAMPLE.pdf);
    const forged = await postSendGridRaw(mime, 'sara@cliente.example', generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey);
    assert.deepEqual([forged.statusCode, forged.json().error.code], [403, 'SIGNATURE_MISMATCH']);
    for (let i = 0; i < 2; i++) assert.equal((await postSendGridRaw(mime, 'sara@cliente.example')).statusCode, 200);
    await processInbound(api.db, api.org, now);
    const rows = await files(d.customer.id);
    assert.deepEqual(rows.map((f) => [f.provider, f.status, f.content_type, f.filename]), [['sendgrid', 'stored', 'application/pdf', 'pago.pdf']],
      'the PDF once, the 208-byte inline logo left out');
    const [m] = await api.db.query<{ text: string; provider_message_id: string }>('SELECT text, provider_message_id FROM inbound_messages WHERE id = $1', [rows[0]!.inbound_id]);
    assert.deepEqual([m?.text, m?.provider_message_id], ['Ya pagué, adjunto el comprobante.', '<reply-sara-1@mail.cliente.example>']);
    const kept = await api.db.query<{ body: string }>(`SELECT body FROM inbox_events WHERE org_id = $1 AND provider = 'sendgrid' AND event_id LIKE '%reply-sara-1%'`, [api.org]);
    assert.equal(kept.length, 1);
    assert.ok(kept[0]!.body.includes('Message-ID: <reply-sara-1@mail.cliente.example>') && !kept[0]!.body.includes(SAMPLE.pdf.toString('base64')),
      'the inbox keeps the mail\'s headers, not the file in the clear');
    const [claim] = await api.db.query<{ id: string }>(`SELECT id FROM agent_claims WHERE customer_id = $1 AND status = 'open'`, [d.customer.id]);
    assert.equal(rows[0]!.claim_id, claim?.id);
  });

  it('keeps an automatic reply out of the conversation', async () => {
    const d = await debtor('oficina@cliente.example');
    const mime = ['From: Oficina <oficina@cliente.example>', 'To: cobranza@sol.example', 'Subject: Respuesta automática: su factura',
      'Message-ID: <auto-1@cliente.example>', 'Auto-Submitted: auto-replied', 'Content-Type: text/plain; charset=utf-8', '', 'Estoy fuera de la oficina.', ''].join('\r\n');
    assert.equal((await postSendGridRaw(mime, 'oficina@cliente.example')).statusCode, 200);
    await processInbound(api.db, api.org, now);
    assert.deepEqual(await api.db.query('SELECT id FROM inbound_messages WHERE customer_id = $1', [d.customer.id]), []);
  });
});

describe('the limits on files as settings', () => {
  it('are validated naming the field, changed only by managers, audited, and applied to the fetch', async () => {
    const bad = await api.app.inject({ method: 'PUT', url: '/v1/replies/file-settings', payload: { fetch_timeout_seconds: 2 }, headers: bearer(api.keys.manager) });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'fetch_timeout_seconds');
    assert.match(bad.json().error.message, /fetch_timeout_seconds: seconds: at least 5/);
    const big = await api.app.inject({ method: 'PUT', url: '/v1/replies/file-settings', payload: { max_file_mb: 26 }, headers: bearer(api.keys.manager) });
    assert.deepEqual([big.statusCode, big.json().error.field], [400, 'max_file_mb']);
    assert.equal((await api.app.inject({ method: 'PUT', url: '/v1/replies/file-settings', payload: { max_file_mb: 5 }, headers: bearer(api.keys.collector) })).statusCode, 403);
    const ok = await api.app.inject({ method: 'PUT', url: '/v1/replies/file-settings', payload: { fetch_timeout_seconds: 30 }, headers: bearer(api.keys.admin) });
    assert.deepEqual([ok.statusCode, ok.json().fetch_timeout_seconds, ok.json().max_file_mb], [200, 30, 10]);
    const read = await api.app.inject({ method: 'GET', url: '/v1/replies/file-settings', headers: bearer(api.keys.viewer) });
    assert.equal(read.json().fetch_timeout_seconds, 30);
    const [audit] = await api.db.query<{ data: { before: { fetch_timeout_seconds: number }; after: { fetch_timeout_seconds: number } } }>(
      `SELECT data FROM audit_log WHERE org_id = $1 AND action = 'replies.file_settings_changed' ORDER BY at DESC, id DESC LIMIT 1`, [api.org]);
    assert.deepEqual([audit?.data.before.fetch_timeout_seconds, audit?.data.after.fetch_timeout_seconds], [15, 30]);
    assert.equal((await api.app.inject({ method: 'GET', url: '/v1/replies/file-settings', headers: bearer(api.otherKey) })).json().fetch_timeout_seconds, 15,
      'another org keeps the defaults');
    // the worker's fetch from WhatsApp holds the org's cap: a 1.5 MB photo refused once the cap is 1 MB
    assert.equal((await api.app.inject({ method: 'PUT', url: '/v1/replies/file-settings', payload: { max_file_mb: 1 }, headers: bearer(api.keys.manager) })).statusCode, 200);
    const d = await aDebtor(api.db, api.org, { phone: '+5215512349901', whatsapp: '+5215512349901' }, ['whatsapp']);
    meta.files.set('9901', { bytes: Buffer.concat([SAMPLE.jpeg, Buffer.alloc(1536 * 1024)]), type: 'image/jpeg' });
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'W', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp', metadata: { display_phone_number: '5215500000000', phone_number_id: '1098765432' },
      messages: [{ from: '5215512349901', timestamp: String(now.getTime() / 1000), id: 'wamid.big1', type: 'image', image: { mime_type: 'image/jpeg', id: '9901' } }] } }] }] });
    assert.equal((await api.app.inject({ method: 'POST', url: `/webhooks/meta/${api.org}/whatsapp`, payload: body,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature('meta-app-secret-2', body) } })).statusCode, 200);
    await processInbound(api.db, api.org, now);
    assert.equal((await fetchAttachments({ db: api.db }, api.org, now)).refused, 1);
    const [photo] = await files(d.customer.id);
    assert.match(photo?.error ?? '', /^TOO_LARGE: .*at most 1048576/);
    assert.equal((await api.app.inject({ method: 'PUT', url: '/v1/replies/file-settings', payload: { max_file_mb: 10 }, headers: bearer(api.keys.manager) })).statusCode, 200);
  });
});

/** A reply as a mail program sends it: the words, a signature's tiny inline logo, and a PDF attached. */
function mimeReply(from: string, id: string, text: string, pdf: Buffer): string {
  const b = 'b1_files';
  const logo = Buffer.concat([SAMPLE.png, Buffer.alloc(200)]);
  return [`From: Marta <${from}>`, 'To: cobranza@sol.example', 'Subject: Re: su factura', `Message-ID: ${id}`, 'Date: Thu, 12 Mar 2026 10:55:00 -0600',
    'MIME-Version: 1.0', `Content-Type: multipart/mixed; boundary="${b}"`, '', `--${b}`, 'Content-Type: text/plain; charset=utf-8', '', text, '',
    `--${b}`, 'Content-Type: image/png; name="logo.png"', 'Content-Disposition: inline; filename="logo.png"', 'Content-ID: <logo@sol>',
    'Content-Transfer-Encoding: base64', '', logo.toString('base64'), '',
    `--${b}`, 'Content-Type: application/octet-stream; name="pago.pdf"', 'Content-Disposition: attachment; filename="pago.pdf"',
    'Content-Transfer-Encoding: base64', '', pdf.toString('base64'), '', `--${b}--`, ''].join('\r\n');
}

describe('a reply read from the IMAP mailbox, under field encryption', () => {
  it('keeps the attached PDF sealed, leaves the signature\'s tiny logo out, and erasure deletes it', async () => {
    assert.ok((await api.db.transaction((tx) => setFieldEncryption(tx, api.org, 'test', true, now))).ok);
    const d = await debtor('marta@cliente.example');
    imap.add(mimeReply('marta@cliente.example', '<reply-marta-1@mail.cliente.example>', 'Ya pagué, adjunto el comprobante.', SAMPLE.pdf));
    const polled = await pollMailbox({ db: api.db }, api.org, now, { force: true });
    assert.ok(polled, 'the mailbox was read');
    await processInbound(api.db, api.org, now);
    await fetchAttachments({ db: api.db }, api.org, now);
    const rows = await files(d.customer.id);
    assert.deepEqual(rows.map((f) => [f.provider, f.status, f.content_type, f.filename, f.data, typeof f.data_sealed]),
      [['email', 'stored', 'application/pdf', 'pago.pdf', null, 'string']], 'only the PDF, sealed; the 208-byte inline logo left out');
    const [kept] = await api.db.query<{ body: string }>(`SELECT body FROM inbox_events WHERE org_id = $1 AND provider = 'email' AND event_id LIKE '%reply-marta-1%'`, [api.org]);
    assert.ok(kept!.body.includes('Message-ID: <reply-marta-1@mail.cliente.example>') && !kept!.body.includes(SAMPLE.pdf.toString('base64')),
      'the inbox keeps the mail\'s headers, not the file in the clear');
    const file = await api.app.inject({ method: 'GET', url: `/v1/replies/${rows[0]!.inbound_id}/attachments/${rows[0]!.id}`, headers: bearer(api.keys.collector) });
    assert.ok(file.rawPayload.equals(SAMPLE.pdf), 'opened when downloaded');
    const [claim] = await api.db.query<{ id: string }>(`SELECT id FROM agent_claims WHERE customer_id = $1 AND status = 'open'`, [d.customer.id]);
    assert.equal(rows[0]!.claim_id, claim?.id);
    await api.db.query('UPDATE invoices SET balance = 0 WHERE customer_id = $1', [d.customer.id]);
    const r = await api.db.transaction((tx) => requestErasure(tx, api.org, 'test', d.customer.id, now));
    assert.equal(r.ok && r.value.outcome === 'erased' ? r.value.counts['inbound_attachments'] : null, 1, JSON.stringify(r));
    assert.deepEqual(await files(d.customer.id), []);
  });
});

describe('a reply Mailgun stored (a route\'s store(notify)), its files named by URL', () => {
  it('fetches the listed PDF with the org\'s API key from Mailgun\'s host, and never a URL elsewhere', async () => {
    const seen: { path: string; auth: string | undefined }[] = [];
    const storage = await serve((req, res) => {
      seen.push({ path: req.path, auth: req.headers.authorization });
      if (req.headers.authorization !== `Basic ${Buffer.from('api:key-mailgun-api-files-01').toString('base64')}`) { res.statusCode = 401; res.end('Forbidden'); return; }
      if (req.path !== '/v3/domains/mg.sol.example/messages/STORED1/attachments/0') { res.statusCode = 404; res.end(); return; }
      res.setHeader('content-type', 'application/pdf');
      res.end(SAMPLE.pdf);
    });
    try {
      await connect(api.db, api.org, 'mailgun', { domain: 'mg.sol.example', from: 'Cobranza <cobranza@mg.sol.example>', api_base: storage.url },
        { webhook_signing_key: KEY, api_key: 'key-mailgun-api-files-01' });
      const d = await debtor('irma@cliente.example');
      const timestamp = String(Math.floor(now.getTime() / 1000));
      const token = randomBytes(25).toString('hex');
      const message = `${storage.url}/v3/domains/mg.sol.example/messages/STORED1`;
      const form = new URLSearchParams({ sender: 'irma@cliente.example', from: 'Irma <irma@cliente.example>', recipient: 'cobranza@mg.sol.example',
        subject: 'Re: factura', 'body-plain': 'Ya pagué, va el recibo.', 'stripped-text': 'Ya pagué, va el recibo.', 'Message-Id': '<stored-irma-1@cliente.example>',
        timestamp, token, signature: mailgunSignature(KEY, timestamp, token), 'message-url': message, domain: 'mg.sol.example',
        attachments: JSON.stringify([{ url: `${message}/attachments/0`, 'content-type': 'application/pdf', name: 'recibo.pdf', size: SAMPLE.pdf.length },
          { url: 'http://169.254.169.254/latest/meta-data/iam', 'content-type': 'application/pdf', name: 'otro.pdf', size: 100 },
          { url: 'https://storage.api.mailgun.net.evil.example/v3/domains/mg.sol.example/messages/X/attachments/1', 'content-type': 'image/jpeg', name: 'f.jpg', size: 5000 }]) });
      const r = await api.app.inject({ method: 'POST', url: `/webhooks/mailgun/${api.org}/inbound`, payload: form.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(r.statusCode, 200, r.body);
      // the stored message itself is no longer kept (404 here): the files its notification named are fetched by URL
      assert.equal((await readStoredMessages({ db: api.db }, api.org, now)).posted, 1);
      await processInbound(api.db, api.org, now);
      await fetchAttachments({ db: api.db }, api.org, now);
      const rows = await files(d.customer.id);
      assert.deepEqual(rows.map((f) => [f.provider, f.status, f.filename, f.error?.split(':')[0] ?? null]), [['mailgun', 'stored', 'recibo.pdf', null],
        ['mailgun', 'failed', 'otro.pdf', 'BAD_URL'], ['mailgun', 'failed', 'f.jpg', 'BAD_URL']]);
      const file = await api.app.inject({ method: 'GET', url: `/v1/replies/${rows[0]!.inbound_id}/attachments/${rows[0]!.id}`, headers: bearer(api.keys.collector) });
      assert.ok(file.rawPayload.equals(SAMPLE.pdf), 'the bytes Mailgun stored (sealed: the org has field encryption on)');
      assert.match(rows[1]!.error ?? '', /169\.254\.169\.254 is not one of Mailgun's API hosts/);
      assert.deepEqual(seen.map((s) => s.path), ['/v3/domains/mg.sol.example/messages/STORED1', '/v3/domains/mg.sol.example/messages/STORED1/attachments/0'],
        'only Mailgun\'s host was asked, once for the message and once for the file');
      const [claim] = await api.db.query<{ id: string }>(`SELECT id FROM agent_claims WHERE customer_id = $1 AND status = 'open'`, [d.customer.id]);
      assert.equal(rows[0]!.claim_id, claim?.id);
    } finally { await storage.close(); }
  });
});
