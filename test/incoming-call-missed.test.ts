// Missed and abandoned calls the debtor makes to the org's number, end to end through the loopback Twilio fake: the
// number's "Call status changes" callback (signed as Twilio signs; a tampered one gets 403 and nothing stored) says how
// the call ended. Not answered (no-answer, busy, canceled, failed), hung up before using the menu, or asking for a person
// when there is none: a `call_missed` line on the customer's case timeline, an audit entry, and one "call back" task per
// customer however often they try (an unknown number gets an org-level one). A call that used the menu is not missed; the
// task is done when a person logs a call, when the debtor is put through to a person on a later call, or when they pay.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { caseStory } from '../src/timeline/index.ts';
import { processInbound } from '../src/worker/index.ts';
import { randomBytes } from 'node:crypto';
import { twilioSignature } from '../src/compliance/index.ts';
import { fieldEncryptionStatus, runFieldJob, setFieldEncryption } from '../src/vault/index.ts';
import { createApiKey } from '../src/orgs/index.ts';
import { sealedSmsSuite } from './support/sealed-sms.ts';
import { listTasks, syncCases, worklistRows } from '../src/engine/index.ts';
import { logCall } from '../src/tasks/index.ts';
import { setAgentSettings } from '../src/agent/index.ts';
import { fakeTwilio, type FakeTwilio } from './support/providers/twilio.ts';
import { TWILIO_ACCOUNT, TWILIO_TOKEN, aDebtor, connect, inboxOf, messagingServer, type MessagingServer } from './support/messaging.ts';

const ORG_NUMBER = '+15550002222';
const AGENT_NUMBER = '+525555550000';
const morning = new Date('2026-03-10T17:00:00Z'); // Tuesday, 11:00 in Mexico City

