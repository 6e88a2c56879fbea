// The dispatcher sending email through an org's Mailgun or SendGrid API (connected in the vault), through the compliance
// gate: the provider's id kept on the message, the org's logo inline under its Content-ID, SendGrid before Mailgun before
// SMTP when several are connected, a refused key a failed message, a lost answer an uncertain one (never sent again),
// and nothing posted for a debtor the gate blocks.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mailgunSignature } from '../src/compliance/index.ts';
import { SENDGRID_SIGNATURE, SENDGRID_TIMESTAMP } from '../src/channels/index.ts';
import type { Db } from '../src/db/index.ts';
import { suppress } from '../src/compliance/index.ts';
import { LOGO_CID } from '../src/messaging/index.ts';
import { createOrg, setOrgLogo } from '../src/orgs/index.ts';
import { dispatchOnce, processInbound, receiveMessagingWebhook, recoverStale, sandboxAdapters, vaultAdapters } from '../src/worker/index.ts';
import { bearer, testApi } from './support/api.ts';
import { testDb } from './support/db.ts';
import { png } from './support/images.ts';
import { aDebtor, aSend, connect, messagesOf } from './support/messaging.ts';
import { fakeMailgun, fakeSendGrid, userVariablesOf, type FakeEmailApi, type MailgunSent, type SendGridSent } from './support/providers/email-apis.ts';
import { mailgunEvent, mailgunWebhooks } from './support/providers/mailgun.ts';
import { serve, type Running } from './support/providers/http.ts';

const morning = new Date('2026-03-10T17:00:00Z');
const MG_KEY = 'key-0123456789abcdef0123';
const SG_KEY = 'SG.test-key-0001.abcdefghijklmnop';
const LOGO = png(300, 90);
let db: Db;
let mailgun: FakeEmailApi<MailgunSent>;
let sendgrid: FakeEmailApi<SendGridSent>;
let silent: Running;
const sources: ReturnType<typeof vaultAdapters>[] = [];

