// The fault suite in small (`npm run test:faults` runs it in full): three seeded runs of cobro's worker under killed
// processes, broken providers, replayed webhooks, STOP replies, payments and clock jumps keep every invariant; and the
// checker is not blind: violations planted in a finished run's database (a double send, a tampered balance, a message
// left mid-send, an edited audit entry, a send after payment) are each reported.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../src/db/index.ts';
import { loadConfig } from '../src/config.ts';
import { startProviders, type Providers } from './faults/providers.ts';
import { WorkerPool } from './faults/workers.ts';
import { faultRun, type FaultKind, type Place, type RunResult } from './faults/run.ts';
import { checkRun } from './faults/check.ts';
import { pgliteFolder } from './support/pglite-folder.ts';

const SEEDS = [11, 12, 13];
const { databaseUrl } = loadConfig();
const place: Place = databaseUrl ? { databaseUrl, schema: `faults_${randomBytes(4).toString('hex')}` } : { dataDir: mkdtempSync(join(tmpdir(), 'cobro-faults-')) };
let providers: Providers;
let pool: WorkerPool;
const results: RunResult[] = [];

before(async () => {
  providers = await startProviders();
  pool = new WorkerPool();
  // the PGlite folder laid migrated (as the CLI tests lay theirs), not migrated from nothing by this first open
  if (place.dataDir) await pgliteFolder(place.dataDir);
  await (await openDb(place)).close();
});
after(async () => {
  await pool.close();
  await providers.close();
  if (place.schema) { const db = await openDb(place); await db.exec(`DROP SCHEMA ${place.schema} CASCADE`); await db.close(); }
  if (place.dataDir) rmSync(place.dataDir, { recursive: true, force: true });
});

it(`R-11: ${SEEDS.length} seeded fault runs keep every invariant`, { timeout: 900_000 }, async (t) => {
  for (const seed of SEEDS) {
    const r = await faultRun({ seed, place, providers, pool, size: { customers: 30, rounds: 2 } });
    results.push(r);
    t.diagnostic(`seed ${seed}: ${(r.ms / 1000).toFixed(1)} s, ${r.received.email} emails and ${r.received.sms} SMS received, faults ${JSON.stringify(r.faults)}`);
    assert.deepEqual(r.violations, [], `seed ${seed} (replay: npm run test:faults -- --runs 1 --seed ${seed})`);
  }
  const kinds = new Set(results.flatMap((r) => Object.keys(r.faults) as FaultKind[]));
  for (const k of ['webhook_duplicated', 'payment_full'] as const) assert.ok(kinds.has(k), `the runs injected ${k}: ${[...kinds].join(', ')}`);
  assert.ok(kinds.has('kill') || kinds.has('smtp_refused') || kinds.has('sms_5xx') || kinds.has('sms_slow'), `the runs broke a worker or a provider: ${[...kinds].join(', ')}`);
  assert.ok(results.every((r) => r.received.email > 0), 'every run sent email through the faults');
});

it('R-11: the checker reports violations planted in a finished run', { timeout: 60_000 }, async () => {
  assert.ok(results.length > 0, 'a run finished before');
  const db: Db = await openDb(place);
  try {
    const [org] = await db.query<{ id: string }>('SELECT id FROM orgs');
    const now = new Date('2026-04-01T00:00:00Z');
    assert.deepEqual(await checkRun(db, org!.id, now), [], 'the run is clean before anything is planted');
    const planted = async (sql: string, invariant: string) => {
      await db.transaction(async (tx) => { await tx.query('SET LOCAL session_replication_role = replica'); await tx.query(sql); });
      const found = (await checkRun(db, org!.id, now)).map((v) => v.invariant);
      assert.ok(found.includes(invariant), `"${invariant}" is reported after: ${sql} (found ${JSON.stringify(found)})`);
    };
    // an email the sink got twice
    await planted(`INSERT INTO fault_receipts SELECT * FROM fault_receipts WHERE channel = 'email' LIMIT 1`, 'email received twice');
    // a balance a unit off its invoices and allocations
    await planted(`UPDATE invoices SET balance = balance + 1 WHERE id = (SELECT min(id) FROM invoices WHERE balance > 0)`, 'invoice balance off its ledger');
    // a message left mid-send
    await planted(`UPDATE messages SET status = 'sending' WHERE id = (SELECT min(id) FROM messages WHERE status = 'sent')`, 'left sending');
    // an audit entry edited after it was written
    await planted(`UPDATE audit_log SET actor = 'someone else' WHERE seq = 2`, 'audit chain');
    // an email received after its customer paid in full
    await planted(`INSERT INTO fault_events (round, kind, customer_id, amount)
      SELECT 1, 'paid_in_full', c.id, 0 FROM customers c JOIN fault_receipts r ON r.address = c.email ORDER BY r.round DESC LIMIT 1`, 'sent after payment in full');
  } finally {
    await db.close();
  }
});
