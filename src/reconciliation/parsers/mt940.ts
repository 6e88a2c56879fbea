// SWIFT MT940 (statement) and MT942 (interim report) reader for the common bank dialects.
import { isValidDate, toCalendarDate, type CalendarDate } from '../../domain/dates.ts';
import { plainToMinor } from './amounts.ts';
import { parseDetails } from './mt940-details.ts';
import { splitMessages, type Mt940Field } from './mt940-fields.ts';
import { clean } from './text.ts';
import { catchParseErrors, StatementParseError, type Balance, type ParseResult, type Statement, type StatementLine } from './types.ts';

export interface Mt940Options {
  /** Currency to use when a statement states none (snippets without :60F:). */
  currency?: string;
}

/** Parses normalised MT940/MT942 text (see normaliseLines) into statements. */
export function parseMt940(text: string, opts: Mt940Options = {}): ParseResult {
  return catchParseErrors(() => {
    const statements = splitMessages(text).flatMap(splitStatements).map((fields) => toStatement(fields, opts));
    if (statements.length === 0) throw new StatementParseError('NO_STATEMENT', 'no MT940 fields (:20:, :25:, :61: ...) found', 1);
    return statements;
  });
}

/** A message normally holds one statement; a new :20:, or an opening balance after a closing one, starts another. */
function splitStatements(message: Mt940Field[]): Mt940Field[][] {
  const groups: Mt940Field[][] = [];
  let cur: Mt940Field[] = [];
  for (const f of message) {
    const closed = cur.some((c) => c.tag.startsWith('62'));
    if (cur.length > 0 && (f.tag === '20' || (f.tag.startsWith('60') && closed))) {
      groups.push(cur);
      cur = [];
    }
    cur.push(f);
  }
  if (cur.length > 0) groups.push(cur);
  return groups;
}

function toStatement(fields: Mt940Field[], opts: Mt940Options): Statement {
  const find = (re: RegExp) => fields.find((f) => re.test(f.tag));
  const openingField = find(/^60[FM]?$/);
  const closingField = find(/^62[FM]?$/);
  const floor = find(/^34F?$/);
  const floorCcy = floor ? /^([A-Z]{3})/.exec(floor.value.trim())?.[1] : undefined;
  const currency = balanceCurrency(openingField) ?? balanceCurrency(closingField) ?? floorCcy ?? opts.currency ?? null;
  const account = clean(find(/^25[P]?$/)?.value) ?? null;
  const lines: StatementLine[] = [];
  fields.forEach((f, i) => {
    if (f.tag !== '61') return;
    if (currency === null) {
      throw new StatementParseError('MISSING_CURRENCY', 'the statement has no :60F: balance or :34F: to take a currency from; pass opts.currency', f.line);
    }
    const next = fields[i + 1];
    lines.push(statementLine(f, next?.tag === '86' ? next.value : '', account, currency));
  });
  const kind = find(/^(34F?|13D?)$/) && !openingField ? 'mt942' : 'mt940';
  return {
    format: kind,
    id: clean(find(/^28C?$/)?.value) ?? clean(find(/^20$/)?.value),
    account,
    currency,
    openingBalance: openingField ? balance(openingField) : null,
    closingBalance: closingField ? balance(closingField) : null,
    lines,
  };
}

function balanceCurrency(f: Mt940Field | undefined): string | undefined {
  return f ? /^[CD]\d{6}([A-Z]{3})/.exec(f.value.trim())?.[1] : undefined;
}

/** ":60F:C110522EUR3236,28" — mark, YYMMDD, currency, amount with a decimal comma. */
function balance(f: Mt940Field): Balance {
  const m = /^([CD])(\d{6})([A-Z]{3})([\d,.]+)/.exec(f.value.replace(/\s+/g, ''));
  if (!m) throw new StatementParseError('MALFORMED', `:${f.tag}: "${f.value.trim()}" is not a balance (mark, YYMMDD, currency, amount)`, f.line);
  const currency = m[3] ?? '';
  const minor = amount(m[4] ?? '', currency, f);
  return { amount: { amount: m[1] === 'D' ? -minor : minor, currency }, date: yymmdd(m[2] ?? '', f) };
}

