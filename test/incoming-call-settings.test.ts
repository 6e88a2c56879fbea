// The settings of calls the debtor makes (GET/PUT /v1/calls/settings: wrong codes allowed, the code's minutes, seconds a
// put-through rings) change what the call does, and a put-through is screened on the answered leg: the person presses 1
// to take it, so a voicemail answering (Twilio reports it completed) is a missed call, not a person reached; one whose
// outcome never comes is missed at the call's end unless the person took it. End to end through the loopback Twilio fake.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { caseStory } from '../src/timeline/index.ts';
import { dispatchOnce, processInbound } from '../src/worker/index.ts';
import { createApiKey } from '../src/orgs/index.ts';
import { fakeTwilio, type FakeTwilio } from './support/providers/twilio.ts';
import { setAgentSettings } from '../src/agent/index.ts';
import { TWILIO_ACCOUNT, TWILIO_TOKEN, aDebtor, aSend, connect, messagingServer, type MessagingServer } from './support/messaging.ts';

const ORG_NUMBER = '+15550002222';
const AGENT_NUMBER = '+525555550000';
const morning = new Date('2026-03-10T17:00:00Z'); // Tuesday, 11:00 in Mexico City
const saidIn = (twiml: string) => [...twiml.matchAll(/<Say [^>]*>([^<]*)<\/Say>/g)].map((m) => m[1]).join(' ');

