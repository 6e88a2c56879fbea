// The open database a server lends to the CLI commands it runs for a local client (src/cli/relay-server.ts): inside
// lendDatabase, opening that same data folder gives the server's own connection back, with a close that leaves it open.
import { AsyncLocalStorage } from 'node:async_hooks';
import { resolve } from 'node:path';
import type { Db } from './types.ts';

const lent = new AsyncLocalStorage<{ dataDir: string; db: Db }>();

/** Runs fn with db lent as the database of dataDir: openDb({ dataDir }) in fn's async context returns it. */
export function lendDatabase<T>(dataDir: string, db: Db, fn: () => Promise<T>): Promise<T> {
  return lent.run({ dataDir: resolve(dataDir), db: { ...db, close: async () => {} } }, fn);
}

/** The database lent for dataDir in this async context, if any. */
export function lentDatabase(dataDir: string): Db | undefined {
  const l = lent.getStore();
  return l && l.dataDir === resolve(dataDir) ? l.db : undefined;
}
