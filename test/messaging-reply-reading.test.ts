// Replies read through the inbound path (a signed Twilio webhook, then the worker): a misspelt refusal suppresses the channel
// it names, a wrong person's answer suppresses that number alone and flags it for staff, and a time the debtor calls
// inconvenient, or outside the times they allow, joins the contact profile instead of refusing the channel; "no soy X" is
// checked against the debtor's name.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { dispatchOnce, processInbound } from '../src/worker/index.ts';
import { fakeTwilio, type FakeTwilio } from './support/providers/twilio.ts';
import { TWILIO_ACCOUNT, TWILIO_TOKEN, aDebtor, aSend, connect, messagesOf, messagingServer, type MessagingServer } from './support/messaging.ts';

let db: Db;
let server: MessagingServer;
let twilio: FakeTwilio;
let org: string;
const morning = new Date('2026-03-10T17:00:00Z'); // 11:00 in Mexico City
const hook = () => `${server.publicUrl}/webhooks/twilio/${org}/messages`;

before(async () => {
  server = await messagingServer(() => morning, 'Ferretería Luna');
  ({ db, org } = server);
  twilio = await fakeTwilio({ accountSid: TWILIO_ACCOUNT, authToken: TWILIO_TOKEN });
  await connect(db, org, 'twilio', { account_sid: TWILIO_ACCOUNT, sms_from: '+15550001111', voice_from: '+15550002222', api_base: twilio.url, rate_per_second: 500 },
    { auth_token: TWILIO_TOKEN });
});
after(async () => { await twilio.callbacksDone(); await twilio.close(); await server.close(); });

interface Sup { scope: string; channel: string | null; address: string | null; source: string }
const suppressionsOf = (customerId: string) => db.query<Sup>(
  'SELECT scope, channel, address, source FROM suppressions WHERE customer_id = $1 AND lifted_at IS NULL ORDER BY channel', [customerId]);

const timesOf = async (customerId: string) => (await db.query<{ inconvenient_times: unknown[] }>(
  'SELECT inconvenient_times FROM contact_profiles WHERE customer_id = $1', [customerId]))[0]?.inconvenient_times ?? [];

async function reply(from: string, body: string): Promise<void> {
  await twilio.sendIncoming(hook(), { From: from, To: '+15550001111', Body: body });
  await processInbound(db, org, morning);
}

describe('replies read for refusals, wrong parties and inconvenient times', () => {
  it('a misspelt refusal ("paarem de me ligar") suppresses the calls it names, and revokes the consent for calls', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512340011' }, ['sms', 'voice']);
    await reply('+5215512340011', 'paarem de me ligar');
    assert.deepEqual(await suppressionsOf(d.customer.id), [{ scope: 'channel', channel: 'voice', address: null, source: 'free_text' }]);
    const revoked = await db.query<{ channel: string }>('SELECT channel FROM consents WHERE customer_id = $1 AND revoked_at IS NOT NULL', [d.customer.id]);
    assert.deepEqual(revoked.map((c) => c.channel), ['voice']);
  });

  it('"wrong number, remove this number" suppresses that number on its channels as wrong party, revokes no consent and flags it for staff', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512340012', email: 'ana@example.com' }, ['sms', 'email']);
    await reply('+5215512340012', 'Wrong number, please remove this number');
    const sup = await suppressionsOf(d.customer.id);
    assert.deepEqual(sup.map((s) => [s.scope, s.channel, s.address, s.source]), [
      ['address', 'sms', '+5215512340012', 'wrong_party'], ['address', 'voice', '+5215512340012', 'wrong_party'],
      ['address', 'whatsapp', '+5215512340012', 'wrong_party']]);
    const revoked = await db.query('SELECT id FROM consents WHERE customer_id = $1 AND revoked_at IS NOT NULL', [d.customer.id]);
    assert.equal(revoked.length, 0, 'the debtor revoked nothing');
    const tasks = await db.query<{ kind: string; priority: string; note: string }>('SELECT kind, priority, note FROM tasks WHERE customer_id = $1', [d.customer.id]);
    assert.equal(tasks.length, 1);
    assert.deepEqual([tasks[0]!.kind, tasks[0]!.priority], ['review', 'high']);
    assert.match(tasks[0]!.note, /^Wrong party at \+5215512340012 \(sms\)/);
    // the gate blocks the next SMS to that number; email to the debtor is untouched
    const action = await aSend(db, org, d, ['sms']);
    await dispatchOnce({ db, now: () => morning, adapters: server.adapters, publicUrl: server.publicUrl });
    assert.match((await messagesOf(db, action))[0]?.reason ?? '', /OPTED_OUT/);
  });

  it('"No me llamen después de las 6" records 18:00-00:00 as inconvenient and suppresses nothing', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512340013' }, ['sms', 'voice']);
    await reply('+5215512340013', 'No me llamen después de las 6, gracias');
    assert.deepEqual(await suppressionsOf(d.customer.id), []);
    assert.deepEqual(await timesOf(d.customer.id), [{ from: '18:00', to: '00:00', channels: ['voice'] }]);
    // said again, it is not added twice
    await reply('+5215512340013', 'no me llamen despues de las 6!');
    assert.equal((await timesOf(d.customer.id)).length, 1);
  });

  it('"Solo llámame después de las 5" keeps calls out of 00:00-17:00 in Mexico City: a call at 11:00 waits for 17:00, an SMS goes now', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512340014' }, ['sms', 'voice']);
    await reply('+5215512340014', 'Solo llámame después de las 5 por favor');
    assert.deepEqual(await suppressionsOf(d.customer.id), []);
    assert.deepEqual(await timesOf(d.customer.id), [{ from: '00:00', to: '17:00', channels: ['voice'] }]);
    const call = await aSend(db, org, d, ['voice'], { template: 'overdue-nudge', tone: 'neutral' });
    const text = await aSend(db, org, d, ['sms'], { template: 'overdue-nudge', tone: 'neutral' });
    await dispatchOnce({ db, now: () => morning, adapters: server.adapters, publicUrl: server.publicUrl });
    const [voice] = await db.query<{ status: string; reason: string | null; next_attempt_at: Date | null }>(
      'SELECT status, reason, next_attempt_at FROM messages WHERE action_id = $1', [call]);
    assert.equal(voice?.status, 'deferred');
    assert.match(voice?.reason ?? '', /^INCONVENIENT_TIME/);
    assert.equal(new Date(voice!.next_attempt_at!).toISOString(), '2026-03-10T23:00:00.000Z', '17:00 in Mexico City');
    assert.equal((await messagesOf(db, text))[0]?.status, 'sent');
  });

  it('"no soy Pedro" to María López flags the reply for review and suppresses nothing; "no soy María" suppresses the number', async () => {
    const maria = await aDebtor(db, org, { phone: '+5215512340015', name: 'María López' }, ['sms']);
    await reply('+5215512340015', 'No soy Pedro');
    assert.deepEqual(await suppressionsOf(maria.customer.id), []);
    const tasks = await db.query<{ kind: string; priority: string; note: string }>('SELECT kind, priority, note FROM tasks WHERE customer_id = $1', [maria.customer.id]);
    assert.deepEqual(tasks.map((t) => [t.kind, t.priority]), [['review', 'normal']]);
    assert.match(tasks[0]!.note, /"pedro" is not the debtor's name/);
    await reply('+5215512340015', 'no soy maria');
    assert.deepEqual((await suppressionsOf(maria.customer.id)).map((s) => [s.channel, s.source]), [['sms', 'wrong_party'], ['voice', 'wrong_party'], ['whatsapp', 'wrong_party']]);
  });
});