function amount(text: string, currency: string, f: Mt940Field): number {
  const minor = plainToMinor(text.replace(',', '.'), currency);
  if (minor === null) throw new StatementParseError('BAD_AMOUNT', `:${f.tag}: amount "${text}" is not a number`, f.line);
  return minor;
}

function yymmdd(s: string, f: Mt940Field): CalendarDate {
  const yy = Number(s.slice(0, 2));
  const y = yy >= 80 ? 1900 + yy : 2000 + yy;
  const mo = Number(s.slice(2, 4));
  const d = Number(s.slice(4, 6));
  if (!isValidDate(y, mo, d)) throw new StatementParseError('BAD_DATE', `:${f.tag}: date "${s}" is not a valid YYMMDD date`, f.line);
  return toCalendarDate(y, mo, d);
}

/** Entry date MMDD takes the value date's year, moved across New Year when the months are far apart. */
function entryDate(valueDate: CalendarDate, mmdd: string, f: Mt940Field): CalendarDate {
  const vy = Number(valueDate.slice(0, 4));
  const vm = Number(valueDate.slice(5, 7));
  const mo = Number(mmdd.slice(0, 2));
  const d = Number(mmdd.slice(2, 4));
  const y = mo - vm > 6 ? vy - 1 : vm - mo > 6 ? vy + 1 : vy;
  if (!isValidDate(y, mo, d)) throw new StatementParseError('BAD_DATE', `:61: entry date "${mmdd}" is not a valid MMDD date`, f.line);
  return toCalendarDate(y, mo, d);
}

const LINE_61 = /^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?(\d[\d,]*)([A-Z][A-Z0-9]{3})?(.*)$/;

/** ":61:1105240524D9,N192NONREF//bankref" then supplementary details on the next line. */
function statementLine(f: Mt940Field, info: string, account: string | null, currency: string): StatementLine {
  const rows = f.value.split('\n');
  let m = LINE_61.exec((rows[0] ?? '').trim());
  let rest = rows.slice(1);
  if (!m && rows.length > 1) {
    m = LINE_61.exec(`${(rows[0] ?? '').trim()}${(rows[1] ?? '').trim()}`);
    rest = rows.slice(2);
  }
  if (!m) {
    throw new StatementParseError('MALFORMED', `:61: "${rows[0] ?? ''}" is not a statement line (YYMMDD[MMDD] C|D|RC|RD amount type reference)`, f.line);
  }
  const valueDate = yymmdd(m[1] ?? '', f);
  const mark = m[3] ?? '';
  const refs = (m[7] ?? '').split('//');
  const details = parseDetails(info);
  const customerRef = clean(refs[0]);
  const bankRef = clean(refs[1]);
  return {
    account,
    bookingDate: m[2] ? entryDate(valueDate, m[2], f) : valueDate,
    valueDate,
    amount: { amount: amount(m[5] ?? '', currency, f), currency },
    // RC is the reversal of a credit (money goes out), RD the reversal of a debit (money comes back).
    direction: mark === 'C' || mark === 'RD' ? 'credit' : 'debit',
    counterpartyName: details.counterpartyName,
    counterpartyAccount: details.counterpartyAccount,
    remittanceText: details.remittanceText ?? clean(rest.join(' ')),
    structuredReference: details.structuredReference,
    endToEndId: details.endToEndId ?? (customerRef && customerRef !== 'NONREF' ? customerRef : null),
    bankReference: bankRef === 'NONREF' ? null : bankRef,
    reversal: mark.startsWith('R'),
    transactionCode: m[6] ?? null,
  };
}
