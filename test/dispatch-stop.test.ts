// A dispatch pass told to stop (the worker shutting down) claims no further batch, but sends and records every batch
// it already claimed, the one gated ahead included: nothing is left sending for the stale recovery to find.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { dispatchOnce, sandboxAdapters, type AdapterSet } from '../src/worker/index.ts';
import { testDb, testOrg } from './support/db.ts';
import { seedDueMessages } from './support/due-messages.ts';

const NOW = new Date('2026-03-10T17:00:00Z'); // 11:00 in Mexico City

let db: Db;
let org: string;
before(async () => { db = await testDb(); org = await testOrg(db, 'Abarrotes Cierre'); });
after(async () => { await db.close(); });

it('stops claiming once aborted and leaves no message sending', async () => {
  const total = 600;
  await seedDueMessages(db, org, { from: 1, count: total, channel: 'sms', day: '2026-03-10', at: NOW });
  const stop = new AbortController();
  const sandbox = sandboxAdapters();
  let sends = 0;
  const adapters: AdapterSet = { ...sandbox, sms: { ...sandbox.sms, send: async (m, o) => {
    // the stop comes while the first batch is sending, with the next ones prepared and gated meanwhile
    if (++sends === 20) stop.abort();
    await new Promise((r) => setTimeout(r, 2));
    return sandbox.sms.send(m, o);
  } } };
  const r = await dispatchOnce({ db, adapters, now: () => NOW, publicUrl: 'https://cobro.example', batchSize: 50, concurrency: 4, signal: stop.signal });
  const statuses = Object.fromEntries((await db.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM messages WHERE org_id = $1 GROUP BY 1', [org])).map((s) => [s.status, s.n]));
  assert.equal(statuses.sending, undefined, `nothing left sending: ${JSON.stringify(statuses)}`);
  // the sandbox reports its sends delivered at once
  const sent = (statuses.sent ?? 0) + (statuses.delivered ?? 0);
  assert.equal(sent, r.sent);
  assert.equal(sends, r.sent);
  assert.ok(r.sent < total / 2, `stopped early (${r.sent} of ${total} sent)`);
  assert.equal((statuses.queued ?? 0) + sent, total, JSON.stringify(statuses));
});
