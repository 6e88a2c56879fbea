// Hostile and broken XML: DTDs refused, malformed input reported with its line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStatement } from './index.ts';
import { parseCamt } from './camt.ts';

const CAMT_HEAD = '<?xml version="1.0"?>\n';
const BODY = '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>&lol9;</MsgId></GrpHdr></BkToCstmrStmt></Document>';

describe('XML safety', () => {
  it('refuses a billion-laughs document before expanding anything', () => {
    const lol = '<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n' + Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n') + '\n]>\n';
    const result = parseStatement(Buffer.from(CAMT_HEAD + lol + BODY), { format: 'camt.053' });
    assert.deepEqual(result.ok ? null : [result.error.code, result.error.line], ['XML_DTD_REFUSED', 2]);
  });

  it('refuses an external entity that would read a file', () => {
    const xxe = '<!DOCTYPE d [<!ENTITY lol9 SYSTEM "file:///etc/passwd">]>\n';
    const result = parseStatement(Buffer.from(CAMT_HEAD + xxe + BODY));
    assert.equal(result.ok ? null : result.error.code, 'XML_DTD_REFUSED');
  });

  it('refuses a DTD in an OFX 2 file too', () => {
    const ofx = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]>\n<?OFX OFXHEADER="200"?>\n<OFX></OFX>';
    const result = parseStatement(Buffer.from(ofx));
    assert.equal(result.ok ? null : result.error.code, 'XML_DTD_REFUSED');
  });

  it('reports malformed camt with the line of the fault', () => {
    const broken = CAMT_HEAD + '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">\n<BkToCstmrStmt>\n<Stmt><Id>1</Stm>\n</BkToCstmrStmt></Document>';
    const result = parseStatement(Buffer.from(broken));
    assert.deepEqual(result.ok ? null : [result.error.code, result.error.line], ['MALFORMED', 4]);
  });

  it('reports a processing instruction left open as malformed, with its line, instead of throwing (found by fuzzing)', () => {
    const text = CAMT_HEAD + '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt/></Document>\n<?pi';
    const result = parseCamt(text);
    assert.deepEqual(result.ok ? null : [result.error.code, result.error.line], ['MALFORMED', 3]);
  });

  it('reports a bad entry amount with the line of its entry', () => {
    const doc = CAMT_HEAD + '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>\n<Stmt><Id>S</Id><Acct><Id><IBAN>X</IBAN></Id></Acct>\n<Ntry><Amt Ccy="EUR">12,50</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry>\n</Stmt></BkToCstmrStmt></Document>';
    const result = parseStatement(Buffer.from(doc));
    assert.deepEqual(result.ok ? null : [result.error.code, result.error.line], ['BAD_AMOUNT', 4]);
  });
});
