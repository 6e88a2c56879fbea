// What messages really cost: a call's completed status callback (CallDuration) prices it by the started minute, and the
// worker's price round reads back from a fake Twilio (Basic auth and the resource's path checked) what Twilio billed for
// each SMS and call that reached a final state: price null first (asked again later), then the price, kept beside the
// estimate; given up after days. The costs report (API) counts each message at its bill where known, its estimate otherwise.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { createApiKey } from '../src/orgs/index.ts';
import { dispatchOnce, fetchBilledCosts, processInbound, setCostRates } from '../src/worker/index.ts';
import { bearer } from './support/api.ts';
import { fakeTwilio, type FakeTwilio } from './support/providers/twilio.ts';
import { TWILIO_ACCOUNT, TWILIO_TOKEN, aDebtor, aSend, connect, messagesOf, messagingServer, type MessagingServer } from './support/messaging.ts';

let db: Db;
let server: MessagingServer;
let twilio: FakeTwilio;
let org: string;
let viewer: string;
const morning = new Date('2026-03-10T17:00:00Z'); // 11:00 in Mexico City
const later = (ms: number) => new Date(morning.getTime() + ms);
const MINUTE = 60_000;
const dispatch = (at = morning) => dispatchOnce({ db, now: () => at, adapters: server.adapters, publicUrl: server.publicUrl });
const priceRound = (at: Date) => fetchBilledCosts({ db }, org, at);
const billedRows = () => db.query<{ message_id: string; channel: string; status: string; attempts: number; next_attempt_at: string | null; billed_micros: string | null;
  billed_currency: string | null; error: string | null }>(
  'SELECT message_id, channel, status, attempts, next_attempt_at, billed_micros::text AS billed_micros, billed_currency, error FROM message_billed_costs WHERE org_id = $1 ORDER BY channel', [org]);

before(async () => {
  server = await messagingServer(() => morning, 'Ferretería Luna');
  ({ db, org } = server);
  viewer = (await createApiKey(db, org, 'viewer')).secret;
  twilio = await fakeTwilio({ accountSid: TWILIO_ACCOUNT, authToken: TWILIO_TOKEN, callSeconds: 125 });
  await connect(db, org, 'twilio', { account_sid: TWILIO_ACCOUNT, sms_from: '+15550001111', voice_from: '+15550002222', api_base: twilio.url, rate_per_second: 500 },
    { auth_token: TWILIO_TOKEN });
  const rates = await db.transaction((tx) => setCostRates(tx, org, 'test', { rates: { sms: { MX: 40_000 }, voice: { MX: 50_000 }, voice_minute: { MX: 30_000 } } }, morning));
  assert.ok(rates.ok);
});
after(async () => { await twilio.callbacksDone(); await twilio.close(); await server.close(); });

/** Sends the action, lets the fake Twilio post its status callbacks and applies them. */
async function sendAndSettle(action: string): Promise<void> {
  assert.equal((await dispatch()).sent, 1);
  await twilio.callbacksDone();
  await processInbound(db, org, morning);
}

describe('a call priced by its length', () => {
  it('costs its attempt when placed, then 3 started minutes at the minute rate once the completed callback says 125 s', async () => {
    const d = await aDebtor(db, org, { phone: '+5215512348001' }, ['voice']);
    const action = await aSend(db, org, d, ['voice'], { template: 'overdue-nudge', tone: 'neutral' });
    assert.equal((await dispatch()).sent, 1);
    assert.deepEqual((await messagesOf(db, action)).map((m) => [m.cost_micros, m.cost_currency]), [[50_000, 'USD']], 'the attempt, when placed');
    const daily = async () => (await db.query<{ micros: string }>('SELECT COALESCE(sum(micros), 0)::text AS micros FROM customer_messages_daily WHERE org_id = $1 AND customer_id = $2',
      [org, d.customer.id]))[0]!.micros;
    await twilio.callbacksDone();
    await processInbound(db, org, morning);
    const [call] = await messagesOf(db, action);
    assert.deepEqual([call?.status, call?.cost_micros, call?.cost_currency], ['delivered', 90_000, 'USD']);
    assert.equal(await daily(), '90000', 'the KPIs\' daily rollup follows the estimate');
    // the call's bill, read from its Call resource, is kept beside the estimate and leaves the KPIs' figure as it is
    twilio.prices.set(call!.provider_message_id!, [{ price: '-0.04200', price_unit: 'USD' }]);
    assert.deepEqual(await priceRound(morning), { tried: 1, billed: 1, waiting: 0, gave_up: 0 });
    assert.deepEqual(twilio.reads, [{ resource: 'Calls', sid: call!.provider_message_id }]);
    assert.deepEqual((await billedRows()).map((r) => [r.message_id, r.status, r.billed_micros, r.billed_currency]), [[call!.id, 'billed', '42000', 'USD']]);
    assert.deepEqual([(await messagesOf(db, action))[0]?.cost_micros, await daily()], [90_000, '90000']);
    await db.query('DELETE FROM message_billed_costs WHERE org_id = $1', [org]);
    twilio.reads.length = 0;
  });
});

