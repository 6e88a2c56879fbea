// The release report's CSV read into payouts (R-6). Rows come in date order; RECORD_TYPE `release` rows move the available
// balance, and one whose DESCRIPTION is `payout` is a withdrawal to the bank (SOURCE_ID its id, NET_DEBIT_AMOUNT its amount).
// A payout carries what was released since the payout before it in the report; the first payout of the report also
// carries the balance available before the period (the `initial_available_balance` row), so its net still adds up.
// Rows after the last payout wait for the next one and are not returned. `total` and `available_balance` rows only sum.
// Amounts are decimal text in major units ("1234.56"), read exactly into minor units; a row cobro cannot read fails the
// whole file, naming the row's line and the column.
import { isCurrency, parseMajorAmount } from '../../domain/money.ts';
import { readCsv, sniffDelimiter } from '../../reconciliation/parsers/csv-read.ts';
import type { PayoutTransaction } from './types.ts';

export interface ReleasePayout {
  payoutId: string; amount: number; currency: string;
  /** The payout's DATE as the report gives it, and its calendar date there (the bank credit comes on it or soon after). */
  at: string; date: string;
  bankAccount: string | null;
  /** false for the report's first payout: what it carried before the period is one opening-balance line. */
  complete: boolean;
  /** What it carried, in report order, then the payout's own line (type payout, net minus its amount). */
  transactions: PayoutTransaction[];
}

export interface ReleaseFile { payouts: ReleasePayout[]; rows: number; waiting: number }
export type ReleaseParse = { ok: true; value: ReleaseFile } | { ok: false; line: number; column: string; message: string };

export const RELEASE_HEADER = ['DATE', 'SOURCE_ID', 'RECORD_TYPE', 'DESCRIPTION', 'NET_CREDIT_AMOUNT', 'NET_DEBIT_AMOUNT'] as const;
const RECORD_TYPES = new Set(['initial_available_balance', 'release', 'total', 'available_balance']);
const DECIMAL = /^-?\d+(\.\d+)?$/;
const DATE = /^(\d{4}-\d\d-\d\d)T\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/;

/** The transaction type cobro's payout check reads (payment, refund, dispute, fee, adjustment) for a DESCRIPTION. */
export function releaseType(description: string): string {
  const d = description.toLowerCase();
  if (d === 'payment') return 'payment';
  if (/refund/.test(d)) return 'refund';
  if (/chargeback|dispute|mediation/.test(d)) return 'dispute';
  if (/fee|tax|shipping/.test(d)) return 'fee';
  return 'adjustment';
}

class RowError extends Error { constructor(readonly line: number, readonly column: string, message: string) { super(message); } }

export interface ReleaseRow { line: number; cells: string[] }
/** How an error names a cell: a CSV's line and column name; a sheet's row and column letter. */
export type CellPlace = (line: number, column: string, index: number) => string;
const csvPlace: CellPlace = (line, column) => `line ${line}, column ${column}`;

export function parseReleaseCsv(text: string, fallbackCurrency: string | null): ReleaseParse {
  const body = text.replace(/^\uFEFF/, '');
  return parseReleaseRows(readCsv(body, sniffDelimiter(body)), fallbackCurrency, csvPlace);
}

/**
 * The report's rows (header first), from its CSV or its sheet, read into payouts. A DATE without an offset is refused,
 * unless `localOffset` ("-04:00") says where it is read (a workbook's date cell, at the report's display zone).
 */
