// Bank and payment-provider CSV exports read through a column mapping per bank.
import { isValidDate, parseDate, toCalendarDate, type CalendarDate } from '../../domain/dates.ts';
import { guessNumberStyle, writtenToMinor, type NumberStyle } from './amounts.ts';
import { readCsv, sniffDelimiter, type CsvRow } from './csv-read.ts';
import { clean } from './text.ts';
import { catchParseErrors, StatementParseError, type ParseResult, type StatementLine } from './types.ts';

/** How one bank's export is laid out. Column names are matched to the header, ignoring case. */
export interface CsvMapping {
  name: string;
  delimiter?: string;
  /** Character encoding of the export when it is not UTF-8 ('latin1', 'cp1252', 'cp852' ...). */
  encoding?: string;
  /** Date pattern of D, DD, M, MM, MMM (Jan), YY, YYYY: 'DD.MM.YYYY', 'M/D/YY', 'D-MMM-YY'. */
  dateFormat: string;
  /** Number style; guessed from the amounts when absent. */
  number?: NumberStyle;
  columns: {
    bookingDate: string;
    valueDate?: string;
    /** A signed amount column... */
    amount?: string;
    /** ...or separate columns for money out and money in. */
    debit?: string;
    credit?: string;
    currency?: string;
    counterpartyName?: string;
    counterpartyAccount?: string;
    /** Joined with spaces, in order. */
    remittance?: string[];
    structuredReference?: string;
    endToEndId?: string;
    bankReference?: string;
    account?: string;
  };
  /** Currency when the file has no currency column. */
  currency?: string;
  /** Card and shop exports write charges as positive numbers: flip the sign of `amount`. */
  invertSign?: boolean;
}

interface Located { index: (name: string | undefined) => number; header: CsvRow }

export function parseCsv(text: string, mapping: CsvMapping, opts: { currency?: string } = {}): ParseResult {
  return catchParseErrors(() => {
    const rows = readCsv(text, mapping.delimiter ?? sniffDelimiter(text));
    const at = findHeader(rows, mapping);
    const body = rows.slice(rows.indexOf(at.header) + 1);
    const cols = mapping.columns;
    const style = mapping.number ?? guessNumberStyle(body.flatMap((r) => [cols.amount, cols.debit, cols.credit]
      .map((c) => (c ? r.cells[at.index(c)] ?? '' : '')).filter((s) => s.trim() !== '')));
    const lines = body.map((row) => toLine(row, at, mapping, style, opts.currency));
    const currency = lines[0]?.amount.currency ?? mapping.currency ?? opts.currency ?? null;
    return [{ format: 'csv' as const, id: null, account: lines[0]?.account ?? null, currency, openingBalance: null, closingBalance: null, lines }];
  });
}

/** The first row holding every mapped column; rows above it are the bank's metadata. */
function findHeader(rows: CsvRow[], mapping: CsvMapping): Located {
  const c = mapping.columns;
  const wanted = [c.bookingDate, c.amount ?? c.debit ?? c.credit].filter((n): n is string => n !== undefined);
  for (const row of rows.slice(0, 50)) {
    const names = row.cells.map((h) => h.trim().toLowerCase());
    if (wanted.every((w) => names.includes(w.toLowerCase()))) {
      return { header: row, index: (name) => (name === undefined ? -1 : names.indexOf(name.toLowerCase())) };
    }
  }
  throw new StatementParseError('MISSING_FIELD', `no header row with the columns ${wanted.map((w) => `"${w}"`).join(', ')} (mapping "${mapping.name}")`, 1);
}

function toLine(row: CsvRow, at: Located, mapping: CsvMapping, style: NumberStyle, fallbackCurrency: string | undefined): StatementLine {
  const c = mapping.columns;
  const cell = (name: string | undefined) => (name === undefined ? '' : (row.cells[at.index(name)] ?? '').trim());
  const currency = (cell(c.currency).toUpperCase() || mapping.currency || fallbackCurrency) ?? '';
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new StatementParseError('MISSING_CURRENCY', `row has no currency${c.currency ? ` in "${c.currency}"` : ''}; set the mapping's currency`, row.line);
  }
  const signed = signedAmount(cell, mapping, style, currency, row.line);
  const bookingDate = readDate(cell(c.bookingDate), mapping.dateFormat, c.bookingDate, row.line);
  const value = cell(c.valueDate);
  return {
    account: clean(cell(c.account)) ?? null,
    bookingDate,
    valueDate: value ? readDate(value, mapping.dateFormat, c.valueDate ?? '', row.line) : bookingDate,
    amount: { amount: Math.abs(signed), currency },
    direction: signed < 0 ? 'debit' : 'credit',
    counterpartyName: clean(cell(c.counterpartyName)),
    counterpartyAccount: clean(cell(c.counterpartyAccount)),
    remittanceText: clean((c.remittance ?? []).map(cell).filter((s) => s !== '').join(' ')),
    structuredReference: clean(cell(c.structuredReference)),
    endToEndId: clean(cell(c.endToEndId)),
    bankReference: clean(cell(c.bankReference)),
    reversal: false,
    transactionCode: null,
  };
}

function signedAmount(cell: (n: string | undefined) => string, mapping: CsvMapping, style: NumberStyle, currency: string, line: number): number {
  const c = mapping.columns;
  const read = (name: string) => {
    const minor = writtenToMinor(cell(name), currency, style);
    if (minor === null) throw new StatementParseError('BAD_AMOUNT', `"${name}" value "${cell(name)}" is not an amount`, line);
    return minor;
  };
  if (c.amount && cell(c.amount) !== '') return mapping.invertSign ? -read(c.amount) : read(c.amount);
  if (c.debit && cell(c.debit) !== '') return -Math.abs(read(c.debit));
  if (c.credit && cell(c.credit) !== '') return Math.abs(read(c.credit));
  const names = [c.amount, c.debit, c.credit].filter(Boolean).map((n) => `"${n}"`).join(' or ');
  throw new StatementParseError('BAD_AMOUNT', `row has no amount in ${names}`, line);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Reads a date in the mapping's pattern; a time after the date ("2021-02-03 13:12") is ignored. */
export function readDate(text: string, pattern: string, column: string, line: number): CalendarDate {
  const datePart = pattern.includes(' ') ? text : text.split(/\s+|T/)[0] ?? '';
  let date: CalendarDate | null;
  if (pattern.includes('MMM')) {
    const m = /^(\d{1,2})[-\s./]([A-Za-z]{3})[a-z]*[-\s./](\d{2}|\d{4})$/.exec(datePart);
    const month = m ? MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1 : 0;
    const yy = Number(m?.[3]);
    const y = (m?.[3] ?? '').length === 2 ? 2000 + yy : yy;
    date = m && isValidDate(y, month, Number(m[1])) ? toCalendarDate(y, month, Number(m[1])) : null;
  } else {
    date = parseDate(datePart, pattern);
  }
  if (date === null) throw new StatementParseError('BAD_DATE', `"${column}" value "${text}" is not a date in the form ${pattern}`, line);
  return date;
}
