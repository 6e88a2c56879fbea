// Embedded PGlite (PostgreSQL in WASM) in a data folder, guarded by a lock file against a second opener.
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { mkdirSync } from 'node:fs';
import type { Db, Queryable } from './types.ts';
import { acquireLock } from './lock.ts';
import { timestampToIso } from './timestamps.ts';
import { imageName, keepImage, keptImageFs } from './pglite-image.ts';
import { migrate, readMigrations } from './migrate.ts';

const parsers = {
  [types.INT8]: (v: string) => Number(v),
  [types.NUMERIC]: (v: string) => v,
  [types.DATE]: (v: string) => v,
  [types.TIMESTAMPTZ]: timestampToIso,
};

type Runner = PGlite | Transaction;

function wrap(runner: Runner, database: object): Queryable {
  return {
    database,
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await runner.query<T>(sql, params);
      return r.rows;
    },
    async copyCsv(table: string, columns: string[], csv: string) {
      await runner.query(`COPY ${table} (${columns.join(',')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
        blob: new Blob([csv]),
      });
    },
  };
}

/**
 * Opens PGlite in dataDir, or in memory when dataDir is undefined: then from the kept migrated image when there is one,
 * or with nothing migrated when `empty` (for tests of a migration on the tables before it).
 */
export async function openPglite(dataDir?: string, { empty = false }: { empty?: boolean } = {}): Promise<Db> {
  let release = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    release = acquireLock(dataDir);
  }
  const migrated = !dataDir && !empty;
  const migrations = migrated ? readMigrations() : [];
  const name = imageName(migrations);
  const image = migrated ? keptImageFs(name) : undefined;
  // 16 MB of shared buffers instead of 128: the server then opens at about 200 MB of memory, not 340; pg_trgm for the
  // audit search's index (migration 094), loaded in every open as the index's operator class needs it. In memory, the
  // WAL segment PostgreSQL makes at start-up is not zero-filled 8 kB at a time (wal_init_zero=off: its last byte is
  // written and the in-memory file is zeros all the same): the zero-filling, the in-memory file growing by an eighth at
  // each write, was about 0.2 s of CPU of every in-memory open. Data folders keep PostgreSQL's default.
  const conf = dataDir ? 'shared_buffers=16MB' : 'shared_buffers=16MB\nwal_init_zero=off';
  const pg = new PGlite({ ...(dataDir ? { dataDir } : {}), ...(image ? { fs: image } : {}), parsers, postgresqlconf: conf,
    extensions: { pg_trgm } });
  await pg.waitReady;
  const base = wrap(pg, {});
  const db: Db = {
    kind: 'pglite',
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx, base.database!))),
    exec: async (sql) => { await pg.exec(sql); },
    listen: (channel, fn) => pg.listen(channel, fn),
    close: async () => { await pg.close(); release(); },
  };
  if (migrated && !image) {
    await migrate(db, migrations);
    await keepImage(pg, name);
  }
  return db;
}
