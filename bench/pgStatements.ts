// The server's own view of a bench run's statements, where pg_stat_statements is installed in the bench's database (it
// needs shared_preload_libraries, so it is often not): reset before a run, read after it. The view counts every
// session of the database, so figures are the run's alone only on a server nothing else uses at the time.
import type { Queryable } from '../src/db/index.ts';

export interface ServerStatement { query: string; calls: number; execMs: number; planMs: number; rows: number; blocks: number }

/** The schema holding pg_stat_statements in this database, or null when the extension is not there. */
export async function statementsSchema(q: Queryable): Promise<string | null> {
  const [row] = await q.query<{ schema: string }>(
    `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_stat_statements'`);
  return row?.schema ?? null;
}

/** Forgets what the server has counted so far. */
export async function resetStatements(q: Queryable, schema: string): Promise<void> {
  await q.query(`SELECT ${quote(schema)}.pg_stat_statements_reset()`);
}

/** The statements of this database taking the most execution time since the last reset (planning time beside it). */
export async function readStatements(q: Queryable, schema: string, limit = 10): Promise<ServerStatement[]> {
  return q.query<ServerStatement>(
    `SELECT regexp_replace(query, '\\s+', ' ', 'g') AS query, calls::int AS calls, total_exec_time AS "execMs", total_plan_time AS "planMs",
            rows::int AS rows, (shared_blks_hit + shared_blks_read)::bigint AS blocks
     FROM ${quote(schema)}.pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
     WHERE d.datname = current_database() AND query NOT LIKE '%pg_stat_statements%'
     ORDER BY total_exec_time + total_plan_time DESC LIMIT $1`, [limit]);
}

/** A run's statements as lines: server milliseconds per message (execution + planning), calls, blocks per call. */
export function describeStatements(rows: readonly ServerStatement[], sent: number): string {
  return rows.map((r) => `  server ${((r.execMs + r.planMs) / sent).toFixed(3)} ms/msg (plan ${(r.planMs / sent).toFixed(3)}), ${r.calls} calls, `
    + `${(r.blocks / sent).toFixed(1)} blocks/msg: ${r.query.slice(0, 90)}`).join('\n');
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
