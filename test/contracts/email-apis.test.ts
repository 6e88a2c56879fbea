// Contract: email through Mailgun's messages API and SendGrid's v3 Mail Send, against loopback fakes that refuse any
// request not shaped as documented: auth, content type, from/to/subject, both parts, the RFC 8058 unsubscribe headers,
// cobro's action as a header and a custom variable, and the org's logo as an inline part under the Content-ID the HTML
// names (Mailgun: the inline file's name; SendGrid: content_id with disposition inline). Failures are classified as the
// other adapters' are; an answer lost after the body left is uncertain (neither API takes an idempotency key).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mailgunSendAdapter, parseMailgunEvents, sendGridAdapter, type ChannelAdapter, type SendResult } from '../../src/channels/index.ts';
import { splitAddress } from '../../src/channels/email-api.ts';
import { LOGO_CID, renderMessage, sampleContext, type RenderedMessage } from '../../src/messaging/index.ts';
import { fakeMailgun, fakeSendGrid, type FakeEmailApi, type MailgunSent, type SendGridSent } from '../support/providers/email-apis.ts';
import { serve, type Running } from '../support/providers/http.ts';
import { mailgunEvent } from '../support/providers/mailgun.ts';
import { png } from '../support/images.ts';

const LOGO = png(300, 90);
const REFS = { orgId: 'org_1', caseId: 'case_1', actionId: 'act_1' };

function reminder(withLogo: boolean): RenderedMessage {
  const ctx = sampleContext('es');
  const logo = { contentType: 'image/png' as const, width: 300, height: 90, content: LOGO.toString('base64'), size: LOGO.length,
    sha256: createHash('sha256').update(LOGO).digest('hex') };
  const r = renderMessage({ templateId: 'overdue-formal', channel: 'email', tone: 'formal',
    context: { ...ctx, company: { ...ctx.company, name: 'Ruiz & Hijos', ...(withLogo ? { logo } : {}) } } });
  if (!r.ok || r.value.channel !== 'email') throw new Error(r.ok ? r.value.channel : r.error.message);
  return r.value;
}

const sendOne = (a: ChannelAdapter, rendered = reminder(true)): Promise<SendResult> =>
  a.send({ to: 'ana@debtor.example', rendered, refs: REFS }, { idempotencyKey: 'act_1:email' });

/** A server that reads the request and never answers: the body left, the answer is lost. */
const silent = (): Promise<Running> => serve(() => new Promise<void>(() => {}));

