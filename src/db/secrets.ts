// Server secrets kept in the database, made on first use, the same for every process sharing the database.
import { randomBytes } from 'node:crypto';
import type { Queryable } from './types.ts';

/**
 * Per database (Queryable.database, one per openDb) the secrets read: a process that opens several databases (a test
 * process running a group of files, the CLI tests' kept command process) reads each database's own. A handle without a
 * database asks the database every time.
 */
const cache = new WeakMap<object, Map<string, string>>();

export async function secret(q: Queryable, name: string): Promise<string> {
  const kept = q.database && (cache.get(q.database) ?? cache.set(q.database, new Map()).get(q.database)!);
  const hit = kept?.get(name);
  if (hit) return hit;
  await q.query('INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, randomBytes(32).toString('base64url')]);
  const [row] = await q.query<{ value: string }>('SELECT value FROM secrets WHERE name = $1', [name]);
  kept?.set(name, row!.value);
  return row!.value;
}
