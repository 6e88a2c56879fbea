// Inbound email as the mail itself says it: a Mailgun store() notification's stored message read by the worker from the
// fake Mailgun (Basic api:<key>, Accept: message/rfc2822) and its words, threading (References), automatic-reply headers and
// files used in place of the posted fields; a URL at another host refused without a request; a 503 asked again, then a
// message no longer stored leaving the posted fields to decide. An out-of-office posted raw by SendGrid, or forwarded by a
// Mailgun route, kept as a mailbox's is: in the inbox, not in the conversation, not answered, not read for STOP.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mailgunSignature } from '../src/compliance/index.ts';
import { setAgentSettings } from '../src/agent/index.ts';
import { dispatchOnce, fetchAttachments, processInbound, readStoredMessages, sandboxAdapters, vaultAdapters } from '../src/worker/index.ts';
import { testApi, type TestApi } from './support/api.ts';
import { aDebtor, aSend, connect, messagesOf } from './support/messaging.ts';
import { fakeMailgun, type FakeMailgun } from './support/providers/email-apis.ts';
import { SAMPLE } from './support/providers/media.ts';

const now = new Date('2026-03-12T17:00:00Z'); // Thursday 11:00 in Mexico City
const SIGNING = 'key-mailgun-signing-stored-01';
const API_KEY = 'key-mailgun-api-stored-01';
const DOMAIN = 'mg.sol.example';
const parsePolicy = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
let api: TestApi;
let mailgun: FakeMailgun;

before(async () => {
  api = await testApi(() => now);
  mailgun = await fakeMailgun({ apiKey: API_KEY, domain: DOMAIN });
  assert.ok((await setAgentSettings(api.db, api.org, 'test', { enabled: true }, now)).ok);
  await connect(api.db, api.org, 'mailgun', { domain: DOMAIN, from: `Cobranza <cobranza@${DOMAIN}>`, api_base: mailgun.url },
    { webhook_signing_key: SIGNING, api_key: API_KEY });
});
after(async () => { await mailgun.close(); await api.close(); });

async function debtor(email: string) {
  const d = await aDebtor(api.db, api.org, { email }, ['email']);
  await api.db.query(`UPDATE invoices SET due_date = '2026-03-05' WHERE id = $1`, [d.invoice.id]);
  return d;
}

/** A reminder sent to the debtor through the fake Mailgun: its Message-ID as cobro keeps it. */
async function reminderTo(d: Awaited<ReturnType<typeof debtor>>): Promise<{ id: string; providerId: string }> {
  const action = await aSend(api.db, api.org, d, ['email'], { scheduledFor: '2026-03-12' });
  const adapters = vaultAdapters({ db: api.db, publicUrl: 'https://cobro.test', fallback: sandboxAdapters(), recheckMs: 0 });
  try { await dispatchOnce({ db: api.db, now: () => now, adapters, publicUrl: 'https://cobro.test' }); } finally { adapters.close(); }
  const [m] = await messagesOf(api.db, action);
  assert.equal(m?.provider, 'mailgun', JSON.stringify(m));
  return { id: m!.id, providerId: m!.provider_message_id! };
}

