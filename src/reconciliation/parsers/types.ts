// The statement model every bank statement parser yields, and the result and options of parsing.
import type { CalendarDate } from '../../domain/dates.ts';
import type { Money } from '../../domain/money.ts';

export type StatementFormat = 'camt.052' | 'camt.053' | 'camt.054' | 'mt940' | 'mt942' | 'ofx' | 'csv';

export type Direction = 'credit' | 'debit';

/** A balance as the bank reports it: signed minor units (negative when the account is overdrawn). */
export interface Balance {
  amount: Money;
  date: CalendarDate | null;
}

/** One booked (or notified) movement on the account. */
export interface StatementLine {
  /** The statement's own account (IBAN or bank account number). */
  account: string | null;
  bookingDate: CalendarDate | null;
  valueDate: CalendarDate | null;
  /** Always positive; `direction` says which way the money moved. */
  amount: Money;
  direction: Direction;
  counterpartyName: string | null;
  counterpartyAccount: string | null;
  /** Free text the payer wrote (unstructured remittance, :86: purpose, OFX memo). */
  remittanceText: string | null;
  /** Creditor reference (ISO 11649 RF, Swiss ISR/QR, or the bank's structured field). */
  structuredReference: string | null;
  endToEndId: string | null;
  /** The bank's own reference for the movement (AcctSvcrRef, MT940 //ref, OFX FITID). */
  bankReference: string | null;
  /** True when the bank marks the movement as a reversal or return of an earlier one. */
  reversal: boolean;
  /** The bank's transaction code (camt Domain-Family-SubFamily, MT940 type, OFX TRNTYPE). */
  transactionCode: string | null;
}

export interface Statement {
  format: StatementFormat;
  /** The statement (or notification) id the bank gave, when it gave one. */
  id: string | null;
  account: string | null;
  currency: string | null;
  openingBalance: Balance | null;
  closingBalance: Balance | null;
  lines: StatementLine[];
}

export type ParseErrorCode =
  | 'UNKNOWN_FORMAT' | 'EMPTY_INPUT' | 'MALFORMED' | 'XML_DTD_REFUSED' | 'NO_STATEMENT'
  | 'BAD_AMOUNT' | 'BAD_DATE' | 'MISSING_FIELD' | 'MISSING_CURRENCY' | 'BANK_ERROR' | 'CSV_MAPPING_REQUIRED';

export interface ParseError {
  code: ParseErrorCode;
  message: string;
  /** 1-based line of the input where the problem is, when it can be told. */
  line?: number;
}

export type ParseResult = { ok: true; statements: Statement[] } | { ok: false; error: ParseError };

/** Thrown inside a parser and caught at its boundary, so deep helpers can stop with a located reason. */
export class StatementParseError extends Error {
  constructor(readonly code: ParseErrorCode, message: string, readonly line?: number) {
    super(message);
  }
}

export function parseFailure(code: ParseErrorCode, message: string, line?: number): ParseResult {
  return { ok: false, error: line === undefined ? { code, message } : { code, message, line } };
}

/** Runs a parser body, turning a StatementParseError into a failure value; other errors are bugs. */
export function catchParseErrors(body: () => Statement[]): ParseResult {
  try {
    return { ok: true, statements: body() };
  } catch (e) {
    if (e instanceof StatementParseError) return parseFailure(e.code, e.message, e.line);
    throw e;
  }
}
