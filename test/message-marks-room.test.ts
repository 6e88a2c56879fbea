// Room on messages' pages for the dispatcher's marks (migration 077): marking every queued message sending in one
// transaction, where no old row version can be pruned yet (as when a long transaction elsewhere still sees them), leaves
// each new version on its row's page, a HOT update with no new index entries.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { claimDue, enqueueDue, markSending } from '../src/worker/queue.ts';
import { seedDueMessages } from './support/due-messages.ts';
import { testDb, testOrg } from './support/db.ts';

const N = 1000;
const NOW = new Date('2026-03-10T17:00:00Z');

let db: Db;
before(async () => {
  db = await testDb();
  const org = await testOrg(db, 'Marks');
  await seedDueMessages(db, org, { from: 1, count: N, channel: 'sms', day: '2026-03-10', at: NOW });
  assert.equal(await enqueueDue(db, NOW), N);
});
after(async () => { await db.close(); });

it('marks every message of full pages sending as HOT updates within one transaction', async () => {
  const hot = await db.transaction(async (tx) => {
    const claimed = await claimDue(tx, NOW, N);
    assert.equal(claimed.length, N);
    const count = async () => (await tx.query<{ n: number }>(`SELECT pg_stat_get_xact_tuples_hot_updated('messages'::regclass)::int AS n`))[0]!.n;
    const before = await count();
    await markSending(tx, claimed.map((m) => m.id), NOW);
    return (await count()) - before;
  });
  // at fillfactor 80 about a quarter of them found room on their page; a row or two a page may not (a version a few
  // bytes longer than its old one)
  assert.ok(hot >= 0.9 * N, `${hot} of ${N} sending marks were HOT`);
});
