// Accepting a PayPal claim (Disputes API v1, developer.paypal.com/docs/api/customer-disputes/v1/#disputes-actions_accept-claim):
// POST /v1/customer/disputes/{id}/accept-claim with the OAuth bearer token and a JSON body holding the merchant's `note`
// (1 to 2,000 characters). The dispute then closes in the buyer's favour and PayPal refunds them from the merchant's
// account; PayPal answers 200 with links to the dispute. The PayPal-Request-Id is the dispute's, so a call repeated after
// no answer is the same acceptance, not a second one.
import { request } from '../../channels/index.ts';
import { apiUrl } from './http.ts';
import { paypalBase, type PayPalConfig } from './paypal.ts';
import { paypalToken } from './paypal-token.ts';
import { linksAnswer } from './paypal-evidence.ts';
import type { GatewayResult } from './types.ts';

export const ACCEPT_NOTE_MAX = 2000;

/** Accepts the claim with the note; PayPal's links when taken. */
export async function acceptPayPalClaim(c: PayPalConfig, disputeId: string, note: string, now: Date): Promise<GatewayResult<{ links: string[] }>> {
  const base = paypalBase(c);
  const token = await paypalToken({ base, clientId: c.clientId, clientSecret: c.clientSecret, egress: c.egress }, now);
  if (!token.ok) return token;
  const r = await request({ url: apiUrl(base, `/v1/customer/disputes/${encodeURIComponent(disputeId)}/accept-claim`), method: 'POST', timeoutMs: 30_000,
    headers: { authorization: `Bearer ${token.value}`, 'content-type': 'application/json', accept: 'application/json',
      'paypal-request-id': `cobro-accept-claim-${disputeId}` },
    body: JSON.stringify({ note }), ...(c.egress && c.apiBase ? { egress: c.egress } : {}) });
  return linksAnswer(r, 'accept-claim');
}
