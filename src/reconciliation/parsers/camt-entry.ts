// ISO 20022 camt entries (Ntry) and their transaction details (TxDtls) as statement lines.
import { isCalendarDate, type CalendarDate } from '../../domain/dates.ts';
import { plainToMinor } from './amounts.ts';
import { clean } from './text.ts';
import { StatementParseError, type Direction, type StatementLine } from './types.ts';
import { allAt, at, textAt, type XmlNode } from './xml.ts';

export interface EntryContext {
  account: string | null;
  /** Line of the entry in the file, for error messages. */
  line: number | undefined;
}

/** camt dates come as <Dt>2014-12-31</Dt> or <DtTm>2014-12-31T12:15:00+01:00</DtTm>; the bank's day counts. */
export function camtDate(node: XmlNode | undefined, what: string, line: number | undefined): CalendarDate | null {
  const raw = textAt(node, 'Dt') ?? textAt(node, 'DtTm') ?? textAt(node, 'Dt/DtTm') ?? textAt(node, 'Dt/Dt');
  if (raw === null) return null;
  const day = raw.slice(0, 10);
  if (!isCalendarDate(day)) throw new StatementParseError('BAD_DATE', `${what} "${raw}" is not a date`, line);
  return day;
}

/** Reads <Amt Ccy="EUR">18.150</Amt> into positive minor units and its currency. */
export function camtAmount(node: XmlNode | undefined, what: string, line: number | undefined): { amount: number; currency: string } {
  const ccy = node?.attrs['Ccy']?.trim();
  const text = node?.text.trim() ?? '';
  if (!node || text === '') throw new StatementParseError('MISSING_FIELD', `${what} has no amount`, line);
  if (!ccy || !/^[A-Z]{3}$/.test(ccy)) throw new StatementParseError('MISSING_CURRENCY', `${what} has no valid Ccy attribute`, line);
  const minor = plainToMinor(text, ccy);
  if (minor === null || minor < 0) throw new StatementParseError('BAD_AMOUNT', `${what} "${text}" is not an amount in ${ccy}`, line);
  return { amount: minor, currency: ccy };
}

export function camtDirection(indicator: string | null, what: string, line: number | undefined): Direction {
  if (indicator === 'CRDT') return 'credit';
  if (indicator === 'DBIT') return 'debit';
  throw new StatementParseError('MISSING_FIELD', `${what} has CdtDbtInd "${indicator ?? ''}", expected CRDT or DBIT`, line);
}

function transactionCode(node: XmlNode | undefined): string | null {
  const domain = textAt(node, 'BkTxCd/Domn/Cd');
  if (domain) {
    return [domain, textAt(node, 'BkTxCd/Domn/Fmly/Cd'), textAt(node, 'BkTxCd/Domn/Fmly/SubFmlyCd')].filter(Boolean).join('-');
  }
  return textAt(node, 'BkTxCd/Prtry/Cd');
}

function accountId(acct: XmlNode | undefined): string | null {
  return textAt(acct, 'Id/IBAN') ?? textAt(acct, 'Id/Othr/Id') ?? textAt(acct, 'Id/BBAN');
}

/** Name of a party, in both the pre-2019 (<Dbtr><Nm>) and the v8+ (<Dbtr><Pty><Nm>) layouts. */
function partyName(parties: XmlNode | undefined, role: string): string | null {
  return textAt(parties, `${role}/Nm`) ?? textAt(parties, `${role}/Pty/Nm`)
    ?? textAt(parties, `Ultmt${role}/Nm`) ?? textAt(parties, `Ultmt${role}/Pty/Nm`);
}

function counterparty(tx: XmlNode | undefined, direction: Direction, reversal: boolean): { name: string | null; account: string | null } {
  const parties = at(tx, 'RltdPties');
  // Money coming in was sent by the debtor; a reversal puts the original payer on the other side.
  const payerSide = (direction === 'credit') !== reversal;
  const roles = payerSide ? ['Dbtr', 'Cdtr'] : ['Cdtr', 'Dbtr'];
  for (const role of roles) {
    const name = partyName(parties, role);
    const account = accountId(at(parties, `${role}Acct`));
    if (name || account) return { name: clean(name), account };
  }
  return { name: null, account: null };
}

