// Writing imported statements and their new lines: lines whose fingerprint the org already has are skipped, and a line
// that is a movement already imported from another file (another format of the same day) is stored held back as a duplicate.
import type { Queryable } from '../db/index.ts';
import { newId } from '../domain/ids.ts';
import type { Statement, StatementLine } from './parsers/index.ts';
import type { FingerprintedLine } from './fingerprint.ts';
import { pairDuplicates, type Movement } from './duplicates.ts';
import { openCopies, sealerFor, storedCopy } from '../vault/index.ts';

export interface HeldDuplicate {
  line_id: string;
  position: number;
  /** The line imported before that this one repeats. */
  duplicate_of: string;
  reason: string;
}

export interface StoredStatement {
  id: string;
  format: string;
  account: string | null;
  lines: number;
  new_lines: number;
  new_line_ids: string[];
  duplicates: HeldDuplicate[];
}

const LINE_COLUMNS = ['id', 'org_id', 'statement_id', 'position', 'fingerprint', 'account', 'booking_date', 'value_date', 'amount',
  'currency', 'direction', 'counterparty_name', 'counterparty_account', 'remittance_text', 'structured_reference', 'end_to_end_id',
  'bank_reference', 'reversal', 'transaction_code', 'match_state', 'duplicate_of'];

interface Fresh extends FingerprintedLine { position: number }
type Earlier = Movement & { id: string; format: string; filename: string | null };

async function knownFingerprints(q: Queryable, orgId: string, fps: string[]): Promise<Set<string>> {
  const rows = fps.length ? await q.query<{ fingerprint: string }>(
    'SELECT fingerprint FROM statement_lines WHERE org_id = $1 AND fingerprint = ANY($2::text[])', [orgId, fps]) : [];
  return new Set(rows.map((r) => r.fingerprint));
}

const movementOf = (l: StatementLine, account: string | null): Movement => ({ account, date: l.bookingDate ?? l.valueDate,
  amount: l.amount.amount, currency: l.amount.currency, direction: l.direction, reversal: l.reversal, endToEndId: l.endToEndId,
  bankReference: l.bankReference, counterpartyAccount: l.counterpartyAccount, counterpartyName: l.counterpartyName });

/** Lines of other files with the same amount on the same day, not themselves held back. */
async function earlierMovements(q: Queryable, orgId: string, fresh: Fresh[], sha256: string): Promise<Earlier[]> {
  const keyed = fresh.filter((f) => f.line.bookingDate ?? f.line.valueDate);
  if (!keyed.length) return [];
  return openCopies(q, orgId, 'statement_lines.counterparty_account', await q.query<Earlier>(
    `SELECT DISTINCT l.id, s.format, s.filename, l.account, COALESCE(l.booking_date, l.value_date) AS date, l.amount, l.currency,
       l.direction, l.reversal, l.end_to_end_id AS "endToEndId", l.bank_reference AS "bankReference",
       l.counterparty_account AS "counterpartyAccount", l.counterparty_name AS "counterpartyName"
     FROM unnest($2::int8[], $3::date[]) AS q (amount, day)
     JOIN statement_lines l ON l.org_id = $1 AND l.amount = q.amount AND COALESCE(l.booking_date, l.value_date) = q.day
     JOIN statements s ON s.id = l.statement_id
     WHERE l.match_state <> 'duplicate' AND s.file_sha256 <> $4 ORDER BY l.id`,
    [orgId, keyed.map((f) => f.line.amount.amount), keyed.map((f) => f.line.bookingDate ?? f.line.valueDate), sha256]), { column: 'counterpartyAccount' });
}

const describe = (e: Earlier, reason: string) =>
  `the same movement as line ${e.id} imported from ${e.format}${e.filename ? ` file ${e.filename}` : ''}: ${reason}`;

/** Stores one statement with the lines not seen before; a statement with none is not stored. */
export async function storeStatement(
  q: Queryable, orgId: string, s: Statement, lines: FingerprintedLine[], file: { filename: string | null; sha256: string },
): Promise<StoredStatement | null> {
  const known = await knownFingerprints(q, orgId, lines.map((l) => l.fingerprint));
  const fresh: Fresh[] = lines.map((l, i) => ({ ...l, position: i + 1 })).filter((l) => !known.has(l.fingerprint));
  if (!fresh.length) return null;
  const paired = pairDuplicates(fresh.map((f) => movementOf(f.line, f.account)), await earlierMovements(q, orgId, fresh, file.sha256));
  const id = newId('statement');
  await q.query(
    `INSERT INTO statements (id, org_id, format, bank_statement_id, account, currency, filename, file_sha256, opening_balance,
       closing_balance, line_count, new_lines) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
    [id, orgId, s.format, s.id, s.account, s.currency, file.filename, file.sha256, s.openingBalance?.amount.amount ?? null,
      s.closingBalance?.amount.amount ?? null, lines.length, fresh.length]);
  const ids: string[] = [];
  const duplicates: HeldDuplicate[] = [];
  // the counterparty's account is sealed bound to its line when the org has field encryption on
  const sealer = await sealerFor(q, orgId);
  for (let at = 0; at < fresh.length; at += 500) {
    const params: unknown[] = [];
    const tuples = fresh.slice(at, at + 500).map((f, i) => {
      const l = f.line;
      const lineId = newId('statementLine');
      const dup = paired[at + i];
      if (dup) duplicates.push({ line_id: lineId, position: f.position, duplicate_of: dup.of.id, reason: describe(dup.of, dup.reason) });
      // credits are receivables to match; a debit matters only when it returns an earlier credit
      const state = dup ? 'duplicate' : (l.direction === 'credit') !== l.reversal ? 'unmatched' : 'not_receivable';
      params.push(lineId, orgId, id, f.position, f.fingerprint, f.account, l.bookingDate, l.valueDate, l.amount.amount, l.amount.currency,
        l.direction, l.counterpartyName, storedCopy(sealer, 'statement_lines.counterparty_account', lineId, l.counterpartyAccount), l.remittanceText, l.structuredReference, l.endToEndId, l.bankReference,
        l.reversal, l.transactionCode, state, dup?.of.id ?? null);
      const base = params.length - LINE_COLUMNS.length;
      return `(${LINE_COLUMNS.map((_, k) => `$${base + k + 1}`).join(',')})`;
    });
    const rows = await q.query<{ id: string }>(
      `INSERT INTO statement_lines (${LINE_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}
       ON CONFLICT (org_id, fingerprint) DO NOTHING RETURNING id`, params);
    ids.push(...rows.map((r) => r.id));
  }
  return { id, format: s.format, account: s.account, lines: lines.length, new_lines: ids.length, new_line_ids: ids, duplicates };
}
