// Matching stored lines: credits to invoices (applied above the org's threshold, queued below), returns undo their match.
import type { Db, Queryable } from '../db/index.ts';
import { ok } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';
import { listCustomerNames, listOpenReceivables, reversePayment } from '../ledger/index.ts';
import { addAlias, buildIndex, consume, type MatchIndex } from './match/match-index.ts';
import { proposeMatch } from './match/matcher.ts';
import { pickReversed, type ReversibleCredit } from './match/reversal.ts';
import type { MatchSettings, PayerAlias } from './match/types.ts';
import { aliasesOf, applyProposal, inTx, queueProposal } from './apply.ts';
import { LINE_SELECT, lineDate, loadLines, toMatchLine, type LineRow } from './lines.ts';
import { getSettings, toMatchSettings } from './settings.ts';

export interface ReconcileSummary {
  /** Credits applied to invoices without review. */
  matched: number;
  /** Credits waiting in the review queue. */
  review: number;
  /** Credits (and returns) nothing could be found for. */
  unmatched: number;
  /** Returns that undid an earlier match. */
  reversed: number;
  /** Debits that are not returns: nothing to do for receivables. */
  not_receivable: number;
}

export interface ReconcileOptions { actor: string; now: () => Date }

export async function loadIndex(q: Queryable, orgId: string, currencies: string[]): Promise<MatchIndex> {
  const invoices = await listOpenReceivables(q, orgId, currencies);
  const customers = await listCustomerNames(q, orgId);
  const aliases = await q.query<{ kind: 'account' | 'name'; value: string; customer_id: string; matches: number }>(
    'SELECT kind, value, customer_id, matches FROM payer_aliases WHERE org_id = $1', [orgId]);
  return buildIndex(
    invoices.map((i) => ({ id: i.id, number: i.number, customerId: i.customer_id, currency: i.currency, balance: i.balance, dueDate: i.due_date })),
    customers,
    aliases.map((a): PayerAlias => ({ kind: a.kind, value: a.value, customerId: a.customer_id, matches: a.matches })));
}

/** Matches the given lines that are still unmatched. Each line is applied or queued in its own transaction. */
export async function reconcileLines(db: Db, orgId: string, lineIds: string[], opts: ReconcileOptions): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = { matched: 0, review: 0, unmatched: 0, reversed: 0, not_receivable: 0 };
  const rows = await loadLines(db, orgId, lineIds);
  summary.not_receivable = rows.filter((r) => r.match_state === 'not_receivable').length;
  const pending = rows.filter((r) => r.match_state === 'unmatched');
  const credits = pending.filter((r) => r.direction === 'credit' && !r.reversal);
  const returns = pending.filter((r) => r.direction === 'debit' && r.reversal);
  if (credits.length) {
    const settings = toMatchSettings(await getSettings(db, orgId));
    const index = await loadIndex(db, orgId, [...new Set(credits.map((c) => c.currency))]);
    // the surest lines go first, so a weak guess never takes an invoice a sure match needs
    const order = credits.map((line) => ({ line, c: proposeMatch(toMatchLine(line), index, settings)?.confidence ?? -1 }))
      .sort((a, b) => b.c - a.c);
    for (const { line } of order) summary[await matchOne(db, orgId, line, index, settings, opts)] += 1;
  }
  for (const line of returns) summary[(await undoReturned(db, orgId, line, opts)) ? 'reversed' : 'unmatched'] += 1;
  return summary;
}

async function matchOne(
  db: Db, orgId: string, line: LineRow, index: MatchIndex, settings: MatchSettings, opts: ReconcileOptions,
): Promise<'matched' | 'review' | 'unmatched'> {
  const p = proposeMatch(toMatchLine(line), index, settings);
  if (!p) return 'unmatched';
  if (p.confidence >= settings.autoApplyThreshold) {
    const applied = await inTx(db, (tx) => applyProposal(tx, orgId, opts.actor, line, p, { now: opts.now }));
    if (applied.ok) {
      for (const a of p.allocations) consume(index, a.invoiceId, a.amount + a.fee, p.currency);
      for (const a of aliasesOf(line, p.customerId)) addAlias(index, a);
      return 'matched';
    }
    p.reasons.push(`it could not be applied: ${applied.error.message}`);
  }
  await db.transaction((tx) => queueProposal(tx, orgId, line, p));
  return 'review';
}

/** A returned payment: finds the credit it takes back and undoes that credit's payment (or its pending proposal). */
async function undoReturned(db: Db, orgId: string, line: LineRow, opts: ReconcileOptions): Promise<boolean> {
  const candidates = await db.query<LineRow>(`SELECT ${LINE_SELECT} FROM statement_lines WHERE org_id = $1 AND direction = 'credit'
    AND NOT reversal AND amount = $2 AND currency = $3 AND match_state IN ('matched', 'review')`, [orgId, line.amount, line.currency]);
  const asCredit = (l: LineRow): ReversibleCredit => ({ id: l.id, amount: l.amount, currency: l.currency, date: lineDate(l),
    endToEndId: l.end_to_end_id, counterpartyAccount: l.counterparty_account, counterpartyName: l.counterparty_name });
  const pick = pickReversed(asCredit(line), candidates.map(asCredit));
  const original = pick ? candidates.find((c) => c.id === pick.id) : undefined;
  if (!pick || !original) return false;
  const r = await inTx(db, async (tx) => {
    if (original.match_state === 'matched' && original.payment_id) {
      const rev = await reversePayment(tx, orgId, opts.actor, original.payment_id, `returned: statement line ${line.id}`);
      if (!rev.ok) return rev;
    } else {
      await tx.query(`UPDATE match_proposals SET status = 'rejected', decided_by = $3, decided_at = now()
        WHERE org_id = $1 AND line_id = $2 AND status = 'proposed'`, [orgId, original.id, opts.actor]);
    }
    await tx.query(`UPDATE statement_lines SET match_state = 'reversed' WHERE org_id = $1 AND id = $2`, [orgId, original.id]);
    await tx.query(`UPDATE statement_lines SET match_state = 'reversal', payment_id = $3 WHERE org_id = $1 AND id = $2`,
      [orgId, line.id, original.payment_id]);
    await recordAudit(tx, { orgId, actor: opts.actor, action: 'statement_line.reversed', entity: 'statement_line', entityId: original.id,
      data: { reversal_line: line.id, payment: original.payment_id, reason: pick.reason } });
    return ok(true);
  });
  return r.ok;
}