export function parseReleaseRows(rows: ReleaseRow[], fallbackCurrency: string | null, place: CellPlace, localOffset: string | null = null): ReleaseParse {
  const header = rows[0];
  if (!header) return { ok: false, line: 1, column: 'DATE', message: 'the report is empty: no header row' };
  const index = new Map(header.cells.map((c, i) => [c.trim().toUpperCase(), i]));
  const missing = RELEASE_HEADER.filter((c) => !index.has(c));
  if (missing.length) return { ok: false, line: header.line, column: missing[0]!, message: `the header has no ${missing.join(', ')} column` };
  if (!index.has('CURRENCY') && !fallbackCurrency) {
    return { ok: false, line: header.line, column: 'CURRENCY', message: 'the report has no CURRENCY column and the Mercado Pago connection names no country' };
  }

  const payouts: ReleasePayout[] = [];
  let carried: PayoutTransaction[] = [];
  let seen = 0;
  try {
    for (const row of rows.slice(1)) {
      const cell = (c: string) => { const i = index.get(c); return i === undefined ? '' : (row.cells[i] ?? '').trim(); };
      const fail = (column: string, message: string): never => { throw new RowError(row.line, column, `${place(row.line, column, index.get(column) ?? -1)}: ${message}`); };
      const currency = (cell('CURRENCY') || fallbackCurrency || '').toUpperCase();
      if (!isCurrency(currency)) fail('CURRENCY', `${JSON.stringify(currency)} is not a currency`);
      const amount = (column: string): number => {
        const v = cell(column);
        if (v === '') return 0;
        const parsed = DECIMAL.test(v) ? parseMajorAmount(v, currency) : null;
        if (!parsed?.ok) return fail(column, `${JSON.stringify(v)} is not an amount in ${currency}`);
        return parsed.minor;
      };
      const recordType = cell('RECORD_TYPE').toLowerCase();
      if (!RECORD_TYPES.has(recordType)) fail('RECORD_TYPE', `${JSON.stringify(cell('RECORD_TYPE'))} is not a record type of the release report`);
      if (recordType === 'total' || recordType === 'available_balance') continue;
      const date = DATE.exec(cell('DATE'));
      const dated = date && !date[3] && localOffset ? `${cell('DATE')}${localOffset}` : cell('DATE');
      if (!date || (!date[3] && !localOffset) || Number.isNaN(Date.parse(dated))) {
        fail('DATE', `${JSON.stringify(cell('DATE'))} is not a date and time (yyyy-MM-ddTHH:mm:ss with an offset)`);
      }
      const at = new Date(Date.parse(dated)).toISOString();
      const net = amount('NET_CREDIT_AMOUNT') - amount('NET_DEBIT_AMOUNT');
      seen++;
      if (recordType === 'initial_available_balance') {
        if (net !== 0) carried.push({ id: `opening:${at}`, type: 'balance', reportingCategory: 'initial_available_balance', amount: net, fee: 0, net, currency,
          sourceId: null, chargeId: null, paymentIntent: null, description: 'available before the report\'s period', createdAt: at });
        continue;
      }
      const description = cell('DESCRIPTION');
      if (!description) fail('DESCRIPTION', 'is empty');
      const sourceId = cell('SOURCE_ID');
      if (description.toLowerCase() === 'payout') {
        if (!sourceId) fail('SOURCE_ID', 'a payout without its id');
        if (net >= 0) fail('NET_DEBIT_AMOUNT', 'a payout must debit the balance');
        const own: PayoutTransaction = { id: `payout:${sourceId}`, type: 'payout', reportingCategory: 'payout', amount: net, fee: 0, net, currency, sourceId,
          chargeId: null, paymentIntent: null, description: cell('PAYOUT_BANK_ACCOUNT_NUMBER') ? `to bank account ${cell('PAYOUT_BANK_ACCOUNT_NUMBER')}` : null, createdAt: at };
        payouts.push({ payoutId: sourceId, amount: -net, currency, at, date: date![1]!, bankAccount: cell('PAYOUT_BANK_ACCOUNT_NUMBER') || null,
          complete: payouts.length > 0, transactions: [...carried, own] });
        carried = [];
        continue;
      }
      const type = releaseType(description);
      const ofPayment = type === 'payment' || type === 'refund' || type === 'dispute';
      if (ofPayment && !sourceId) fail('SOURCE_ID', `a ${description} row names no payment`);
      // GROSS_AMOUNT is what the payment (or its reversal) moved before fees; written unsigned on some rows, it takes the net's sign
      const grossCell = cell('GROSS_AMOUNT') === '' ? net : amount('GROSS_AMOUNT');
      const gross = net < 0 && grossCell > 0 ? -grossCell : grossCell;
      const n = carried.filter((t) => t.sourceId === sourceId && t.reportingCategory === description).length;
      carried.push({ id: `${description}:${sourceId || row.line}${n ? `:${n + 1}` : ''}`, type, reportingCategory: description, amount: gross, fee: gross - net, net,
        currency, sourceId: sourceId || null, chargeId: ofPayment ? sourceId : null, paymentIntent: ofPayment ? sourceId : null,
        description: cell('EXTERNAL_REFERENCE') || null, createdAt: at });
    }
  } catch (e) {
    if (e instanceof RowError) return { ok: false, line: e.line, column: e.column, message: e.message };
    throw e;
  }
  return { ok: true, value: { payouts, rows: seen, waiting: carried.length } };
}

/** Mercado Pago's currency by the country its account is in (the connection's `country` setting). */
export const MP_COUNTRY_CURRENCY: Record<string, string> = { AR: 'ARS', BR: 'BRL', CL: 'CLP', CO: 'COP', MX: 'MXN', PE: 'PEN', UY: 'UYU' };
