// ISO 20022 camt.053 (statement), camt.054 (debit/credit notification) and camt.052 reader, versions .02 to .08+.
import { camtAmount, camtDate, camtDirection, entryLines } from './camt-entry.ts';
import { lineAt } from './text.ts';
import { catchParseErrors, StatementParseError, type Balance, type ParseResult, type Statement } from './types.ts';
import { at, kids, readXml, textAt, type XmlNode } from './xml.ts';

const CONTAINERS: Record<string, { record: string; format: Statement['format'] }> = {
  BkToCstmrStmt: { record: 'Stmt', format: 'camt.053' },
  BkToCstmrDbtCdtNtfctn: { record: 'Ntfctn', format: 'camt.054' },
  BkToCstmrAcctRpt: { record: 'Rpt', format: 'camt.052' },
};

/** Parses a camt document whatever its version: elements are read by local name, namespaces ignored. */
export function parseCamt(text: string): ParseResult {
  return catchParseErrors(() => {
    const doc = readXml(text);
    const body = doc.children.find((c) => c.name in CONTAINERS);
    const kind = body ? CONTAINERS[body.name] : undefined;
    if (!body || !kind) {
      throw new StatementParseError('NO_STATEMENT', `<${doc.name}> holds no camt.052/053/054 message`, 1);
    }
    const records = kids(body, kind.record);
    if (records.length === 0) {
      throw new StatementParseError('NO_STATEMENT', `the message has a group header but no <${kind.record}>`, lineOfTag(text, kind.record, 0));
    }
    const entryLinesAt = tagLines(text, 'Ntry');
    let entryIndex = 0;
    return records.map((record, i) => {
      const recordLine = lineOfTag(text, kind.record, i);
      const account = textAt(record, 'Acct/Id/IBAN') ?? textAt(record, 'Acct/Id/Othr/Id');
      const lines = kids(record, 'Ntry').flatMap((ntry) => entryLines(ntry, { account, line: entryLinesAt[entryIndex++] }));
      const balances = kids(record, 'Bal');
      return {
        format: kind.format,
        id: textAt(record, 'Id'),
        account,
        currency: textAt(record, 'Acct/Ccy') ?? lines[0]?.amount.currency ?? balances[0]?.children.find((c) => c.name === 'Amt')?.attrs['Ccy'] ?? null,
        openingBalance: balance(balances, ['OPBD', 'PRCD'], recordLine),
        closingBalance: balance(balances, ['CLBD'], recordLine),
        lines,
      };
    });
  });
}

function balance(balances: XmlNode[], codes: string[], line: number | undefined): Balance | null {
  for (const code of codes) {
    const bal = balances.find((b) => (textAt(b, 'Tp/CdOrPrtry/Cd') ?? textAt(b, 'Tp/CdOrPrtry/Prtry')) === code);
    if (!bal) continue;
    const money = camtAmount(at(bal, 'Amt'), `${code} balance`, line);
    const sign = camtDirection(textAt(bal, 'CdtDbtInd'), `${code} balance`, line) === 'debit' ? -1 : 1;
    return { amount: { amount: sign * money.amount, currency: money.currency }, date: camtDate(at(bal, 'Dt'), `${code} balance date`, line) };
  }
  return null;
}

/** Lines where each opening tag of a local name starts, in document order (any namespace prefix). */
function tagLines(text: string, local: string): number[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${local}[\\s>]`, 'g');
  const offsets: number[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) offsets.push(m.index);
  let line = 1;
  let pos = 0;
  return offsets.map((o) => {
    line += countNewlines(text, pos, o);
    pos = o;
    return line;
  });
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function lineOfTag(text: string, local: string, index: number): number | undefined {
  const lines = tagLines(text, local);
  return lines[index] ?? (lines.length === 0 ? lineAt(text, text.length) : undefined);
}
