// Files debtors send with WhatsApp and MMS replies: read from Meta's and Twilio's webhooks, and fetched from fake media
// servers that answer only the documented paths with the documented credentials. Kept: JPEG, PNG, WebP, HEIC, PDF up to
// the cap; refused for good: too large (said or sent), another type, bytes not of the type said, gone (404), another
// account's URL; tried again: a timeout, a 503.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fetchMetaMedia, fetchTwilioMedia, metaWhatsAppAdapter, parseTwilioMessaging, type InboundEvent } from '../src/channels/index.ts';
import { fakeMetaMedia, fakeTwilioMedia, SAMPLE, type FakeMedia } from './support/providers/media.ts';

const SID = `AC${'cd'.repeat(16)}`;
const MM = `MM${'1'.repeat(32)}`;
const me = (n: number) => `ME${String(n).padStart(32, '0')}`;
const limits = { maxBytes: 1024, timeoutMs: 300 };
let meta: FakeMedia;
let twilio: FakeMedia & { mediaUrl(m: string, s: string): string };
const metaCfg = () => ({ accessToken: 'meta-token-1', apiVersion: 'v21.0', baseUrl: meta.url });
const twilioCfg = () => ({ accountSid: SID, authToken: 'twilio-token-1', baseUrl: twilio.url });

before(async () => {
  meta = await fakeMetaMedia({ accessToken: 'meta-token-1', apiVersion: 'v21.0' });
  twilio = await fakeTwilioMedia({ accountSid: SID, authToken: 'twilio-token-1' });
});
after(async () => { await meta.close(); await twilio.close(); });

const reply = (events: InboundEvent[]) => events.find((e): e is Extract<InboundEvent, { type: 'reply' }> => e.type === 'reply');

describe('files named in webhooks', () => {
  it('reads a WhatsApp image with its caption and a document with its name from Meta\'s webhook', () => {
    const adapter = metaWhatsAppAdapter({ phoneNumberId: '1', accessToken: 't', appSecrets: ['s'] });
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'W', changes: [{ field: 'messages', value: { metadata: { display_phone_number: '5215500000000' },
      messages: [
        { from: '5215511111111', id: 'wamid.A', timestamp: '1773162000', type: 'image', image: { caption: 'ya pagué', mime_type: 'image/jpeg', sha256: 'x', id: '111' } },
        { from: '5215511111111', id: 'wamid.B', timestamp: '1773162001', type: 'document', document: { filename: 'recibo.pdf', mime_type: 'application/pdf', sha256: 'y', id: '222' } },
        { from: '5215511111111', id: 'wamid.C', timestamp: '1773162002', type: 'sticker', sticker: { mime_type: 'image/webp', id: '333' } },
      ] } }] }] });
    const events = adapter.parseWebhook({ method: 'POST', url: 'https://x', headers: {}, body: Buffer.from(body) });
    const replies = events.filter((e) => e.type === 'reply');
    assert.deepEqual(replies.map((r) => r.type === 'reply' && [r.text, r.media]), [
      ['ya pagué', [{ id: '111', contentType: 'image/jpeg' }]],
      ['', [{ id: '222', contentType: 'application/pdf', filename: 'recibo.pdf' }]],
    ], 'a sticker is no reply');
  });

  it('reads NumMedia, MediaUrlN and MediaContentTypeN from Twilio\'s form (WhatsApp and MMS)', () => {
    const form = new URLSearchParams({ MessageSid: MM, From: 'whatsapp:+5215511111111', To: 'whatsapp:+5215500000000', Body: '', NumMedia: '2',
      MediaUrl0: twilio.mediaUrl(MM, me(1)), MediaContentType0: 'image/jpeg', MediaUrl1: twilio.mediaUrl(MM, me(2)), MediaContentType1: 'application/pdf' });
    const r = reply(parseTwilioMessaging({ method: 'POST', url: 'https://x', headers: {}, body: Buffer.from(form.toString()) }, 'twilio'));
    assert.deepEqual([r?.channel, r?.text, r?.media], ['whatsapp', '', [
      { id: me(1), url: twilio.mediaUrl(MM, me(1)), contentType: 'image/jpeg' }, { id: me(2), url: twilio.mediaUrl(MM, me(2)), contentType: 'application/pdf' }]]);
    const mms = reply(parseTwilioMessaging({ method: 'POST', url: 'https://x', headers: {}, body: Buffer.from(new URLSearchParams({ MessageSid: MM, From: '+5215511111111',
      To: '+5215500000000', Body: 'pagado', NumMedia: '0' }).toString()) }, 'twilio'));
    assert.deepEqual([mms?.channel, mms?.media], ['sms', undefined]);
  });
});

