// Signed links in messages: the one-click unsubscribe (RFC 8058) carries who and where, so it needs no sign-in. The
// claim is sealed (AES-256-GCM under a key drawn from the `links` secret), so the address a link names cannot be read
// off the link by anyone who sees it (a mail gateway's log, a forwarded message). Links made before were signed only
// (`payload.mac`); they are still honoured, since they sit in people's inboxes.
import { createCipheriv, createDecipheriv, createHash, createHmac } from 'node:crypto';
import { pooledRandomBytes } from '../domain/ids.ts';
import type { Queryable } from '../db/index.ts';
import { safeEqual } from '../compliance/index.ts';
import { secret } from '../db/secrets.ts';

export interface UnsubscribeClaim { orgId: string; customerId: string; channel: string; address: string }

/** Sealed links start with this, which no base64url payload of the signed form can (it is not a JSON array's opening). */
const SEALED = 'u2_';
const AAD = Buffer.from('cobro unsubscribe link v2');

function sign(key: string, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

/** The sealing key: the links secret hashed with the purpose, so the HMAC of the older links and this key never coincide. */
function sealKey(links: string): Buffer {
  if (lastKey?.links !== links) lastKey = { links, key: createHash('sha256').update('unsubscribe-seal\0').update(links).digest() };
  return lastKey.key;
}
// the key of the last secret seen (a process has one links secret per database: hashed once, not once per message)
let lastKey: { links: string; key: Buffer } | undefined;

export async function unsubscribeToken(q: Queryable, c: UnsubscribeClaim): Promise<string> {
  return sealUnsubscribe(await secret(q, 'links'), c);
}

/** unsubscribeToken with the `links` secret already read (the dispatcher reads it once per batch). */
export function sealUnsubscribe(links: string, c: UnsubscribeClaim): string {
  const iv = pooledRandomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(links), iv).setAAD(AAD);
  const body = Buffer.concat([cipher.update(JSON.stringify([c.orgId, c.customerId, c.channel, c.address]), 'utf8'), cipher.final()]);
  return SEALED + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The claim a link carries, or null when it was not made here, was changed, or names nothing. */
export async function readUnsubscribeToken(q: Queryable, token: string): Promise<UnsubscribeClaim | null> {
  const links = await secret(q, 'links');
  const json = token.startsWith(SEALED) ? open(links, token.slice(SEALED.length)) : signedPayload(links, token);
  if (json === null) return null;
  try {
    const parts = JSON.parse(json) as unknown;
    if (!Array.isArray(parts) || parts.length !== 4 || !parts.every((p) => typeof p === 'string')) return null;
    const [orgId, customerId, channel, address] = parts as [string, string, string, string];
    return orgId && customerId && channel ? { orgId, customerId, channel, address } : null;
  } catch {
    return null;
  }
}

function open(links: string, sealed: string): string | null {
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length < 12 + 16 + 1) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealKey(links), raw.subarray(0, 12)).setAAD(AAD);
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** The older, signed-only form: base64url JSON, a dot, its HMAC. */
function signedPayload(links: string, token: string): string | null {
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined || !safeEqual(mac, sign(links, payload))) return null;
  return Buffer.from(payload, 'base64url').toString('utf8');
}

/** A link in the older signed-only form (for tests that a link already in an inbox still works). */
export async function signedUnsubscribeToken(q: Queryable, c: UnsubscribeClaim): Promise<string> {
  const payload = Buffer.from(JSON.stringify([c.orgId, c.customerId, c.channel, c.address])).toString('base64url');
  return `${payload}.${sign(await secret(q, 'links'), payload)}`;
}
