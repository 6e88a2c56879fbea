// credit lines that are a gateway's payout are settled as payouts before matching: match_state 'payout', the gateway
// and payout id in statement_line_payouts, any pending proposal superseded. They credit no invoice and never wait in the
// review queue; they are listed with why (payout-actions.ts: a person's undo, or marking one the rules missed).
import type { Db, Queryable } from '../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { listCredentials, openCopies } from '../vault/index.ts';
import { Filter, paginate, type Page, type PageParams } from '../ledger/index.ts';
import { LINE_SELECT, type LineRow } from './lines.ts';
import { GATEWAY_LIKE, GATEWAY_PATTERNS, PAYOUT_GATEWAYS, pairReported, recognisePayout, type PayoutBasis, type PayoutGateway,
  type PayoutLineText, type RecognisedPayout } from './payout-rules.ts';
import { payoutReturns } from './payout-returns.ts';

export interface PayoutInfo {
  gateway: string; payout_id: string | null; reasons: string[]; decided_by: string | null; decided_at: string | null;
  /** text, reported, person, or return (a debit giving back a payout that failed). */
  basis: PayoutBasis;
}
export type PayoutLine = LineRow & { statement_filename: string | null; payout: PayoutInfo };

/** The gateways the org uses: connected, or the source of a payment it recorded (the gateway's webhooks record them). */
export async function gatewaysInUse(q: Queryable, orgId: string): Promise<PayoutGateway[]> {
  const connected = new Set((await listCredentials(q, orgId)).map((c) => c.provider as string));
  const paid = new Set((await q.query<{ g: string }>(`SELECT g FROM unnest($2::text[]) AS g
    WHERE EXISTS (SELECT 1 FROM payments p WHERE p.org_id = $1 AND p.source = g)`, [orgId, PAYOUT_GATEWAYS.filter((g) => !connected.has(g))])).map((r) => r.g));
  return PAYOUT_GATEWAYS.filter((g) => connected.has(g) || paid.has(g));
}

type Candidate = PayoutLineText & { id: string; match_state: string };

export async function writePayout(q: Queryable, orgId: string, lineId: string, p: RecognisedPayout, actor: string | null, at: Date): Promise<string[]> {
  const superseded = await q.query<{ id: string }>(`UPDATE match_proposals SET status = 'superseded', decided_by = $3, decided_at = $4
    WHERE org_id = $1 AND line_id = $2 AND status = 'proposed' RETURNING id`, [orgId, lineId, actor ?? 'system', at.toISOString()]);
  await q.query(`UPDATE statement_lines SET match_state = 'payout' WHERE org_id = $1 AND id = $2`, [orgId, lineId]);
  await q.query(`INSERT INTO statement_line_payouts (org_id, line_id, gateway, payout_id, reasons, status, decided_by, decided_at, basis)
    VALUES ($1, $2, $3, $4, $5, 'payout', $6, $7, $8) ON CONFLICT (org_id, line_id) DO UPDATE SET gateway = EXCLUDED.gateway,
    payout_id = EXCLUDED.payout_id, reasons = EXCLUDED.reasons, status = 'payout', decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at,
    basis = EXCLUDED.basis`,
  [orgId, lineId, p.gateway, p.payout_id, JSON.stringify(p.reasons), actor, actor ? at.toISOString() : null, p.basis ?? 'text']);
  return superseded.map((s) => s.id);
}

/**
 * Those of the given lines that are waiting credits (unmatched, or in review) and that are a payout: by the rules on their
 * name and text, or by equalling a payout the gateway reported; not those a person undid. Two indexed reads for lines
 * that are neither.
 */
export async function findPayouts(q: Queryable, orgId: string, lineIds: string[]): Promise<{ line: Candidate; p: RecognisedPayout }[]> {
  if (!lineIds.length) return [];
  const patterns = Object.values(GATEWAY_LIKE).flat();
  const candidates = await q.query<Candidate>(`SELECT l.id, l.match_state, l.counterparty_name, l.remittance_text, l.structured_reference,
      l.end_to_end_id FROM statement_lines l
    WHERE l.org_id = $1 AND l.id = ANY($2::text[]) AND ${WAITING_CREDIT}
      AND (l.counterparty_name ILIKE ANY($3::text[]) OR l.remittance_text ILIKE ANY($3::text[]))
    ORDER BY l.id`, [orgId, lineIds, patterns]);
  const gateways = candidates.length ? await gatewaysInUse(q, orgId) : [];
  const named = candidates.flatMap((c) => { const p = recognisePayout(c, gateways); return p ? [{ line: c, p }] : []; });
  const taken = new Set(named.map((f) => f.line.id));
  const reported = (await reportedPayouts(q, orgId, lineIds)).filter((f) => !taken.has(f.line.id));
  return [...named, ...reported, ...await payoutReturns(q, orgId, lineIds)];
}

/** A waiting credit, not one a person said is no payout. */
const WAITING_CREDIT = `l.direction = 'credit' AND NOT l.reversal AND l.match_state IN ('unmatched', 'review')
  AND NOT EXISTS (SELECT 1 FROM statement_line_payouts x WHERE x.org_id = l.org_id AND x.line_id = l.id AND x.status = 'undone')`;

/**
 * Lines equal to a payout the gateway reported (gateway_payouts, from Stripe's payout.paid): same amount and currency,
 * booked from 3 days before its arrival date to 4 days after, the payout not already another line's, and the line naming
 * the gateway, the payout's id or its descriptor (reportedPayoutEvidence). Each payout is given to one line, the nearest in date.
 */
