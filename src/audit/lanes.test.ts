import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { testDb, testOrg } from '../../test/support/db.ts';
import { migrate, type Db, type Queryable } from '../db/index.ts';
import { migrationFiles, migrationText, splitStatements } from '../db/migrate.ts';
import { openPglite } from '../db/pglite.ts';
import { openPostgres } from '../db/postgres.ts';
import { loadConfig } from '../config.ts';
import { AUDIT_LANES, ensureAuditLanes, recordAudit, recordAuditBatch, searchAudit, verifyAudit } from './index.ts';
import { holdLane, lanesIn, noteIn } from '../../test/support/audit-lanes.ts';

let db: Db;
before(async () => { db = await testDb(); });
after(async () => { await db.close(); });

const note = (q: Queryable, org: string, i: number) => noteIn(q, org, i);
const lanesOf = (org: string) => lanesIn(db, org);
const isPostgres = () => db.kind === 'postgres';
const holding = (org: string, n: number) => holdLane(db, org, n);

/**
 * Writes counts[i] entries into lane i. On PostgreSQL, as writers do: transactions held open at once, the i-th taking the
 * lowest lane the ones before it do not hold. PGlite has one session, so no lane is ever held there: the lanes below i
 * are set aside while lane i is written.
 */
async function inLanes(org: string, counts: readonly number[]): Promise<void> {
  await ensureAuditLanes(db, org);
  if (isPostgres()) {
    const open = [];
    for (const n of counts) open.push(await holding(org, n));
    for (const t of open) t.release();
    await Promise.all(open.map((t) => t.done));
    return;
  }
  for (const [lane, n] of counts.entries()) {
    await db.query('UPDATE audit_heads SET lane = lane + 1000 WHERE org_id = $1 AND lane < $2', [org, lane]);
    for (let i = 0; i < n; i++) await note(db, org, i);
    await db.query('UPDATE audit_heads SET lane = lane - 1000 WHERE org_id = $1 AND lane >= 1000', [org]);
  }
}

describe('audit lanes: writers of one org at once', () => {
  it('keeps every lane a whole chain when many writers race (entries, batches, in and out of transactions)', { timeout: 60_000 }, async () => {
    // a new org (its lanes made by whichever writer comes first), and one whose lanes are there
    for (const made of [false, true]) {
      const org = await testOrg(db, 'Lane race');
      if (made) await ensureAuditLanes(db, org);
      await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 3 === 0 ? note(db, org, i)
        : db.transaction(async (tx) => {
          await recordAuditBatch(tx, org, Array.from({ length: 4 }, (_, k) => ({ actor: 't', action: 'y', entity: 'org', entityId: org, data: { i, k } })), new Date());
          await note(tx, org, i);
        }))));
      const v = await verifyAudit(db, org);
      assert.equal(v.ok, true, v.ok ? '' : v.reason);
      assert.equal(v.entries, 8 + 16 * 5);
      if (made && isPostgres()) assert.ok(v.ok && v.lanes > 1, 'racing writers spread over lanes');
    }
  });

  it('lists the whole log newest first across lanes, by cursor', async () => {
    const org = await testOrg(db, 'Lane search');
    await inLanes(org, [2, 3]);
    await note(db, org, 50);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await searchAudit(db, org, { action: 'note', limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.data.map((r) => `${r.lane}.${r.seq}`));
      if (!page.next_cursor) break;
      cursor = page.next_cursor;
    }
    assert.deepEqual(seen, ['0.3', '1.3', '1.2', '1.1', '0.2', '0.1']);
  });
});

describe('audit lanes: tampering in any lane', () => {
  /** An org with entries in three lanes: 4, 3 and 5. */
  async function threeLanes(name: string): Promise<string> {
    const org = await testOrg(db, name);
    await inLanes(org, [4, 3, 5]);
    assert.deepEqual(await lanesOf(org), [[0, 4], [1, 3], [2, 5]]);
    return org;
  }
  const broken = async (org: string) => {
    const v = await verifyAudit(db, org);
    assert.equal(v.ok, false, 'the tampering is found');
    return v.ok ? { lane: -1, seq: -1, reason: '' } : v;
  };

  it('verifies lanes untouched, with a head over every lane', async () => {
    const org = await threeLanes('Lanes intact');
    const v = await verifyAudit(db, org);
    assert.deepEqual(v.ok && [v.entries, v.lanes], [12, 3]);
    const heads = await db.query<{ hash: string }>('SELECT hash FROM audit_heads WHERE org_id = $1', [org]);
    assert.ok(v.ok && /^[0-9a-f]{64}$/.test(v.head ?? '') && !heads.some((h) => h.hash === v.head));
  });

  it('names a changed entry in a lane other than 0', async () => {
    const org = await threeLanes('Lane changed');
    await db.query(`UPDATE audit_log SET data = '{"i": 42}' WHERE org_id = $1 AND lane = 2 AND seq = 3`, [org]);
    const v = await broken(org);
    assert.deepEqual([v.lane, v.seq], [2, 3]);
    assert.match(v.reason, /entry 3 of lane 2 \(.*\) was changed/);
  });

  it('names an entry removed from the middle or the end of a lane', async () => {
    const org = await threeLanes('Lane removed');
    await db.query('DELETE FROM audit_log WHERE org_id = $1 AND lane = 1 AND seq = 2', [org]);
    assert.equal((await broken(org)).reason, 'entry 2 of lane 1 is missing');
    const tail = await threeLanes('Lane tail removed');
    await db.query('DELETE FROM audit_log WHERE org_id = $1 AND lane = 2 AND seq = 5', [tail]);
    assert.match((await broken(tail)).reason, /lane 2 ends at entry 4 but its head says 5/);
  });

  it('notices entries swapped within a lane, and an entry moved to another lane', async () => {
    const org = await threeLanes('Lane reordered');
    await db.query('UPDATE audit_log SET seq = -seq WHERE org_id = $1 AND lane = 1 AND seq IN (1, 2)', [org]);
    await db.query('UPDATE audit_log SET seq = CASE seq WHEN -1 THEN 2 ELSE 1 END WHERE org_id = $1 AND lane = 1 AND seq < 0', [org]);
    assert.deepEqual(await broken(org).then((v) => [v.lane, v.seq]), [1, 1]);
    const moved = await threeLanes('Lane moved');
    // lane 2's last entry put at the end of lane 1, both heads set to match
    await db.query('UPDATE audit_log SET lane = 1, seq = 4 WHERE org_id = $1 AND lane = 2 AND seq = 5', [moved]);
    await db.query(`UPDATE audit_heads h SET seq = x.seq, hash = x.hash FROM (SELECT lane, max(seq) AS seq FROM audit_log WHERE org_id = $1 GROUP BY lane) m
      JOIN audit_log x ON x.org_id = $1 AND x.lane = m.lane AND x.seq = m.seq WHERE h.org_id = $1 AND h.lane = m.lane`, [moved]);
    const v = await broken(moved);
    assert.deepEqual([v.lane, v.seq], [1, 4]);
    assert.match(v.reason, /does not follow the entry before it/);
  });

  it('notices a lane removed whole (entries and head) below another, and a lane whose head was removed', async () => {
    const org = await threeLanes('Lane gone');
    await db.query('DELETE FROM audit_log WHERE org_id = $1 AND lane = 1', [org]);
    await db.query('DELETE FROM audit_heads WHERE org_id = $1 AND lane = 1', [org]);
    assert.equal((await broken(org)).reason, 'lane 1 is missing while lane 2 exists: its entries and head were deleted');
    const headless = await threeLanes('Lane headless');
    await db.query('DELETE FROM audit_heads WHERE org_id = $1 AND lane = 2', [headless]);
    assert.match((await broken(headless)).reason, /lane 2 has 5 entries but no head/);
  });
});

