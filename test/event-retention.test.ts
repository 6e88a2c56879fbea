// Event retention: events older than the retention go with their deliveries and attempts, a bounded batch at a time,
// oldest first; one with a delivery still pending or retrying stays; the worker's round does it; the API and CLI show it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApi, bearer, type TestApi } from './support/api.ts';
import { emitEvents, purgeEvents, type EventType } from '../src/events/index.ts';
import { sandboxAdapters, workOnce } from '../src/worker/index.ts';

const now = new Date('2026-06-30T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
let api: TestApi;
before(async () => { api = await testApi(() => now, { eventRetentionDays: 30 }); });
after(async () => { await api.close(); });

/** An event written `age` days ago, with one delivery in `status` and an attempt when it was tried. */
async function anEvent(org: string, age: number, status: 'pending' | 'succeeded' | 'failed' | null, subject: string): Promise<string> {
  const at = daysAgo(age);
  await emitEvents(api.db, [{ orgId: org, type: 'payment.received' as EventType, subject, customerId: null, data: {}, at }]);
  const [e] = await api.db.query<{ id: string }>('SELECT id FROM events WHERE subject = $1', [subject]);
  if (status) {
    await api.db.query(`INSERT INTO webhook_deliveries (id, org_id, event_id, endpoint_id, status, attempts, next_attempt_at, created_at, updated_at)
      VALUES ($1, $2, $3, 'whe_x', $4, 1, $5, $5, $5)`, [`whd_${subject}`, org, e!.id, status, at]);
    await api.db.query(`INSERT INTO webhook_attempts (id, org_id, delivery_id, attempt, url, at, status, duration_ms)
      VALUES ($1, $2, $3, 1, 'https://hooks.example.com', $4, $5, 3)`, [`wha_${subject}`, org, `whd_${subject}`, at, status === 'succeeded' ? 'succeeded' : 'failed']);
  }
  return e!.id;
}

const left = async (table: string, ids: string[]) => (await api.db.query<{ n: number }>(
  `SELECT count(*)::int AS n FROM ${table} WHERE id = ANY ($1)`, [ids]))[0]!.n;
const subjectsLeft = async (prefix: string) => (await api.db.query<{ subject: string }>(
  `SELECT subject FROM events WHERE subject LIKE $1 ORDER BY subject`, [`${prefix}%`])).map((r) => r.subject);

describe('event retention', () => {
  it('deletes old events with their deliveries and attempts, in bounded batches, keeping any with a delivery pending', async () => {
    for (let i = 0; i < 5; i++) await anEvent(api.org, 100 + i, 'succeeded', `a-old-ok-${i}`);
    await anEvent(api.org, 120, 'failed', 'a-old-failed');
    await anEvent(api.org, 130, null, 'a-old-none');
    await anEvent(api.otherOrg, 110, 'succeeded', 'a-old-other-org');
    await anEvent(api.org, 140, 'pending', 'a-old-pending');
    await anEvent(api.org, 29, 'succeeded', 'a-recent');

    const first = await purgeEvents(api.db, 30, now, { batch: 3, maxBatches: 2 });
    assert.deepEqual(first, { events: 6, deliveries: 5, attempts: 5, batches: 2 }, 'two batches of three, the oldest first');
    assert.deepEqual(await subjectsLeft('a-'), ['a-old-ok-0', 'a-old-ok-1', 'a-old-pending', 'a-recent'].sort());
    const rest = await purgeEvents(api.db, 30, now, { batch: 3, maxBatches: 2 });
    assert.deepEqual(rest, { events: 2, deliveries: 2, attempts: 2, batches: 1 }, 'a short batch ends the round');
    assert.deepEqual(await subjectsLeft('a-'), ['a-old-pending', 'a-recent']);
    assert.equal(await left('webhook_deliveries', ['whd_a-old-pending', 'whd_a-recent', 'whd_a-old-ok-0']), 2);
    assert.equal(await left('webhook_attempts', ['wha_a-old-pending', 'wha_a-recent', 'wha_a-old-failed']), 2);
    assert.deepEqual(await purgeEvents(api.db, 30, now), { events: 0, deliveries: 0, attempts: 0, batches: 1 });

    // once its delivery is over, the pending one goes too
    await api.db.query(`UPDATE webhook_deliveries SET status = 'failed' WHERE id = 'whd_a-old-pending'`);
    assert.equal((await purgeEvents(api.db, 30, now)).events, 1);
    assert.deepEqual(await subjectsLeft('a-'), ['a-recent']);
  });

  it('runs in the worker\'s round with the configured retention', async () => {
    await anEvent(api.org, 45, 'succeeded', 'b-old');
    await anEvent(api.org, 20, 'succeeded', 'b-recent');
    const errors: string[] = [];
    await workOnce({ db: api.db, now: () => now, messaging: { adapters: sandboxAdapters(), publicUrl: 'http://localhost' },
      log: { info: () => {}, error: (_o, msg) => { errors.push(msg); } }, eventRetentionDays: 30 });
    assert.deepEqual(errors.filter((m) => /retention/.test(m)), []);
    assert.deepEqual(await subjectsLeft('b-'), ['b-recent']);
  });

  it('shows the retention through the API', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/v1/events/retention', headers: bearer(api.keys.viewer) });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { days: 30, delete_before: daysAgo(30).toISOString() });
  });
});
