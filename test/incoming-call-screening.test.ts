// The call settings added by migration 149, end to end through the loopback Twilio fake: the seconds the person put
// through has to press 1 (in the answered leg's TwiML), Twilio's answering machine detection on that leg (off by default;
// on, the <Number> asks for it and its verdict, posted signed as AnsweredBy, tells a person who answered and did not press
// 1, a missed call `not_accepted`, from a voicemail), and the speech confidence under which words said are asked again.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { caseStory } from '../src/timeline/index.ts';
import { processInbound } from '../src/worker/index.ts';
import { createApiKey } from '../src/orgs/index.ts';
import { setAgentSettings } from '../src/agent/index.ts';
import { fakeTwilio, type FakeTwilio } from './support/providers/twilio.ts';
import { TWILIO_ACCOUNT, TWILIO_TOKEN, aDebtor, connect, messagingServer, type MessagingServer } from './support/messaging.ts';

const ORG_NUMBER = '+15550002233';
const AGENT_NUMBER = '+525555550011';
const morning = new Date('2026-03-10T17:00:00Z'); // Tuesday, 11:00 in Mexico City
const saidIn = (twiml: string) => [...twiml.matchAll(/<Say [^>]*>([^<]*)<\/Say>/g)].map((m) => m[1]).join(' ');
const legSid = (n: number) => `CA${String(n).repeat(32).slice(0, 32)}`;

