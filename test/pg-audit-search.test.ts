// The audit search's index on PostgreSQL (migration 094): the owner's statement and the org's lookup (audit_text_places)
// both use audit_log_text on a log the size where a scan costs more, and the lookup answers only for the session's org.
// npm test runs it only when DATABASE_URL is set; the search's meaning is src/audit/search-text.test.ts.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { testDb, testOrg } from './support/db.ts';
import { loadConfig } from '../src/config.ts';
import { withNoOrg, withOrg, type Db, type Queryable } from '../src/db/index.ts';
import { searchAudit } from '../src/audit/index.ts';

const url = loadConfig().databaseUrl;
if (!url) throw new Error('test/pg-audit-search.test.ts runs on PostgreSQL: set DATABASE_URL (npm test leaves it out without one)');
let db: Db;
let org: string;
let other: string;
let schema: string;
before(async () => {
  db = await testDb();
  org = await testOrg(db, 'Big log');
  other = await testOrg(db, 'Other');
  schema = (await db.query<{ s: string }>('SELECT current_schema() AS s'))[0]!.s;
  // 60,000 entries (lane 0 only; no chain is checked here), one in 20,000 holding a rare reference (1 and 40001 in the org, 20001 in the other)
  await db.query(`INSERT INTO audit_log (id, org_id, lane, seq, at, actor, action, entity, entity_id, data, prev_hash, hash)
    SELECT 'aud_t' || g, CASE WHEN g % 3 = 0 THEN $2 ELSE $1 END, 0, g, now(), 'bot', 'message.sent', 'message', 'msg_' || g,
      jsonb_build_object('text', 'Reminder ' || g || CASE WHEN g % 20000 = 1 THEN ' ref QX-' || g ELSE '' END), '', ''
    FROM generate_series(1, 60000) g`, [org, other]);
  await db.query('ANALYZE audit_log');
});
after(async () => { await db.close(); });

/** Every statement a search sends, with its values. */
function recording(): { q: Queryable; sent: [string, unknown[]][] } {
  const sent: [string, unknown[]][] = [];
  return { sent, q: { query: (sql, params = []) => { sent.push([sql, params]); return db.query(sql, params); }, copyCsv: db.copyCsv } as Queryable };
}

/** How often audit_log_text was scanned, as the statistics hold it once a client's own are flushed. */
async function indexScans(c: pg.Client): Promise<number> {
  await c.query('SELECT pg_stat_force_next_flush()');
  await c.query('SELECT 1');
  await c.query('SELECT pg_stat_clear_snapshot()');
  const r = await c.query<{ n: string }>(`SELECT idx_scan AS n FROM pg_stat_user_indexes WHERE schemaname = $1 AND indexrelname = 'audit_log_text'`, [schema]);
  return Number(r.rows[0]?.n ?? -1);
}

describe('the audit search index on PostgreSQL', () => {
  it('plans the owner\'s search of a rare reference on audit_log_text', async () => {
    const { q, sent } = recording();
    const page = await searchAudit(q, org, { text: 'qx-40001' });
    assert.deepEqual(page.data.map((r) => r.entity_id), ['msg_40001']);
    const [sql, params] = sent.at(-1)!;
    const plan = JSON.stringify(await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, params));
    assert.match(plan, /"Index Name":"audit_log_text"/, plan);
  });

  it('reads the org\'s log backwards for a word in every entry, stopping at the page\'s end', async () => {
    const { q, sent } = recording();
    assert.equal((await searchAudit(q, org, { text: 'reminder', limit: 10 })).data.length, 10);
    const [sql, params] = sent.at(-1)!;
    const plan = JSON.stringify(await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, params));
    assert.match(plan, /"Scan Direction":"Backward","Index Name":"audit_log_order"/, plan);
  });

  it('has the org\'s lookup scan audit_log_text for the session\'s org, and answer no other', { timeout: 30_000 }, async () => {
    const c = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await c.connect();
    try {
      const before = await indexScans(c);
      await c.query(`SET ROLE cobro_tenant; SELECT set_config('cobro.org_id', '${org}', false)`);
      const places = async (o: string, p: string) => (await c.query<{ pos: string }>('SELECT audit_text_places($1, $2, 9223372036854775807, 100) AS pos', [o, p])).rows.map((r) => Number(r.pos));
      assert.equal((await places(org, '%QX-%')).length, 2); // 1 and 40001 are the org's, 20001 the other's
      assert.deepEqual(await places(other, '%Reminder%'), []); // another org than the session's: nothing
      await c.query('RESET ROLE; RESET cobro.org_id');
      assert.ok((await indexScans(c)) > before, 'audit_text_places did not use audit_log_text');
      // a session with no org finds nothing
      await c.query(`SET ROLE cobro_tenant; SELECT set_config('cobro.org_id', '', false)`);
      assert.deepEqual(await places('', '%Reminder%'), []);
      await c.query('RESET ROLE; RESET cobro.org_id');
    } finally {
      await c.end();
    }
  });

  it('gives the org\'s search the owner\'s page, and a search for no org nothing', async () => {
    const s = { text: 'qx-', limit: 5 };
    const owner = await searchAudit(db, org, s);
    assert.deepEqual(owner.data.map((r) => r.entity_id), ['msg_40001', 'msg_1']);
    assert.deepEqual(await withOrg(org, () => searchAudit(db, org, s)), owner);
    assert.deepEqual((await withNoOrg(() => searchAudit(db, org, s))).data, []);
    assert.deepEqual((await withOrg(other, () => searchAudit(db, org, s))).data, []);
  });
});
