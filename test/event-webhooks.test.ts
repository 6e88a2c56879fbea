// Event webhooks for integrators through the API: endpoints (admin only, secret shown once), signed deliveries checked by
// a local receiver, retries with backoff, attempts listed, replays, giving up, and no event without its fact.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { webhookReceiver, verifyCobroSignature, type Receiver } from './support/webhook-receiver.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { deliverWebhooks } from '../src/worker/index.ts';
import { recordPayment } from '../src/ledger/index.ts';
import { parseEgressAllow, signPayload } from '../src/channels/index.ts';

let api: TestApi;
let hooks: Receiver;
let clock = new Date('2026-03-15T12:00:00Z');
const now = () => clock;
// the receiver listens on 127.0.0.1, which the default egress policy refuses: allowed here as an operator would
const egress = parseEgressAllow('127.0.0.1/32');
before(async () => { api = await testApi(now, { egress }); hooks = await webhookReceiver(now); });
after(async () => { await hooks.close(); await api.close(); });

const admin = () => bearer(api.keys.admin);
const deliver = (o: { maxAttempts?: number } = {}) => deliverWebhooks({ db: api.db, now, egress, ...o });

async function subscribe(path: string, eventTypes: string[]) {
  const res = await api.app.inject({ method: 'POST', url: '/v1/webhook-endpoints', headers: admin(), payload: { url: hooks.url(path), event_types: eventTypes } });
  assert.equal(res.statusCode, 201, res.body);
  const e = res.json<{ id: string; secret: string; secret_hint: string }>();
  hooks.secrets.set(path, e.secret);
  return e;
}

async function pay(amount = 10_000) {
  const c = await aCustomer(api.db, api.org, { country: 'US', timezone: 'America/New_York' });
  await anInvoice(api.db, api.org, { customer_id: c.id, amount: 10_000, due_date: '2026-02-01' });
  const res = await api.app.inject({ method: 'POST', url: '/v1/payments', headers: bearer(api.keys.collector),
    payload: { customer_id: c.id, amount, currency: 'USD', date: '2026-03-14' } });
  assert.equal(res.statusCode, 201, res.body);
  return { customer: c, payment: res.json<{ id: string }>() };
}

const eventsOf = async (type: string) =>
  (await api.app.inject({ method: 'GET', url: `/v1/events?type=${type}`, headers: bearer(api.keys.viewer) })).json<{ data: { id: string; subject: string }[] }>().data;

