// The audit search's free text on PostgreSQL before and after migration 094's trigram index: one org's log of --entries
// entries (1,000,000 by default) beside another org's fifth as many, searched for a rare reference, a customer's id, a
// common word and a word in no entry, by the statement search.ts sent before (the four ILIKEs, a scan of the org's log)
// and by searchAudit now, as the owner and as the org under row-level security (audit_text_places). Each figure is the
// median of --runs runs, alternated, of the wall time and of the PostgreSQL backend's CPU (read from /proc: the server
// must run on this machine), with `uptime`'s load. Then the index's build time and size, and what it adds to appends.
// Usage: node --import tsx bench/audit-search.bench.ts [--entries N] [--runs N]   (or npm run bench -- --only audit-search)
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { openDb, type Queryable } from '../src/db/index.ts';
import { createOrg } from '../src/orgs/index.ts';
import { recordAuditBatch, searchAudit } from '../src/audit/index.ts';
import { processCpuSeconds } from './cpu.ts';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' } } });
const [entries, runs] = [Number(values.entries), Number(values.runs)];
const { databaseUrl = 'postgres://root@127.0.0.1:5432/test' } = loadConfig();
const schema = `bench_audit_${randomBytes(3).toString('hex')}`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

/** The free-text statement of search.ts before migration 094, as it sent it for a search with nothing but words. */
const BEFORE = `SELECT a.id, a.lane, a.seq, a.at, a.actor, a.action, a.entity, a.entity_id, a.data, a.hash, a.pos FROM audit_log a
  WHERE a.org_id = $1 AND (a.actor ILIKE $2 ESCAPE '\\' OR a.action ILIKE $2 ESCAPE '\\' OR a.entity_id ILIKE $2 ESCAPE '\\' OR a.data::text ILIKE $2 ESCAPE '\\')
  ORDER BY a.pos DESC LIMIT 101`;