describe('a call the debtor makes to the org\'s number that is missed or abandoned', () => {
  let db: Db;
  let server: MessagingServer;
  let twilio: FakeTwilio;
  let org: string;
  const hook = (kind: string) => `${server.publicUrl}/webhooks/twilio/${org}/${kind}`;
  const callIn = (from: string) => twilio.callsIn(hook('incoming'), { From: from, To: ORG_NUMBER });
  const press = (callSid: string, from: string, digits: string) =>
    twilio.gathered(hook('gather'), { CallSid: callSid, From: from, To: ORG_NUMBER, Direction: 'inbound', Digits: digits });
  const ends = async (callSid: string, from: string, status: string) => {
    assert.equal(await twilio.callEnds(hook('voice'), { CallSid: callSid, CallStatus: status, From: from, To: ORG_NUMBER }), 200);
    assert.equal((await processInbound(db, org, morning)).failed, 0);
  };
  /** Twilio posts the put-through's outcome to the <Dial>'s action URL (in the TwiML that put the call through), signed. */
  const dialEnds = async (twiml: string, callSid: string, from: string, status: string, dialSid?: string) => {
    const action = /<Dial action="([^"]+)" method="POST" timeout="20">/.exec(twiml)?.[1];
    assert.equal(action, `${hook('dialed').replace(/^http:/, 'https:')}`, 'the put-through posts its outcome to cobro');
    const r = await twilio.dialEnds(hook('dialed'), { CallSid: callSid, From: from, To: ORG_NUMBER, DialCallStatus: status, ...(dialSid ? { DialCallSid: dialSid } : {}) });
    assert.equal(r.status, 200);
    return r;
  };
  const setAgent = (agent: boolean) => connect(db, org, 'twilio', { account_sid: TWILIO_ACCOUNT, sms_from: '+15550001111', voice_from: ORG_NUMBER,
    api_base: twilio.url, rate_per_second: 500, ...(agent ? { agent_number: AGENT_NUMBER } : {}) }, { auth_token: TWILIO_TOKEN });
  const callBacks = (customerId: string) => db.query<{ id: string; status: string; kind: string; case_id: string; note: string; outcome: string | null }>(
    `SELECT id, status, kind, case_id, note, outcome FROM tasks WHERE org_id = $1 AND idempotency_key LIKE $2 ORDER BY created_at, id`, [org, `call-back:c:${customerId}:%`]);
  const missedOn = async (caseId: string) => {
    const story = await caseStory(db, org, caseId);
    assert.ok(story.ok);
    return story.value.timeline.filter((e) => e.kind === 'call_missed');
  };

  before(async () => {
    server = await messagingServer(() => morning, 'Ferretería Luna');
    ({ db, org } = server);
    twilio = await fakeTwilio({ accountSid: TWILIO_ACCOUNT, authToken: TWILIO_TOKEN });
    await setAgent(false);
  });
  after(async () => { await twilio.callbacksDone(); await twilio.close(); await server.close(); });

  it('records an unanswered call and one hung up during the greeting as missed calls, with one call-back task on the worklist and audit entries', async () => {
    const phone = '+5215512700001';
    const d = await aDebtor(db, org, { phone }, ['sms', 'voice']);
    const first = await callIn(phone);
    await ends(first.callSid, phone, 'no-answer');
    const second = await callIn(phone);
    await ends(second.callSid, phone, 'completed'); // no key, no words: hung up during the greeting or menu
    const missed = await missedOn(d.caseId);
    assert.deepEqual(missed.map((e) => [e.data['call_sid'], e.data['status'], e.data['reason']]),
      [[first.callSid, 'no-answer', 'not_answered'], [second.callSid, 'completed', 'hung_up']]);
    const tasks = await callBacks(d.customer.id);
    assert.equal(tasks.length, 1, 'one call-back task per customer, not one per attempt');
    assert.equal(tasks[0]!.status, 'open');
    assert.equal(tasks[0]!.kind, 'call');
    assert.equal(tasks[0]!.case_id, d.caseId);
    assert.equal(tasks[0]!.note, 'Call back: a call on 3/10/26, 11:00 AM was not answered (no-answer).\n'
      + 'a call on 3/10/26, 11:00 AM ended before the caller used the menu (completed).', 'in the org\'s language (en), the time in the debtor\'s zone, no number');
    const rows = await worklistRows(db, org, { date: '2026-03-10', assignees: 'all', limit: 500 });
    assert.ok(rows.some((r) => r.id === tasks[0]!.id && r.customer_id === d.customer.id), 'on the worklist');
    const audit = await db.query<{ entity_id: string; data: { call_sid: string } }>(`SELECT entity_id, data FROM audit_log WHERE org_id = $1 AND action = 'call.missed' ORDER BY seq`, [org]);
    assert.deepEqual(audit.filter((a) => a.entity_id === d.customer.id).map((a) => a.data.call_sid), [first.callSid, second.callSid]);
    // Twilio retrying the callback records nothing more
    await ends(second.callSid, phone, 'completed');
    assert.equal((await missedOn(d.caseId)).length, 2);
    // a person logs a call: the call-back is done
    const logged = await logCall(db, org, 'user:ana', { caseId: d.caseId, outcome: 'right_party' }, morning);
    assert.ok(logged.ok);
    const after = await callBacks(d.customer.id);
    assert.deepEqual(after.map((t) => [t.status, t.outcome]), [['done', 'call logged: right_party']]);
    // a new missed call opens a new one
    const third = await callIn(phone);
    await ends(third.callSid, phone, 'busy');
    assert.deepEqual((await callBacks(d.customer.id)).map((t) => t.status).sort(), ['done', 'open'], 'the done task stays done');
  });

  it('does not count a call where the caller used the menu; asking for a person with none to dial is missed, being put through closes the task', async () => {
    const phone = '+5215512700002';
    const d = await aDebtor(db, org, { phone }, ['sms', 'voice']);
    const used = await callIn(phone);
    await press(used.callSid, phone, '1');
    await ends(used.callSid, phone, 'completed');
    assert.equal((await missedOn(d.caseId)).length, 0, 'the caller pressed 1: not missed');
    const nobody = await callIn(phone);
    await press(nobody.callSid, phone, '2');
    await ends(nobody.callSid, phone, 'completed');
    assert.deepEqual((await missedOn(d.caseId)).map((e) => e.data['reason']), ['no_person']);
    assert.deepEqual((await callBacks(d.customer.id)).map((t) => t.status), ['open']);
    await setAgent(true);
    try {
      const through = await callIn(phone);
      const put = await press(through.callSid, phone, '2');
      // the person's phone answers: asked to press 1 (a voicemail cannot), they do, and the call is put through
      const leg = `CA${'f'.repeat(32)}`;
      const asked = await twilio.legAnswers(hook('dialed'), { ParentCallSid: through.callSid, CallSid: leg, From: ORG_NUMBER, To: AGENT_NUMBER });
      assert.match(asked.twiml, /<Gather input="dtmf" numDigits="1" timeout="6" action="[^"]+\/dialed" method="POST"><Say [^>]*>Someone who called Ferretería Luna asks to speak with a person\. To take the call, press 1\.<\/Say><\/Gather>/);
      assert.match(asked.twiml, /<Hangup\/><\/Response>$/);
      const taken = await twilio.legAnswers(hook('dialed'), { ParentCallSid: through.callSid, CallSid: leg, From: ORG_NUMBER, To: AGENT_NUMBER, Digits: '1' });
      assert.doesNotMatch(taken.twiml, /<Gather|<Hangup/, 'taken: the leg\'s TwiML ends, and Twilio puts the caller through');
      const answered = await dialEnds(put.twiml, through.callSid, phone, 'completed', leg);
      assert.equal(answered.twiml, '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>', 'answered: the call ends when the person hangs up');
      await ends(through.callSid, phone, 'completed');
      assert.equal((await missedOn(d.caseId)).length, 1, 'put through to a person: not missed');
      assert.deepEqual((await callBacks(d.customer.id)).map((t) => [t.status, t.outcome]), [['done', `the debtor reached a person (call ${through.callSid})`]]);
    } finally {
      await setAgent(false);
    }
  });

  it('counts a put-through no one answered (busy, no-answer, failed) as a missed call at once, answering the caller; a redelivery counts once', async () => {
    const phone = '+5215512700005';
    const d = await aDebtor(db, org, { phone }, ['sms', 'voice']);
    await setAgent(true);
    try {
      const statuses = ['no-answer', 'busy', 'failed'];
      for (const [i, status] of statuses.entries()) {
        const call = await callIn(phone);
        const put = await press(call.callSid, phone, '2');
        const dialSid = `CA${'d'.repeat(31)}${i}`;
        const r = await dialEnds(put.twiml, call.callSid, phone, status, dialSid);
        assert.match(r.twiml, /<Gather input="dtmf" numDigits="1"[^>]*><Say [^>]*>En este momento no hay nadie disponible para atenderle\. Si desea recibir el enlace de pago por mensaje de texto/,
          'told no one is available in their language, and offered the link by SMS');
        assert.doesNotMatch(r.twiml, /<Dial/);
        assert.equal((await missedOn(d.caseId)).length, i + 1, 'missed as soon as the put-through\'s outcome comes');
        // Twilio delivering the same outcome again: stored once, the same answer, nothing more recorded
        const again = await dialEnds(put.twiml, call.callSid, phone, status, dialSid);
        assert.equal(again.twiml, r.twiml);
        // the call then ends: already counted, not missed a second time, and the task is not closed as reached
        await ends(call.callSid, phone, 'completed');
        assert.equal((await missedOn(d.caseId)).length, i + 1);
      }
      assert.deepEqual((await missedOn(d.caseId)).map((e) => [e.data['reason'], e.data['status']]), statuses.map((st) => ['no_person', st]));
      const tasks = await callBacks(d.customer.id);
      assert.deepEqual(tasks.map((t) => t.status), ['open'], 'one call-back task, not closed by the put-throughs');
      assert.deepEqual(tasks[0]!.note.split('\n').map((l) => /\(([a-z-]+)\)\.$/.exec(l)?.[1]), statuses);
      const inbox = await db.query(`SELECT 1 FROM inbox_events WHERE org_id = $1 AND event->>'type' = 'dial_ended' AND event->>'status' = ANY($2::text[])`, [org, statuses]);
      assert.equal(inbox.length, statuses.length, 'one stored event per put-through');
      const audit = await db.query(`SELECT 1 FROM audit_log WHERE org_id = $1 AND action = 'call.missed' AND entity_id = $2`, [org, d.customer.id]);
      assert.equal(audit.length, statuses.length);
    } finally {
      await setAgent(false);
    }
  });

  it('counts a put-through the agent made on the caller\'s words, no one answering, as a missed call', async () => {
    const phone = '+5215512700007';
    const d = await aDebtor(db, org, { phone }, ['sms', 'voice']);
    await setAgent(true);
    assert.ok((await setAgentSettings(db, org, 'test', { enabled: true }, morning)).ok);
    try {
      const call = await callIn(phone);
      const asked = await twilio.gathered(hook('gather'), { CallSid: call.callSid, From: phone, To: ORG_NUMBER, Direction: 'inbound',
        SpeechResult: 'quiero hablar con una persona', Confidence: '0.92' });
      await dialEnds(asked.twiml, call.callSid, phone, 'no-answer');
      await ends(call.callSid, phone, 'completed');
      assert.deepEqual((await missedOn(d.caseId)).map((e) => [e.data['reason'], e.data['status']]), [['no_person', 'no-answer']]);
      assert.deepEqual((await callBacks(d.customer.id)).map((t) => t.status), ['open']);
    } finally {
      assert.ok((await setAgentSettings(db, org, 'test', { enabled: false }, morning)).ok);
      await setAgent(false);
    }
  });

  it('refuses a tampered put-through outcome with 403, storing nothing', async () => {
    const phone = '+5215512700006';
    const d = await aDebtor(db, org, { phone });
    const call = await callIn(phone);
    const url = hook('dialed');
    const fields = { AccountSid: TWILIO_ACCOUNT, CallSid: call.callSid, CallStatus: 'in-progress', From: phone, To: ORG_NUMBER, Direction: 'inbound',
      DialCallStatus: 'completed', DialCallSid: `CA${'e'.repeat(32)}`, DialCallDuration: '40' };
    const stored = (await inboxOf(db, org)).length;
    const r = await fetch(url, { method: 'POST', body: new URLSearchParams({ ...fields, DialCallStatus: 'no-answer' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TWILIO_TOKEN, url, fields) } });
    assert.equal(r.status, 403);
    assert.equal((await inboxOf(db, org)).length, stored);
    assert.equal((await missedOn(d.caseId)).length, 0);
  });

  it('writes the call-back note in the org\'s language, and a later line in the language the task was opened in', async () => {
    const first = '+5215599990002';
    const second = '+5511999990003';
    const language = (l: string) => db.query('UPDATE orgs SET default_language = $2 WHERE id = $1', [org, l]);
    const noteOf = async (from: string) => (await listTasks(db, org, { status: 'open', limit: 100 })).data.filter((t) => t.caller === from).map((t) => t.note);
    try {
      await language('es');
      await ends((await callIn(first)).callSid, first, 'no-answer');
      assert.deepEqual(await noteOf(first), ['Devolver la llamada: una llamada el 10/3/26, 11:00 a.m. no fue contestada (no-answer).']);
      await language('pt-BR');
      await ends((await callIn(first)).callSid, first, 'completed');
      assert.deepEqual(await noteOf(first), ['Devolver la llamada: una llamada el 10/3/26, 11:00 a.m. no fue contestada (no-answer).\n'
        + 'una llamada el 10/3/26, 11:00 a.m. terminó antes de que la persona usara el menú (completed).'], 'noted again in Spanish');
      await ends((await callIn(second)).callSid, second, 'busy');
      assert.deepEqual(await noteOf(second), ['Retornar a ligação: uma ligação em 10/03/2026, 11:00 não foi atendida (busy).']);
    } finally {
      await language('en');
    }
  });

  it('closes the call-back when the debtor pays, and gives an unknown number one org-level task', async () => {
    const phone = '+5215512700003';
    const d = await aDebtor(db, org, { phone }, ['sms', 'voice']);
    const call = await callIn(phone);
    await ends(call.callSid, phone, 'canceled');
    assert.deepEqual((await callBacks(d.customer.id)).map((t) => t.status), ['open']);
    await db.query(`UPDATE invoices SET balance = 0, status = 'paid' WHERE org_id = $1 AND customer_id = $2`, [org, d.customer.id]);
    await syncCases(db, org, morning, { customerId: d.customer.id });
    assert.deepEqual((await callBacks(d.customer.id)).map((t) => [t.status, t.outcome]), [['done', 'paid: no balance left']]);

    const stranger = '+5215599990001';
    for (const status of ['no-answer', 'completed']) {
      const c = await callIn(stranger);
      await ends(c.callSid, stranger, status);
    }
    const own = await db.query<{ id: string; customer_id: string; case_id: string; note: string }>(
      `SELECT id, customer_id, case_id, note FROM tasks WHERE org_id = $1 AND idempotency_key LIKE 'call-back:n:%' AND status = 'open' AND caller = $2`, [org, stranger]);
    assert.equal(own.length, 1, 'one org-level task for the number');
    assert.deepEqual([own[0]!.customer_id, own[0]!.case_id], ['', '']);
    assert.equal(own[0]!.note.split('\n').length, 2);
    assert.doesNotMatch(own[0]!.note, /5599990001/, 'the number is not in the note');
    const listed = await listTasks(db, org, { limit: 100 });
    assert.equal(listed.data.find((t) => t.id === own[0]!.id)?.caller, stranger, 'but on the task, for the person calling back');
    const rows = await worklistRows(db, org, { date: '2026-03-10', assignees: 'all', level: 'org', limit: 500 });
    assert.equal(rows.find((r) => r.id === own[0]!.id)?.caller, stranger, 'on the worklist at the org\'s level, with the number to call');
  });

  it('refuses a tampered status callback with 403, storing nothing', async () => {
    const phone = '+5215512700004';
    const d = await aDebtor(db, org, { phone });
    const call = await callIn(phone);
    const url = hook('voice');
    const fields = { AccountSid: TWILIO_ACCOUNT, CallSid: call.callSid, CallStatus: 'no-answer', From: phone, To: ORG_NUMBER, Direction: 'inbound' };
    const stored = (await inboxOf(db, org)).length;
    const r = await fetch(url, { method: 'POST', body: new URLSearchParams({ ...fields, CallStatus: 'busy' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TWILIO_TOKEN, url, fields) } });
    assert.equal(r.status, 403);
    assert.equal((await inboxOf(db, org)).length, stored);
    await processInbound(db, org, morning);
    assert.equal((await missedOn(d.caseId)).length, 0);
    assert.equal((await callBacks(d.customer.id)).length, 0);
  });
});

