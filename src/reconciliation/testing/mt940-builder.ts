// Builds small MT940 files for tests: one statement of credits, debits and returns with SEPA-style :86: details.
export interface Mt940Entry {
  /** YYMMDD */
  date: string;
  /** C credit, D debit, RC return of a credit (money goes back out). */
  mark: 'C' | 'D' | 'RC';
  /** Major units with a decimal comma, as MT940 writes them: '123,45'. */
  amount: string;
  name?: string;
  iban?: string;
  text?: string;
  eref?: string;
}

export function mt940(entries: Mt940Entry[], opts: { account?: string; id?: string; currency?: string } = {}): string {
  const ccy = opts.currency ?? 'EUR';
  const first = entries[0]?.date ?? '260101';
  const out = [`:20:${opts.id ?? 'STMT1'}`, `:25:${opts.account ?? 'DE44500105175407324931'}`, ':28C:1/1', `:60F:C${first}${ccy}0,00`];
  for (const e of entries) {
    out.push(`:61:${e.date}${e.date.slice(2)}${e.mark}${e.amount}NTRFNONREF`);
    const parts = ['166?00GUTSCHRIFT'];
    if (e.eref) parts.push(`?20EREF+${e.eref}`);
    if (e.text) parts.push(`?21SVWZ+${e.text}`);
    if (e.iban) parts.push(`?31${e.iban}`);
    if (e.name) parts.push(`?32${e.name}`);
    out.push(`:86:${parts.join('')}`);
  }
  out.push(`:62F:C${entries[entries.length - 1]?.date ?? first}${ccy}0,00`, '-');
  return `${out.join('\r\n')}\r\n`;
}
