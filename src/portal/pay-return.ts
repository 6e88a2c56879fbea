// The way back from a payment page to the portal that handed the link out. A provider's hosted page keeps one return URL
// for the life of the link (cobro's /p/return/{link}), and the same link may be handed out by a message and then by the
// portal (identical content is reused): each time the portal hands it out, the browser keeps a random value in a cookie
// for that return path, and its hash here names the portal link to land on. Without it (another browser, a message's
// link never opened in the portal) the debtor goes where the link was made to return: its return_url, or the site's root.
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/index.ts';
import { paymentLinkReturn, withParam, type PaymentLink } from '../payments/index.ts';
import { liveLinkToken, portalUrl, type PortalAccess } from './links.ts';

const hash = (nonce: string) => createHash('sha256').update(nonce).digest('hex');
const OUTCOMES = new Set(['success', 'cancelled']);

export interface PaymentReturnCookie { nonce: string; maxAgeSeconds: number }

/** Notes that this portal link handed out this payment link, for the browser holding the returned value. */
export async function rememberPaymentReturn(q: Queryable, a: PortalAccess, link: Pick<PaymentLink, 'id' | 'expires_at'>, now: Date): Promise<PaymentReturnCookie> {
  const nonce = randomBytes(24).toString('base64url');
  const expires = new Date(Math.max(Date.parse(link.expires_at), now.getTime() + 60_000));
  await q.query(`INSERT INTO payment_link_returns (nonce_hash, org_id, payment_link_id, portal_link_id, created_at, expires_at)
    VALUES ($1,$2,$3,$4,$5,$6)`, [hash(nonce), a.orgId, link.id, a.linkId, now.toISOString(), expires.toISOString()]);
  // the rows of links already over are of no more use
  await q.query('DELETE FROM payment_link_returns WHERE org_id = $1 AND expires_at < $2', [a.orgId, new Date(now.getTime() - 86_400_000).toISOString()]);
  return { nonce, maxAgeSeconds: Math.ceil((expires.getTime() - now.getTime()) / 1000) };
}

/**
 * Where the debtor returning from a payment link's page goes, with `payment=success|cancelled` when the provider's
 * return said which: the portal that handed it out to this browser while that portal link still opens, else the link's
 * return_url, else the site's root. cobro's own pages are given as paths, so the answer holds on whatever host served
 * it. An unknown link goes to the root: the answer tells nothing about links.
 */
export async function paymentReturnTarget(q: Queryable, linkId: string, nonce: string | undefined, outcome: string | undefined, now: Date): Promise<string> {
  const link = await paymentLinkReturn(q, linkId);
  let target = link?.returnUrl ?? '/';
  if (link && nonce) {
    const [use] = await q.query<{ portal_link_id: string }>(
      'SELECT portal_link_id FROM payment_link_returns WHERE nonce_hash = $1 AND org_id = $2 AND payment_link_id = $3 AND expires_at > $4',
      [hash(nonce), link.orgId, linkId, now.toISOString()]);
    const token = use ? await liveLinkToken(q, link.orgId, use.portal_link_id, now) : null;
    if (token) target = portalUrl('', token);
  }
  if (!outcome || !OUTCOMES.has(outcome)) return target;
  return target.startsWith('/') ? `${target}${target.includes('?') ? '&' : '?'}payment=${outcome}` : withParam(target, 'payment', outcome);
}
