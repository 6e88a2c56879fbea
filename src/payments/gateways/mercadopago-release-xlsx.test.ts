import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseReleaseCsv } from './mercadopago-release-csv.ts';
import { parseReleaseFile, parseReleaseXlsx } from './mercadopago-release-xlsx.ts';
import { readXlsx } from '../../xlsx/xlsx-read.ts';
import { openZip } from '../../xlsx/zip-read.ts';
import { readCsv } from '../../reconciliation/parsers/csv-read.ts';
import { csv, REPORT } from '../../../test/support/mp-release-report.ts';
import { workbookFiles, workbookOf, zipBomb, zipOf } from '../../../test/support/xlsx-writer.ts';

const rowsOf = (text: string) => readCsv(text, ',').map((r) => r.cells);
const STYLES = '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
  + '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd&quot;T&quot;hh:mm:ss"/></numFmts>'
  + '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="4"/></cellXfs></styleSheet>';

describe('the release report as an .xlsx workbook', () => {
  it('gives exactly the payouts its CSV gives, deflated or stored, told apart by content', () => {
    const want = parseReleaseCsv(REPORT, null);
    assert.ok(want.ok && want.value.payouts.length === 2);
    const book = workbookOf(rowsOf(REPORT));
    assert.deepEqual(parseReleaseFile(book, null), want);
    assert.deepEqual(parseReleaseFile(zipOf(workbookFiles(rowsOf(REPORT)).map((f) => ({ ...f, stored: true }))), null), want);
    assert.deepEqual(parseReleaseFile(Buffer.from(REPORT), null), want, 'text is still read as CSV');
    // what the sheet holds: rich-text runs joined, inline strings, numbers as a spreadsheet writes them
    const sheet = readXlsx(book);
    assert.equal(sheet.name, 'Liberaciones');
    assert.deepEqual(sheet.rows[3]!.cells.slice(0, 8), ['2026-03-02T11:00:00.000-04:00', '222', 'plk_b, "two"', 'release', 'payment', '48', '0', '50']);
    assert.equal(sheet.rows[4]!.cells[9], '012180001234567897');
  });

  it('reads gaps as empty cells, numbers past 15 digits as shown, and date-styled serials as dates', () => {
    const sheet = readXlsx(workbookOf([['A', 'B', 'C', 'D', 'E', 'F'], ['x', '', '', '', '', '']], {
      styles: STYLES,
      rawCells: { B2: '<c r="B2"><v>154.00999999999999</v></c>', C2: '<c r="C2" s="1"><v>46083</v></c>', D2: '<c r="D2" s="2"><v>46083.5</v></c>',
        E2: '<c r="E2" s="3"><v>1.5E-2</v></c>', F2: '<c r="F2" t="b"><v>1</v></c>' },
    }));
    assert.deepEqual(sheet.rows[1]!.cells, ['x', '154.01', '2026-03-02', '2026-03-02T12:00:00', '0.015', 'TRUE']);
    const gap = readXlsx(workbookOf([['A', 'B', 'C'], ['', '', '']], { rawCells: { C2: '<c r="C2" t="str"><v>z</v></c>' } }));
    assert.deepEqual(gap.rows[1]!.cells, ['', '', 'z']);
  });

  it('refuses a zip bomb, a DOCTYPE, a zip that is no workbook and a broken cell, naming what is wrong', () => {
    const fail = (bytes: Buffer, message: RegExp) => {
      const r = parseReleaseFile(bytes, null);
      assert.ok(!r.ok, `refused: ${message}`);
      assert.match(r.message, message);
      return r;
    };
    fail(zipBomb(60 * 1024 * 1024), /would inflate past 52428800 bytes/);
    fail(zipBomb(20 * 1024 * 1024), /inflates more than 200 times/);
    fail(workbookOf(rowsOf(REPORT), { sheetPrefix: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' }),
      /xl\/worksheets\/sheet1\.xml: a DOCTYPE or entity declaration is refused/);
    fail(zipOf([{ name: 'word/document.xml', data: '<w:document/>' }]), /not an \.xlsx workbook: the archive has no xl\/workbook\.xml/);
    const broken = fail(workbookOf(rowsOf(REPORT), { rawCells: { F5: '<c r="F5" t="s"><v>999</v></c>' } }), /row 5, column F: shared string "999" does not exist/);
    assert.deepEqual([broken.line, broken.column], [5, 'F']);
    fail(workbookOf(rowsOf(REPORT), { rawCells: { G3: '<c r="G3"><v>abc</v></c>' } }), /row 3, column G: "abc" is not a number/);
    fail(workbookOf(rowsOf(REPORT), { rawCells: { G3: '<c r="G3" t="e"><v>#N/A</v></c>' } }), /row 3, column G: the cell holds the error #N\/A/);
    // a row the release reader refuses names the sheet's row, column letter and column name
    const bad = fail(workbookOf(rowsOf(csv('2026-03-02T10:00:00.000-04:00,111,,release,payment,96.001,0.00,100.00,-3.99,,MXN'))),
      /^sheet Liberaciones, row 2, column F \(NET_CREDIT_AMOUNT\): "96\.001" is not an amount in MXN/);
    assert.deepEqual([bad.line, bad.column], [2, 'NET_CREDIT_AMOUNT']);
    fail(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(40)]), /not a ZIP archive/);
  });

  it('refuses ZIP64, encrypted entries, too many entries and an entry larger than it declares', () => {
    const book = workbookOf(rowsOf(REPORT));
    const encrypted = Buffer.from(book);
    const cd = encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    encrypted.writeUInt16LE(encrypted.readUInt16LE(cd + 8) | 1, cd + 8);
    assert.throws(() => openZip(encrypted), /\[Content_Types\]\.xml is encrypted/);
    const zip64 = Buffer.from(book);
    zip64.writeUInt16LE(0xffff, zip64.length - 22 + 10);
    assert.throws(() => openZip(zip64), /ZIP64 archives are not read/);
    assert.throws(() => openZip(book, { maxEntries: 3, maxTotal: 1e9, maxRatio: 1e9 }), /holds 5 entries, more than 3/);
    // the sheet's entry declares fewer bytes than it inflates to: never inflated past them
    const lying = Buffer.from(book);
    const sheetEntry = lying.indexOf(Buffer.from('xl/worksheets/sheet1.xml'), cd) - 46;
    lying.writeUInt32LE(10, sheetEntry + 24);
    assert.throws(() => openZip(lying).read('xl/worksheets/sheet1.xml'), /does not inflate to its declared 10 bytes/);
    const r = parseReleaseXlsx(lying, null);
    assert.ok(!r.ok && /the workbook could not be read: xl\/worksheets\/sheet1\.xml does not inflate/.test(r.message), JSON.stringify(r));
  });

  it('reads date cells held as spreadsheet serials (1900 or 1904 system) at the report config\'s display zone', () => {
    const rows = rowsOf(REPORT);
    // each DATE as the serial of its wall-clock time at GMT-04, styled as a date and time
    const serial = (text: string, date1904: boolean) => (Date.parse(`${text.slice(0, 19)}Z`) - Date.UTC(1899, 11, 30)) / 86_400_000 - (date1904 ? 1462 : 0);
    const serials = (date1904: boolean) => Object.fromEntries(rows.slice(1).map((r, i) => [`A${i + 2}`, `<c r="A${i + 2}" s="2"><v>${serial(r[0]!, date1904)}</v></c>`]));
    const want = parseReleaseCsv(REPORT, null);
    const book1900 = workbookOf(rows, { styles: STYLES, rawCells: serials(false) });
    assert.deepEqual(parseReleaseFile(book1900, null), want, 'no display_timezone in the config: Mercado Pago\'s GMT-04');
    assert.deepEqual(parseReleaseFile(book1900, null, 'GMT-04'), want);
    assert.deepEqual(parseReleaseFile(workbookOf(rows, { styles: STYLES, rawCells: serials(true), date1904: true }), null, 'GMT-4'), want, 'the 1904 date system');
    // the same wall-clock times at GMT-03 are an hour earlier; the payout's calendar date is the report's
    const at3 = parseReleaseFile(book1900, null, 'GMT-03');
    assert.ok(at3.ok && want.ok);
    assert.deepEqual(at3.value.payouts.map((p) => [p.at, p.date]), [['2026-03-03T12:00:00.000Z', '2026-03-03'], ['2026-03-04T12:00:00.000Z', '2026-03-04']]);
    assert.deepEqual(want.value.payouts.map((p) => p.at), ['2026-03-03T13:00:00.000Z', '2026-03-04T13:00:00.000Z']);
    const badZone = parseReleaseFile(book1900, null, 'America/Mexico_City');
    assert.ok(!badZone.ok && /display_timezone "America\/Mexico_City" is not a GMT offset/.test(badZone.message), JSON.stringify(badZone));
    // as text without an offset the date is refused in a CSV, as before
    const csvNoOffset = parseReleaseCsv(csv('2026-03-02T10:00:00,111,,release,payment,96.01,0.00,100.00,-3.99,,MXN'), null);
    assert.ok(!csvNoOffset.ok && /line 2, column DATE: "2026-03-02T10:00:00" is not a date and time/.test(csvNoOffset.message), JSON.stringify(csvNoOffset));
  });

  it('reads the sheet holding the report\'s header when the first sheet is a cover page', () => {
    const rows = rowsOf(REPORT);
    const cover = { name: 'Resumen', rows: [['Reporte de liberaciones'], ['Período', '2026-03-01 a 2026-03-05']] };
    const book = workbookOf(rows, { sheetsBefore: [cover, { name: 'Notas', rows: [['DATE', 'nota']] }] });
    assert.equal(readXlsx(book).name, 'Resumen', 'without a test the first sheet is read');
    assert.deepEqual(parseReleaseFile(book, null), parseReleaseCsv(REPORT, null));
    const bad = parseReleaseFile(workbookOf(rowsOf(csv('2026-03-02T10:00:00.000-04:00,111,,release,payment,96.001,0.00,100.00,-3.99,,MXN')), { sheetsBefore: [cover] }), null);
    assert.ok(!bad.ok && /^sheet Liberaciones, row 2, column F/.test(bad.message), JSON.stringify(bad));
    const none = parseReleaseFile(workbookOf([['x']], { sheetsBefore: [cover] }), null);
    assert.ok(!none.ok && /sheet Resumen|the header has no DATE/.test(none.message), JSON.stringify(none));
  });
});