function remittance(tx: XmlNode | undefined): string | null {
  const unstructured = allAt(tx, 'RmtInf/Ustrd').map((n) => n.text);
  if (unstructured.length > 0) return clean(unstructured.join(' '));
  const additional = allAt(tx, 'RmtInf/Strd/AddtlRmtInf').map((n) => n.text);
  if (additional.length > 0) return clean(additional.join(' '));
  return clean(textAt(tx, 'AddtlTxInf'));
}

function structuredReference(tx: XmlNode | undefined): string | null {
  return clean(allAt(tx, 'RmtInf/Strd/CdtrRefInf/Ref')[0]?.text);
}

function endToEnd(tx: XmlNode | undefined): string | null {
  const id = textAt(tx, 'Refs/EndToEndId');
  return id && id !== 'NOTPROVIDED' ? id : null;
}

function txAmount(tx: XmlNode): XmlNode | undefined {
  return at(tx, 'AmtDtls/TxAmt/Amt') ?? at(tx, 'Amt');
}

/** Splitting is only faithful when every transaction has an amount in the entry's currency and they sum to it. */
function addsUp(details: XmlNode[], entry: { amount: number; currency: string }, direction: Direction, line: number | undefined): boolean {
  let sum = 0;
  for (const tx of details) {
    const node = txAmount(tx);
    if (!node || node.attrs['Ccy'] !== entry.currency) return false;
    const own = camtAmount(node, 'transaction amount', line);
    const dir = textAt(tx, 'CdtDbtInd');
    sum += dir && dir !== (direction === 'credit' ? 'CRDT' : 'DBIT') ? -own.amount : own.amount;
  }
  return sum === entry.amount;
}

/**
 * One line per entry, or one per transaction when a batch entry lists several transactions that
 * each carry their own amount adding up to the entry (a lockbox or SEPA batch booked as one sum).
 */
export function entryLines(ntry: XmlNode, ctx: EntryContext): StatementLine[] {
  const what = `entry at line ${ctx.line ?? '?'}`;
  const money = camtAmount(at(ntry, 'Amt'), `${what}: Amt`, ctx.line);
  const direction = camtDirection(textAt(ntry, 'CdtDbtInd'), what, ctx.line);
  const details = allAt(ntry, 'NtryDtls/TxDtls');
  const reversalFlag = textAt(ntry, 'RvslInd') === 'true';
  const base = {
    account: ctx.account,
    bookingDate: camtDate(at(ntry, 'BookgDt'), `${what}: booking date`, ctx.line),
    valueDate: camtDate(at(ntry, 'ValDt'), `${what}: value date`, ctx.line),
    bankReference: textAt(ntry, 'AcctSvcrRef'),
    transactionCode: transactionCode(ntry),
  };
  const split = details.length > 1 && addsUp(details, money, direction, ctx.line);
  const groups = split ? details.map((tx) => [tx]) : [details];
  return groups.map((txs): StatementLine => {
    const tx = txs[0];
    const own = split && tx ? camtAmount(txAmount(tx), `${what}: transaction amount`, ctx.line) : money;
    const dir = split && tx && textAt(tx, 'CdtDbtInd') ? camtDirection(textAt(tx, 'CdtDbtInd'), what, ctx.line) : direction;
    const reversal = reversalFlag || txs.some((t) => at(t, 'RtrInf') !== undefined);
    const party = counterparty(tx, dir, reversal);
    const texts = txs.map(remittance).filter((t): t is string => t !== null);
    return {
      ...base,
      amount: { amount: own.amount, currency: own.currency },
      direction: dir,
      counterpartyName: party.name,
      counterpartyAccount: party.account,
      remittanceText: texts.length > 0 ? texts.join(' ') : clean(textAt(ntry, 'AddtlNtryInf')),
      structuredReference: txs.map(structuredReference).find((r) => r !== null) ?? null,
      endToEndId: txs.map(endToEnd).find((r) => r !== null) ?? null,
      bankReference: base.bankReference ?? (tx ? textAt(tx, 'Refs/AcctSvcrRef') : null),
      reversal,
      transactionCode: base.transactionCode ?? (tx ? transactionCode(tx) : null),
    };
  });
}
