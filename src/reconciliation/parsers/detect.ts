// Recognising a statement's format from its first bytes.
import type { StatementFormat } from './types.ts';

/** Sniffs camt, OFX/QFX, MT940/MT942 or delimited text; null when it is none of them. */
export function detectFormat(bytes: Buffer): StatementFormat | null {
  const head = bytes.subarray(0, 8192).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  const start = head.trimStart();
  if (/^OFXHEADER\s*:/i.test(start) || /<\?OFX\b/i.test(head) || /^(\w+:[^\n]*\n\s*)*<OFX>/i.test(start)) return 'ofx';
  if (start.startsWith('<')) {
    if (/camt\.054\.|BkToCstmrDbtCdtNtfctn/.test(head)) return 'camt.054';
    if (/camt\.053\.|BkToCstmrStmt/.test(head)) return 'camt.053';
    if (/camt\.052\.|BkToCstmrAcctRpt/.test(head)) return 'camt.052';
    if (/<OFX>/i.test(head)) return 'ofx';
    return null;
  }
  if (/\{2:[IO]942/.test(head)) return 'mt942';
  if (/\{2:[IO]940/.test(head) || /^:(20|25|28C?|60[FM]|61):/m.test(head)) {
    return /^:34F?:/m.test(head) && !/^:60[FM]:/m.test(head) ? 'mt942' : 'mt940';
  }
  if (/^:?\s*\d{0,2}:?61:/m.test(head) || /^:86:/m.test(head)) return 'mt940';
  return looksDelimited(head) ? 'csv' : null;
}

/** A first line that splits (outside quotes) into several fields on a delimiter another line also uses. */
function looksDelimited(head: string): boolean {
  const lines = head.replace(/"[^"]*"/g, '""').split(/\r\n|\r|\n/).filter((l) => l.trim() !== '').slice(0, 6);
  if (lines.length < 2) return false;
  return [',', ';', '\t', '|'].some((d) => {
    const counts = lines.map((l) => l.split(d).length);
    return (counts[0] ?? 0) > 1 && counts.slice(1).some((c) => c > 1);
  });
}