describe('the price Twilio billed', () => {
  let d: Awaited<ReturnType<typeof aDebtor>>;
  let sms: Awaited<ReturnType<typeof messagesOf>>[number];
  let call: Awaited<ReturnType<typeof messagesOf>>[number];

  it('is asked of Twilio for an SMS and a call that reached a final state: null first, then the price, kept beside the estimate', async () => {
    d = await aDebtor(db, org, { phone: '+5215512348002', email: 'pagos@luna.example' }, ['sms', 'voice', 'email']);
    const texts = await aSend(db, org, d, ['sms']);
    await sendAndSettle(texts);
    const calls = await aSend(db, org, d, ['voice'], { template: 'overdue-nudge', tone: 'neutral' });
    await sendAndSettle(calls);
    sms = (await messagesOf(db, texts))[0]!;
    call = (await messagesOf(db, calls))[0]!;
    assert.deepEqual((await billedRows()).map((r) => [r.channel, r.status, r.attempts]), [['sms', 'pending', 0], ['voice', 'pending', 0]]);
    twilio.prices.set(sms.provider_message_id!, [{ price: null, price_unit: 'USD' }, { price: '-0.04250', price_unit: 'USD' }]);
    twilio.prices.set(call.provider_message_id!, [{ price: '-0.0420', price_unit: 'USD' }]);

    assert.deepEqual(await priceRound(morning), { tried: 2, billed: 1, waiting: 1, gave_up: 0 });
    assert.deepEqual(twilio.reads.map((r) => [r.resource, r.sid]).sort(), [['Calls', call.provider_message_id], ['Messages', sms.provider_message_id]].sort());
    let [s, v] = await billedRows();
    assert.deepEqual([s?.status, s?.attempts, s?.next_attempt_at, s?.error], ['pending', 1, later(5 * MINUTE).toISOString(), 'Twilio has not billed it yet (price null)']);
    assert.deepEqual([v?.status, v?.billed_micros, v?.billed_currency], ['billed', '42000', 'USD']);

    assert.deepEqual(await priceRound(later(MINUTE)), { tried: 0, billed: 0, waiting: 0, gave_up: 0 }, 'not asked again before its turn');
    assert.deepEqual(await priceRound(later(5 * MINUTE)), { tried: 1, billed: 1, waiting: 0, gave_up: 0 });
    [s] = await billedRows();
    assert.deepEqual([s?.status, s?.billed_micros, s?.billed_currency, s?.attempts], ['billed', '42500', 'USD', 2]);
    assert.equal(twilio.reads.length, 3, 'a billed message is not asked again');
    assert.deepEqual(await priceRound(later(60 * MINUTE)), { tried: 0, billed: 0, waiting: 0, gave_up: 0 });
    const estimates = (await db.query<{ id: string; cost_micros: string }>('SELECT id, cost_micros::text AS cost_micros FROM messages WHERE id = ANY($1::text[]) ORDER BY channel',
      [[sms.id, call.id]])).map((m) => m.cost_micros);
    assert.deepEqual(estimates, [String(sms.cost_micros), '90000'], 'the estimates are kept as they were');
  });

  it('is counted in the costs report where known, the estimate otherwise, saying how many of each', async () => {
    const mail = await aSend(db, org, d, ['email']);
    assert.equal((await dispatch()).sent, 1);
    const [email] = await messagesOf(db, mail);
    const r = await server.app.inject({ method: 'GET', url: `/v1/message-costs?customer_id=${d.customer.id}`, headers: bearer(viewer) });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json().data, [{ customer_id: d.customer.id, customer_name: d.customer.name, currency: 'USD', messages: 3, billed: 2, estimated: 1,
      by_channel: { sms: 42_500, voice: 42_000, email: email!.cost_micros }, cost_micros: 84_500 + email!.cost_micros!, cost_minor: 8 }]);
  });

  it('is given up after days of no price, the estimate staying the message\'s cost', async () => {
    const other = await aDebtor(db, org, { phone: '+5215512348003' }, ['sms']);
    const action = await aSend(db, org, other, ['sms']);
    await sendAndSettle(action);
    const [m] = await messagesOf(db, action);
    assert.deepEqual(await priceRound(morning), { tried: 1, billed: 0, waiting: 1, gave_up: 0 });
    assert.deepEqual(await priceRound(later(8 * 24 * 60 * MINUTE)), { tried: 1, billed: 0, waiting: 0, gave_up: 1 });
    const [row] = await db.query<{ status: string; error: string; next_attempt_at: string | null }>(
      'SELECT status, error, next_attempt_at FROM message_billed_costs WHERE org_id = $1 AND message_id = $2', [org, m!.id]);
    assert.deepEqual([row?.status, row?.next_attempt_at], ['gave_up', null]);
    assert.match(row!.error, /^gave up after 2 attempts: Twilio has not billed it yet/);
    const report = (await server.app.inject({ method: 'GET', url: `/v1/message-costs?customer_id=${other.customer.id}`, headers: bearer(viewer) })).json().data;
    assert.deepEqual(report.map((c: { billed: number; estimated: number; cost_micros: number }) => [c.billed, c.estimated, c.cost_micros]), [[0, 1, m!.cost_micros]]);
  });

  it('is read with the account\'s credentials only: a wrong token is a temporary failure, asked again later', async () => {
    const d3 = await aDebtor(db, org, { phone: '+5215512348004' }, ['sms']);
    const action = await aSend(db, org, d3, ['sms']);
    await sendAndSettle(action);
    const [m] = await messagesOf(db, action);
    twilio.prices.set(m!.provider_message_id!, [{ price: '-0.05', price_unit: 'USD' }]);
    await connect(db, org, 'twilio', { account_sid: TWILIO_ACCOUNT, sms_from: '+15550001111', voice_from: '+15550002222', api_base: twilio.url, rate_per_second: 500 },
      { auth_token: 'not-the-account-token-0001' });
    assert.deepEqual(await priceRound(later(MINUTE)), { tried: 1, billed: 0, waiting: 1, gave_up: 0 });
    const [row] = await db.query<{ error: string }>('SELECT error FROM message_billed_costs WHERE org_id = $1 AND message_id = $2', [org, m!.id]);
    assert.equal(row?.error, 'HTTP_401: Twilio answered 401');
  });
});
