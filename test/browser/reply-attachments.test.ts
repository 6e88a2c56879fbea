// A debtor's proof of payment in Chromium: a demo debtor with an open case sends an MMS with a photo of the transfer
// receipt and a PDF (Twilio's webhook, signed as Twilio signs it, posted to the served app); the worker's inbound round
// records the reply and its fetch round takes both files from a fake Twilio media server (Basic auth, then its redirect).
// The collector opens the case: the reply on the timeline shows the photo as a thumbnail the browser really draws, and the
// PDF as a link whose download is the file sent; in Spanish too.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { twilioSignature } from '../../src/compliance/index.ts';
import { fetchAttachments, processInbound } from '../../src/worker/index.ts';
import { connect } from '../support/messaging.ts';
import { fakeTwilioMedia, SAMPLE, type FakeMedia } from '../support/providers/media.ts';
import { JPEG, JPEG_SIZE } from '../support/images.ts';
import { serve, type Served } from './support.ts';
import { demoDebtorWithPhone, type DemoDebtor } from './demo-debtor.ts';

const ACCOUNT = `AC${'c3'.repeat(16)}`;
const TOKEN = 'browser-reply-files-token-9';
const MM = `MM${'4'.repeat(32)}`;
const ME = (n: number) => `ME${String(n).padStart(32, '0')}`;

let s: Served;
let page: Page;
let media: FakeMedia & { mediaUrl(m: string, s: string): string };
let debtor: DemoDebtor;

before(async () => {
  s = await serve(8);
  const r = await fetch(`${s.url}/v1/ticks`, { method: 'POST', headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' }, body: '{}' });
  assert.ok(r.ok);
  media = await fakeTwilioMedia({ accountSid: ACCOUNT, authToken: TOKEN });
  debtor = await demoDebtorWithPhone(s);
  // stored as PUT /v1/providers/twilio stores it, with the API base on loopback (the API itself keeps an org off loopback)
  await connect(s.db, debtor.org, 'twilio', { account_sid: ACCOUNT, sms_from: '+15550003333', api_base: media.url }, { auth_token: TOKEN });
  page = await s.newPage();
  await s.signIn(page, 'admin@test.cobro');
});
after(async () => { await media?.close(); await s?.close(); });

describe('files a debtor sent, on the case view in a browser', () => {
  it('shows the receipt\'s photo as a thumbnail and the PDF as a link to the file sent', async () => {
    media.files.set(ME(1), { bytes: JPEG, type: 'image/jpeg' });
    media.files.set(ME(2), { bytes: SAMPLE.pdf, type: 'application/pdf' });
    const path = `/webhooks/twilio/${debtor.org}/messages`;
    const fields = { MessageSid: MM, AccountSid: ACCOUNT, From: debtor.phone, To: '+15550003333', Body: 'ya pagué, aquí el comprobante', NumMedia: '2',
      MediaUrl0: media.mediaUrl(MM, ME(1)), MediaContentType0: 'image/jpeg', MediaUrl1: media.mediaUrl(MM, ME(2)), MediaContentType1: 'application/pdf' };
    const posted = await fetch(`${s.url}${path}`, { method: 'POST', body: new URLSearchParams(fields).toString(), headers: {
      'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TOKEN, `http://localhost${path}`, fields) } });
    assert.equal(posted.status, 200, await posted.text());
    assert.equal((await processInbound(s.db, debtor.org, new Date())).failed, 0);
    const fetched = await fetchAttachments({ db: s.db }, debtor.org, new Date());
    assert.equal(fetched.stored, 2, JSON.stringify(fetched));
    assert.deepEqual(media.refused, []);

    await page.goto(`${s.url}/cases/${debtor.caseId}`);
    const files = page.getByTestId('timeline').locator('li[data-kind="reply_received"]').getByTestId('reply-files');
    await files.waitFor();
    const img = files.locator('img');
    await img.waitFor();
    await page.waitForFunction((el) => (el as HTMLImageElement).complete, await img.elementHandle());
    assert.deepEqual(await img.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.naturalHeight]), [JPEG_SIZE.width, JPEG_SIZE.height], 'the photo is drawn');
    assert.equal(await img.getAttribute('alt'), 'Photo sent by the debtor');
    const pdf = files.getByRole('link', { name: 'Open PDF sent by the debtor' });
    const href = await pdf.getAttribute('href');
    const body = await page.evaluate(async (u) => Array.from(new Uint8Array(await (await fetch(u!)).arrayBuffer())), href);
    assert.ok(Buffer.from(body).equals(SAMPLE.pdf), 'the link downloads the PDF the debtor sent');

    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('es');
    await files.getByRole('link', { name: 'Abrir PDF enviado por el deudor' }).waitFor();
  });
});
