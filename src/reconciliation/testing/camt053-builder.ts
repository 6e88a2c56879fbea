// Builds small camt.053 files for tests: one statement of booked entries, each with one transaction's details.
export interface CamtEntry {
  /** YYYY-MM-DD */
  date: string;
  direction: 'CRDT' | 'DBIT';
  /** Major units with a decimal point: '123.45'. */
  amount: string;
  name?: string;
  iban?: string;
  text?: string;
  eref?: string;
  /** The bank's reference (AcctSvcrRef). */
  ref?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function camt053(entries: CamtEntry[], opts: { account?: string; id?: string; currency?: string } = {}): string {
  const ccy = opts.currency ?? 'EUR';
  const ntry = entries.map((e) => {
    const party = e.direction === 'CRDT' ? 'Dbtr' : 'Cdtr';
    return `<Ntry><Amt Ccy="${ccy}">${e.amount}</Amt><CdtDbtInd>${e.direction}</CdtDbtInd><Sts>BOOK</Sts>
      <BookgDt><Dt>${e.date}</Dt></BookgDt><ValDt><Dt>${e.date}</Dt></ValDt>${e.ref ? `<AcctSvcrRef>${esc(e.ref)}</AcctSvcrRef>` : ''}
      <NtryDtls><TxDtls><Refs><EndToEndId>${esc(e.eref ?? 'NOTPROVIDED')}</EndToEndId></Refs>
        <RltdPties>${e.name ? `<${party}><Nm>${esc(e.name)}</Nm></${party}>` : ''}${e.iban ? `<${party}Acct><Id><IBAN>${e.iban}</IBAN></Id></${party}Acct>` : ''}</RltdPties>
        ${e.text ? `<RmtInf><Ustrd>${esc(e.text)}</Ustrd></RmtInf>` : ''}</TxDtls></NtryDtls></Ntry>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>${opts.id ?? 'MSG1'}</MsgId><CreDtTm>2026-03-10T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>${opts.id ?? 'STMT1'}</Id><CreDtTm>2026-03-10T18:00:00</CreDtTm><Acct><Id><IBAN>${opts.account ?? 'DE44500105175407324931'}</IBAN></Id><Ccy>${ccy}</Ccy></Acct>
${ntry}
</Stmt></BkToCstmrStmt></Document>
`;
}