describe('the settings of calls the debtor makes, and a put-through a voicemail answers', () => {
  let db: Db;
  let server: MessagingServer;
  let twilio: FakeTwilio;
  let org: string;
  let clock = morning;
  let manager = '';
  let viewer = '';
  const hook = (kind: string) => `${server.publicUrl}/webhooks/twilio/${org}/${kind}`;
  const callIn = (from: string) => twilio.callsIn(hook('incoming'), { From: from, To: ORG_NUMBER });
  const press = (callSid: string, from: string, digits: string) =>
    twilio.gathered(hook('gather'), { CallSid: callSid, From: from, To: ORG_NUMBER, Direction: 'inbound', Digits: digits });
  const ends = async (callSid: string, from: string) => {
    assert.equal(await twilio.callEnds(hook('voice'), { CallSid: callSid, CallStatus: 'completed', From: from, To: ORG_NUMBER }), 200);
    assert.equal((await processInbound(db, org, clock)).failed, 0);
  };
  const leg = (parent: string, id: string, digits?: string) =>
    twilio.legAnswers(hook('dialed'), { ParentCallSid: parent, CallSid: id, From: ORG_NUMBER, To: AGENT_NUMBER, ...(digits ? { Digits: digits } : {}) });
  const dialEnds = (callSid: string, from: string, status: string, dialSid: string) =>
    twilio.dialEnds(hook('dialed'), { CallSid: callSid, From: from, To: ORG_NUMBER, DialCallStatus: status, DialCallSid: dialSid });
  const settings = (key: string, method: 'GET' | 'PUT', body?: object) => server.app.inject({ method, url: '/v1/calls/settings',
    headers: { authorization: `Bearer ${key}` }, ...(body ? { payload: body } : {}) });
  const missedOn = async (caseId: string) => {
    const story = await caseStory(db, org, caseId);
    assert.ok(story.ok);
    return story.value.timeline.filter((e) => e.kind === 'call_missed').map((e) => [e.data['reason'], e.data['status']]);
  };
  const callBacks = (customerId: string) => db.query<{ status: string; note: string; outcome: string | null }>(
    `SELECT status, note, outcome FROM tasks WHERE org_id = $1 AND idempotency_key LIKE $2 ORDER BY created_at, id`, [org, `call-back:c:${customerId}:%`]);
  const codesTo = async (to: string): Promise<string[]> => {
    await dispatchOnce({ db, now: () => clock, adapters: server.adapters, publicUrl: server.publicUrl });
    return twilio.accepted.filter((m) => m['To'] === to).map((m) => String(m['Body']));
  };

  before(async () => {
    server = await messagingServer(() => clock, 'Ferretería Luna');
    ({ db, org } = server);
    twilio = await fakeTwilio({ accountSid: TWILIO_ACCOUNT, authToken: TWILIO_TOKEN });
    await connect(db, org, 'twilio', { account_sid: TWILIO_ACCOUNT, sms_from: '+15550001111', voice_from: ORG_NUMBER, api_base: twilio.url, rate_per_second: 500,
      agent_number: AGENT_NUMBER }, { auth_token: TWILIO_TOKEN });
    manager = (await createApiKey(db, org, 'manager')).secret;
    viewer = (await createApiKey(db, org, 'viewer')).secret;
  });
  after(async () => { await twilio.callbacksDone(); await twilio.close(); await server.close(); });

  it('shows the defaults, changes only what is named (managers only), and names the field of a bad value', async () => {
    const shown = await settings(viewer, 'GET');
    assert.equal(shown.statusCode, 200);
    const defaults = { code_attempts: 3, code_minutes: 10, ring_seconds: 20, screen_seconds: 6, speech_threshold: 0.5, machine_detection: false };
    assert.deepEqual(shown.json(), { ...defaults, defaults });
    assert.equal((await settings(viewer, 'PUT', { ring_seconds: 30 })).statusCode, 403);
    for (const [body, field] of [[{ ring_seconds: 4 }, 'ring_seconds'], [{ code_attempts: 2.5 }, 'code_attempts'], [{ code_minutes: 61 }, 'code_minutes'],
      [{ code_minutes: '5' }, 'code_minutes']] as const) {
      const r = await settings(manager, 'PUT', body);
      assert.equal(r.statusCode, 400, JSON.stringify(body));
      assert.match(r.body, new RegExp(field));
    }
    assert.equal((await settings(manager, 'PUT', { ring_secs: 30 })).statusCode, 400, 'an unknown setting is refused');
    const changed = await settings(manager, 'PUT', { ring_seconds: 35 });
    assert.equal(changed.statusCode, 200);
    assert.deepEqual(changed.json(), { ...defaults, ring_seconds: 35, defaults });
    const [audit] = await db.query<{ data: { before: { ring_seconds: number }; after: { ring_seconds: number } } }>(
      `SELECT data FROM audit_log WHERE org_id = $1 AND action = 'calls.settings_changed' ORDER BY seq DESC LIMIT 1`, [org]);
    assert.deepEqual([audit?.data.before.ring_seconds, audit?.data.after.ring_seconds], [20, 35]);
  });

  it('rings the person for the org\'s seconds and screens the answered leg; a voicemail answering is a missed call, the caller told no one is available', async () => {
    const phone = '+5215512710001';
    const d = await aDebtor(db, org, { phone }, ['sms', 'voice']);
    const call = await callIn(phone);
    const put = await press(call.callSid, phone, '2');
    const dialled = `${hook('dialed').replace(/^http:/, 'https:')}`;
    assert.ok(put.twiml.includes(`<Dial action="${dialled}" method="POST" timeout="35"><Number url="${dialled}" method="POST">${AGENT_NUMBER}</Number></Dial>`),
      put.twiml);
    // the voicemail picks up: asked to press 1 twice, nothing pressed, the leg hangs up; Twilio reports the dial completed
    const asked = await leg(call.callSid, `CA${'1'.repeat(32)}`);
    assert.match(saidIn(asked.twiml), /^Someone who called Ferretería Luna asks to speak with a person\. To take the call, press 1\./);
    const r = await dialEnds(call.callSid, phone, 'completed', `CA${'1'.repeat(32)}`);
    assert.match(saidIn(r.twiml), /^En este momento no hay nadie disponible para atenderle\./, 'not put through to anyone: told so');
    assert.deepEqual(await missedOn(d.caseId), [['voicemail', 'completed']]);
    await ends(call.callSid, phone);
    assert.deepEqual(await missedOn(d.caseId), [['voicemail', 'completed']], 'the call\'s end does not count it again, nor as reached');
    const [task] = await callBacks(d.customer.id);
    assert.equal(task?.status, 'open');
    assert.match(task!.note, /was put through to a person, and their voicemail answered \(completed\)\.$/);
  });

  it('counts a put-through whose outcome never came as missed, unless the person took it', async () => {
    const phone = '+5215512710002';
    const d = await aDebtor(db, org, { phone }, ['sms', 'voice']);
    const lost = await callIn(phone);
    await press(lost.callSid, phone, '2');
    await ends(lost.callSid, phone);
    assert.deepEqual(await missedOn(d.caseId), [['no_outcome', 'completed']], 'no outcome, no one took it: a call back, not "reached"');
    assert.deepEqual((await callBacks(d.customer.id)).map((t) => t.status), ['open']);
    const taken = await callIn(phone);
    await press(taken.callSid, phone, '2');
    await leg(taken.callSid, `CA${'2'.repeat(32)}`);
    const took = await leg(taken.callSid, `CA${'2'.repeat(32)}`, '1');
    assert.equal(saidIn(took.twiml), 'Connecting.');
    await ends(taken.callSid, phone);
    assert.equal((await missedOn(d.caseId)).length, 1, 'the person took it: reached');
    assert.deepEqual((await callBacks(d.customer.id)).map((t) => [t.status, t.outcome]), [['done', `the debtor reached a person (call ${taken.callSid})`]]);
  });

  it('voids a code after the org\'s wrong codes, and refuses it after the org\'s minutes, which its SMS says', async () => {
    assert.equal((await settings(manager, 'PUT', { code_attempts: 1, code_minutes: 2 })).statusCode, 200);
    try {
      const phone = '+5215512710003';
      await aDebtor(db, org, { phone }, ['sms']);
      const call = await callIn(phone);
      await press(call.callSid, phone, '3');
      const [sms] = await codesTo(phone);
      assert.match(sms ?? '', /Vence en 2 minutos\./);
      const code = /\b(\d{6})\b/.exec(sms ?? '')![1]!;
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      assert.match(saidIn((await press(call.callSid, phone, wrong)).twiml), /^El código no es correcto y ya no es válido\./, 'one wrong code voids it');
      const after = saidIn((await press(call.callSid, phone, code)).twiml);
      assert.match(after, /ya no es válido\./, 'the right code is refused once void');
      assert.doesNotMatch(after, /saldo/);

      const late = '+5215512710004';
      await aDebtor(db, org, { phone: late }, ['sms']);
      const second = await callIn(late);
      await press(second.callSid, late, '3');
      const lateCode = /\b(\d{6})\b/.exec((await codesTo(late))[0] ?? '')![1]!;
      clock = new Date(morning.getTime() + 2 * 60_000 + 1000);
      assert.match(saidIn((await press(second.callSid, late, lateCode)).twiml), /^El código ya no es válido\./, 'past 2 minutes (10 by default)');
    } finally {
      clock = morning;
      assert.equal((await settings(manager, 'PUT', { code_attempts: 3, code_minutes: 10 })).statusCode, 200);
    }
  });

  it('links what a known caller says to the call they made, not to the reminder call cobro placed to the number before', async () => {
    const phone = '+5215512710005';
    const d = await aDebtor(db, org, { phone }, ['sms', 'voice']);
    await aSend(db, org, d, ['voice']);
    await dispatchOnce({ db, now: () => clock, adapters: server.adapters, publicUrl: server.publicUrl });
    const [reminder] = await db.query<{ id: string }>(`SELECT id FROM messages WHERE org_id = $1 AND customer_id = $2 AND channel = 'voice' AND sent_at IS NOT NULL`,
      [org, d.customer.id]);
    assert.ok(reminder, 'a reminder call went to the number first');
    assert.ok((await setAgentSettings(db, org, 'test', { enabled: true }, morning)).ok);
    try {
      const call = await callIn(phone);
      await twilio.gathered(hook('gather'), { CallSid: call.callSid, From: phone, To: ORG_NUMBER, Direction: 'inbound', SpeechResult: 'cuánto debo', Confidence: '0.92' });
      const heard = await db.query<{ customer_id: string; in_reply_to: string | null }>(
        `SELECT customer_id, in_reply_to FROM inbound_messages WHERE org_id = $1 AND channel = 'voice' AND provider_message_id LIKE $2`, [org, `${call.callSid}:speech:%`]);
      assert.deepEqual(heard, [{ customer_id: d.customer.id, in_reply_to: call.callSid }]);
    } finally {
      assert.ok((await setAgentSettings(db, org, 'test', { enabled: false }, morning)).ok);
    }
  });
});
