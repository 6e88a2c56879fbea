// OFX 1.x (SGML) and 2.x (XML) bank and credit-card statements, QFX included (Quicken's OFX).
import { isValidDate, toCalendarDate, type CalendarDate } from '../../domain/dates.ts';
import { plainToMinor } from './amounts.ts';
import { ofxAt, ofxFindAll, ofxText, readOfxTree, type OfxNode } from './ofx-tree.ts';
import { clean } from './text.ts';
import { catchParseErrors, StatementParseError, type Balance, type ParseResult, type Statement, type StatementLine } from './types.ts';

export interface OfxOptions {
  /** Currency to use when a statement has no CURDEF. */
  currency?: string;
}

export function parseOfx(text: string, opts: OfxOptions = {}): ParseResult {
  return catchParseErrors(() => {
    const ofx = readOfxTree(text);
    const statements = [...ofxFindAll(ofx, 'STMTRS'), ...ofxFindAll(ofx, 'CCSTMTRS')];
    if (statements.length === 0) throw noStatement(ofx);
    return statements.map((s) => toStatement(s, opts));
  });
}

/** Explains an OFX without statements: the bank's own error when it sent one. */
function noStatement(ofx: OfxNode): StatementParseError {
  const failed = ofxFindAll(ofx, 'STATUS').find((s) => (ofxText(s, 'CODE') ?? '0') !== '0');
  if (failed) {
    const message = ofxText(failed, 'MESSAGE') ?? ofxText(failed, 'SEVERITY') ?? 'error';
    return new StatementParseError('BANK_ERROR', `the bank answered with status ${ofxText(failed, 'CODE') ?? ''}: ${message}`, failed.line);
  }
  return new StatementParseError('NO_STATEMENT', 'the OFX file holds no bank or credit-card statement (STMTRS)', ofx.line);
}

function toStatement(stmt: OfxNode, opts: OfxOptions): Statement {
  const currency = ofxText(stmt, 'CURDEF') ?? opts.currency ?? null;
  if (currency === null) throw new StatementParseError('MISSING_CURRENCY', 'statement has no CURDEF; pass opts.currency', stmt.line);
  const account = ofxText(stmt, 'BANKACCTFROM/ACCTID') ?? ofxText(stmt, 'CCACCTFROM/ACCTID');
  const lists = stmt.children.filter((c) => c.name === 'BANKTRANLIST');
  const lines = lists.flatMap((l) => l.children.filter((c) => c.name === 'STMTTRN')).map((t) => toLine(t, account, currency));
  const ledger = ofxAt(stmt, 'LEDGERBAL');
  return {
    format: 'ofx',
    id: null,
    account,
    currency,
    openingBalance: null,
    // Some banks send an empty <BALAMT>: no balance was reported, which is not an error in the lines.
    closingBalance: ledger && ofxText(ledger, 'BALAMT')?.trim() ? balance(ledger, currency) : null,
    lines,
  };
}

function balance(node: OfxNode, currency: string): Balance {
  const amount = ofxAmount(ofxAt(node, 'BALAMT'), `${node.name} BALAMT`, currency, node.line);
  const asOf = ofxAt(node, 'DTASOF');
  return { amount: { amount, currency }, date: asOf && asOf.text ? ofxDate(asOf, `${node.name} DTASOF`) : null };
}

function ofxAmount(node: OfxNode | undefined, what: string, currency: string, fallbackLine: number): number {
  const raw = node?.text.trim() ?? '';
  if (raw === '') throw new StatementParseError('BAD_AMOUNT', `${what} is missing or empty`, node?.line ?? fallbackLine);
  // Some banks write a decimal comma ("-12,50"); OFX has no grouping separators.
  const plain = /^[+-]?\d*,\d+$/.test(raw) ? raw.replace(',', '.') : raw;
  const minor = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(plain) ? plainToMinor(plain, currency) : null;
  if (minor === null) throw new StatementParseError('BAD_AMOUNT', `${what} "${raw}" is not a number`, node?.line ?? fallbackLine);
  return minor;
}

/** "20230509120000.000[-5:EST]": the first eight digits are the calendar date the bank meant. */
function ofxDate(node: OfxNode, what: string): CalendarDate {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(node.text.trim());
  const y = Number(m?.[1]);
  const mo = Number(m?.[2]);
  const d = Number(m?.[3]);
  if (!m || !isValidDate(y, mo, d)) throw new StatementParseError('BAD_DATE', `${what} "${node.text}" is not a date (YYYYMMDD...)`, node.line);
  return toCalendarDate(y, mo, d);
}

function toLine(trn: OfxNode, account: string | null, currency: string): StatementLine {
  const posted = ofxAt(trn, 'DTPOSTED');
  if (!posted || posted.text === '') throw new StatementParseError('BAD_DATE', 'transaction has no DTPOSTED date', posted?.line ?? trn.line);
  const bookingDate = ofxDate(posted, 'DTPOSTED');
  const user = ofxAt(trn, 'DTUSER');
  const signed = ofxAmount(ofxAt(trn, 'TRNAMT'), 'TRNAMT', currency, trn.line);
  const name = clean(ofxText(trn, 'NAME') ?? ofxText(trn, 'PAYEE/NAME'));
  const type = ofxText(trn, 'TRNTYPE');
  return {
    account,
    bookingDate,
    valueDate: user && user.text ? ofxDate(user, 'DTUSER') : bookingDate,
    amount: { amount: Math.abs(signed), currency },
    direction: signed < 0 ? 'debit' : 'credit',
    counterpartyName: name,
    counterpartyAccount: ofxText(trn, 'BANKACCTTO/ACCTID') ?? ofxText(trn, 'CCACCTTO/ACCTID'),
    remittanceText: clean(ofxText(trn, 'MEMO')),
    structuredReference: clean(ofxText(trn, 'REFNUM') ?? ofxText(trn, 'CHECKNUM')),
    endToEndId: null,
    bankReference: clean(ofxText(trn, 'FITID')),
    reversal: false,
    transactionCode: type,
  };
}
