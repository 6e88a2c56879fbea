// Writing imported statements and their new lines, skipping lines whose fingerprint the org already has.
import type { Queryable } from '../db/index.ts';
import { newId } from '../domain/ids.ts';
import type { Statement } from './parsers/index.ts';
import type { FingerprintedLine } from './fingerprint.ts';

export interface StoredStatement {
  id: string;
  format: string;
  account: string | null;
  lines: number;
  new_lines: number;
  new_line_ids: string[];
}

const LINE_COLUMNS = ['id', 'org_id', 'statement_id', 'position', 'fingerprint', 'account', 'booking_date', 'value_date', 'amount',
  'currency', 'direction', 'counterparty_name', 'counterparty_account', 'remittance_text', 'structured_reference', 'end_to_end_id',
  'bank_reference', 'reversal', 'transaction_code', 'match_state'];

async function knownFingerprints(q: Queryable, orgId: string, fps: string[]): Promise<Set<string>> {
  const rows = fps.length ? await q.query<{ fingerprint: string }>(
    'SELECT fingerprint FROM statement_lines WHERE org_id = $1 AND fingerprint = ANY($2::text[])', [orgId, fps]) : [];
  return new Set(rows.map((r) => r.fingerprint));
}

/** Stores one statement with the lines not seen before; a statement with none is not stored. */
export async function storeStatement(
  q: Queryable, orgId: string, s: Statement, lines: FingerprintedLine[], file: { filename: string | null; sha256: string },
): Promise<StoredStatement | null> {
  const known = await knownFingerprints(q, orgId, lines.map((l) => l.fingerprint));
  const fresh = lines.map((l, i) => ({ ...l, position: i + 1 })).filter((l) => !known.has(l.fingerprint));
  if (!fresh.length) return null;
  const id = newId('statement');
  await q.query(
    `INSERT INTO statements (id, org_id, format, bank_statement_id, account, currency, filename, file_sha256, opening_balance,
       closing_balance, line_count, new_lines) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
    [id, orgId, s.format, s.id, s.account, s.currency, file.filename, file.sha256, s.openingBalance?.amount.amount ?? null,
      s.closingBalance?.amount.amount ?? null, lines.length, fresh.length]);
  const ids: string[] = [];
  for (let at = 0; at < fresh.length; at += 500) {
    const chunk = fresh.slice(at, at + 500);
    const params: unknown[] = [];
    const tuples = chunk.map((f) => {
      const l = f.line;
      const lineId = newId('statementLine');
      // credits are receivables to match; a debit matters only when it returns an earlier credit
      const state = (l.direction === 'credit') !== l.reversal ? 'unmatched' : 'not_receivable';
      params.push(lineId, orgId, id, f.position, f.fingerprint, f.account, l.bookingDate, l.valueDate, l.amount.amount, l.amount.currency,
        l.direction, l.counterpartyName, l.counterpartyAccount, l.remittanceText, l.structuredReference, l.endToEndId, l.bankReference,
        l.reversal, l.transactionCode, state);
      const base = params.length - LINE_COLUMNS.length;
      return `(${LINE_COLUMNS.map((_, i) => `$${base + i + 1}`).join(',')})`;
    });
    const rows = await q.query<{ id: string }>(
      `INSERT INTO statement_lines (${LINE_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}
       ON CONFLICT (org_id, fingerprint) DO NOTHING RETURNING id`, params);
    ids.push(...rows.map((r) => r.id));
  }
  return { id, format: s.format, account: s.account, lines: lines.length, new_lines: ids.length, new_line_ids: ids };
}