describe('event webhooks', () => {
  it('lets only admins manage endpoints, and shows the signing secret once', async () => {
    const e = await subscribe('/a', ['payment.received', 'invoice.paid']);
    assert.match(e.secret, /^whsec_/);
    assert.equal(e.secret_hint, `…${e.secret.slice(-4)}`);
    const again = await api.app.inject({ method: 'GET', url: `/v1/webhook-endpoints/${e.id}`, headers: admin() });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json<Record<string, unknown>>().secret, undefined, 'never shown again');
    assert.ok(!again.body.includes(e.secret));
    for (const role of ['manager', 'collector', 'viewer'] as const) {
      const res = await api.app.inject({ method: 'POST', url: '/v1/webhook-endpoints', headers: bearer(api.keys[role]), payload: { url: hooks.url('/x'), event_types: ['*'] } });
      assert.equal(res.statusCode, 403, role);
    }
    const other = await api.app.inject({ method: 'GET', url: `/v1/webhook-endpoints/${e.id}`, headers: bearer(api.otherKey) });
    assert.equal(other.statusCode, 404, 'another org does not see it');
    const bad = await api.app.inject({ method: 'POST', url: '/v1/webhook-endpoints', headers: admin(), payload: { url: hooks.url('/x'), event_types: ['invoice.eaten'] } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json<{ error: { field: string } }>().error.field, /event_types/);
  });

  it('delivers a payment\'s events signed over "timestamp.body", once each, to the endpoints subscribed', async () => {
    const only = await subscribe('/only-invoices', ['invoice.paid']);
    const before = hooks.received.length;
    const { payment, customer } = await pay();
    const r = await deliver();
    assert.equal(r.succeeded, r.attempted);
    const got = hooks.received.slice(before);
    const paid = got.find((g) => g.path === '/a' && g.type === 'payment.received');
    assert.equal(paid?.body.data.payment_id, payment.id);
    assert.equal(paid?.body.data.customer_id, customer.id);
    assert.equal(paid?.body.data.amount, 10_000);
    assert.equal(got.filter((g) => g.type === 'invoice.paid').length, 2, 'to /a and to /only-invoices');
    assert.ok(!got.some((g) => g.path === '/only-invoices' && g.type === 'payment.received'), 'not subscribed');
    assert.equal(got[0]!.timestamp, String(Math.floor(clock.getTime() / 1000)));
    assert.equal(hooks.refused, 0);
    assert.equal((await deliver()).attempted, 0, 'nothing is sent twice');
    await api.app.inject({ method: 'DELETE', url: `/v1/webhook-endpoints/${only.id}`, headers: admin() });
  });

  it('signs so that the README\'s check passes, and fails on a changed byte, another secret or an old timestamp', () => {
    const secret = 'whsec_test';
    const body = '{"id":"evt_1","type":"payment.received"}';
    const header = signPayload(secret, body, clock);
    assert.ok(verifyCobroSignature(body, header, secret, clock.getTime()));
    assert.ok(!verifyCobroSignature(body.replace('1', '2'), header, secret, clock.getTime()), 'a changed byte fails');
    assert.ok(!verifyCobroSignature(body, header, 'whsec_other', clock.getTime()), 'another secret fails');
    assert.ok(!verifyCobroSignature(body, header, secret, clock.getTime() + 10 * 60_000), 'an old timestamp fails');
  });

  it('retries a failing endpoint with backoff, recording every attempt, until it answers', async () => {
    const e = await subscribe('/flaky', ['payment.received']);
    hooks.failures.set('/flaky', 2);
    const { payment } = await pay(4_000);
    const first = await deliver();
    assert.equal(first.retrying, 1);
    const [event] = (await eventsOf('payment.received')).filter((x) => x.subject === payment.id);
    const list = async () => (await api.app.inject({ method: 'GET', url: `/v1/events/${event!.id}/deliveries`, headers: bearer(api.keys.viewer) }))
      .json<{ data: { endpoint_id: string; status: string; attempts: number; next_attempt_at: string; attempt_log: { status: string; response_code: number | null; duration_ms: number; error: string | null }[] }[] }>().data;
    let d = (await list()).find((x) => x.endpoint_id === e.id)!;
    assert.equal(d.status, 'pending');
    assert.deepEqual(d.attempt_log.map((a) => [a.status, a.response_code]), [['failed', 500]]);
    assert.match(d.attempt_log[0]!.error ?? '', /HTTP 500/);
    const wait = new Date(d.next_attempt_at).getTime() - clock.getTime();
    assert.ok(wait >= 22_500 && wait <= 37_500, `first retry after about 30 s, was ${wait} ms`);
    assert.equal((await deliver()).attempted, 0, 'not before its time');
    clock = new Date(d.next_attempt_at);
    await deliver();
    d = (await list()).find((x) => x.endpoint_id === e.id)!;
    const wait2 = new Date(d.next_attempt_at).getTime() - clock.getTime();
    assert.ok(wait2 >= 45_000 && wait2 <= 75_000, `then about a minute, was ${wait2} ms`);
    clock = new Date(d.next_attempt_at);
    await deliver();
    d = (await list()).find((x) => x.endpoint_id === e.id)!;
    assert.equal(d.status, 'succeeded');
    assert.deepEqual(d.attempt_log.map((a) => [a.status, a.response_code]), [['failed', 500], ['failed', 500], ['succeeded', 200]]);
    assert.ok(d.attempt_log.every((a) => a.duration_ms >= 0));
    assert.equal(hooks.received.filter((g) => g.path === '/flaky' && g.body.data.payment_id === payment.id).length, 1);
    await api.app.inject({ method: 'PATCH', url: `/v1/webhook-endpoints/${e.id}`, headers: admin(), payload: { enabled: false } });
  });

  it('gives up after the last attempt, and replays an event on request with a fresh signature', async () => {
    const e = await subscribe('/down', ['payment.received']);
    hooks.failures.set('/down', 1_000);
    const { payment } = await pay(3_000);
    for (let i = 0; i < 3; i++) { await deliver({ maxAttempts: 2 }); clock = new Date(clock.getTime() + 3_600_000); }
    const [event] = (await eventsOf('payment.received')).filter((x) => x.subject === payment.id);
    const deliveries = async () => (await api.app.inject({ method: 'GET', url: `/v1/events/${event!.id}/deliveries`, headers: admin() }))
      .json<{ data: { endpoint_id: string; status: string; replay: boolean; attempts: number }[] }>().data.filter((x) => x.endpoint_id === e.id);
    assert.deepEqual((await deliveries()).map((x) => [x.status, x.attempts]), [['failed', 2]]);
    hooks.failures.set('/down', 0);
    const forbidden = await api.app.inject({ method: 'POST', url: `/v1/events/${event!.id}/replay`, headers: bearer(api.keys.manager), payload: {} });
    assert.equal(forbidden.statusCode, 403);
    const replay = await api.app.inject({ method: 'POST', url: `/v1/events/${event!.id}/replay`, headers: admin(), payload: { endpoint_id: e.id } });
    assert.equal(replay.statusCode, 202, replay.body);
    await deliver();
    assert.deepEqual((await deliveries()).map((x) => [x.replay, x.status]), [[false, 'failed'], [true, 'succeeded']]);
    const got = hooks.received.filter((g) => g.path === '/down');
    assert.equal(got.length, 1);
    assert.equal(got[0]!.eventId, event!.id, 'the same event id, for the receiver to deduplicate');
    assert.equal(got[0]!.timestamp, String(Math.floor(clock.getTime() / 1000)), 'signed now, not when first sent');
  });

  it('R-3: writes no event when the fact is rolled back', async () => {
    const c = await aCustomer(api.db, api.org, {});
    const before = (await eventsOf('payment.received')).length;
    await assert.rejects(api.db.transaction(async (tx) => {
      const r = await recordPayment(tx, api.org, 'test', { customer_id: c.id, amount: 100, currency: 'USD', date: '2026-03-01' });
      assert.ok(r.ok);
      throw new Error('the caller fails after the payment');
    }));
    assert.equal((await eventsOf('payment.received')).length, before);
  });

  it('pages through events newest first', async () => {
    const page1 = (await api.app.inject({ method: 'GET', url: '/v1/events?limit=2', headers: admin() })).json<{ data: { id: string }[]; next_cursor: string | null }>();
    assert.equal(page1.data.length, 2);
    assert.ok(page1.next_cursor);
    const page2 = (await api.app.inject({ method: 'GET', url: `/v1/events?limit=2&cursor=${page1.next_cursor}`, headers: admin() })).json<{ data: { id: string }[] }>();
    assert.ok(page2.data.length > 0);
    assert.ok(!page2.data.some((e) => page1.data.some((f) => f.id === e.id)));
    const other = (await api.app.inject({ method: 'GET', url: '/v1/events', headers: bearer(api.otherKey) })).json<{ data: unknown[] }>();
    assert.equal(other.data.length, 0, 'another org sees none of them');
  });
});