async function client(): Promise<{ c: pg.Client; pid: number; q: Queryable }> {
  const c = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
  await c.connect();
  const pid = Number((await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
  const q = { query: async <T>(sql: string, params: unknown[] = []) => (await c.query(sql, params)).rows as T[] } as Queryable;
  return { c, pid, q };
}

const owner = await openDb({ databaseUrl, schema });
const clients: pg.Client[] = [];
try {
  const org = (await createOrg(owner, { name: 'Lender' })).id;
  const other = (await createOrg(owner, { name: 'Neighbour' })).id;
  // migration 094's index, made again below as it defines it, once the entries are in, and timed
  const [{ def }] = await owner.query<{ def: string }>(`SELECT pg_get_indexdef('audit_log_text'::regclass) AS def`) as [{ def: string }];
  await owner.exec('DROP INDEX audit_log_text');
  const t0 = performance.now();
  // one org's entries, then the other's: message sends, notes with a complaint reference now and then, payments, promises
  await owner.query(`INSERT INTO audit_log (id, org_id, lane, seq, at, actor, action, entity, entity_id, data, prev_hash, hash)
    SELECT 'aud_b' || g, CASE WHEN g <= $3 THEN $1 ELSE $2 END, g % 8, g, timestamptz '2025-01-01' + g * interval '20 seconds',
      (ARRAY['dispatcher', 'user:ana.souza', 'user:li.wei', 'gateway:stripe', 'worker'])[1 + g % 5],
      (ARRAY['message.sent', 'message.sent', 'note.added', 'payment.recorded', 'promise.made', 'compliance.blocked'])[1 + g % 6],
      'customer', 'cus_' || lpad((g % 40000)::text, 6, '0'),
      CASE g % 6
        WHEN 2 THEN jsonb_build_object('note', 'Called about invoice INV-' || (g % 90000) || CASE WHEN g % 100002 = 2 THEN ', complaint CMP-' || g ELSE '' END)
        WHEN 3 THEN jsonb_build_object('amount', g % 50000, 'currency', 'EUR', 'payment_id', 'pay_' || g)
        ELSE jsonb_build_object('channel', (ARRAY['email', 'sms'])[1 + g % 2], 'template', 'reminder_' || (g % 3), 'message_id', 'msg_' || g) END,
      '', ''
    FROM generate_series(1, $3 + $3 / 5) g`, [org, other, entries]);
  const filled = performance.now();
  await owner.exec('VACUUM ANALYZE audit_log');
  const [rare] = await owner.query<{ ref: string }>(`SELECT substring(data->>'note' from 'CMP-[0-9]+') AS ref FROM audit_log WHERE org_id = $1 AND data->>'note' LIKE '%CMP-%' ORDER BY pos DESC LIMIT 1`, [org]);
  const searches: [string, string][] = [
    ['a complaint reference (about 1 in 100,000 entries)', rare!.ref],
    ['a customer id (1 in 40,000)', 'cus_012345'],
    ['a common word (1 in 3)', 'reminder'],
    ['a word in no entry', 'zz-nowhere'],
  ];
  const b0 = performance.now();
  await owner.exec(def);
  const built = performance.now();
  await owner.exec('ANALYZE audit_log');
  const [size] = await owner.query<{ table: string; index: string }>(`SELECT pg_size_pretty(pg_table_size('audit_log')) AS table, pg_size_pretty(pg_relation_size('audit_log_text')) AS index`);
  console.log(`${entries} entries of one org and ${entries / 5} of another written in ${((filled - t0) / 1000).toFixed(1)} s; index built in ${((built - b0) / 1000).toFixed(1)} s `
    + `(table ${size!.table}, index ${size!.index}); load ${load()}`);

  const plain = await client();
  const tenant = await client();
  clients.push(plain.c, tenant.c);
  await tenant.c.query(`SET ROLE cobro_tenant; SELECT set_config('cobro.org_id', '${org}', false)`);
  const like = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  // each way gives the ids of the first page (100 entries; the statement before read one more to know of a next page)
  const sent: [string, unknown[]][] = [];
  const recorded = { query: (sql: string, params: unknown[] = []) => { sent.push([sql, params]); return plain.q.query(sql, params); } } as Queryable;
  /** The indexes (or the table scan) the plan of the owner's last search statement reads, as EXPLAIN names them. */
  const planOf = async (sql: string, params: unknown[]) => {
    type Node = { 'Node Type': string; 'Index Name'?: string; Plans?: Node[] };
    const scans: string[] = [];
    const walk = (n: Node) => {
      if (/Scan/.test(n['Node Type'])) scans.push(n['Index Name'] ? `${n['Node Type']} on ${n['Index Name']}` : n['Node Type']);
      for (const c of n.Plans ?? []) walk(c);
    };
    walk((await plain.c.query<{ 'QUERY PLAN': [{ Plan: Node }] }>(`EXPLAIN (FORMAT JSON) ${sql}`, params)).rows[0]!['QUERY PLAN'][0].Plan);
    return scans.join(', ');
  };
  const ways: Record<string, { pid: number; run: (text: string) => Promise<string[]> }> = {
    'before (scan)': { pid: plain.pid, run: async (text) => (await plain.c.query<{ id: string }>(BEFORE, [org, like(text)])).rows.slice(0, 100).map((r) => r.id) },
    'after, owner': { pid: plain.pid, run: async (text) => (await searchAudit(plain.q, org, { text })).data.map((r) => r.id) },
    'after, org (row-level security)': { pid: tenant.pid, run: async (text) => (await searchAudit(tenant.q, org, { text })).data.map((r) => r.id) },
  };
  for (const [title, text] of searches) {
    const wall: Record<string, number[]> = {};
    const cpu: Record<string, number[]> = {};
    const found: Record<string, string[]> = {};
    for (const way of Object.values(ways)) await way.run(text); // warm the caches alike
    for (let r = 0; r < runs; r++) {
      for (const [name, way] of Object.entries(ways)) {
        const c0 = processCpuSeconds(way.pid);
        const w0 = performance.now();
        found[name] = await way.run(text);
        (wall[name] ??= []).push(performance.now() - w0);
        (cpu[name] ??= []).push((processCpuSeconds(way.pid) - c0) * 1000);
      }
    }
    sent.length = 0;
    await searchAudit(recorded, org, { text });
    const [sql, params] = sent.at(-1)!;
    const b = median(wall['before (scan)']!);
    console.log(`\n${title}: "${text}", first page ${found['before (scan)']!.length} entries; load ${load()}`);
    console.log(`  plans: before ${await planOf(BEFORE, [org, like(text)])}; after (owner) ${await planOf(sql, params)}`);
    for (const name of Object.keys(ways)) {
      if (found[name]!.join() !== found['before (scan)']!.join()) throw new Error(`${name} found other entries than the scan (${found[name]!.length}, ${found['before (scan)']!.length})`);
      const m = median(wall[name]!);
      console.log(`  ${name.padEnd(34)} ${m.toFixed(1).padStart(9)} ms wall, ${median(cpu[name]!).toFixed(0).padStart(6)} ms backend CPU; before/this ${(b / m).toFixed(1)}x`);
    }
  }

  // appends: 20 batches of 500 entries with the index, then without it (to an org of their own: the entries above have no chain)
  const appender = (await createOrg(owner, { name: 'Appender' })).id;
  const append = async () => {
    const w0 = performance.now();
    for (let i = 0; i < 20; i++) {
      await recordAuditBatch(owner, appender, Array.from({ length: 500 }, (_, k) => ({ actor: 'dispatcher', action: 'message.sent', entity: 'customer',
        entityId: `cus_${k}`, data: { channel: 'email', template: 'reminder_1', message_id: `msg_x${i}_${k}` } })), new Date());
    }
    return (performance.now() - w0) / 10_000;
  };
  const withIndex = await append();
  await owner.exec('DROP INDEX audit_log_text');
  const without = await append();
  console.log(`\nappends (20 batches of 500): ${(withIndex * 1000).toFixed(0)} µs an entry with the index, ${(without * 1000).toFixed(0)} without; load ${load()}`);
} finally {
  for (const c of clients) await c.end().catch(() => {});
  await owner.exec(`DROP SCHEMA ${schema} CASCADE`);
  await owner.close();
}