const anOrg = async (name: string) => (await createOrg(db, { name, country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
const dispatch = () => {
  const s = vaultAdapters({ db, publicUrl: 'https://cobro.example', fallback: sandboxAdapters(), recheckMs: 0 });
  sources.push(s);
  return dispatchOnce({ db, now: () => morning, adapters: s, publicUrl: 'https://cobro.example' });
};
const mailgunFor = (org: string, base = mailgun.url, key = MG_KEY) => connect(db, org, 'mailgun',
  { domain: 'mg.luna.example', from: 'Cobranza Luna <cobranza@mg.luna.example>', api_base: base }, { webhook_signing_key: 'signing-key-0123456789', api_key: key });
let n = 0;
const emailTo = async (org: string) => aSend(db, org, await aDebtor(db, org, { email: `deudor${++n}@cliente.example` }, ['email']), ['email']);

before(async () => {
  db = await testDb();
  mailgun = await fakeMailgun({ apiKey: MG_KEY, domain: 'mg.luna.example' });
  sendgrid = await fakeSendGrid({ apiKey: SG_KEY });
  // reads the request, then drops the connection: the body left, no answer came
  silent = await serve((_req, res) => { res.socket?.destroy(); });
});
after(async () => {
  for (const s of sources) s.close();
  await Promise.allSettled([mailgun.close(), sendgrid.close(), silent.close()]);
  await db.close();
});

describe('email through a provider\'s HTTP API', () => {
  it('sends through Mailgun\'s API with the logo inline as org-logo@cobro and keeps Mailgun\'s id', async () => {
    const org = await anOrg('Luna Mailgun');
    assert.ok((await setOrgLogo(db, org, 'test', LOGO, morning)).ok);
    await connect(db, org, 'smtp', { host: '127.0.0.1', port: 9, from: 'never@luna.example' }, {});
    await mailgunFor(org);
    const action = await emailTo(org);
    const before = mailgun.sent.length;
    await dispatch();
    const [m] = await messagesOf(db, action);
    assert.equal(mailgun.sent.length, before + 1, JSON.stringify(m));
    const got = mailgun.sent.at(-1)!;
    assert.deepEqual([m?.status, m?.provider, m?.provider_message_id], ['sent', 'mailgun', got.id]);
    assert.deepEqual([got.fields['to'], got.fields['h:X-Cobro-Action'], got.fields['v:cobro_action_id']], [[`deudor${n}@cliente.example`], [action], [action]]);
    assert.deepEqual(got.inline.map((f) => f.name), [LOGO_CID]);
    assert.ok(got.inline[0]!.bytes.equals(LOGO));
    assert.ok(got.fields['html']![0]!.includes(`src="cid:${LOGO_CID}"`));
  });

  it('sends through SendGrid when it is connected too, and keeps X-Message-Id', async () => {
    const org = await anOrg('Luna SendGrid');
    await mailgunFor(org);
    await connect(db, org, 'sendgrid', { from: 'Cobranza Luna <cobranza@luna.example>', api_base: sendgrid.url }, { api_key: SG_KEY });
    const action = await emailTo(org);
    const before = [mailgun.sent.length, sendgrid.sent.length];
    await dispatch();
    const [m] = await messagesOf(db, action);
    assert.deepEqual([mailgun.sent.length, sendgrid.sent.length], [before[0], before[1]! + 1]);
    assert.deepEqual([m?.status, m?.provider, m?.provider_message_id], ['sent', 'sendgrid', sendgrid.sent.at(-1)!.id]);
    assert.deepEqual(sendgrid.sent.at(-1)!.body['custom_args'], { cobro_action_id: action, cobro_case_id: (await db.query<{ case_id: string }>('SELECT case_id FROM actions WHERE id = $1', [action]))[0]!.case_id });
  });

  it('posts nothing for a debtor the gate blocks (the address suppressed)', async () => {
    const org = await anOrg('Luna bloqueo');
    await mailgunFor(org);
    const d = await aDebtor(db, org, { email: 'baja@cliente.example' }, ['email']);
    assert.ok((await suppress(db, org, 'test', d.customer.id, { scope: 'address', channel: 'email', address: 'baja@cliente.example', reason: 'unsubscribe', source: 'api' }, morning)).ok);
    const action = await aSend(db, org, d, ['email']);
    const before = mailgun.sent.length;
    await dispatch();
    const [m] = await messagesOf(db, action);
    assert.equal(m?.status, 'blocked');
    assert.equal(mailgun.sent.length, before);
  });

  it('fails the message when the key is refused (permanent), and leaves a lost answer uncertain, not sent again', async () => {
    const refused = await anOrg('Luna llave mala');
    await mailgunFor(refused, mailgun.url, 'key-wrong-0123456789abcd');
    const a1 = await emailTo(refused);
    const lost = await anOrg('Luna sin respuesta');
    await connect(db, lost, 'sendgrid', { from: 'cobranza@luna.example', api_base: silent.url }, { api_key: SG_KEY });
    const a2 = await emailTo(lost);
    await dispatch();
    const [m1] = await messagesOf(db, a1);
    assert.deepEqual([m1?.status, m1?.reason?.split(':')[0]], ['failed', 'PROVIDER_AUTH']);
    const [m2] = await messagesOf(db, a2);
    assert.equal(m2?.status, 'uncertain', JSON.stringify(m2));
    await dispatch();
    assert.equal((await messagesOf(db, a2))[0]?.status, 'uncertain', 'not sent again');
    await recoverStale({ db, now: () => morning, adapters: sources.at(-1)!, publicUrl: 'https://cobro.example' }, new Date(morning.getTime() + 3_600_000));
    assert.equal((await messagesOf(db, a2))[0]?.status, 'uncertain');
  });
});

describe('what the email APIs report back', () => {
  const unix = String(Math.floor(morning.getTime() / 1000));
  const receive = (provider: 'sendgrid' | 'mailgun', org: string, body: string, headers: Record<string, string>) =>
    receiveMessagingWebhook({ db, now: () => morning, publicUrl: 'https://cobro.example' }, provider, 'events', org,
      { method: 'POST', path: `/webhooks/${provider}/${org}/events`, headers: { 'content-type': 'application/json', ...headers }, body: Buffer.from(body) });
  const sgSign = (key: KeyObject, body: string) => sign('sha256', Buffer.concat([Buffer.from(unix), Buffer.from(body)]), key).toString('base64');

  it('takes SendGrid\'s signed events: delivered, and a hard bounce that fails the message and suppresses the address; a changed byte or another key is refused', async () => {
    const org = await anOrg('Luna eventos SendGrid');
    const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    await connect(db, org, 'sendgrid', { from: 'cobranza@luna.example', api_base: sendgrid.url,
      webhook_public_key: keys.publicKey.export({ format: 'der', type: 'spki' }).toString('base64') }, { api_key: SG_KEY });
    const a1 = await emailTo(org);
    const a2 = await emailTo(org);
    const bounced = `deudor${n}@cliente.example`;
    await dispatch();
    const [m1] = await messagesOf(db, a1);
    const [m2] = await messagesOf(db, a2);
    assert.deepEqual([m1?.provider, m2?.provider], ['sendgrid', 'sendgrid']);
    const body = JSON.stringify([
      { email: `deudor${n - 1}@cliente.example`, timestamp: Number(unix), event: 'delivered', sg_event_id: 'sg-ev-1', sg_message_id: `${m1!.provider_message_id}.filterdrecv-1.2.3` },
      { email: bounced, timestamp: Number(unix), event: 'bounce', type: 'bounce', status: '5.1.1', reason: '550 5.1.1 no such user', sg_event_id: 'sg-ev-2',
        sg_message_id: `${m2!.provider_message_id}.filterdrecv-4.5.6` }]);
    const headers = (sig: string) => ({ [SENDGRID_SIGNATURE]: sig, [SENDGRID_TIMESTAMP]: unix });
    assert.equal((await receive('sendgrid', org, body.replace('no such user', 'no such usar'), headers(sgSign(keys.privateKey, body)))).status, 403, 'a changed byte');
    assert.equal((await receive('sendgrid', org, body, headers(sgSign(other.privateKey, body)))).status, 403, 'signed with another key');
    assert.equal((await db.query('SELECT 1 FROM inbox_events WHERE org_id = $1', [org])).length, 0, 'nothing stored from a refused post');
    const ok = await receive('sendgrid', org, body, headers(sgSign(keys.privateKey, body)));
    assert.deepEqual([ok.status, ok.body], [200, { received: true, stored: 2, duplicates: 0 }]);
    await processInbound(db, org, morning);
    assert.equal((await messagesOf(db, a1))[0]?.status, 'delivered');
    assert.equal((await messagesOf(db, a2))[0]?.status, 'bounced');
    const sup = await db.query<{ address: string }>('SELECT address FROM suppressions WHERE org_id = $1 AND lifted_at IS NULL', [org]);
    assert.deepEqual(sup.map((r) => r.address), [bounced]);
  });

  it('refuses SendGrid\'s events for an org that set no verification key, and a key that is not one when saved', async () => {
    const org = await anOrg('Luna sin llave');
    await connect(db, org, 'sendgrid', { from: 'cobranza@luna.example', api_base: sendgrid.url }, { api_key: SG_KEY });
    const refused = await receive('sendgrid', org, '[]', { [SENDGRID_SIGNATURE]: 'AAAA', [SENDGRID_TIMESTAMP]: unix });
    assert.deepEqual([refused.status, refused.status === 403 && refused.body.error.code], [403, 'NO_SECRET']);
    await assert.rejects(connect(db, org, 'sendgrid', { from: 'cobranza@luna.example', webhook_public_key: 'bm90IGEga2V5' }, { api_key: SG_KEY }), /webhook_public_key/);
  });

  it('moves a message sent through Mailgun\'s API by Mailgun\'s event naming its id', async () => {
    const org = await anOrg('Luna eventos Mailgun');
    await mailgunFor(org);
    const action = await emailTo(org);
    await dispatch();
    const [m] = await messagesOf(db, action);
    assert.equal(m?.provider, 'mailgun');
    const token = 'a'.repeat(50);
    const body = JSON.stringify({ signature: { timestamp: unix, token, signature: mailgunSignature('signing-key-0123456789', unix, token) },
      'event-data': { id: 'mg-ev-1', event: 'delivered', timestamp: Number(unix), recipient: `deudor${n}@cliente.example`,
        message: { headers: { 'message-id': m!.provider_message_id!.replace(/^<|>$/g, '') } } } });
    assert.equal((await receive('mailgun', org, body, {})).status, 200);
    await processInbound(db, org, morning);
    assert.equal((await messagesOf(db, action))[0]?.status, 'delivered');
  });

  it('finds the message by the v:cobro_action_id Mailgun hands back in user-variables, the Message-ID absent or changed', async () => {
    const org = await anOrg('Luna variables Mailgun');
    await mailgunFor(org);
    const [a1, a2, a3] = [await emailTo(org), await emailTo(org), await emailTo(org)];
    await dispatch();
    const sent = (action: string) => mailgun.sent.find((s) => s.fields['v:cobro_action_id']?.[0] === action)!;
    const hooks = mailgunWebhooks({ signingKey: 'signing-key-0123456789', now: () => morning });
    const post = (data: Record<string, unknown>) => receive('mailgun', org, hooks.eventBody(data), {});
    const to = (a: string) => sent(a).fields['to']![0]!;
    // no Message-ID at all: only the variables name the message
    const bare = mailgunEvent('delivered', '', to(a1), { 'user-variables': userVariablesOf(sent(a1)) });
    delete (bare['message'] as { headers: Record<string, string> }).headers['message-id'];
    assert.equal((await post(bare)).status, 200);
    // a Message-ID changed on the way (a relay rewrote it): the variables still find cobro's message
    assert.equal((await post(mailgunEvent('failed', '<rewritten.1@relay.example>', to(a2), { severity: 'permanent', reason: 'bounce',
      'delivery-status': { code: 550, description: 'mailbox unknown' }, 'user-variables': userVariablesOf(sent(a2)) }))).status, 200);
    // without variables, the Message-ID as before
    assert.equal((await post(mailgunEvent('opened', sent(a3).id, to(a3)))).status, 200);
    await processInbound(db, org, morning);
    assert.deepEqual([(await messagesOf(db, a1))[0]?.status, (await messagesOf(db, a2))[0]?.status, (await messagesOf(db, a3))[0]?.status],
      ['delivered', 'bounced', 'read']);
    const waiting = await db.query('SELECT 1 FROM inbox_events WHERE org_id = $1 AND status <> $2', [org, 'processed']);
    assert.equal(waiting.length, 0, 'no event left waiting for a message');
  });
});

describe('connecting an email API (PUT /v1/providers/...)', () => {
  it('names the missing field: Mailgun\'s api_key needs the domain and the sender; a SendGrid key is SG.x.y; secrets shown as hints only', async () => {
    const api = await testApi();
    try {
      const put = (provider: string, payload: Record<string, unknown>) => api.app.inject({ method: 'PUT', url: `/v1/providers/${provider}`, headers: bearer(api.keys.admin), payload });
      const signing = { webhook_signing_key: 'signing-key-0123456789' };
      const noDomain = await put('mailgun', { settings: { from: 'c@mg.luna.example' }, secrets: { ...signing, api_key: MG_KEY } });
      assert.deepEqual([noDomain.statusCode, noDomain.json().error.field], [400, 'settings.domain']);
      const noFrom = await put('mailgun', { settings: { domain: 'mg.luna.example' }, secrets: { ...signing, api_key: MG_KEY } });
      assert.deepEqual([noFrom.statusCode, noFrom.json().error.field], [400, 'settings.from']);
      assert.equal((await put('mailgun', { settings: { domain: 'mg.luna.example' }, secrets: signing })).statusCode, 200, 'webhooks only, as before');
      const region = await put('mailgun', { settings: { domain: 'mg.luna.example', from: 'c@mg.luna.example', region: 'mars' }, secrets: { ...signing, api_key: MG_KEY } });
      assert.deepEqual([region.statusCode, region.json().error.field], [400, 'settings.region']);
      const ok = await put('mailgun', { settings: { domain: 'mg.luna.example', from: 'c@mg.luna.example', region: 'eu' }, secrets: { ...signing, api_key: MG_KEY } });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().hints.api_key, `…${MG_KEY.slice(-4)}`);
      assert.ok(!ok.body.includes(MG_KEY));
      const badKey = await put('sendgrid', { settings: { from: 'c@luna.example' }, secrets: { api_key: 'not-a-key' } });
      assert.deepEqual([badKey.statusCode, badKey.json().error.field], [400, 'secrets.api_key']);
      const sg = await put('sendgrid', { settings: { from: 'Luna <c@luna.example>' }, secrets: { api_key: SG_KEY } });
      assert.equal(sg.statusCode, 200, sg.body);
      assert.ok(!sg.body.includes(SG_KEY));
    } finally { await api.close(); }
  });
});