async function reportedPayouts(q: Queryable, orgId: string, lineIds: string[]): Promise<{ line: Candidate; p: RecognisedPayout }[]> {
  const rows = await q.query<Candidate & { gateway: PayoutGateway; payout_id: string; descriptor: string | null; arrival: string; days: number }>(
    `SELECT l.id, l.match_state, l.counterparty_name, l.remittance_text, l.structured_reference, l.end_to_end_id, g.gateway, g.payout_id,
       g.statement_descriptor AS descriptor,
       to_char(g.arrival_date, 'YYYY-MM-DD') AS arrival, abs(COALESCE(l.booking_date, l.value_date) - g.arrival_date) AS days
     FROM statement_lines l JOIN gateway_payouts g ON g.org_id = l.org_id AND g.currency = l.currency AND g.amount = l.amount
       AND COALESCE(l.booking_date, l.value_date) BETWEEN g.arrival_date - 3 AND g.arrival_date + 4 AND g.status = 'paid'
     WHERE l.org_id = $1 AND l.id = ANY($2::text[]) AND ${WAITING_CREDIT}
       AND NOT EXISTS (SELECT 1 FROM statement_line_payouts t WHERE t.org_id = g.org_id AND t.gateway = g.gateway AND t.payout_id = g.payout_id
         AND t.status = 'payout')
     ORDER BY days, l.id`, [orgId, lineIds]);
  return pairReported(rows).map(({ row, evidence, label }) => ({ line: row, p: { gateway: row.gateway, payout_id: row.payout_id,
    basis: 'reported' as const, reasons: [`equals the ${label} payout ${row.payout_id} reported arriving ${row.arrival}`, evidence] } }));
}

/**
 * Credits sent back to matching because their reported payout did not arrive ('withdrawn'), still waiting, whose payout a
 * debit on the statement is now seen giving back: the money did reach the bank, so the credit is that payout after all.
 */
async function returnedCredits(q: Queryable, orgId: string, returns: RecognisedPayout[]): Promise<{ line: Candidate; p: RecognisedPayout }[]> {
  const keys = returns.flatMap((p) => (p.basis === 'return' && p.payout_id ? [`${p.gateway}/${p.payout_id}`] : []));
  if (!keys.length) return [];
  const rows = await q.query<Candidate & { gateway: PayoutGateway; payout_id: string }>(`SELECT l.id, l.match_state, l.counterparty_name,
      l.remittance_text, l.structured_reference, l.end_to_end_id, x.gateway, x.payout_id
    FROM statement_line_payouts x JOIN statement_lines l ON l.org_id = x.org_id AND l.id = x.line_id
    WHERE x.org_id = $1 AND x.gateway || '/' || x.payout_id = ANY($2::text[]) AND x.status = 'withdrawn' AND x.basis = 'reported'
      AND l.match_state IN ('unmatched', 'review') ORDER BY l.id`, [orgId, keys]);
  return rows.map((r) => ({ line: r, p: { gateway: r.gateway, payout_id: r.payout_id, basis: 'reported' as const,
    reasons: [`the ${GATEWAY_PATTERNS[r.gateway]?.label ?? r.gateway} payout ${r.payout_id} reached the bank and was given back: this credit is it`] } }));
}

/**
 * Settles as payouts those of the given lines `findPayouts` finds, and the credits of other statements their returns show
 * to be one; returns how many of the given lines.
 */
export async function settlePayouts(db: Db, orgId: string, lineIds: string[], opts: { actor: string; now: () => Date }): Promise<number> {
  const found = await findPayouts(db, orgId, lineIds);
  if (!found.length) return 0;
  return db.transaction(async (tx) => {
    const all = [...found, ...await returnedCredits(tx, orgId, found.map((f) => f.p))];
    for (const { line, p } of all) {
      const superseded = await writePayout(tx, orgId, line.id, p, null, opts.now());
      await recordAudit(tx, { orgId, actor: opts.actor, action: 'statement_line.payout', entity: 'statement_line', entityId: line.id,
        data: { gateway: p.gateway, payout_id: p.payout_id, reasons: p.reasons, was: line.match_state, proposals: superseded } });
    }
    return found.length;
  });
}

/** Lines settled as payouts, oldest first, with the gateway, the payout id and why. */
export async function listPayoutLines(
  q: Queryable, orgId: string, p: PageParams & { statement_id?: string; gateway?: string },
): Promise<Page<PayoutLine>> {
  const f = new Filter().add('l.org_id = ?', orgId).add(`l.match_state = 'payout'`);
  if (p.statement_id) f.add('l.statement_id = ?', p.statement_id);
  if (p.gateway) f.add('x.gateway = ?', p.gateway);
  const cols = LINE_SELECT.split(',').map((c) => `l.${c.trim()}`).join(', ');
  const page = await paginate((tail, params) => q.query<LineRow & { statement_filename: string | null } & PayoutInfo>(
    `SELECT ${cols}, s.filename AS statement_filename, x.gateway, x.payout_id, x.reasons, x.decided_by, x.decided_at::text AS decided_at, x.basis
     FROM statement_lines l JOIN statements s ON s.id = l.statement_id
     JOIN statement_line_payouts x ON x.org_id = l.org_id AND x.line_id = l.id ${tail}`, params), f, 'l.id', p);
  const rows = await openCopies(q, orgId, 'statement_lines.counterparty_account', page.data);
  return { ...page, data: rows.map(({ gateway, payout_id, reasons, decided_by, decided_at, basis, ...l }) =>
    ({ ...l, payout: { gateway, payout_id, reasons, decided_by, decided_at, basis } })) };
}
