// Migration 094 on a database that already has an audit log (the index covers the entries written before it), and on
// one without pg_trgm, where it stops and says what to do. PGlite started here by hand, with and without the extension.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { migrate, readMigrations, type Migration } from '../db/migrate.ts';
import type { Db } from '../db/types.ts';
import { createOrg } from '../orgs/index.ts';
import { recordAudit, searchAudit } from './index.ts';

function dbOf(pg: PGlite): Db {
  const q = (r: PGlite | Parameters<Parameters<PGlite['transaction']>[0]>[0]) => ({
    query: async <T>(sql: string, params: unknown[] = []) => (await r.query<T>(sql, params)).rows,
    copyCsv: () => Promise.reject(new Error('not used here')),
  });
  return { kind: 'pglite', ...q(pg), transaction: (fn) => pg.transaction((tx) => fn(q(tx))), exec: async (sql) => { await pg.exec(sql); }, close: () => pg.close() } as Db;
}

const split = (): [Migration[], Migration[]] => {
  const all = readMigrations();
  return [all.filter(([f]) => f < '094'), all.filter(([f]) => f >= '094')];
};

describe('migration 094, the audit search index', () => {
  it('indexes the entries written before it, which the search then finds', { timeout: 300_000 }, async () => {
    const pg = new PGlite({ extensions: { pg_trgm } });
    const db = dbOf(pg);
    try {
      const [before, after] = split();
      await migrate(db, before);
      const org = (await createOrg(db, { name: 'Old log' })).id;
      await recordAudit(db, { orgId: org, actor: 'user:ann', action: 'note.added', entity: 'customer', entityId: 'cus_1', data: { note: 'Regulator request R-77' } });
      await migrate(db, after);
      const [index] = await db.query<{ def: string }>(`SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indexrelid = 'audit_log_text'::regclass`);
      assert.match(index!.def, /USING gin .*gin_trgm_ops/);
      // the index holds the old entry: read through it alone (no scan of the table allowed)
      await db.exec('SET enable_seqscan = off; SET enable_indexscan = off');
      const [plan] = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT 1 FROM audit_log a WHERE (a.actor || E'\\x1f' || a.action || E'\\x1f' || a.entity_id || E'\\x1f' || a.data::text) ILIKE '%r-77%'`);
      assert.match(plan!['QUERY PLAN'], /Bitmap Heap Scan/);
      assert.deepEqual((await searchAudit(db, org, { text: 'r-77' })).data.map((r) => r.entity_id), ['cus_1']);
    } finally {
      await pg.close();
    }
  });

  it('stops with a message naming pg_trgm when the extension is not there', { timeout: 300_000 }, async () => {
    const pg = new PGlite();
    const db = dbOf(pg);
    try {
      const [before, after] = split();
      await migrate(db, before);
      await assert.rejects(migrate(db, after), /migration 094 \(the audit search index\) needs the pg_trgm extension/);
      assert.deepEqual(await db.query(`SELECT name FROM schema_migrations WHERE name LIKE '094%'`), []);
    } finally {
      await pg.close();
    }
  });
});