describe('audit lanes: a log written before lanes', () => {
  it('verifies as lane 0, keeps its head, and goes on in lanes after migration 040', { timeout: 120_000 }, async () => {
    const { databaseUrl } = loadConfig();
    const schema = `t_lanes_${randomBytes(3).toString('hex')}`;
    const old = databaseUrl ? await openPostgres(databaseUrl, schema) : await openPglite(undefined, { empty: true });
    try {
      await old.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const file of migrationFiles().filter((f) => f < '040')) {
        await old.transaction(async (tx) => {
          for (const s of splitStatements(migrationText(file))) await tx.query(s);
          await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
        });
      }
      const org = 'org_before_lanes';
      await old.query(`INSERT INTO orgs (id, name) VALUES ($1, 'Before lanes')`, [org]);
      // the statement every entry was appended with before migration 040 (one chain per org, its head keyed by org)
      for (let i = 0; i < 5; i++) {
        await old.query(
          `WITH head AS (
             INSERT INTO audit_heads AS h (org_id, seq, prev_hash, hash) VALUES ($2, 1, '', ${OLD_HASH("''", '1')})
             ON CONFLICT (org_id) DO UPDATE SET seq = h.seq + 1, prev_hash = h.hash, hash = ${OLD_HASH('h.hash', '(h.seq + 1)')}
             RETURNING seq, prev_hash, hash)
           INSERT INTO audit_log (id, org_id, seq, at, actor, action, entity, entity_id, data, prev_hash, hash)
           SELECT $1, $2, head.seq, $3::timestamptz, $4, $5, $6, $7, $8::jsonb, head.prev_hash, head.hash FROM head`,
          [`audit_old_${i}`, org, new Date(Date.UTC(2026, 0, 1 + i)), 'test', 'old', 'org', org, JSON.stringify({ i, nested: { b: 1, a: [1, 2] } })]);
      }
      const [{ hash: oldHead } = { hash: '' }] = await old.query<{ hash: string }>('SELECT hash FROM audit_heads WHERE org_id = $1', [org]);
      await migrate(old);
      const v = await verifyAudit(old, org);
      assert.deepEqual(v, { ok: true, entries: 5, lanes: 1, head: oldHead });
      await recordAudit(old, { orgId: org, actor: 'test', action: 'new', entity: 'org', entityId: org });
      const page = await searchAudit(old, org, {});
      assert.deepEqual(page.data.map((r) => [r.action, r.lane, r.seq]), [['new', 0, 6], ...[5, 4, 3, 2, 1].map((s) => ['old', 0, s])]);
      assert.equal((await verifyAudit(old, org)).ok, true);
      // and an old entry changed is still found
      await old.query(`UPDATE audit_log SET actor = 'someone else' WHERE org_id = $1 AND seq = 3`, [org]);
      const bad = await verifyAudit(old, org);
      assert.deepEqual(!bad.ok && [bad.lane, bad.seq], [0, 3]);
    } finally {
      if (databaseUrl) await old.exec(`DROP SCHEMA ${schema} CASCADE`);
      await old.close();
    }
  });
});

/** The entry hash before lanes, written out here as it was, so that a change to ENTRY_HASH cannot pass unseen. */
const OLD_HASH = (prev: string, seq: string) => `encode(sha256(convert_to(${prev} || '|' || ${seq} || '|' || $1 || '|' || (extract(epoch from $3::timestamptz) * 1000000)::bigint
  || '|' || $4 || '|' || $5 || '|' || $6 || '|' || $7 || '|' || $8::jsonb::text, 'UTF8')), 'hex')`;
