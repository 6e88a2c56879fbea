// /metrics in Prometheus's text format: it parses strictly, and its figures move with what the worker and the webhooks do.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/index.ts';
import { buildOpsServer } from '../src/api/ops-server.ts';
import { sandboxAdapters, workOnce } from '../src/worker/index.ts';
import { testDb, testOrg } from './support/db.ts';
import { aCustomer, anInvoice } from './support/factories.ts';
import { parsePrometheus, value, type Scrape } from './support/prometheus.ts';

let db: Db;
let org: string;
let ops: FastifyInstance;
let clock = new Date('2026-03-10T17:00:00Z'); // Tuesday, 11:00 in Mexico City
before(async () => {
  db = await testDb();
  org = await testOrg(db, 'Metrics');
  ops = await buildOpsServer({ db, now: () => clock, role: 'worker', messagesCacheMs: 0 });
});
after(async () => { await ops.close(); await db.close(); });

async function scrape(app = ops, headers: Record<string, string> = {}): Promise<Scrape> {
  const r = await app.inject({ method: 'GET', url: '/metrics', headers });
  assert.equal(r.statusCode, 200, r.body);
  assert.match(String(r.headers['content-type']), /^text\/plain; version=0\.0\.4; charset=utf-8$/);
  return parsePrometheus(r.body);
}

const silent = { info: () => {}, error: (o: object) => { throw Object.assign(new Error('worker round failed'), o); } };

describe('/metrics', () => {
  it('parses as the text exposition format and names every family the issue asks for', async () => {
    const s = await scrape();
    for (const [name, type] of [['cobro_outbox_due', 'gauge'], ['cobro_messages', 'gauge'], ['cobro_gate_decisions_total', 'counter'],
      ['cobro_tick_duration_seconds', 'histogram'], ['cobro_inbox_lag_seconds', 'gauge'], ['cobro_webhook_delivery_lag_seconds', 'gauge'],
      ['cobro_errors_total', 'counter'], ['cobro_database_up', 'gauge'], ['cobro_cases_due', 'gauge']] as const) {
      assert.equal(s.types.get(name), type, name);
      assert.ok(s.help.get(name), `${name} has help`);
    }
    assert.equal(value(s, 'cobro_database_up'), 1);
    assert.equal(value(s, 'cobro_process_info', { role: 'worker' }), 1);
  });

  it('rejects what a scraper would (the reader in this test is strict)', () => {
    assert.throws(() => parsePrometheus('x 1\n'), /no TYPE/);
    assert.throws(() => parsePrometheus('# TYPE x counter\nx{a="1} 1\n'), /bad labels/);
    assert.throws(() => parsePrometheus('# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n'), /below/);
  });

  it('moves after a worker round: cases due, then tick duration, gate decisions, messages by state and channel', async () => {
    const c = await aCustomer(db, org, { country: 'MX', timezone: 'America/Mexico_City', email: 'compras@metricas.example', language: 'es' });
    await anInvoice(db, org, { customer_id: c.id, currency: 'MXN', amount: 250_000, issue_date: '2026-02-05', due_date: '2026-03-07' });
    const before = await scrape();
    await workOnce({ db, now: () => clock, messaging: { adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' }, log: silent });
    const afterRound = await scrape();
    assert.ok(value(afterRound, 'cobro_tick_duration_seconds_count') > value(before, 'cobro_tick_duration_seconds_count'), 'a tick was timed');
    const allowed = value(afterRound, 'cobro_gate_decisions_total', { decision: 'allow' }) - value(before, 'cobro_gate_decisions_total', { decision: 'allow' });
    assert.ok(allowed >= 1, `the gate allowed the reminder (${allowed})`);
    const [{ n } = { n: 0 }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages WHERE org_id = $1 AND status = 'delivered' AND channel = 'email'`, [org]);
    assert.ok(n >= 1);
    assert.equal(value(afterRound, 'cobro_messages', { state: 'delivered', channel: 'email' }) - value(before, 'cobro_messages', { state: 'delivered', channel: 'email' }), n);
  });

  it('shows due messages and their wait, and the lag of provider events not yet processed', async () => {
    await db.query(`INSERT INTO messages (id, org_id, action_id, customer_id, channel, status, next_attempt_at, created_at, updated_at)
      SELECT 'msg_metrics_due', $1, 'act_metrics_x', id, 'sms', 'deferred', $2, $2, $2 FROM customers WHERE org_id = $1 LIMIT 1`,
    [org, new Date(clock.getTime() - 90_000)]);
    await db.query(`INSERT INTO inbox_events (id, org_id, provider, event_id, received_at, body, status, next_attempt_at)
      VALUES ('ibx_metrics', $1, 'twilio', 'SM-metrics', $2, '{}', 'received', $2)`, [org, new Date(clock.getTime() - 42_000)]);
    const s = await scrape();
    assert.equal(value(s, 'cobro_outbox_due', { state: 'deferred', channel: 'sms' }), 1);
    assert.equal(value(s, 'cobro_outbox_oldest_due_seconds'), 90);
    assert.equal(value(s, 'cobro_inbox_pending', { provider: 'twilio' }), 1);
    assert.equal(value(s, 'cobro_inbox_lag_seconds', { provider: 'twilio' }), 42);
    clock = new Date(clock.getTime() + 8_000);
    assert.equal(value(await scrape(), 'cobro_inbox_lag_seconds', { provider: 'twilio' }), 50, 'the lag grows while the event waits');
    await db.query(`DELETE FROM messages WHERE id = 'msg_metrics_due'`);
    await db.query(`DELETE FROM inbox_events WHERE id = 'ibx_metrics'`);
  });

  it('asks for the token on the ops port too once one is set', async () => {
    const guarded = await buildOpsServer({ db, now: () => clock, role: 'worker', metricsToken: 'a-long-metrics-token-1234' });
    try {
      assert.equal((await guarded.inject({ method: 'GET', url: '/metrics' })).statusCode, 401);
      await scrape(guarded, { authorization: 'Bearer a-long-metrics-token-1234' });
      assert.equal((await guarded.inject({ method: 'GET', url: '/ready' })).statusCode, 200);
    } finally { await guarded.close(); }
  });
});