describe('the press-1 seconds, answering machine detection on a put-through, and the speech confidence, as the org\'s call settings', () => {
  let db: Db;
  let server: MessagingServer;
  let twilio: FakeTwilio;
  let org: string;
  let manager = '';
  const hook = (kind: string) => `${server.publicUrl}/webhooks/twilio/${org}/${kind}`;
  const dialled = () => hook('dialed').replace(/^http:/, 'https:');
  const callIn = (from: string) => twilio.callsIn(hook('incoming'), { From: from, To: ORG_NUMBER });
  const press = (callSid: string, from: string, digits: string) =>
    twilio.gathered(hook('gather'), { CallSid: callSid, From: from, To: ORG_NUMBER, Direction: 'inbound', Digits: digits });
  const leg = (parent: string, id: string) => twilio.legAnswers(hook('dialed'), { ParentCallSid: parent, CallSid: id, From: ORG_NUMBER, To: AGENT_NUMBER });
  const dialEnds = (callSid: string, from: string, dialSid: string) =>
    twilio.dialEnds(hook('dialed'), { CallSid: callSid, From: from, To: ORG_NUMBER, DialCallStatus: 'completed', DialCallSid: dialSid });
  const settings = (method: 'GET' | 'PUT', body?: object) => server.app.inject({ method, url: '/v1/calls/settings',
    headers: { authorization: `Bearer ${manager}` }, ...(body ? { payload: body } : {}) });
  const missedOn = async (caseId: string) => {
    const story = await caseStory(db, org, caseId);
    assert.ok(story.ok);
    return story.value.timeline.filter((e) => e.kind === 'call_missed').map((e) => e.data['reason']);
  };
  const noteOf = async (customerId: string) => (await db.query<{ note: string }>(
    `SELECT note FROM tasks WHERE org_id = $1 AND idempotency_key LIKE $2 AND status = 'open'`, [org, `call-back:c:${customerId}:%`]))[0]?.note ?? '';

  /** A known caller asks for a person; the person's phone answers (leg asked to press 1), detection says `answeredBy`, nothing is pressed. */
  async function putThroughUnpressed(phone: string, n: number, answeredBy: string | null) {
    const d = await aDebtor(db, org, { phone }, ['sms', 'voice']);
    const call = await callIn(phone);
    const put = await press(call.callSid, phone, '2');
    await leg(call.callSid, legSid(n));
    if (answeredBy) assert.equal(await twilio.amdResult(hook('dialed'), { CallSid: legSid(n), AnsweredBy: answeredBy }), 200);
    const r = await dialEnds(call.callSid, phone, legSid(n));
    assert.equal((await processInbound(db, org, morning)).failed, 0);
    return { d, put: put.twiml, told: saidIn(r.twiml) };
  }

  before(async () => {
    server = await messagingServer(() => morning, 'Ferretería Luna');
    ({ db, org } = server);
    twilio = await fakeTwilio({ accountSid: TWILIO_ACCOUNT, authToken: TWILIO_TOKEN });
    await connect(db, org, 'twilio', { account_sid: TWILIO_ACCOUNT, sms_from: '+15550001111', voice_from: ORG_NUMBER, api_base: twilio.url, rate_per_second: 500,
      agent_number: AGENT_NUMBER }, { auth_token: TWILIO_TOKEN });
    manager = (await createApiKey(db, org, 'manager')).secret;
  });
  after(async () => { await twilio.callbacksDone(); await twilio.close(); await server.close(); });

  it('shows the new settings with their defaults and names the field of a bad value', async () => {
    const shown = (await settings('GET')).json() as Record<string, unknown>;
    assert.deepEqual([shown['screen_seconds'], shown['speech_threshold'], shown['machine_detection']], [6, 0.5, false]);
    for (const [body, field] of [[{ screen_seconds: 2 }, 'screen_seconds'], [{ screen_seconds: 21 }, 'screen_seconds'], [{ screen_seconds: 4.5 }, 'screen_seconds'],
      [{ speech_threshold: 1.2 }, 'speech_threshold'], [{ speech_threshold: -0.1 }, 'speech_threshold'], [{ machine_detection: 'yes' }, 'machine_detection']] as const) {
      const r = await settings('PUT', body);
      assert.equal(r.statusCode, 400, JSON.stringify(body));
      assert.equal((r.json() as { error: { field?: string } }).error.field, field, JSON.stringify(body));
    }
  });

  it('asks the answered leg to press 1 within the org\'s seconds, and without detection a leg no one took is a voicemail', async () => {
    const first = await putThroughUnpressed('+5215512720001', 1, null);
    assert.ok(first.put.includes(`<Number url="${dialled()}" method="POST">${AGENT_NUMBER}</Number>`), 'no machine detection unless the org turns it on');
    assert.deepEqual(await missedOn(first.d.caseId), ['voicemail']);
    assert.equal((await settings('PUT', { screen_seconds: 9 })).statusCode, 200);
    const phone = '+5215512720002';
    await aDebtor(db, org, { phone }, ['sms', 'voice']);
    const call = await callIn(phone);
    await press(call.callSid, phone, '2');
    const asked = (await leg(call.callSid, legSid(2))).twiml;
    assert.deepEqual([...asked.matchAll(/<Gather [^>]*timeout="(\d+)"/g)].map((m) => m[1]), ['9', '9'], 'asked twice, 9 seconds each (6 by default)');
  });

  it('with detection on, tells a person who answered and did not press 1 from a voicemail, and leaves an unknown verdict a voicemail', async () => {
    assert.equal((await settings('PUT', { machine_detection: true })).statusCode, 200);
    const human = await putThroughUnpressed('+5215512720003', 3, 'human');
    assert.ok(human.put.includes(`<Number url="${dialled()}" method="POST" machineDetection="Enable" machineDetectionTimeout="9" amdStatusCallback="${dialled()}" `
      + `amdStatusCallbackMethod="POST">${AGENT_NUMBER}</Number>`), human.put);
    assert.deepEqual(await missedOn(human.d.caseId), ['not_accepted']);
    assert.match(human.told, /^En este momento no hay nadie disponible para atenderle\./, 'the caller hears no one is available, as for a voicemail');
    assert.match(await noteOf(human.d.customer.id), /was put through to a person, who answered but did not press 1 to take it \(completed\)\.$/);
    const machine = await putThroughUnpressed('+5215512720004', 4, 'machine_start');
    assert.deepEqual(await missedOn(machine.d.caseId), ['voicemail']);
    const unsure = await putThroughUnpressed('+5215512720005', 5, 'unknown');
    assert.deepEqual(await missedOn(unsure.d.caseId), ['voicemail']);
    const verdicts = await db.query<{ answered_by: string }>(`SELECT event->>'answeredBy' AS answered_by FROM inbox_events WHERE org_id = $1 AND event->>'type' = 'dial_amd'
      ORDER BY event->>'leg'`, [org]);
    assert.deepEqual(verdicts.map((v) => v.answered_by), ['human', 'machine_start', 'unknown'], 'each verdict kept once, as Twilio posted it');
  });

  it('acts on speech heard at or over the org\'s confidence and asks again under it', async () => {
    assert.ok((await setAgentSettings(db, org, 'test', { enabled: true }, morning)).ok);
    const actionOn = async (phone: string) => {
      await aDebtor(db, org, { phone }, ['sms', 'voice']);
      const call = await callIn(phone);
      await twilio.gathered(hook('gather'), { CallSid: call.callSid, From: phone, To: ORG_NUMBER, Direction: 'inbound', SpeechResult: 'cuánto debo', Confidence: '0.62' });
      const [turn] = await db.query<{ action: string; detail: string }>(`SELECT a.action, a.detail FROM agent_turns a JOIN inbound_messages i ON i.org_id = a.org_id
        AND i.id = a.inbound_id WHERE a.org_id = $1 AND i.provider_message_id LIKE $2`, [org, `${call.callSid}:speech:%`]);
      return turn;
    };
    try {
      const heard = await actionOn('+5215512720006');
      assert.notEqual(heard?.action, 'clarified', 'over 0.5 (the default): acted on');
      assert.equal((await settings('PUT', { speech_threshold: 0.7 })).statusCode, 200);
      const misheard = await actionOn('+5215512720007');
      assert.equal(misheard?.action, 'clarified');
      assert.match(misheard!.detail, /confidence 0\.62, under 0\.7: asked again/);
    } finally {
      assert.ok((await setAgentSettings(db, org, 'test', { enabled: false }, morning)).ok);
    }
  });
});
