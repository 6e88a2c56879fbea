// R-6, a payout given back: when the gateway reports a payout failed (the bank refused it) the bank statement may show the
// money coming in and going out again, the second as a debit of the same amount naming the payout. That debit is the
// payout's reversal, settled with it (basis 'return'), never matched as a returned customer payment.
import type { Queryable } from '../db/index.ts';
import { pairReported, type PayoutGateway, type PayoutLineText, type RecognisedPayout } from './payout-rules.ts';

/** How long after its arrival date a failed payout's return may be booked (banks return within days, some take weeks). */
export const RETURN_DAYS = 30;

type Candidate = PayoutLineText & { id: string; match_state: string };

/**
 * Those of the given lines that are debits (new, or read as no receivable) of the amount and currency of a payout the
 * gateway reported failed or canceled, booked from 3 days before its arrival date to RETURN_DAYS after, naming the
 * gateway, the payout's id or its descriptor; each payout given back by one line (the nearest in date), not a line a
 * person said is no payout.
 */
export async function payoutReturns(q: Queryable, orgId: string, lineIds: string[]): Promise<{ line: Candidate; p: RecognisedPayout }[]> {
  const rows = await q.query<Candidate & { gateway: PayoutGateway; payout_id: string; descriptor: string | null; status: string; arrival: string }>(
    `SELECT l.id, l.match_state, l.counterparty_name, l.remittance_text, l.structured_reference, l.end_to_end_id, g.gateway, g.payout_id,
       g.statement_descriptor AS descriptor, g.status, to_char(g.arrival_date, 'YYYY-MM-DD') AS arrival
     FROM statement_lines l JOIN gateway_payouts g ON g.org_id = l.org_id AND g.currency = l.currency AND g.amount = l.amount
       AND g.status IN ('failed', 'canceled')
       AND COALESCE(l.booking_date, l.value_date) BETWEEN g.arrival_date - 3 AND g.arrival_date + ${RETURN_DAYS}
     WHERE l.org_id = $1 AND l.id = ANY($2::text[]) AND l.direction = 'debit' AND l.match_state IN ('unmatched', 'not_receivable')
       AND NOT EXISTS (SELECT 1 FROM statement_line_payouts x WHERE x.org_id = l.org_id AND x.line_id = l.id AND x.status = 'undone')
       AND NOT EXISTS (SELECT 1 FROM statement_line_payouts t WHERE t.org_id = g.org_id AND t.gateway = g.gateway AND t.payout_id = g.payout_id
         AND t.status = 'payout' AND t.basis = 'return')
     ORDER BY abs(COALESCE(l.booking_date, l.value_date) - g.arrival_date), l.id`, [orgId, lineIds]);
  return pairReported(rows).map(({ row, evidence, label }) => ({ line: row, p: { gateway: row.gateway, payout_id: row.payout_id, basis: 'return' as const,
    reasons: [`gives back the ${label} payout ${row.payout_id} (arriving ${row.arrival}), reported ${row.status}`, evidence] } }));
}
