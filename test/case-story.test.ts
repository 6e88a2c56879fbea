// The case timeline through the API: the engine's entries in their order, with the promise made during the case, the
// message that went out and the reply that came back, each at its instant; nothing from before the case opened.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inTransaction } from '../src/db/index.ts';
import { newId } from '../src/domain/index.ts';
import { runTick, syncCases } from '../src/engine/index.ts';
import { createPromise } from '../src/payments/index.ts';
import { sandboxAdapters, workOnce } from '../src/worker/index.ts';
import { mergeByTime, type StoryEntry } from '../src/timeline/index.ts';
import { bearer, testApi, type TestApi } from './support/api.ts';
import { aCustomer, anInvoice } from './support/factories.ts';

const NY = (local: string) => new Date(`${local}-05:00`);
const entry = (id: string, at: string): StoryEntry => ({ id, at, kind: 'k', step_id: null, idempotency_key: null, reason: '', data: {} });

describe('mergeByTime', () => {
  it('keeps the base order and places each extra entry before the first later base entry', () => {
    const base = [entry('b1', '2026-03-01T10:00:00Z'), entry('b2', '2026-03-01T09:00:00Z'), entry('b3', '2026-03-03T00:00:00Z')];
    const extra = [entry('x2', '2026-03-02T00:00:00Z'), entry('x1', '2026-03-01T10:00:00Z'), entry('x3', '2026-03-04T00:00:00Z')];
    assert.deepEqual(mergeByTime(base, extra).map((e) => e.id), ['b1', 'b2', 'x1', 'x2', 'b3', 'x3']);
  });
});

describe('GET /v1/cases/{id} timeline', () => {
  let t: TestApi;
  before(async () => { t = await testApi(() => NY('2026-03-06T12:00')); });
  after(async () => { await t.close(); });

  it('tells the whole story of the case in time order', async () => {
    const c = await aCustomer(t.db, t.org, { email: 'ap@example.com', country: 'US', timezone: 'America/New_York' });
    await anInvoice(t.db, t.org, { customer_id: c.id, issue_date: '2026-02-01', due_date: '2026-03-02', amount: 40_000 });
    await syncCases(t.db, t.org, NY('2026-03-02T08:00'));
    await runTick(t.db, { orgId: t.org, now: NY('2026-03-02T08:00') });
    await workOnce({ db: t.db, now: () => NY('2026-03-02T10:00'), messaging: { adapters: sandboxAdapters(), publicUrl: 'https://cobro.example' },
      log: { info: () => {}, error: (o) => { throw Object.assign(new Error('round failed'), o); } } });
    await t.db.query(`INSERT INTO inbound_messages (id, org_id, customer_id, channel, provider, from_address, text, received_at, created_at)
      VALUES ($1, $2, $3, 'email', 'smtp', 'ap@example.com', 'We will pay on Friday', $4, $4)`, [newId('message'), t.org, c.id, NY('2026-03-02T14:00')]);
    const p = await inTransaction(t.db, (tx) => createPromise(tx, t.org, 'user:usr_c', { customerId: c.id, amount: 40_000, currency: 'USD',
      dueDate: '2026-03-06', source: 'collector', channel: 'email' }, NY('2026-03-02T15:00')));
    assert.ok(p.ok, JSON.stringify(p));

    const res = await t.app.inject({ method: 'GET', url: `/v1/cases/${c.id}`, headers: bearer(t.keys.viewer) });
    assert.equal(res.statusCode, 200, res.body);
    const timeline = (res.json() as { timeline: StoryEntry[] }).timeline;
    const kinds = timeline.map((e) => e.kind);
    for (const k of ['action_planned', 'message_sent', 'reply_received', 'promise_made']) assert.ok(kinds.includes(k), `${k} in ${kinds.join(', ')}`);
    assert.ok(kinds.indexOf('message_sent') < kinds.indexOf('reply_received') && kinds.indexOf('reply_received') < kinds.indexOf('promise_made'));
    assert.match(timeline.find((e) => e.kind === 'reply_received')!.reason, /email: We will pay on Friday/);
    assert.match(timeline.find((e) => e.kind === 'promise_made')!.reason, /400\.00 USD by 2026-03-06/);

    const other = await t.app.inject({ method: 'GET', url: `/v1/cases/${c.id}`, headers: bearer(t.otherKey) });
    assert.equal(other.statusCode, 404, 'another org sees nothing');
  });
});
