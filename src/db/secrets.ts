// Server secrets kept in the database, made on first use, the same for every process sharing the database.
import { randomBytes } from 'node:crypto';
import type { Queryable } from './types.ts';

const cache = new Map<string, string>();

export async function secret(q: Queryable, name: string): Promise<string> {
  const hit = cache.get(name);
  if (hit) return hit;
  await q.query('INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, randomBytes(32).toString('base64url')]);
  const [row] = await q.query<{ value: string }>('SELECT value FROM secrets WHERE name = $1', [name]);
  cache.set(name, row!.value);
  return row!.value;
}
