// A statement line's fingerprint: the same movement in the same or an overlapping file always gets the same one.
import { createHash } from 'node:crypto';
import type { Statement, StatementLine } from './parsers/index.ts';

export interface FingerprintedLine {
  line: StatementLine;
  /** The statement's account when the line names none. */
  account: string | null;
  fingerprint: string;
}

function identity(l: StatementLine, account: string | null): string {
  const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
  return [account?.replace(/\s+/g, '').toUpperCase() ?? '', l.bookingDate ?? '', l.valueDate ?? '', l.direction, l.amount.amount,
    l.amount.currency, norm(l.counterpartyAccount), norm(l.counterpartyName), norm(l.remittanceText), norm(l.structuredReference),
    norm(l.endToEndId), norm(l.bankReference), l.reversal ? 'R' : '', norm(l.transactionCode)].join('\u001f');
}

/**
 * Fingerprints every line of the statements of one file. Lines identical in every field (two equal card payments on
 * one day) are told apart by their occurrence count, which an overlapping file repeats for the days it shares.
 */
export function fingerprintLines(statements: Statement[]): FingerprintedLine[][] {
  const seen = new Map<string, number>();
  return statements.map((s) => s.lines.map((line) => {
    const account = line.account ?? s.account;
    const id = identity(line, account);
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    const fingerprint = createHash('sha256').update(`${id}\u001e${n}`).digest('hex').slice(0, 40);
    return { line, account, fingerprint };
  }));
}
