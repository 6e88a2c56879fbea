// Signed links in messages: the one-click unsubscribe (RFC 8058) carries who and where, signed, so it needs no sign-in.
import { createHmac } from 'node:crypto';
import type { Queryable } from '../db/index.ts';
import { safeEqual } from '../compliance/index.ts';
import { secret } from '../db/secrets.ts';



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
