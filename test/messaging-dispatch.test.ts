// The dispatcher with each org's own providers: adapters from the vault (the sandbox where none is connected, rebuilt when
// credentials change), the step's fallback channel after a gate block or a permanent failure (through the gate again),
// and per-account rate limits held across two dispatchers at once without busy-waiting.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { putCredentials, keyFromSecret } from '../src/vault/index.ts';
import { aPayment } from './support/factories.ts';
import { dispatchOnce, sandboxAdapters, vaultAdapters, type AdapterSource } from '../src/worker/index.ts';
import { testDb } from './support/db.ts';
import { fakeTwilio, type FakeTwilio } from './support/providers/twilio.ts';
import { smtpSink, type SmtpSink } from './support/providers/smtp.ts';
import { serve, type Running } from './support/providers/http.ts';
import { TWILIO_ACCOUNT, TWILIO_TOKEN, aDebtor, aSend, connect, messagesOf } from './support/messaging.ts';

let db: Db;
let twilio: FakeTwilio;
/** Every fake Twilio this file starts, closed by after() whatever a test found. */
const twilios: FakeTwilio[] = [];
let sink: SmtpSink;
/** Where the fake Twilio posts its status callbacks: this file does not read them. */
let callbacks: Running;
const sources: ReturnType<typeof vaultAdapters>[] = [];
const morning = new Date('2026-03-10T17:00:00Z');
const source = (recheckMs = 5_000) => { const s = vaultAdapters({ db, publicUrl: callbacks.url, fallback: sandboxAdapters(), recheckMs }); sources.push(s); return s; };
const anOrg = async (name: string) => (await createOrg(db, { name, country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
const twilioFor = (org: string, perSecond = 1000) => connect(db, org, 'twilio', { account_sid: TWILIO_ACCOUNT, sms_from: '+15550001111', api_base: twilio.url, rate_per_second: perSecond },
  { auth_token: TWILIO_TOKEN });

before(async () => {
  db = await testDb();
  twilio = await fakeTwilio({ accountSid: TWILIO_ACCOUNT, authToken: TWILIO_TOKEN, optedOut: ['+5215500000066'] });
  twilios.push(twilio);
  sink = await smtpSink({ 'gone@cliente.example': 550 });
  callbacks = await serve((_req, res) => { res.writeHead(200).end(); });
});
// every server closed whatever failed before: one left listening keeps this file's process alive for ever (node's test
// runner does not end it), so a failed check (a test's own server left open) or a failed callback hung the run
after(async () => {
  for (const s of sources) s.close();
  const callbacksSent = await Promise.allSettled(twilios.map((t) => t.callbacksDone()));
  await Promise.allSettled([...twilios.map((t) => t.close()), sink.close(), callbacks.close()]);
  await db.close();
  for (const c of callbacksSent) if (c.status === 'rejected') throw c.reason;
});

describe('each org\'s adapters from the vault', () => {
  it('uses the sandbox for channels an org has not connected, and picks up changed credentials', async () => {
    const org = await anOrg('Sin proveedores');
    const cached = source(60_000);
    const fresh = source(0);
    assert.equal((await cached.forOrg(org)).email.provider, 'sandbox');
    assert.equal((await fresh.forOrg(org)).email.provider, 'sandbox');
    await connect(db, org, 'smtp', { host: '127.0.0.1', port: sink.port, from: 'Cobranza <c@norte.example>' }, {});
    assert.equal((await fresh.forOrg(org)).email.provider, 'smtp', 'another process sees the change by its stamp');
    assert.equal((await cached.forOrg(org)).email.provider, 'sandbox', 'trusted until the recheck interval');
    cached.invalidate(org);
    const set = await cached.forOrg(org);
    assert.deepEqual([set.email.provider, set.sms.provider], ['smtp', 'sandbox']);
  });

  it('does not fall back to the sandbox when an org\'s credentials cannot be opened: the send waits and retries', async () => {
    const org = await anOrg('Otra llave');
    const r = await putCredentials(db, keyFromSecret('another key, not this server\'s'), org, 'test', 'smtp',
      { settings: { host: '127.0.0.1', port: sink.port, from: 'c@x.example' }, secrets: {} }, morning);
    assert.ok(r.ok);
    const d = await aDebtor(db, org, { email: 'ana@cliente.example' }, ['email']);
    const action = await aSend(db, org, d, ['email']);
    await dispatchOnce({ db, now: () => morning, adapters: source(), publicUrl: 'https://cobro.example' });
    const [m] = await messagesOf(db, action);
    assert.equal(m?.status, 'deferred');
    assert.match(m?.reason ?? '', /PROVIDER_UNAVAILABLE: .*sealed with key/);
  });
});

describe('channel fallback', () => {
  let org = '';
  const dispatch = () => dispatchOnce({ db, now: () => morning, adapters: source(), publicUrl: 'https://cobro.example' });
  before(async () => {
    org = await anOrg('Con fallback');
    await twilioFor(org);
    await connect(db, org, 'smtp', { host: '127.0.0.1', port: sink.port, from: 'Cobranza <cobranza@luna.example>' }, {});
  });

  it('sends the fallback channel in the same pass when the gate blocks a channel (no WhatsApp opt-in)', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512310001', whatsapp: '+5215512310001' }, ['sms']);
    const action = await aSend(db, org, d, ['whatsapp'], { fallback: ['sms'] });
    const before = twilio.accepted.length;
    await dispatch();
    const [wa, sms] = await messagesOf(db, action);
    assert.deepEqual([wa?.status, wa?.reason?.split(':')[0]], ['blocked', 'CONSENT_MISSING']);
    assert.deepEqual([sms?.channel, sms?.status, sms?.provider, sms?.fallback_of], ['sms', 'sent', 'twilio', wa?.id]);
    assert.equal(twilio.accepted.length, before + 1);
  });

  it('fires no fallback when the block is about the debt (paid), not the channel', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512310002' }, ['sms']);
    await aPayment(db, org, { customer_id: d.customer.id, amount: 150_000, currency: 'MXN', date: '2026-03-09' });
    const action = await aSend(db, org, d, ['whatsapp'], { fallback: ['sms'] });
    await dispatch();
    const rows = await messagesOf(db, action);
    assert.deepEqual(rows.map((m) => [m.channel, m.status]), [['whatsapp', 'blocked']]);
    assert.match(rows[0]?.reason ?? '', /DEBT_SETTLED/);
  });

  it('falls back after a hard bounce (SMTP 550) and after Twilio says the number opted out (21610), through the gate', async () => {
    const bounced = await aDebtor(db, org, { email: 'gone@cliente.example', phone: '+5215512310003' }, ['email', 'sms']);
    const a1 = await aSend(db, org, bounced, ['email'], { fallback: ['sms'] });
    const stopped = await aDebtor(db, org, { email: 'stop@cliente.example', phone: '+5215500000066' }, ['email', 'sms']);
    const a2 = await aSend(db, org, stopped, ['sms'], { fallback: ['email'] });
    const mails = sink.messages.length;
    await dispatch();
    const [email, sms] = await messagesOf(db, a1);
    assert.deepEqual([email?.status, email?.reason?.split(':')[0], sms?.channel, sms?.status], ['failed', 'HARD_BOUNCE', 'sms', 'sent']);
    const [sms2, email2] = await messagesOf(db, a2);
    assert.deepEqual([sms2?.status, sms2?.reason?.split(':')[0], email2?.channel, email2?.status], ['failed', 'PROVIDER_REJECTED', 'email', 'sent']);
    assert.equal(sink.messages.length, mails + 1);
    assert.deepEqual(sink.messages.at(-1)?.to, ['stop@cliente.example']);
    const sup = await db.query<{ address: string }>('SELECT address FROM suppressions WHERE customer_id = ANY($1::text[]) ORDER BY address',
      [[bounced.customer.id, stopped.customer.id]]);
    assert.deepEqual(sup.map((s) => s.address), ['+5215500000066', 'gone@cliente.example']);
  });
});

describe('per-provider-account rate limits', () => {
  it('holds the account\'s messages per second across two dispatchers at once, timing sends without spinning', async () => {
    const org = await anOrg('Cinco por segundo');
    await twilioFor(org, 5);
    const actions: string[] = [];
    for (let i = 0; i < 12; i++) {
      const d = await aDebtor(db, org, { phone: `+52155123200${String(i).padStart(2, '0')}` }, ['sms']);
      actions.push(await aSend(db, org, d, ['sms']));
    }
    const start = Date.now();
    const clock = () => new Date(morning.getTime() + Date.now() - start);
    const before = twilio.acceptedAt.length;
    // when each dispatcher calls the provider: two sources, as two processes would have
    const issued: number[] = [];
    const watched = (): AdapterSource => {
      const s = source();
      return { kind: 'source', invalidate: (o) => s.invalidate(o), forOrg: async (o) => {
        const set = await s.forOrg(o);
        return { ...set, sms: { ...set.sms, send: (m, opt) => { issued.push(Date.now()); return set.sms.send(m, opt); } } };
      } };
    };
    const cpu = process.cpuUsage();
    const run = () => dispatchOnce({ db, now: clock, adapters: watched(), publicUrl: 'https://cobro.example', batchSize: 6, paceHorizonMs: 60_000 });
    const [r1, r2] = await Promise.all([run(), run()]);
    const used = process.cpuUsage(cpu);
    assert.equal(r1.sent + r2.sent, 12);
    issued.sort((a, b) => a - b);
    // five a second: a slot every 200 ms, so any six calls span a second. A call late to its slot (a busy machine's
    // timer) does not push the next one's, so two calls may be under 200 ms apart: 50 ms of lateness allowed (six a
    // second would span 833 ms, no limit about 0)
    const shown = issued.map((t) => t - issued[0]!).join(', ');
    for (let i = 5; i < issued.length; i++) assert.ok(issued[i]! - issued[i - 5]! >= 950, `at most five calls a second: ${shown}`);
    const at = twilio.acceptedAt.slice(before);
    assert.equal(at.length, 12, 'the provider got every one');
    assert.ok(at.at(-1)! - at[0]! >= 2_000, `and over eleven intervals: ${at.map((t) => t - at[0]!).join(', ')}`);
    const wall = Date.now() - start;
    assert.ok(wall >= 2_150, `twelve sends at five a second take over 2.2 s, took ${wall} ms`);
    assert.ok((used.user + used.system) / 1000 < wall * 0.8, `waiting is on timers: ${Math.round((used.user + used.system) / 1000)} ms of CPU in ${wall} ms`);
  });

  it('puts back what does not fit in the horizon, to wait for the account\'s next free slot', async () => {
    const org = await anOrg('Dos por segundo');
    // another Twilio account: its own slots
    const other = await fakeTwilio({ accountSid: `AC${'cd'.repeat(16)}`, authToken: TWILIO_TOKEN });
    twilios.push(other);
    await connect(db, org, 'twilio', { account_sid: `AC${'cd'.repeat(16)}`, sms_from: '+15550001111', api_base: other.url, rate_per_second: 2 }, { auth_token: TWILIO_TOKEN });
    const actions: string[] = [];
    for (let i = 0; i < 5; i++) {
      const d = await aDebtor(db, org, { phone: `+52155123300${i}` }, ['sms']);
      actions.push(await aSend(db, org, d, ['sms']));
    }
    const start = Date.now();
    const r = await dispatchOnce({ db, now: () => new Date(morning.getTime() + Date.now() - start), adapters: source(), publicUrl: 'https://cobro.example', paceHorizonMs: 1_000 });
    const states = (await Promise.all(actions.map((a) => messagesOf(db, a)))).map((m) => m[0]!);
    assert.equal(r.sent, 3, 'slots at 0, 0.5 and 1 s');
    const waiting = states.filter((m) => m.status === 'deferred');
    assert.equal(waiting.length, 2);
    assert.ok(waiting.every((m) => /^RATE_LIMITED: twilio:ACcd/.test(m.reason ?? '')));
  });
});
