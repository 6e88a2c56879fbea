// Queuing due actions on PostgreSQL, where workers enqueue one at a time under an advisory lock: advisory locks belong to
// the whole database, so a worker of another schema (another install, or another test file in CI) enqueuing at the same
// moment must not make this schema's worker wait for it and then queue nothing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../src/db/index.ts';
import { loadConfig } from '../src/config.ts';
import { enqueueDue } from '../src/worker/queue.ts';
import { createOrg } from '../src/orgs/index.ts';
import { testDb } from './support/db.ts';
import { aDebtor, aSend } from './support/messaging.ts';

if (!loadConfig().databaseUrl) throw new Error('test/pg-enqueue-lock.test.ts runs on PostgreSQL: set DATABASE_URL');
const now = new Date('2026-03-10T17:00:00Z');
let ours: Db;
let theirs: Db;

/** A schema with one email due today. */
async function withDueEmail(db: Db): Promise<void> {
  const org = (await createOrg(db, { name: 'Sol', country: 'MX', defaultCurrency: 'MXN', defaultTimezone: 'America/Mexico_City' })).id;
  const d = await aDebtor(db, org, { email: 'pago@cliente.example' }, ['email']);
  await aSend(db, org, d, ['email']);
}

before(async () => {
  [ours, theirs] = await Promise.all([testDb(), testDb()]);
  await withDueEmail(ours);
  await withDueEmail(theirs);
});
after(async () => { await ours.close(); await theirs.close(); });

describe('enqueuing beside a worker of another schema', () => {
  it('queues this schema\'s due actions while the other schema\'s enqueue still holds its lock', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    let locked!: () => void;
    const holding = new Promise<void>((r) => { locked = r; });
    // the other schema's real enqueue, kept open after its insert until this schema's enqueue has answered
    const slow: Db = { ...theirs, transaction: (fn) => theirs.transaction(async (tx) => { const out = await fn(tx); locked(); await held; return out; }) };
    const other = enqueueDue(slow, now);
    await holding;
    const timeout = new Promise<'waited'>((r) => setTimeout(() => r('waited'), 3000));
    const answer = await Promise.race([enqueueDue(ours, now), timeout]);
    release();
    assert.equal(await other, 1, 'the other schema queued its own email');
    assert.equal(answer, 1, 'this schema queued its email without waiting for the other schema\'s lock');
    const [row] = await ours.query<{ n: number }>('SELECT count(*)::int AS n FROM messages');
    assert.equal(row?.n, 1);
  });
});
