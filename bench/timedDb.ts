// Wraps a Db so the bench can tell time spent waiting on the database (COPY to the stage, SQL) from time spent in JS.
import type { Db, Queryable } from '../src/db/index.ts';

export interface DbTimes {
  copyMs: number; copies: number; queryMs: number; queries: number; slowest: { ms: number; sql: string }[];
  /** Transactions opened (each adds a BEGIN and a COMMIT round trip to the queries counted). */
  transactions: number;
  /** Wall time and count per kind of statement (its first words). */
  bySql: Map<string, { ms: number; n: number }>;
}

function wrap(q: Queryable, t: DbTimes): Queryable {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      const s = performance.now();
      try { return await q.query<T>(sql, params); } finally {
        const ms = performance.now() - s;
        t.queryMs += ms; t.queries++;
        const k = sql.replace(/\s+/g, ' ').trim().slice(0, 60);
        const kind = t.bySql.get(k) ?? { ms: 0, n: 0 };
        kind.ms += ms; kind.n++;
        t.bySql.set(k, kind);
        t.slowest.push({ ms, sql: sql.replace(/\s+/g, ' ').slice(0, 70) });
        t.slowest.sort((a, b) => b.ms - a.ms).splice(5);
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