describe('fetching from Meta', () => {
  it('reads the URL with the bearer token, then the bytes with it; each kept type', async () => {
    for (const [id, bytes, type] of [['1001', SAMPLE.jpeg, 'image/jpeg'], ['1002', SAMPLE.pdf, 'application/pdf'], ['1003', SAMPLE.heic, 'image/heic'],
      ['1004', SAMPLE.png, 'image/png'], ['1005', SAMPLE.webp, 'image/webp']] as const) {
      meta.files.set(id, { bytes, type });
      const r = await fetchMetaMedia(metaCfg(), id, limits);
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepEqual([r.contentType, r.data.equals(bytes)], [type, true]);
    }
    assert.deepEqual(meta.refused, []);
  });

  it('is refused by the fake with another token, and says so for good', async () => {
    meta.files.set('1010', { bytes: SAMPLE.jpeg, type: 'image/jpeg' });
    const r = await fetchMetaMedia({ ...metaCfg(), accessToken: 'wrong' }, '1010', limits);
    assert.deepEqual(r.ok ? null : [r.kind, r.code], ['permanent', 'UNAUTHORIZED']);
    assert.equal(meta.refused.pop(), 'GET /v21.0/1010: auth');
  });

  it('refuses a file said to be over the cap before fetching it, and one that is over it as it comes', async () => {
    meta.files.set('1020', { bytes: SAMPLE.jpeg, type: 'image/jpeg', statedSize: 5000 });
    meta.files.set('1021', { bytes: Buffer.concat([SAMPLE.jpeg, Buffer.alloc(2000)]), type: 'image/jpeg', statedSize: 100 });
    for (const id of ['1020', '1021']) {
      const r = await fetchMetaMedia(metaCfg(), id, limits);
      assert.deepEqual(r.ok ? null : [r.kind, r.code], ['permanent', 'TOO_LARGE'], id);
    }
    assert.ok(!meta.served.includes('1020'), 'not downloaded');
  });

  it('refuses another type (a video), and bytes that are not the type said', async () => {
    meta.files.set('1030', { bytes: SAMPLE.mp4, type: 'video/mp4' });
    meta.files.set('1031', { bytes: SAMPLE.pdf, type: 'image/jpeg' });
    const video = await fetchMetaMedia(metaCfg(), '1030', limits);
    const lying = await fetchMetaMedia(metaCfg(), '1031', limits);
    assert.deepEqual([video.ok ? null : video.code, lying.ok ? null : lying.code], ['TYPE_NOT_ALLOWED', 'TYPE_MISMATCH']);
  });

  it('gives up on a 404 and tries again after a timeout or a 503', async () => {
    meta.files.set('1040', { bytes: SAMPLE.jpeg, type: 'image/jpeg', delayMs: 1000 });
    meta.files.set('1041', { bytes: SAMPLE.jpeg, type: 'image/jpeg', failFirst: 1 });
    const gone = await fetchMetaMedia(metaCfg(), '1049', limits);
    const slow = await fetchMetaMedia(metaCfg(), '1040', limits);
    const busy = await fetchMetaMedia(metaCfg(), '1041', limits);
    assert.deepEqual([gone, slow, busy].map((r) => r.ok ? 'ok' : `${r.kind} ${r.code}`), ['permanent NOT_FOUND', 'temporary TIMEOUT', 'temporary HTTP_503']);
    assert.ok((await fetchMetaMedia(metaCfg(), '1041', limits)).ok, 'the second try');
  });
});

describe('fetching from Twilio', () => {
  it('fetches with Basic auth and follows the redirect without the credentials', async () => {
    twilio.files.set(me(11), { bytes: SAMPLE.png, type: 'image/png' });
    const r = await fetchTwilioMedia(twilioCfg(), twilio.mediaUrl(MM, me(11)), 'image/png', limits);
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual([r.contentType, r.data.equals(SAMPLE.png), twilio.refused], ['image/png', true, []]);
  });

  it('sends no credentials to a URL outside the account\'s messages', async () => {
    const other = twilio.mediaUrl(MM, me(12)).replace(SID, `AC${'ef'.repeat(16)}`);
    const r = await fetchTwilioMedia(twilioCfg(), other, 'image/png', limits);
    assert.deepEqual(r.ok ? null : [r.kind, r.code], ['permanent', 'BAD_URL']);
    const elsewhere = await fetchTwilioMedia(twilioCfg(), `http://127.0.0.2:9/2010-04-01/Accounts/${SID}/Messages/${MM}/Media/${me(12)}`, 'image/png', limits);
    assert.equal(elsewhere.ok ? null : elsewhere.code, 'BAD_URL');
  });

  it('refuses a type not kept before fetching, too large, wrong credentials, 404; tries again after a timeout', async () => {
    twilio.files.set(me(13), { bytes: Buffer.concat([SAMPLE.jpeg, Buffer.alloc(4000)]), type: 'image/jpeg' });
    twilio.files.set(me(14), { bytes: SAMPLE.jpeg, type: 'image/jpeg', delayMs: 1000 });
    twilio.files.set(me(15), { bytes: SAMPLE.jpeg, type: 'image/jpeg' });
    const served = twilio.served.length;
    const gif = await fetchTwilioMedia(twilioCfg(), twilio.mediaUrl(MM, me(15)), 'image/gif', limits);
    assert.equal(twilio.served.length, served, 'a GIF is not fetched');
    const big = await fetchTwilioMedia(twilioCfg(), twilio.mediaUrl(MM, me(13)), 'image/jpeg', limits);
    const auth = await fetchTwilioMedia({ ...twilioCfg(), authToken: 'wrong' }, twilio.mediaUrl(MM, me(15)), 'image/jpeg', limits);
    const gone = await fetchTwilioMedia(twilioCfg(), twilio.mediaUrl(MM, me(19)), 'image/jpeg', limits);
    const slow = await fetchTwilioMedia(twilioCfg(), twilio.mediaUrl(MM, me(14)), 'image/jpeg', limits);
    assert.deepEqual([gif, big, auth, gone, slow].map((r) => r.ok ? 'ok' : `${r.kind} ${r.code}`),
      ['permanent TYPE_NOT_ALLOWED', 'permanent TOO_LARGE', 'permanent UNAUTHORIZED', 'permanent NOT_FOUND', 'temporary TIMEOUT']);
    assert.match(twilio.refused.join('\n'), /: auth$/);
  });
});
