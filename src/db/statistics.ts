// The planner's statistics on embedded PGlite, which runs no autovacuum: ANALYZE of the tables whose rows moved enough.
import type { Db } from './types.ts';

export interface StatisticsReport {
  /** The tables analysed (schema-qualified), in the order they were. */
  tables: string[];
  /** Milliseconds the check and the ANALYZEs took. */
  ms: number;
}

/**
 * ANALYZEs, one statement each, the tables autovacuum's default rule would (more than 50 + 10% of their rows inserted,
 * updated or deleted since their last ANALYZE). PGlite does not keep those counts across a restart, so with `full` also
 * the tables of 8 pages (64 kB) or more never analysed or grown by more than a fifth in pages since their last ANALYZE.
 * PostgreSQL's autovacuum does this itself there: null. Never call it inside a transaction; on PGlite a statement waits
 * for a transaction in progress to end, so each ANALYZE runs between the process's other work.
 */
export async function gatherStatistics(db: Db, { full = false }: { full?: boolean } = {}): Promise<StatisticsReport | null> {
  if (db.kind !== 'pglite') return null;
  const start = performance.now();
  // the changes this connection counted but has not yet published (at most one a second) are published first
  await db.query('SELECT pg_stat_force_next_flush()');
  const due = await db.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
        LATERAL (SELECT CASE WHEN $1::boolean THEN pg_relation_size(c.oid) / current_setting('block_size')::int END AS pages) s
      WHERE c.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
        AND (pg_stat_get_mod_since_analyze(c.oid) > 50 + 0.1 * greatest(c.reltuples, 0)
          OR (s.pages >= 8 AND (c.reltuples < 0 OR s.pages > 1.2 * c.relpages)))
      ORDER BY 1`, [full]);
  for (const t of due) await db.query(`ANALYZE ${t.name}`);
  return { tables: due.map((t) => t.name), ms: Math.round(performance.now() - start) };
}
