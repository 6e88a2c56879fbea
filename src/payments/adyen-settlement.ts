// Adyen payouts from its Settlement details report, uploaded through the API or the CLI. The file is read whole
// (a row cobro cannot read fails it, naming the line and column, and nothing is stored); each batch's MerchantPayout is
// then kept with what the batch carried, in one transaction, as Mercado Pago's release report payouts are, so the payout
// check (payout-breakdown.ts) reads them as it reads Stripe's. The same file again (by SHA-256) adds nothing; another file
// with a batch already kept adds only its new batches (adyen-settlement-versions.ts): a kept batch with the same lines is
// left alone, one with other lines too, and it is put to a person (an org-level review task, audited). Stored payouts
// then settle their bank credits (a line naming Adyen, of the payout's amount near its date).
import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { newId } from '../domain/ids.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { parseAdyenSettlementCsv } from './gateways/adyen-settlement-csv.ts';
import { settleReleaseLines, storeReleasePayouts, type PayoutReportSource } from './mp-release-store.ts';
import { sortAgainstKept } from './adyen-settlement-versions.ts';
import { flagChangedBatches } from './adyen-settlement-review.ts';

/** A bank line the rules took for an Adyen payout by its text ("ADYEN ... BATCH 142") is this batch's payout. */
export const ADYEN_SOURCE: PayoutReportSource = { gateway: 'adyen', label: 'Adyen', report: 'settlement details report',
  textId: `regexp_replace(x.payout_id, '[^0-9]', '', 'g') = substring(g.payout_id from '([0-9]+)$')` };

export interface AdyenSettlementReport {
  id: string; filename: string | null; sha256: string; rows: number; payouts: number; transactions: number;
  open_batches: number; payout_ids: string[]; actor: string; created_at: string;
  /** true when this very file was uploaded before: nothing was added. */
  duplicate: boolean;
  /** Bank lines settled as these payouts by this upload. */
  lines_settled: number;
  /** Batches kept already from an earlier file: with the same lines (nothing to do), or with other lines (left as kept, for review). */
  unchanged: string[]; changed: string[];
}

type Row = Omit<AdyenSettlementReport, 'duplicate' | 'lines_settled' | 'unchanged' | 'changed'>;
const NOTHING = { duplicate: true, lines_settled: 0, unchanged: [], changed: [] };
const SELECT = `SELECT id, filename, sha256, rows, payouts, transactions, open_batches, payout_ids, actor, created_at::text AS created_at
  FROM adyen_settlement_reports`;
const fromRow = (r: Row): Row => ({ ...r, created_at: new Date(r.created_at).toISOString() });

export async function listAdyenSettlementReports(q: Queryable, orgId: string, limit = 50): Promise<Row[]> {
  return (await q.query<Row>(`${SELECT} WHERE org_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, [orgId, limit])).map(fromRow);
}

async function bySha(q: Queryable, orgId: string, sha: string): Promise<Row | null> {
  const [r] = await q.query<Row>(`${SELECT} WHERE org_id = $1 AND sha256 = $2`, [orgId, sha]);
  return r ? fromRow(r) : null;
}

export interface AdyenUpload { filename: string | null; content: Buffer }

/**
 * Reads an uploaded Settlement details report and stores every batch paid out in it, all or nothing. IMPORT_REJECTED
 * (field file) names the line and column of the first row that cannot be read.
 */
export async function importAdyenSettlement(db: Db, orgId: string, upload: AdyenUpload, actor: string, now: Date): Promise<Result<AdyenSettlementReport>> {
  const sha256 = createHash('sha256').update(upload.content).digest('hex');
  const before = await bySha(db, orgId, sha256);
  if (before) return ok({ ...before, ...NOTHING });
  const parsed = parseAdyenSettlementCsv(upload.content.toString('utf8'));
  if (!parsed.ok) return fail('IMPORT_REJECTED', `the settlement details report could not be read, nothing of it was stored: ${parsed.message}`, 'file');
  const { payouts, rows, openBatches } = parsed.value;
  if (!rows) return fail('IMPORT_REJECTED', 'the settlement details report has no rows under its header', 'file');
  const id = newId('gatewayCheck', now.getTime()).replace(/^[a-z]+_/, 'adyr_');
  const stored = await db.transaction(async (tx) => {
    const sorted = await sortAgainstKept(tx, orgId, payouts);
    const transactions = sorted.fresh.reduce((n, p) => n + p.transactions.length, 0);
    const added = await tx.query(`INSERT INTO adyen_settlement_reports (org_id, id, filename, sha256, rows, payouts, transactions, open_batches, payout_ids, actor, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (org_id, sha256) DO NOTHING RETURNING id`,
    [orgId, id, upload.filename, sha256, rows, sorted.fresh.length, transactions, openBatches.length, JSON.stringify(sorted.fresh.map((p) => p.payoutId)), actor, now]);
    // the same file uploaded at the same moment by someone else: theirs is the one kept
    if (!added.length) return null;
    const s = await storeReleasePayouts(tx, orgId, sorted.fresh, now, ADYEN_SOURCE);
    await recordAudit(tx, { orgId, actor, action: 'adyen.settlement_report.stored', entity: 'adyen_settlement_report', entityId: id,
      data: { filename: upload.filename, sha256, rows, payouts: s.stored, open_batches: openBatches, unchanged: sorted.same, changed: sorted.changed } }, now);
    if (sorted.changed.length) await flagChangedBatches(tx, orgId, actor, { id, filename: upload.filename, sha256, changed: sorted.changed }, now);
    return { ids: s.stored, unchanged: sorted.same, changed: sorted.changed };
  });
  const row = (await bySha(db, orgId, sha256))!;
  if (stored === null) return ok({ ...row, ...NOTHING });
  const lines = await settleReleaseLines(db, orgId, stored.ids, actor, now, ADYEN_SOURCE);
  return ok({ ...row, duplicate: false, lines_settled: lines, unchanged: stored.unchanged, changed: stored.changed });
}
