// A claimed payment ("ya pagué") holds reminders while it is verified, end to end: the debtor's signed reply comes in over
// WhatsApp or SMS through the provider fakes, the agent opens the claim, the tick plans no reminder for the case while the
// hold lasts (a debtor in the same state without a claim gets hers), and once the hold runs out the next reminder is
// planned and sent; a payment recorded after the claim confirms it. Each step is in the case timeline.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { caseStory } from '../src/timeline/index.ts';
import { runTick } from '../src/engine/index.ts';
import { dispatchOnce, processInbound } from '../src/worker/index.ts';
import { holdEnd, listClaims, setAgentSettings } from '../src/agent/index.ts';
import { fakeTwilio, type FakeTwilio } from './support/providers/twilio.ts';
import { fakeMeta, type FakeMeta } from './support/providers/meta.ts';
import { smsReply, whatsappReply } from './support/debtor-replies.ts';
import { aPayment } from './support/factories.ts';
import { TWILIO_ACCOUNT, TWILIO_TOKEN, aDebtor, connect, messagingServer, type MessagingServer } from './support/messaging.ts';

let db: Db;
let server: MessagingServer;
let twilio: FakeTwilio;
let meta: FakeMeta;
let org: string;
let seq = 0;
const at = (iso: string) => new Date(iso);

before(async () => {
  server = await messagingServer(() => new Date('2026-03-10T17:00:00Z'), 'Ferretería Luna');
  ({ db, org } = server);
  twilio = await fakeTwilio({ accountSid: TWILIO_ACCOUNT, authToken: TWILIO_TOKEN });
  meta = await fakeMeta({ phoneNumberId: '1098765432', accessToken: 'meta-access-token', appSecret: 'meta-app-secret' });
  await connect(db, org, 'twilio', { account_sid: TWILIO_ACCOUNT, sms_from: '+15550001111', api_base: twilio.url, rate_per_second: 500 }, { auth_token: TWILIO_TOKEN });
  await connect(db, org, 'meta_whatsapp', { phone_number_id: '1098765432', api_base: meta.url }, { access_token: 'meta-access-token', app_secret: 'meta-app-secret',
    verify_token: 'verify-me-please' });
  assert.ok((await setAgentSettings(db, org, 'test', { enabled: true }, at('2026-03-01T00:00:00Z'))).ok);
});
after(async () => { await twilio.callbacksDone(); await meta.callbacksDone(); await twilio.close(); await meta.close(); await server.close(); });

async function whatsappIn(from: string, text: string, when: Date): Promise<void> {
  await whatsappReply(`${server.publicUrl}/webhooks/meta/${org}/whatsapp`, from, text, when, `wamid.claim${++seq}`);
}

async function smsIn(from: string, text: string): Promise<void> {
  await smsReply(twilio, `${server.publicUrl}/webhooks/twilio/${org}/messages`, from, text);
}

/** A debtor whose only invoice fell due on 5 March (so 'after-7' of the default strategy comes due on the 12th), planned on the 10th. */
async function debtor(phone: string) {
  const d = await aDebtor(db, org, { phone, whatsapp: phone, email: `${phone.slice(1)}@example.mx` }, ['whatsapp', 'sms', 'email']);
  await db.query(`UPDATE invoices SET due_date = '2026-03-05' WHERE id = $1`, [d.invoice.id]);
  await db.query(`UPDATE cases SET next_action_at = '2026-03-01T00:00:00Z' WHERE id = $1`, [d.caseId]);
  return d;
}

const stepsOf = async (caseId: string) => (await db.query<{ step_id: string; status: string }>(
  `SELECT step_id, status FROM actions WHERE case_id = $1 AND step_id <> 'agent-reply' AND status <> 'skipped' ORDER BY created_at, id`, [caseId])).map((a) => `${a.step_id}:${a.status}`);
const kindsOf = async (caseId: string) => {
  const s = await caseStory(db, org, caseId);
  assert.ok(s.ok);
  return s.value.timeline.map((e) => e.kind);
};
const round = async (when: Date) => {
  await processInbound(db, org, when);
  await runTick(db, { orgId: org, now: when });
  await dispatchOnce({ db, now: () => when, adapters: server.adapters, publicUrl: server.publicUrl });
};

