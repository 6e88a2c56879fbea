// A database laid with the migrations before a given one (numbered name prefix), as an org's database stood before it:
// for the tests of what a migration does to the rows already there.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import { openPglite } from '../../src/db/pglite.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { migrationFiles, migrationText, splitStatements } from '../../src/db/migrate.ts';

/** Applies, in order and each in its own transaction, the migrations whose names sort before `first` ('106'). */
export async function migrateBefore(db: Db, first: string): Promise<void> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const file of migrationFiles().filter((f) => f < first)) {
    await db.transaction(async (tx) => {
      for (const s of splitStatements(migrationText(file))) await tx.query(s);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
    });
  }
}

/**
 * Runs `fn` on a database of its own laid with the migrations before `first`: a fresh schema of DATABASE_URL's database
 * (dropped after) or an empty PGlite in memory.
 */
export async function onDatabaseBefore(first: string, fn: (db: Db) => Promise<void>): Promise<void> {
  const { databaseUrl } = loadConfig();
  const schema = `t_before_${first}_${randomBytes(3).toString('hex')}`;
  const db = databaseUrl ? await openPostgres(databaseUrl, schema) : await openPglite(undefined, { empty: true });
  try {
    await migrateBefore(db, first);
    await fn(db);
  } finally {
    if (databaseUrl) await db.exec(`DROP SCHEMA ${schema} CASCADE`);
    await db.close();
  }
}
