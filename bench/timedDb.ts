// Wraps a Db so the bench can tell time spent waiting on the database (COPY to the stage, SQL) from time spent in JS.
import type { Db, Queryable } from '../src/db/index.ts';

export interface DbTimes {
  copyMs: number; copies: number; queryMs: number; queries: number; slowest: { ms: number; sql: string }[];
  /** Transactions opened (each adds a BEGIN and a COMMIT round trip to the queries counted). */
  transactions: number;
  /** Wall time and count per kind of statement (its first words). */
  bySql: Map<string, { ms: number; n: number }>;
}

// each statement's text shortened once (the record statement's is several kilobytes: shortening it on every call was a
// measurable part of the CPU the dispatch bench counted as the dispatcher's)
const keys = new Map<string, { key: string; slow: string }>();
function keyOf(sql: string): { key: string; slow: string } {
  let k = keys.get(sql);
  if (!k) {
    const flat = sql.replace(/\s+/g, ' ');
    k = { key: flat.trim().slice(0, 60), slow: flat.slice(0, 70) };
    if (keys.size > 10_000) keys.clear();
    keys.set(sql, k);
  }
  return k;
}

function wrap(q: Queryable, t: DbTimes): Queryable {
  return {
    async query<T>(sql: string, params?: unknown[], name?: string) {
      const s = performance.now();
      // the statement's name passed on: the code measured prepares it (PostgreSQL), as it does outside the bench
      try { return await q.query<T>(sql, params, name); } finally {
        const ms = performance.now() - s;
        t.queryMs += ms; t.queries++;
        const k = keyOf(sql);
        const kind = t.bySql.get(k.key) ?? { ms: 0, n: 0 };
        kind.ms += ms; kind.n++;
        t.bySql.set(k.key, kind);
        if (t.slowest.length < 5 || ms > t.slowest[t.slowest.length - 1]!.ms) {
          t.slowest.push({ ms, sql: k.slow });
          t.slowest.sort((a, b) => b.ms - a.ms).splice(5);
        }
      }
    },
    async copyCsv(table, columns, csv) {
      const s = performance.now();
      try { await q.copyCsv(table, columns, csv); } finally { t.copyMs += performance.now() - s; t.copies++; }
    },
  };
}

/** The same Db, with every query and COPY (also inside transactions) adding its wall time to `times`. */
export function timedDb(db: Db): { db: Db; times: DbTimes } {
  const times: DbTimes = { copyMs: 0, copies: 0, queryMs: 0, queries: 0, transactions: 0, slowest: [], bySql: new Map() };
  const timed: Db = {
    ...db,
    ...wrap(db, times),
    transaction: (fn) => { times.transactions++; return db.transaction((tx) => fn(wrap(tx, times))); },
  };
  return { db: timed, times };
}
