// For the explain benches: record the statements a report runs, then run each alone a few times on a connection of its
// own and print its median wall time, the CPU its PostgreSQL backend spent (from /proc) and, when asked, its plan.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { openDb, type Db, type Queryable } from '../src/db/index.ts';
import { loadConfig } from '../src/config.ts';

export interface Seen { sql: string; params: unknown[] }

/** A Queryable that runs on db and remembers every statement. */
export function capturing(db: Db, seen: Seen[]): Queryable {
  return {
    query: async <T>(sql: string, params?: unknown[]) => { seen.push({ sql, params: params ?? [] }); return db.query<T>(sql, params); },
    copyCsv: (t, c, csv) => db.copyCsv(t, c, csv),
  };
}

/** Runs each statement `runs` times one after another and prints its figures; gives the backend CPU of one pass (ms). */
export async function timeStatements(db: Db, databaseUrl: string, schema: string, seen: Seen[], runs: number, explain: boolean): Promise<number> {
  // one connection of its own, whose backend's CPU ticks (utime + stime, 1/100 s) are read around each statement's runs
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // no parallel workers: their CPU would be in processes of their own, not counted here
    await client.query(`SET search_path TO ${schema}, public; SET max_parallel_workers_per_gather = 0`);
    const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows as [{ pid: number }];
    const ticks = () => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return Number(f[11]) + Number(f[12]); };
    let cpuTotal = 0;
    for (const { sql, params } of seen) {
      const ms: number[] = [];
      const before = ticks();
      for (let k = 0; k < runs; k++) {
        const t = performance.now();
        await client.query(sql, params);
        ms.push(performance.now() - t);
      }
      const cpu = ((ticks() - before) * 10) / runs;
      cpuTotal += cpu;
      const median = [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)]!;
      console.log(`\n${median.toFixed(0).padStart(6)} ms wall, ${cpu.toFixed(0).padStart(5)} ms CPU  ${sql.replace(/\s+/g, ' ').trim().slice(0, 100)}`);
      if (explain) {
        const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
        console.log(plan.map((p) => p['QUERY PLAN']).join('\n'));
      }
    }
    return cpuTotal;
  } finally {
    await client.end();
  }
}

/**
 * The whole explain bench: opens the schema the dashboard bench kept, runs the report once as the API does (its reads side
 * by side) while recording its statements, then times each alone (`timeStatements`) and prints the backend's CPU per report.
 */
export async function explainReport(name: string, schema: string | undefined, runs: number, explain: boolean,
  report: (q: Queryable, orgId: string) => Promise<{ ok: boolean; error?: { message: string } }>): Promise<void> {
  if (!schema) throw new Error('--schema SCHEMA: one the dashboard bench kept');
  const { databaseUrl = 'postgres://root@127.0.0.1:5432/test' } = loadConfig();
  const db = await openDb({ databaseUrl, schema });
  try {
    const [org] = await db.query<{ id: string }>(`SELECT id FROM orgs WHERE name = 'Dashboard bench'`);
    if (!org) throw new Error(`no dashboard bench org in ${schema}`);
    const seen: Seen[] = [];
    const s = performance.now();
    const r = await report(capturing(db, seen), org.id);
    if (!r.ok) throw new Error(r.error?.message);
    console.log(`${name} as the API runs it (side by side): ${(performance.now() - s).toFixed(0)} ms, ${seen.length} statements`);
    const cpuTotal = await timeStatements(db, databaseUrl, schema, seen, runs, explain);
    console.log(`\nCPU of the backend per report, statements one after another: ${cpuTotal.toFixed(0)} ms`);
  } finally {
    await db.close();
  }
}
