// Signed links in messages: the one-click unsubscribe (RFC 8058) carries who and where, signed, so it needs no sign-in.
import { createHmac, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/index.ts';
import { safeEqual } from '../compliance/index.ts';

const cache = new Map<string, string>();

/** A server secret kept in the database, made on first use, the same for every process sharing the database. */
export async function secret(q: Queryable, name: string): Promise<string> {
  const hit = cache.get(name);
  if (hit) return hit;
  await q.query('INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, randomBytes(32).toString('base64url')]);
  const [row] = await q.query<{ value: string }>('SELECT value FROM secrets WHERE name = $1', [name]);
  cache.set(name, row!.value);
  return row!.value;
}

export interface UnsubscribeClaim { orgId: string; customerId: string; channel: string; address: string }

function sign(key: string, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

export async function unsubscribeToken(q: Queryable, c: UnsubscribeClaim): Promise<string> {
  const payload = Buffer.from(JSON.stringify([c.orgId, c.customerId, c.channel, c.address])).toString('base64url');
  return `${payload}.${sign(await secret(q, 'links'), payload)}`;
}

export async function readUnsubscribeToken(q: Queryable, token: string): Promise<UnsubscribeClaim | null> {
  const [payload, mac] = token.split('.');
  if (!payload || !mac || !safeEqual(mac, sign(await secret(q, 'links'), payload))) return null;
  try {
    const [orgId, customerId, channel, address] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as string[];
    return orgId && customerId && channel && address !== undefined ? { orgId, customerId, channel, address } : null;
  } catch {
    return null;
  }
}