describe('an unknown caller\'s call-back task with field encryption on', () => {
  const s = sealedSmsSuite(randomBytes(32).toString('hex'), 'Ferretería Sol', morning);
  const missedFrom = async (from: string) => {
    const call = await s.twilio.callsIn(`${s.server.publicUrl}/webhooks/twilio/${s.org}/incoming`, { From: from, To: ORG_NUMBER });
    assert.equal(await s.twilio.callEnds(`${s.server.publicUrl}/webhooks/twilio/${s.org}/voice`, { CallSid: call.callSid, CallStatus: 'no-answer', From: from, To: ORG_NUMBER }), 200);
    assert.equal((await processInbound(s.db, s.org, morning)).failed, 0);
  };
  const stored = () => s.db.query<{ id: string; caller: string; note: string }>(`SELECT id, caller, note FROM tasks WHERE org_id = $1 AND caller IS NOT NULL ORDER BY id`, [s.org]);

  it('keeps the number sealed on the task, out of its note, and shows it to staff through the tasks API and the worklist', async () => {
    const before = '+5215599990101';
    const after = '+5215599990102';
    await missedFrom(before);
    assert.deepEqual((await stored()).map((t) => t.caller), [before], 'in the clear while encryption is off, like the other copies');
    const on = await s.db.transaction((tx) => setFieldEncryption(tx, s.org, 'test', true, morning));
    assert.ok(on.ok);
    await runFieldJob(s.db, s.org, { batchSize: 10 });
    await missedFrom(after);
    const rows = await stored();
    assert.equal(rows.length, 2);
    for (const t of rows) {
      assert.match(t.caller, /^enc:v2:/, 'sealed by the keys job, and when written');
      assert.doesNotMatch(t.note, /5599990/, 'no number in the note');
    }
    assert.equal((await fieldEncryptionStatus(s.db, s.org)).plaintext_copies['tasks.caller'], 0);
    // a sealed value moved to another task does not open
    await s.db.query('UPDATE tasks SET caller = $2 WHERE id = $1', [rows[1]!.id, rows[0]!.caller]);
    await assert.rejects(listTasks(s.db, s.org, { limit: 100 }), /tasks\.caller/);
    await s.db.query('UPDATE tasks SET caller = $2 WHERE id = $1', [rows[1]!.id, rows[1]!.caller]);
    // a viewer sees the number, as staff see customers' phones (nothing is masked for staff)
    const key = (await createApiKey(s.db, s.org, 'viewer')).secret;
    const r = await s.server.app.inject({ method: 'GET', url: '/v1/tasks?status=open&kind=call', headers: { authorization: `Bearer ${key}` } });
    assert.equal(r.statusCode, 200);
    const listed = (r.json() as { data: { id: string; caller: string | null }[] }).data;
    assert.deepEqual(rows.map((t) => listed.find((x) => x.id === t.id)?.caller).sort(), [before, after]);
    const work = await worklistRows(s.db, s.org, { date: '2026-03-10', assignees: 'all', level: 'org', limit: 50 });
    assert.deepEqual(rows.map((t) => work.find((x) => x.id === t.id)?.caller).sort(), [before, after]);
  });
});
