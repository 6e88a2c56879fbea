// The audit log's lanes with writers of one org in transactions open at the same time: each takes the lowest lane no
// other holds, without waiting, and waits only when all are held. It needs PostgreSQL (PGlite runs one transaction at a
// time, so no lane is ever held there); npm test runs it only when DATABASE_URL is set. The rest is src/audit/lanes.test.ts.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDb, testOrg } from './support/db.ts';
import { holdLane, lanesIn, noteIn } from './support/audit-lanes.ts';
import { loadConfig } from '../src/config.ts';
import type { Db } from '../src/db/index.ts';
import { AUDIT_LANES, ensureAuditLanes, recordAuditBatch, verifyAudit } from '../src/audit/index.ts';

if (!loadConfig().databaseUrl) throw new Error('test/pg-audit-lanes.test.ts runs on PostgreSQL: set DATABASE_URL (npm test leaves it out without one)');
let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

const note = noteIn;
const lanesOf = (org: string) => lanesIn(db, org);
const holding = (org: string, n: number) => holdLane(db, org, n);

describe('audit lanes: writers of one org in transactions open at once', () => {
  it('gives a writer the lowest lane no other transaction holds, without waiting, and keeps a transaction in its lane', { timeout: 30_000 }, async () => {
    const org = await testOrg(db, 'Lanes');
    // made by an org's first entry; made here so that the transactions below find them
    await ensureAuditLanes(db, org);
    const first = await holding(org, 3);
    const second = await holding(org, 2);
    // outside any transaction, with lanes 0 and 1 held: lane 2, at once
    await note(db, org, 99);
    // a batch beside them: lane 2 again (free once the entry above committed)
    await db.transaction((tx) => recordAuditBatch(tx, org, [1, 2, 3, 4].map((i) => ({ actor: 't', action: 'b', entity: 'org', entityId: org, data: { i } })), new Date()));
    // what the two open transactions wrote is not seen yet
    assert.deepEqual(await lanesOf(org), [[2, 5]]);
    first.release(); second.release();
    await Promise.all([first.done, second.done]);
    assert.deepEqual(await lanesOf(org), [[0, 3], [1, 2], [2, 5]]);
    const v = await verifyAudit(db, org);
    assert.deepEqual(v.ok && [v.entries, v.lanes], [10, 3]);
    // nothing held: back to lane 0
    await note(db, org, 100);
    assert.deepEqual(await lanesOf(org), [[0, 4], [1, 2], [2, 5]]);
  });

  it(`waits on a lane when all ${AUDIT_LANES} are held, then appends to it`, { timeout: 30_000 }, async () => {
    const org = await testOrg(db, 'Full lanes');
    await ensureAuditLanes(db, org);
    const open = [];
    for (let i = 0; i < AUDIT_LANES; i++) open.push(await holding(org, 1));
    let finished = false;
    const waiting = note(db, org, 7).then(() => { finished = true; });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(finished, false, 'an append with every lane held waits for one');
    for (const t of open) t.release();
    await Promise.all([waiting, ...open.map((t) => t.done)]);
    assert.equal((await lanesOf(org)).length, AUDIT_LANES, 'no lane beyond the last');
    const v = await verifyAudit(db, org);
    assert.deepEqual(v.ok && [v.entries, v.lanes], [AUDIT_LANES + 1, AUDIT_LANES]);
  });

});
