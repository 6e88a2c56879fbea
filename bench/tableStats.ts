// The blocks and row versions a bench run cost in its own schema's tables (pg_statio_user_tables, pg_stat_user_tables):
// unlike pg_stat_statements these need nothing installed and count the schema alone, whatever else the server runs.
// The server publishes a backend's counts when its transaction ends (at most a second late while it stays busy).
import type { Queryable } from '../src/db/index.ts';

export interface TableStats { table: string; blocks: number; upd: number; hot: number; ins: number }

/** Each table's blocks touched (heap and indexes, hit or read) and rows updated (HOT among them) and inserted so far. */
export async function tableStats(q: Queryable, schema: string): Promise<Map<string, TableStats>> {
  await q.query('SELECT pg_stat_clear_snapshot()');
  const rows = await q.query<TableStats>(
    `SELECT s.relname AS "table", (coalesce(heap_blks_hit, 0) + coalesce(heap_blks_read, 0) + coalesce(idx_blks_hit, 0) + coalesce(idx_blks_read, 0)
       + coalesce(toast_blks_hit, 0) + coalesce(toast_blks_read, 0) + coalesce(tidx_blks_hit, 0) + coalesce(tidx_blks_read, 0))::float8 AS blocks,
       t.n_tup_upd::float8 AS upd, t.n_tup_hot_upd::float8 AS hot, t.n_tup_ins::float8 AS ins
     FROM pg_statio_user_tables s JOIN pg_stat_user_tables t ON t.relid = s.relid WHERE s.schemaname = $1
     UNION ALL
     SELECT relname || '.' || indexrelname, (idx_blks_hit + idx_blks_read)::float8, 0, 0, 0 FROM pg_statio_user_indexes WHERE schemaname = $1`, [schema]);
  return new Map(rows.map((r) => [r.table, r]));
}

/** What changed between two readings, as a line per table touching the most blocks: blocks, updates (HOT) per message. */
export function describeTableStats(before: Map<string, TableStats>, after: Map<string, TableStats>, sent: number, limit = 8): string {
  const d = [...after.values()].map((a) => {
    const b = before.get(a.table) ?? { blocks: 0, upd: 0, hot: 0, ins: 0 };
    return { table: a.table, blocks: a.blocks - b.blocks, upd: a.upd - b.upd, hot: a.hot - b.hot };
  }).sort((x, y) => y.blocks - x.blocks);
  const total = d.filter((t) => !t.table.includes('.')).reduce((s, t) => s + t.blocks, 0);
  const [tables, indexes] = [d.filter((t) => !t.table.includes('.')), d.filter((t) => t.table.includes('.'))];
  return `  blocks per message ${(total / sent).toFixed(1)} (tables with their indexes): ` + tables.slice(0, limit)
    .map((t) => `${t.table} ${(t.blocks / sent).toFixed(1)}${t.upd ? ` (${(t.upd / sent).toFixed(2)} upd, ${(t.hot / sent).toFixed(2)} HOT)` : ''}`).join(', ')
    + `\n  index blocks per message: ${indexes.slice(0, limit).map((t) => `${t.table} ${(t.blocks / sent).toFixed(1)}`).join(', ')}`;
}
