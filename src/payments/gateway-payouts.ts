// Payouts a gateway reported through its verified webhook (Stripe payout.paid): kept so that bank reconciliation knows the
// statement's credit of that amount for the gateway's payout (R-6, src/reconciliation/payouts.ts), never an invoice's payment.
import type { Queryable } from '../db/index.ts';
import { formatMinor } from '../domain/money.ts';
import type { PayoutFacts } from './gateways/index.ts';

/** Stores the payout once (a repeated event changes nothing); returns what was done, for the inbox's note. */
export async function recordGatewayPayout(q: Queryable, orgId: string, p: PayoutFacts, now: Date): Promise<string> {
  const rows = await q.query(`INSERT INTO gateway_payouts (org_id, gateway, payout_id, amount, currency, arrival_date, statement_descriptor, received_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (org_id, gateway, payout_id) DO NOTHING RETURNING payout_id`,
  [orgId, p.provider, p.payoutId, p.amount, p.currency, p.arrivalDate, p.descriptor, now.toISOString()]);
  return `${rows.length ? 'recorded' : 'already had'} payout ${p.payoutId} of ${formatMinor(p.amount, p.currency)} ${p.currency} arriving ${p.arrivalDate}, for bank reconciliation`;
}
