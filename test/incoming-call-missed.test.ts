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
import { twilioSignature } from '../src/compliance/index.ts';
import { syncCases, worklistRows } from '../src/engine/index.ts';
import { logCall } from '../src/tasks/index.ts';
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
    assert.match(tasks[0]!.note, /^Call back: a call from \+5215512700001 at .* was not answered \(no-answer\)\.\na call from \+5215512700001 .* ended before the caller used the menu \(completed\)\.$/);
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
      await press(through.callSid, phone, '2');
      await ends(through.callSid, phone, 'completed');
      assert.equal((await missedOn(d.caseId)).length, 1, 'put through to a person: not missed');
      assert.deepEqual((await callBacks(d.customer.id)).map((t) => [t.status, t.outcome]), [['done', `the debtor reached a person (call ${through.callSid})`]]);
    } finally {
      await setAgent(false);
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
    const own = await db.query<{ customer_id: string; case_id: string; note: string }>(
      `SELECT customer_id, case_id, note FROM tasks WHERE org_id = $1 AND idempotency_key LIKE 'call-back:n:%' AND status = 'open'`, [org]);
    assert.equal(own.length, 1, 'one org-level task for the number');
    assert.deepEqual([own[0]!.customer_id, own[0]!.case_id], ['', '']);
    assert.equal(own[0]!.note.split('\n').length, 2);
    assert.match(own[0]!.note, /\+5215599990001/);
    const rows = await worklistRows(db, org, { date: '2026-03-10', assignees: 'all', level: 'org', limit: 500 });
    assert.ok(rows.some((r) => r.note === own[0]!.note), 'on the worklist at the org\'s level');
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