/** A route's store(notify) post: the parsed fields, the stored message's URL, its files named by URL; signed with the org's key. */
async function notify(fields: Record<string, string>) {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const token = randomBytes(25).toString('hex');
  const form = new URLSearchParams({ recipient: `cobranza@${DOMAIN}`, subject: 'Re: factura', domain: DOMAIN, timestamp, token,
    signature: mailgunSignature(SIGNING, timestamp, token), ...fields });
  const r = await api.app.inject({ method: 'POST', url: `/webhooks/mailgun/${api.org}/inbound`, payload: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.statusCode, 200, r.body);
}

/** A mail as a mail program sends it: headers, the words, and a PDF when given. */
function mime(headers: string[], text: string, pdf?: Buffer): string {
  if (!pdf) return [...headers, 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n');
  const b = 'b2_stored';
  return [...headers, 'MIME-Version: 1.0', `Content-Type: multipart/mixed; boundary="${b}"`, '', `--${b}`, 'Content-Type: text/plain; charset=utf-8', '', text, '',
    `--${b}`, 'Content-Type: application/pdf; name="pago.pdf"', 'Content-Disposition: attachment; filename="pago.pdf"', 'Content-Transfer-Encoding: base64', '',
    pdf.toString('base64'), '', `--${b}--`, ''].join('\r\n');
}

const inbox = async (eventId: string) => (await api.db.query<{ status: string; error: string | null; attempts: number }>(
  `SELECT status, error, attempts FROM inbox_events WHERE org_id = $1 AND event_id = $2`, [api.org, `${api.org}/${eventId}`]))[0];
const replies = (customerId: string) => api.db.query<{ text: string; in_reply_to: string | null; provider: string }>(
  'SELECT text, in_reply_to, provider FROM inbound_messages WHERE customer_id = $1', [customerId]);
const turns = async (customerId: string) => (await api.db.query('SELECT id FROM agent_turns WHERE customer_id = $1', [customerId])).length;
const suppressed = async (customerId: string) => (await api.db.query('SELECT id FROM suppressions WHERE customer_id = $1', [customerId])).length;
const storedUrl = (key: string) => `${mailgun.url}/v3/domains/${DOMAIN}/messages/${key}`;

describe('a Mailgun store() notification with its stored message\'s URL', () => {
  it('reads the stored message with the org\'s key as MIME, and takes its words, its thread and its PDF in place of the posted fields', async () => {
    const d = await debtor('ines@cliente.example');
    const sent = await reminderTo(d);
    mailgun.stored.set('KEYINES1', { mime: mime(['From: Inés <ines@cliente.example>', `To: cobranza@${DOMAIN}`, 'Subject: Re: factura',
      'Message-ID: <stored-ines-1@cliente.example>', 'Date: Thu, 12 Mar 2026 10:50:00 -0600', 'In-Reply-To: <otro-hilo@cliente.example>',
      `References: ${sent.providerId} <otro-hilo@cliente.example>`], 'Ya pagué, adjunto el comprobante.\r\n\r\nEl mar, 10 mar 2026 escribió:\r\n> Su factura vence', SAMPLE.pdf),
    files: [{ type: 'application/pdf', bytes: SAMPLE.pdf }] });
    const asked = mailgun.asked.length;
    await notify({ sender: 'ines@cliente.example', from: 'Inés <ines@cliente.example>', 'Message-Id': '<stored-ines-1@cliente.example>',
      'body-plain': 'lo que Mailgun publicó', 'stripped-text': 'lo que Mailgun publicó', 'message-url': storedUrl('KEYINES1'),
      attachments: JSON.stringify([{ url: `${storedUrl('KEYINES1')}/attachments/0`, 'content-type': 'application/pdf', name: 'pago.pdf', size: SAMPLE.pdf.length }]) });

    await processInbound(api.db, api.org, now);
    assert.deepEqual(await replies(d.customer.id), [], 'the reply waits for its stored message');
    const read = await readStoredMessages({ db: api.db }, api.org, now);
    assert.deepEqual(read, { tried: 1, read: 1, posted: 0, waiting: 0 });
    assert.deepEqual(mailgun.asked.slice(asked), [{ path: `/v3/domains/${DOMAIN}/messages/KEYINES1`, auth: `Basic ${Buffer.from(`api:${API_KEY}`).toString('base64')}`,
      accept: 'message/rfc2822' }], 'the message asked once, in MIME form, with Basic api:<key>');
    await processInbound(api.db, api.org, now);
    assert.deepEqual(await replies(d.customer.id), [{ text: 'Ya pagué, adjunto el comprobante.', in_reply_to: sent.id, provider: 'mailgun' }],
      'the message\'s own words, threaded to the reminder its References name');
    assert.equal((await fetchAttachments({ db: api.db }, api.org, now)).tried, 0, 'the PDF came inside the message: nothing fetched by URL');
    const files = await api.db.query<{ status: string; filename: string; content_type: string }>(
      `SELECT status, filename, content_type FROM inbound_attachments WHERE customer_id = $1`, [d.customer.id]);
    assert.deepEqual(files, [{ status: 'stored', filename: 'pago.pdf', content_type: 'application/pdf' }]);
    assert.equal(mailgun.asked.length, asked + 1, 'no file asked by URL');
    assert.match((await inbox('<stored-ines-1@cliente.example>'))?.error ?? '', /^read from the message Mailgun stored/);
    assert.equal(await turns(d.customer.id), 1, 'the agent takes its turn');
  });

  it('takes an out-of-office from the stored message\'s headers though the posted fields do not say so', async () => {
    const d = await debtor('oscar@cliente.example');
    mailgun.stored.set('KEYOSCAR', { mime: mime(['From: Óscar <oscar@cliente.example>', `To: cobranza@${DOMAIN}`, 'Subject: Re: factura',
      'Message-ID: <stored-oscar-1@cliente.example>', 'Auto-Submitted: auto-replied'], 'Estoy de viaje. No me escriban más a este correo.') });
    await notify({ sender: 'oscar@cliente.example', from: 'Óscar <oscar@cliente.example>', 'Message-Id': '<stored-oscar-1@cliente.example>',
      'body-plain': 'Estoy de viaje. No me escriban más a este correo.', 'stripped-text': 'Estoy de viaje. No me escriban más a este correo.',
      'message-url': storedUrl('KEYOSCAR') });
    await readStoredMessages({ db: api.db }, api.org, now);
    await processInbound(api.db, api.org, now);
    assert.deepEqual(await inbox('<stored-oscar-1@cliente.example>'), { status: 'processed', attempts: 2,
      error: 'read from the message Mailgun stored; an automatic reply (Auto-Submitted: auto-replied): kept, not answered' });
    assert.deepEqual([(await replies(d.customer.id)).length, await turns(d.customer.id), await suppressed(d.customer.id)], [0, 0, 0],
      'not in the conversation, not answered, its "no me escriban" not taken as an opt-out');
  });

  it('never asks a host other than Mailgun\'s (nor sends the key there): the posted fields decide', async () => {
    const d = await debtor('hugo@cliente.example');
    const asked = mailgun.asked.length;
    await notify({ sender: 'hugo@cliente.example', from: 'Hugo <hugo@cliente.example>', 'Message-Id': '<stored-hugo-1@cliente.example>',
      'body-plain': 'Les pago el viernes.', 'stripped-text': 'Les pago el viernes.',
      'message-url': `https://storage.api.mailgun.net.evil.example/v3/domains/${DOMAIN}/messages/KEYHUGO` });
    assert.deepEqual(await readStoredMessages({ db: api.db }, api.org, now), { tried: 1, read: 0, posted: 1, waiting: 0 });
    assert.equal(mailgun.asked.length, asked);
    await processInbound(api.db, api.org, now);
    assert.deepEqual((await replies(d.customer.id)).map((r) => r.text), ['Les pago el viernes.']);
    assert.match((await inbox('<stored-hugo-1@cliente.example>'))?.error ?? '',
      /^Mailgun's stored message not read \(BAD_URL: .*storage\.api\.mailgun\.net\.evil\.example is not one of Mailgun's API hosts\): the fields Mailgun posted/);
  });

  it('asks again after a 503, then takes the posted fields once Mailgun no longer keeps the message', async () => {
    const d = await debtor('lola@cliente.example');
    const asked = mailgun.asked.length;
    await notify({ sender: 'lola@cliente.example', from: 'Lola <lola@cliente.example>', 'Message-Id': '<stored-lola-1@cliente.example>',
      'body-plain': 'Mañana transfiero.', 'stripped-text': 'Mañana transfiero.', 'message-url': storedUrl('KEYLOLA-GONE') });
    mailgun.next.push({ status: 503, body: 'Service Unavailable' });
    assert.deepEqual(await readStoredMessages({ db: api.db }, api.org, now), { tried: 1, read: 0, posted: 0, waiting: 1 });
    await processInbound(api.db, api.org, now);
    assert.deepEqual(await replies(d.customer.id), [], 'still waiting for the message');
    assert.match((await inbox('<stored-lola-1@cliente.example>'))?.error ?? '', /^waiting for Mailgun's stored message: HTTP_503/);
    assert.deepEqual(await readStoredMessages({ db: api.db }, api.org, now), { tried: 0, read: 0, posted: 0, waiting: 0 }, 'not before its turn');
    const later = new Date(now.getTime() + 61_000);
    assert.deepEqual(await readStoredMessages({ db: api.db }, api.org, later), { tried: 1, read: 0, posted: 1, waiting: 0 });
    assert.equal(mailgun.asked.length, asked + 2);
    await processInbound(api.db, api.org, later);
    assert.deepEqual((await replies(d.customer.id)).map((r) => r.text), ['Mañana transfiero.']);
    assert.match((await inbox('<stored-lola-1@cliente.example>'))?.error ?? '', /^Mailgun's stored message not read \(NOT_FOUND: .*404/);
  });
});

/** Mail as Inbound Parse posts it with "send raw" on: the whole MIME message in `email`, signed by the Parse policy's key. */
async function postSendGridRaw(message: string, from: string) {
  const form = new FormData();
  const fields = { email: message, to: 'cobranza@sol.example', from, envelope: JSON.stringify({ to: ['cobranza@sol.example'], from }) };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const req = new Request('https://cobro.test/x', { method: 'POST', body: form });
  const body = Buffer.from(await req.arrayBuffer());
  const ts = String(Math.floor(now.getTime() / 1000));
  const r = await api.app.inject({ method: 'POST', url: `/webhooks/sendgrid/${api.org}/inbound`, payload: body, headers: { 'content-type': req.headers.get('content-type')!,
    'x-twilio-email-event-webhook-timestamp': ts, 'x-twilio-email-event-webhook-signature': sign('sha256', Buffer.concat([Buffer.from(ts), body]), parsePolicy.privateKey).toString('base64') } });
  assert.equal(r.statusCode, 200, r.body);
}

describe('an out-of-office answer to a reminder', () => {
  it('posted raw by SendGrid is kept in the inbox as a mailbox\'s is, not answered and not read for STOP', async () => {
    // connected here: the reminders above went through Mailgun, which SendGrid would come before
    await connect(api.db, api.org, 'sendgrid', { from: 'Cobranza <cobranza@sol.example>', api_base: mailgun.url,
      parse_public_key: parsePolicy.publicKey.export({ format: 'der', type: 'spki' }).toString('base64') }, { api_key: 'SG.stored-test.key-0001' });
    const d = await debtor('rita@cliente.example');
    await postSendGridRaw(mime(['From: Rita <rita@cliente.example>', 'To: cobranza@sol.example', 'Subject: Respuesta automática: su factura',
      'Message-ID: <ooo-rita-1@cliente.example>', 'Auto-Submitted: auto-replied'], 'Estoy fuera de la oficina hasta el lunes. No me escriban más a este correo.'),
    'rita@cliente.example');
    await processInbound(api.db, api.org, now);
    assert.deepEqual(await inbox('<ooo-rita-1@cliente.example>'), { status: 'processed', attempts: 1,
      error: 'an automatic reply (Auto-Submitted: auto-replied): kept, not answered' });
    assert.deepEqual([(await replies(d.customer.id)).length, await turns(d.customer.id), await suppressed(d.customer.id)], [0, 0, 0]);
  });

  it('forwarded by a Mailgun route is told by the headers Mailgun lists, and kept the same way', async () => {
    const d = await debtor('tomas@cliente.example');
    await notify({ sender: 'tomas@cliente.example', from: 'Tomás <tomas@cliente.example>', 'Message-Id': '<ooo-tomas-1@cliente.example>',
      'body-plain': 'Fuera de la oficina. No me escriban más a este correo.', 'stripped-text': 'Fuera de la oficina. No me escriban más a este correo.',
      'message-headers': JSON.stringify([['From', 'Tomás <tomas@cliente.example>'], ['Auto-Submitted', 'auto-replied'], ['X-Autoreply', 'yes']]) });
    await processInbound(api.db, api.org, now);
    assert.deepEqual(await inbox('<ooo-tomas-1@cliente.example>'), { status: 'processed', attempts: 1,
      error: 'an automatic reply (Auto-Submitted: auto-replied): kept, not answered' });
    assert.deepEqual([(await replies(d.customer.id)).length, await turns(d.customer.id), await suppressed(d.customer.id)], [0, 0, 0]);
  });
});