describe('Mailgun messages API', () => {
  let fake: FakeEmailApi<MailgunSent>;
  let mailgun: ChannelAdapter;
  before(async () => {
    fake = await fakeMailgun({ apiKey: 'key-0123456789abcdef', domain: 'mg.ruiz.example' });
    mailgun = mailgunSendAdapter({ domain: 'mg.ruiz.example', apiKey: 'key-0123456789abcdef', from: 'Ruiz & Hijos <cobros@mg.ruiz.example>', baseUrl: fake.url });
  });
  after(() => fake.close());

  it('posts the multipart form as documented, the logo an inline file named by its Content-ID, and keeps the id Mailgun answers', async () => {
    const rendered = reminder(true);
    assert.ok(rendered.channel === 'email' && rendered.html.includes(`src="cid:${LOGO_CID}"`));
    const r = await sendOne(mailgun, rendered);
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.deepEqual(fake.refused, []);
    const got = fake.sent.at(-1)!;
    assert.deepEqual([r.receipt.provider, r.receipt.providerMessageId, r.receipt.state], ['mailgun', got.id, 'sent']);
    const f = got.fields;
    // a form's text fields go with CRLF line breaks (as the mail itself does)
    const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
    assert.deepEqual([f['from'], f['to'], f['subject'], f['text'], f['html']], [['Ruiz & Hijos <cobros@mg.ruiz.example>'], ['ana@debtor.example'],
      [rendered.subject], [crlf(rendered.text)], [crlf(rendered.html)]]);
    assert.deepEqual([f['h:List-Unsubscribe'], f['h:List-Unsubscribe-Post']], [[rendered.headers['List-Unsubscribe']], ['List-Unsubscribe=One-Click']]);
    assert.deepEqual([f['h:X-Cobro-Action'], f['v:cobro_action_id'], f['v:cobro_case_id'], f['o:tag']], [['act_1'], ['act_1'], ['case_1'], ['cobro']]);
    assert.equal(got.inline.length, 1);
    assert.deepEqual([got.inline[0]!.name, got.inline[0]!.type], [LOGO_CID, 'image/png']);
    assert.ok(got.inline[0]!.bytes.equals(LOGO), 'the logo\'s bytes');
  });

  it('sends no inline file for an org without a logo, and Mailgun\'s events name the id it answered', async () => {
    const r = await sendOne(mailgun, reminder(false));
    assert.ok(r.ok);
    assert.equal(fake.sent.at(-1)!.inline.length, 0);
    const body = Buffer.from(JSON.stringify({ 'event-data': mailgunEvent('delivered', r.receipt.providerMessageId, 'ana@debtor.example') }));
    const [event] = parseMailgunEvents({ method: 'POST', url: 'https://cobro.example/webhooks/mailgun/org_1/events', headers: { 'content-type': 'application/json' }, body });
    assert.deepEqual(event && event.type === 'delivery' ? [event.providerMessageId, event.state] : [], [r.receipt.providerMessageId, 'delivered']);
  });

  it('is refused by the fake when the key is wrong: permanent, PROVIDER_AUTH', async () => {
    const wrong = mailgunSendAdapter({ domain: 'mg.ruiz.example', apiKey: 'key-wrong', from: 'cobros@mg.ruiz.example', baseUrl: fake.url });
    const r = await sendOne(wrong);
    assert.ok(!r.ok);
    assert.deepEqual([r.error.kind, r.error.code, r.error.httpStatus], ['permanent', 'PROVIDER_AUTH', 401]);
  });

  it('classifies 400 as permanent, 429 (after Retry-After) and 5xx as temporary', async () => {
    fake.next.push({ status: 400, body: JSON.stringify({ message: "to parameter is not a valid address. please check documentation" }) },
      { status: 429, body: JSON.stringify({ message: 'Too many requests' }), headers: { 'retry-after': '7' } },
      { status: 503, body: 'Service Unavailable' });
    const [bad, busy, down] = [await sendOne(mailgun), await sendOne(mailgun), await sendOne(mailgun)];
    assert.ok(!bad.ok && !busy.ok && !down.ok);
    assert.deepEqual([bad.error.kind, bad.error.httpStatus], ['permanent', 400]);
    assert.match(bad.error.message, /not a valid address/);
    assert.deepEqual([busy.error.kind, busy.error.retryAfterMs], ['temporary', 7000]);
    assert.deepEqual([down.error.kind, down.error.httpStatus], ['temporary', 503]);
  });

  it('counts a send whose answer never came as uncertain (temporary, not to be sent again blindly)', async () => {
    const s = await silent();
    try {
      const r = await sendOne(mailgunSendAdapter({ domain: 'mg.ruiz.example', apiKey: 'k', from: 'cobros@mg.ruiz.example', baseUrl: s.url, timeoutMs: 300 }));
      assert.ok(!r.ok);
      assert.deepEqual([r.error.kind, r.error.code, r.error.uncertain], ['temporary', 'TIMEOUT', true]);
    } finally { await s.close(); }
  });

  it('refuses an API base the egress policy refuses before sending anything', async () => {
    const { parseEgressAllow } = await import('../../src/channels/index.ts');
    const strict = parseEgressAllow('');
    const before = fake.sent.length;
    const r = await sendOne(mailgunSendAdapter({ domain: 'mg.ruiz.example', apiKey: 'key-0123456789abcdef', from: 'c@mg.ruiz.example', baseUrl: fake.url, egress: strict }));
    assert.ok(!r.ok);
    assert.deepEqual([r.error.kind, r.error.code], ['permanent', 'EGRESS_REFUSED']);
    assert.equal(fake.sent.length, before);
  });
});

