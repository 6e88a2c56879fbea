// Statement lines as stored, and reading them back.
import type { Queryable } from '../db/index.ts';
import type { MatchLine } from './match/types.ts';
import { openCopies } from '../vault/index.ts';
import { normaliseAccount } from './match/text.ts';
import { findingWords, normaliseName } from './match/names.ts';

// 'payout': a gateway's payout settled as such before matching (R-6, payouts.ts), which matching never reads
export const MATCH_STATES = ['unmatched', 'review', 'matched', 'not_receivable', 'reversed', 'reversal', 'duplicate', 'payout'] as const;
export type MatchState = (typeof MATCH_STATES)[number];

export interface LineRow {
  id: string;
  statement_id: string;
  position: number;
  fingerprint: string;
  account: string | null;
  booking_date: string | null;
  value_date: string | null;
  amount: number;
  currency: string;
  direction: 'credit' | 'debit';
  counterparty_name: string | null;
  counterparty_account: string | null;
  remittance_text: string | null;
  structured_reference: string | null;
  end_to_end_id: string | null;
  bank_reference: string | null;
  reversal: boolean;
  transaction_code: string | null;
  match_state: MatchState;
  payment_id: string | null;
  /** The line this one repeats when it is the same movement imported before in another file. */
  duplicate_of: string | null;
  created_at: string;
}

export const LINE_SELECT = `id, statement_id, position, fingerprint, account, booking_date, value_date, amount, currency, direction,
  counterparty_name, counterparty_account, remittance_text, structured_reference, end_to_end_id, bank_reference, reversal,
  transaction_code, match_state, payment_id, duplicate_of, created_at`;

export async function loadLines(q: Queryable, orgId: string, ids: string[]): Promise<LineRow[]> {
  return loadColumns<LineRow>(q, orgId, ids, LINE_SELECT);
}

/** What matching alone reads of a line (every column read is parsed: a preview of 100,000 lines reads no more than it needs). */
export type MatchLineRow = Pick<LineRow, 'id' | 'direction' | 'reversal' | 'match_state' | 'amount' | 'currency' | 'booking_date' | 'value_date'
  | 'counterparty_name' | 'counterparty_account' | 'remittance_text' | 'structured_reference' | 'end_to_end_id'>;
const MATCH_LINE_SELECT = `id, direction, reversal, match_state, amount, currency, booking_date, value_date, counterparty_name,
  counterparty_account, remittance_text, structured_reference, end_to_end_id`;

/** These lines as matching reads them, in the order `loadLines` gives. */
export async function loadMatchLines(q: Queryable, orgId: string, ids: string[]): Promise<MatchLineRow[]> {
  return loadColumns<MatchLineRow>(q, orgId, ids, MATCH_LINE_SELECT);
}

async function loadColumns<R extends { id: string; counterparty_account: string | null }>(q: Queryable, orgId: string, ids: string[], columns: string): Promise<R[]> {
  if (!ids.length) return [];
  return openCopies(q, orgId, 'statement_lines.counterparty_account', await q.query<R>(`SELECT ${columns} FROM statement_lines
    WHERE org_id = $1 AND id = ANY($2::text[]) ORDER BY statement_id, position`, [orgId, ids]));
}

export async function loadLine(q: Queryable, orgId: string, id: string): Promise<LineRow | null> {
  return (await loadLines(q, orgId, [id]))[0] ?? null;
}

export function lineDate(l: Pick<LineRow, 'booking_date' | 'value_date'>): string | null {
  return l.booking_date ?? l.value_date;
}

const NO_WORDS: readonly string[] = [];

export function toMatchLine(l: MatchLineRow): MatchLine {
  // the payer's keys worked out here, once (match/line-keys.ts), in the literal: every line read is of one shape
  const name = l.counterparty_name;
  return { amount: l.amount, currency: l.currency, date: lineDate(l), counterpartyName: name,
    counterpartyAccount: l.counterparty_account, remittanceText: l.remittance_text, structuredReference: l.structured_reference,
    endToEndId: l.end_to_end_id, accountKey: normaliseAccount(l.counterparty_account), nameKey: normaliseName(name),
    nameWords: name ? findingWords(name) : NO_WORDS };
}

/** A credit still waiting for a match (new, or with a proposal in review). */
export const isPendingCredit = (l: Pick<LineRow, 'direction' | 'reversal' | 'match_state'>): boolean => l.direction === 'credit' && !l.reversal && (l.match_state === 'unmatched' || l.match_state === 'review');

/** A returned payment not yet tied to the credit it takes back. */
export const isPendingReturn = (l: LineRow): boolean => l.direction === 'debit' && l.reversal && l.match_state === 'unmatched';
