// Event webhook endpoints cannot reach private networks (SSRF): literal private addresses are refused when saved (names
// resolving to one then: webhook-url-egress.test.ts), names resolving to one when delivering are refused then (a failed
// attempt, nothing sent), redirects are not followed; an operator's COBRO_EGRESS_ALLOW lets chosen ones through.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { webhookReceiver, type Receiver } from './support/webhook-receiver.ts';
import { aCustomer, aPayment } from './support/factories.ts';
import { deliverWebhooks } from '../src/worker/index.ts';
import { parseEgressAllow, STRICT_EGRESS } from '../src/channels/index.ts';

const now = () => new Date('2026-03-15T12:00:00Z');
let strict: TestApi;
/** Saves under the default policy while names resolve to a public address (they resolve to loopback when delivering: DNS rebinding). */
let rebinding: TestApi;
let hooks: Receiver;
before(async () => {
  strict = await testApi(now); hooks = await webhookReceiver(now);
  rebinding = await testApi(now, { egress: { ...STRICT_EGRESS, resolve: async () => [{ address: '93.184.216.34', family: 4 }] } });
});
after(async () => { await hooks.close(); await strict.close(); await rebinding.close(); });

const admin = (api: TestApi) => bearer(api.keys.admin);
const save = (api: TestApi, url: string) => api.app.inject({ method: 'POST', url: '/v1/webhook-endpoints', headers: admin(api), payload: { url, event_types: ['*'] } });

type Attempt = { status: string; response_code: number | null; error: string | null };
/** A payment's event, delivered once with the policy given; the attempts of its deliveries. */
async function payAndDeliver(api: TestApi, egress = parseEgressAllow('')): Promise<Attempt[]> {
  const c = await aCustomer(api.db, api.org, {});
  const p = await aPayment(api.db, api.org, { customer_id: c.id, amount: 1_000 });
  await deliverWebhooks({ db: api.db, now, egress });
  const [event] = (await api.app.inject({ method: 'GET', url: '/v1/events?type=payment.received', headers: admin(api) }))
    .json<{ data: { id: string; subject: string }[] }>().data.filter((e) => e.subject === p.id);
  const d = (await api.app.inject({ method: 'GET', url: `/v1/events/${event!.id}/deliveries`, headers: admin(api) }))
    .json<{ data: { attempt_log: Attempt[] }[] }>().data;
  return d.flatMap((x) => x.attempt_log);
}

describe('event webhooks and private networks', () => {
  it('refuses, when saved, a URL on a loopback, private, link-local or mapped address', async () => {
    for (const url of ['http://127.0.0.1:8080/hooks', 'http://10.1.2.3/hooks', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]:8080/hooks',
      'http://[::ffff:127.0.0.1]/hooks', 'http://0177.0.0.1/hooks', 'http://192.168.0.10/hooks', 'http://100.64.1.1/hooks', 'http://[fd00::1]/hooks']) {
      const res = await save(strict, url);
      assert.equal(res.statusCode, 400, url);
      assert.deepEqual([res.json<{ error: { field: string } }>().error.field], ['url']);
      assert.match(res.json<{ error: { message: string } }>().error.message, /COBRO_EGRESS_ALLOW/);
    }
    const ok = await save(strict, 'https://hooks.example.com/cobro');
    assert.equal(ok.statusCode, 201, ok.body);
    const changed = await strict.app.inject({ method: 'PATCH', url: `/v1/webhook-endpoints/${ok.json<{ id: string }>().id}`, headers: admin(strict),
      payload: { url: 'http://169.254.169.254/' } });
    assert.equal(changed.statusCode, 400, 'nor can one be changed to it');
    await strict.app.inject({ method: 'DELETE', url: `/v1/webhook-endpoints/${ok.json<{ id: string }>().id}`, headers: admin(strict) });
  });

  it('refuses a delivery to a name that resolves to loopback, recorded as a failed attempt, nothing sent', async () => {
    const port = new URL(hooks.url('/')).port;
    const res = await save(rebinding, `http://localhost:${port}/by-name`);
    assert.equal(res.statusCode, 201, 'saved while the name resolved to a public address; checked again when delivering, on what it then resolves to');
    hooks.secrets.set('/by-name', res.json<{ secret: string }>().secret);
    const attempts = await payAndDeliver(rebinding);
    assert.deepEqual(attempts.map((a) => [a.status, a.response_code]), [['failed', null]]);
    assert.match(attempts[0]!.error ?? '', /^egress refused: localhost resolves to .*loopback/);
    assert.equal(hooks.received.length + hooks.refused, 0, 'the receiver got nothing');
    // an endpoint saved on a literal loopback address before this check existed is refused too
    await rebinding.db.query(`UPDATE webhook_endpoints SET url = $1 WHERE id = $2`, [hooks.url('/by-name'), res.json<{ id: string }>().id]);
    const again = await payAndDeliver(rebinding);
    assert.match(again[0]!.error ?? '', /^egress refused: 127\.0\.0\.1 is a loopback address/);
    assert.equal(hooks.received.length + hooks.refused, 0);
    await rebinding.app.inject({ method: 'DELETE', url: `/v1/webhook-endpoints/${res.json<{ id: string }>().id}`, headers: admin(rebinding) });
  });

  it('delivers to private addresses the operator allows, and follows no redirect', async () => {
    const egress = parseEgressAllow('127.0.0.1/32');
    const allowed = await testApi(now, { egress });
    let reached = 0;
    const inside = http.createServer((_req, res) => { reached++; res.end('ok'); });
    await new Promise<void>((resolve) => inside.listen(0, '127.0.0.1', resolve));
    const bouncer = http.createServer((_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${(inside.address() as AddressInfo).port}/` }).end());
    await new Promise<void>((resolve) => bouncer.listen(0, '127.0.0.1', resolve));
    try {
      const made = await save(allowed, hooks.url('/allowed'));
      assert.equal(made.statusCode, 201, made.body);
      hooks.secrets.set('/allowed', made.json<{ secret: string }>().secret);
      assert.deepEqual((await payAndDeliver(allowed, egress)).map((a) => [a.status, a.response_code]), [['succeeded', 200]]);
      assert.equal(hooks.received.filter((r) => r.path === '/allowed').length, 1);
      await allowed.app.inject({ method: 'DELETE', url: `/v1/webhook-endpoints/${made.json<{ id: string }>().id}`, headers: admin(allowed) });

      const bounce = await save(allowed, `http://127.0.0.1:${(bouncer.address() as AddressInfo).port}/hooks`);
      assert.equal(bounce.statusCode, 201);
      const attempts = await payAndDeliver(allowed, egress);
      assert.deepEqual(attempts.map((a) => [a.status, a.response_code]), [['failed', 302]]);
      assert.equal(reached, 0, 'the redirect was not followed');
    } finally {
      inside.close(); bouncer.close();
      await allowed.close();
    }
  });
});