describe('a claimed payment holds reminders while it is verified', () => {
  it('holds the next reminder after "ya pagué" on WhatsApp, and plans and sends it once the hold runs out', async () => {
    const claimed = await debtor('+5215512500001');
    const control = await debtor('+5215512500002');
    await round(at('2026-03-10T17:00:00Z'));
    assert.deepEqual(await stepsOf(claimed.caseId), ['after-3:sent'], 'the reminder due on the 8th went out before the claim');

    await whatsappIn('+5215512500001', 'ya pagué el lunes, por transferencia', at('2026-03-11T16:00:00Z'));
    await round(at('2026-03-11T16:01:00Z'));
    const [claim] = await listClaims(db, org, { customerId: claimed.customer.id });
    assert.equal(claim?.status, 'open');
    // five business days in Mexico from Wednesday 11 March, Monday 16 March (Benito Juárez) being a holiday
    assert.equal(claim?.hold_until, '2026-03-19');
    assert.equal(holdEnd('2026-03-11', 5, 'MX'), '2026-03-19');
    assert.ok(meta.accepted.some((m) => String((m['text'] as { body?: string } | undefined)?.body ?? '').length > 0), 'the agent answered on WhatsApp');
    const [task] = await db.query<{ status: string; note: string }>('SELECT status, note FROM tasks WHERE id = $1', [claim!.task_id]);
    assert.equal(task?.status, 'open');
    assert.match(task!.note, /Reminders are held while it is verified/);

    await round(at('2026-03-12T17:00:00Z'));
    assert.deepEqual(await stepsOf(claimed.caseId), ['after-3:sent'], 'no reminder while the claim is verified');
    assert.deepEqual(await stepsOf(control.caseId), ['after-3:sent', 'after-7:sent'], 'the debtor without a claim got hers the same day');
    const [row] = await db.query<{ next_action_at: Date | string }>('SELECT next_action_at FROM cases WHERE id = $1', [claimed.caseId]);
    assert.equal(new Date(row!.next_action_at).toISOString(), '2026-03-19T06:00:00.000Z', 'looked at again when the hold ends (midnight in Mexico City)');
    await round(at('2026-03-18T17:00:00Z'));
    assert.deepEqual(await stepsOf(claimed.caseId), ['after-3:sent'], 'still held on the last day of the hold');

    await round(at('2026-03-19T17:00:00Z'));
    assert.equal((await listClaims(db, org, { customerId: claimed.customer.id }))[0]?.status, 'expired');
    assert.deepEqual(await stepsOf(claimed.caseId), ['after-3:sent', 'after-7:sent'], 'the held reminder is planned and sent once the hold runs out');
    const kinds = await kindsOf(claimed.caseId);
    assert.ok(kinds.includes('payment_claimed') && kinds.includes('claim_expired'), `the claim and its end are in the timeline: ${kinds.join(', ')}`);
    assert.ok(kinds.indexOf('payment_claimed') < kinds.indexOf('claim_expired'));
  });

  it('confirms a claim made over SMS once a payment is recorded, and the case goes on as the ledger says', async () => {
    const d = await debtor('+5215512500003');
    await round(at('2026-03-20T17:00:00Z'));
    await smsIn('+5215512500003', 'ya pague todo ayer');
    await round(at('2026-03-20T17:02:00Z'));
    const [claim] = await listClaims(db, org, { customerId: d.customer.id });
    assert.equal(claim?.status, 'open');
    assert.ok(twilio.accepted.some((m) => m['To'] === '+5215512500003'), 'the agent answered by SMS');

    await aPayment(db, org, { customer_id: d.customer.id, amount: 50_000, currency: 'MXN', date: '2026-03-19', allocations: [{ invoice_id: d.invoice.id, amount: 50_000 }] });
    await round(at('2026-03-21T17:00:00Z'));
    const [after] = await listClaims(db, org, { customerId: d.customer.id });
    assert.equal(after?.status, 'confirmed');
    const [task] = await db.query<{ status: string; outcome: string }>('SELECT status, outcome FROM tasks WHERE id = $1', [claim!.task_id]);
    assert.deepEqual(task, { status: 'done', outcome: 'payment found' });
    assert.ok((await kindsOf(d.caseId)).includes('claim_confirmed'));
  });
});
