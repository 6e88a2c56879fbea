// A Settlement details report read again with other bytes (Adyen made the file again under the same name, or another file
// carries a batch already imported): its batches are compared with those cobro keeps, line by line (a fingerprint of each
// line's id, type, amounts and currency, and of the payout itself), so a batch new to cobro is stored, one already kept
// with the same lines adds nothing (however the file is laid out), and one kept with other lines is left as it is and put
// to a person: cobro does not overwrite money it has reconciled on the word of a later file.
import type { Queryable } from '../db/index.ts';
import type { AdyenPayout } from './gateways/adyen-settlement-csv.ts';

export interface BatchesSorted {
  /** Batches cobro does not keep yet: stored. */
  fresh: AdyenPayout[];
  /** Kept already with the very same lines: nothing to do. */
  same: string[];
  /** Kept already with other lines or another payout: left as kept, for review. */
  changed: string[];
}

interface Line { id: string; type: string; amount: number; fee: number; net: number; currency: string }

const fingerprint = (amount: number, currency: string, date: string, lines: Line[]): string => JSON.stringify([amount, currency, date,
  lines.map((l) => [l.id, l.type, Number(l.amount), Number(l.fee), Number(l.net), l.currency]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))]);

/** Sorts a report's batches against the Adyen payouts the org keeps. */
export async function sortAgainstKept(q: Queryable, orgId: string, payouts: AdyenPayout[]): Promise<BatchesSorted> {
  const ids = payouts.map((p) => p.payoutId);
  const kept = await q.query<{ payout_id: string; amount: string | number; currency: string; date: string }>(
    `SELECT payout_id, amount, currency, to_char(arrival_date, 'YYYY-MM-DD') AS date FROM gateway_payouts
     WHERE org_id = $1 AND gateway = 'adyen' AND payout_id = ANY($2::text[])`, [orgId, ids]);
  const lines = await q.query<Line & { payout_id: string }>(
    `SELECT payout_id, txn_id AS id, type, amount, fee, net, currency FROM gateway_payout_transactions
     WHERE org_id = $1 AND gateway = 'adyen' AND payout_id = ANY($2::text[])`, [orgId, ids]);
  const out: BatchesSorted = { fresh: [], same: [], changed: [] };
  for (const p of payouts) {
    const k = kept.find((r) => r.payout_id === p.payoutId);
    if (!k) { out.fresh.push(p); continue; }
    const before = fingerprint(Number(k.amount), k.currency, k.date, lines.filter((l) => l.payout_id === p.payoutId));
    (before === fingerprint(p.amount, p.currency, p.date, p.transactions) ? out.same : out.changed).push(p.payoutId);
  }
  return out;
}
