// The message queue under several workers: enqueueing from many connections at once makes each message once, and the
// claim reads its batch through the (next_attempt_at, id) index instead of sorting every due message.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Db, Queryable } from '../src/db/index.ts';
import { claimDue, enqueueDue, markSending, setStatus, staleSending } from '../src/worker/queue.ts';
import { markHandedMany } from '../src/worker/record.ts';
import { seedDueMessages } from './support/due-messages.ts';
import { testDb, testOrg } from './support/db.ts';

const N = 3000;
const NOW = new Date('2026-03-10T17:00:00Z');

let db: Db;
let org = '';
before(async () => {
  db = await testDb();
  org = await testOrg(db, 'Queue');
  await seedDueMessages(db, org, { from: 1, count: N, channel: 'sms', day: '2026-03-10', at: NOW });
  // statistics taken while no message exists, as on a new install: the claim must still go through its index
  await db.exec('ANALYZE messages; ANALYZE actions');
});
after(async () => { await db.close(); });

it('enqueues every due action once when four workers enqueue at the same moment, and nothing on the next pass', async () => {
  const counts = await Promise.all(Array.from({ length: 4 }, () => enqueueDue(db, NOW)));
  assert.equal(counts.reduce((a, b) => a + b, 0), N);
  const [m] = await db.query<{ n: number; actions: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT action_id)::int AS actions FROM messages WHERE org_id = $1 AND channel = 'sms' AND status = 'queued'`, [org]);
  assert.deepEqual(m, { n: N, actions: N });
  assert.equal(await enqueueDue(db, NOW), 0);
});

it('refreshes the table\'s size and the claim\'s columns\' statistics after a large enqueue, not every column\'s', async () => {
  // the enqueue above queued N (over 1,000) at once: the planner knows the table's rows now
  const [size] = await db.query<{ n: number }>(`SELECT reltuples::int AS n FROM pg_class WHERE oid = 'messages'::regclass`);
  assert.ok(size!.n >= N, `reltuples ${size!.n}`);
  // the rendered contents' JSON and the other columns are not sampled and sorted (most of an ANALYZE's cost)
  const columns = await db.query<{ attname: string }>(
    `SELECT attname FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'messages' ORDER BY attname`);
  assert.deepEqual(columns.map((c) => c.attname), ['dispatching', 'next_attempt_at', 'status']);
});

it('claims a batch through the claim index, with no sort of the whole queue', async () => {
  // the claim's own SQL, explained instead of run
  const explain: Queryable = { query: <T>(sql: string, params?: unknown[]) => db.query<T>(`EXPLAIN ${sql}`, params), copyCsv: db.copyCsv };
  const plan = (await claimDue(explain, NOW, 200)).map((r) => Object.values(r)[0]).join('\n');
  assert.match(plan, /Index Scan using messages_claim on messages/);
  assert.doesNotMatch(plan, /Sort/);
  const claimed = await db.transaction((tx) => claimDue(tx, NOW, 200));
  assert.equal(claimed.length, 200);
  assert.deepEqual(claimed.map((c) => c.id), [...claimed.map((c) => c.id)].sort());
});

it('hands a claim over in due order (to the millisecond), then by id', async () => {
  // a few queued messages made due earlier, a millisecond apart and in the reverse of their ids' order
  const ids = (await db.query<{ id: string }>(`SELECT id FROM messages WHERE org_id = $1 AND status = 'queued' ORDER BY id DESC LIMIT 5`, [org])).map((r) => r.id);
  for (const [i, id] of ids.entries()) await db.query('UPDATE messages SET next_attempt_at = $2 WHERE id = $1', [id, new Date(NOW.getTime() - 60_000 + i)]);
  const claimed = await db.transaction((tx) => claimDue(tx, NOW, 50));
  assert.deepEqual(claimed.slice(0, 5).map((c) => c.id), ids);
  // the rest, all due at NOW, by id; the sort key is not handed over
  const rest = claimed.slice(5).map((c) => c.id);
  assert.deepEqual(rest, [...rest].sort());
  assert.equal('due' in claimed[0]!, false);
});

it('marks a claim sending as HOT updates (no new index entries), and the next claim passes over those sending', async () => {
  const hotUpdates = async (q: Queryable) =>
    (await q.query<{ n: number }>(`SELECT pg_stat_get_xact_tuples_hot_updated('messages'::regclass)::int AS n`))[0]!.n;
  const { first, hot } = await db.transaction(async (tx) => {
    const first = await claimDue(tx, NOW, 20);
    const before = await hotUpdates(tx);
    await markSending(tx, first.map((m) => m.id), NOW);
    return { first, hot: (await hotUpdates(tx)) - before };
  });
  assert.equal(first.length, 20);
  // the rows have room on their pages (fillfactor 80): every sending mark stays on its page, with no new index entries
  assert.equal(hot, 20);
  // the claim index still holds them (sending, not finished), but a claim takes only queued and deferred messages
  const sending = new Set(first.map((m) => m.id));
  const next = await db.transaction((tx) => claimDue(tx, NOW, 50));
  assert.equal(next.length, 50);
  assert.deepEqual(next.filter((m) => sending.has(m.id)), []);
  assert.ok(next[0]!.id > first.at(-1)!.id, 'the next claim starts after the ones sending');
  // the recovery still finds them, and once queued again they are claimed first again
  const stale = await staleSending(db, new Date(NOW.getTime() + 3_600_000), 60_000);
  assert.deepEqual(stale.map((s) => s.id).filter((id) => sending.has(id)).sort(), [...sending].sort());
  for (const id of sending) await setStatus(db, id, 'queued', NOW);
  const again = await db.transaction((tx) => claimDue(tx, NOW, 20));
  assert.deepEqual(again.map((m) => m.id), first.map((m) => m.id));
});

it('reads a claim\'s actions by key, not by a scan of actions', async () => {
  const plans: string[] = [];
  const explain: Queryable = { query: async <T>(sql: string, params?: unknown[]) => {
    const rows = await db.query<Record<string, string>>(`EXPLAIN ${sql}`, params);
    plans.push(rows.map((r) => Object.values(r)[0]).join('\n'));
    return [] as T[];
  }, copyCsv: db.copyCsv };
  await claimDue(explain, NOW, 500);
  assert.match(plans[0]!, /Index Scan using actions_pkey on actions/);
  assert.doesNotMatch(plans[0]!, /Seq Scan/);
});

it('marks a claim sending where the claim found its rows (no lookup by id), and by id a row that moved since', async () => {
  await db.query(`UPDATE messages SET status = 'queued', attempts = 0, handed_at = NULL WHERE org_id = $1`, [org]);
  const { claimed, plans, moved } = await db.transaction(async (tx) => {
    const claimed = await claimDue(tx, NOW, 40);
    // its plan, explained (not run): the rows read where they lie
    const plans: string[] = [];
    const explain: Queryable = { query: async <T>(sql: string, params?: unknown[]) => {
      const rows = await tx.query<Record<string, string>>(`EXPLAIN ${sql}`, params);
      plans.push(rows.map((r) => Object.values(r)[0]).join('\n'));
      return [] as T[];
    }, copyCsv: tx.copyCsv };
    await markSending(explain, claimed.map((m) => m.id), NOW, claimed.map((m) => m.row_at));
    // one row written again in the transaction after the claim: its position names a dead version now
    const moved = claimed[3]!.id;
    await tx.query('UPDATE messages SET updated_at = updated_at WHERE id = $1', [moved]);
    await markSending(tx, claimed.map((m) => m.id), NOW, claimed.map((m) => m.row_at));
    return { claimed, plans, moved };
  });
  assert.match(plans[0]!, /Tid Scan on messages/);
  assert.doesNotMatch(plans[0]!, /Seq Scan|Index Scan/);
  const rows = await db.query<{ id: string; status: string; attempts: number }>(
    'SELECT id, status, attempts FROM messages WHERE id = ANY($1::text[]) ORDER BY id', [claimed.map((m) => m.id)]);
  assert.equal(rows.length, 40);
  // every one marked once, the moved one too
  assert.deepEqual(rows.filter((r) => r.status !== 'sending' || r.attempts !== 1), []);
  assert.ok(rows.some((r) => r.id === moved));
});

it('marks messages handed by a probe per message, not by comparing every message read with every hand', async () => {
  await db.query(`UPDATE messages SET status = 'queued', attempts = 0, handed_at = NULL WHERE org_id = $1`, [org]);
  const { plan, handed } = await db.transaction(async (tx) => {
    const claimed = await claimDue(tx, NOW, 128);
    await markSending(tx, claimed.map((m) => m.id), NOW, claimed.map((m) => m.row_at));
    const hands = claimed.map((m) => ({ id: m.id, attempts: m.attempts + 1 }));
    let plan = '';
    const explain: Queryable = { query: async <T>(sql: string, params?: unknown[]) => {
      const rows = await tx.query<Record<string, string>>(`EXPLAIN ${sql}`, params);
      plan = rows.map((r) => Object.values(r)[0]).join('\n');
      return [] as T[];
    }, copyCsv: tx.copyCsv };
    await markHandedMany(explain, hands, NOW);
    // a stale attempt is not this sender's to hand over
    const handed = await markHandedMany(tx, [...hands.slice(1), { ...hands[0]!, attempts: 0 }], NOW);
    return { plan, handed };
  });
  // read by id (an index condition or a filter), each row's attempt looked up by its id: joined to unnest(ids, attempts)
  // instead, PostgreSQL compared each of the 128 rows read with each of the 128 hands (16,256 comparisons per write)
  assert.match(plan, /id = ANY/);
  assert.doesNotMatch(plan, /Join Filter|Nested Loop|Function Scan|Hash Join/);
  assert.deepEqual(handed, [...Array.from({ length: 127 }, () => true), false]);
});