describe('SendGrid v3 Mail Send', () => {
  let fake: FakeEmailApi<SendGridSent>;
  let sendgrid: ChannelAdapter;
  before(async () => {
    fake = await fakeSendGrid({ apiKey: 'SG.test-key.0123456789' });
    sendgrid = sendGridAdapter({ apiKey: 'SG.test-key.0123456789', from: '"Ruiz & Hijos" <cobros@ruiz.example>', baseUrl: fake.url });
  });
  after(() => fake.close());

  it('posts the JSON as documented (text then HTML, headers, custom_args, the logo inline by content_id) and keeps X-Message-Id', async () => {
    const rendered = reminder(true);
    const r = await sendOne(sendgrid, rendered);
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    assert.deepEqual(fake.refused, []);
    const got = fake.sent.at(-1)!;
    assert.deepEqual([r.receipt.provider, r.receipt.providerMessageId], ['sendgrid', got.id]);
    const b = got.body;
    assert.deepEqual(b['personalizations'], [{ to: [{ email: 'ana@debtor.example' }] }]);
    assert.deepEqual(b['from'], { email: 'cobros@ruiz.example', name: 'Ruiz & Hijos' });
    assert.equal(b['subject'], rendered.channel === 'email' ? rendered.subject : '');
    assert.deepEqual(b['custom_args'], { cobro_action_id: 'act_1', cobro_case_id: 'case_1' });
    assert.deepEqual((b['headers'] as Record<string, string>)['X-Cobro-Action'], 'act_1');
    const files = b['attachments'] as Record<string, string>[];
    assert.equal(files.length, 1);
    assert.deepEqual([files[0]!['content_id'], files[0]!['disposition'], files[0]!['type'], files[0]!['filename']], [LOGO_CID, 'inline', 'image/png', 'logo.png']);
    assert.ok(Buffer.from(files[0]!['content']!, 'base64').equals(LOGO));
  });

  it('sends no attachments without a logo', async () => {
    const r = await sendOne(sendgrid, reminder(false));
    assert.ok(r.ok);
    assert.equal(fake.sent.at(-1)!.body['attachments'], undefined);
  });

  it('classifies 401 and 400 as permanent (with SendGrid\'s error words), 429 and 5xx as temporary, a lost answer as uncertain', async () => {
    const wrong = await sendOne(sendGridAdapter({ apiKey: 'SG.wrong', from: 'cobros@ruiz.example', baseUrl: fake.url }));
    assert.ok(!wrong.ok);
    assert.deepEqual([wrong.error.kind, wrong.error.code], ['permanent', 'PROVIDER_AUTH']);
    assert.match(wrong.error.message, /authorization grant is invalid/);
    fake.next.push({ status: 400, body: JSON.stringify({ errors: [{ message: 'Does not contain a valid address.', field: 'personalizations.0.to.0.email', help: null }] }) },
      { status: 429, body: JSON.stringify({ errors: [{ message: 'too many requests', field: null }] }), headers: { 'retry-after': '2' } },
      { status: 500, body: '' });
    const [bad, busy, down] = [await sendOne(sendgrid), await sendOne(sendgrid), await sendOne(sendgrid)];
    assert.ok(!bad.ok && !busy.ok && !down.ok);
    assert.equal(bad.error.kind, 'permanent');
    assert.match(bad.error.message, /valid address\. \(personalizations\.0\.to\.0\.email\)/);
    assert.deepEqual([busy.error.kind, busy.error.retryAfterMs], ['temporary', 2000]);
    assert.equal(down.error.kind, 'temporary');
    const s = await silent();
    try {
      const lost = await sendOne(sendGridAdapter({ apiKey: 'k', from: 'cobros@ruiz.example', baseUrl: s.url, timeoutMs: 300 }));
      assert.ok(!lost.ok);
      assert.deepEqual([lost.error.kind, lost.error.uncertain], ['temporary', true]);
    } finally { await s.close(); }
  });

  it('splits a sender into name and address', () => {
    assert.deepEqual(splitAddress('Ruiz <a@b.example>'), { email: 'a@b.example', name: 'Ruiz' });
    assert.deepEqual(splitAddress('a@b.example'), { email: 'a@b.example' });
    assert.deepEqual(splitAddress('"Ruiz, S.A." <a@b.example>'), { email: 'a@b.example', name: 'Ruiz, S.A.' });
  });
});
