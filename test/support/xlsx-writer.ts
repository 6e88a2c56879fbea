// Real .xlsx files for tests: a minimal ZIP writer (deflated or stored entries, CRC-32 from node:zlib, central directory)
// and a workbook of rows as a spreadsheet saves them: text as shared strings (longer ones split into rich-text runs),
// amounts (columns ending _AMOUNT) as numbers written as a spreadsheet writes them ("10.00" -> 10), EXTERNAL_REFERENCE
// as inline strings, empty cells left out.
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipFile { name: string; data: Buffer | string; stored?: boolean }

export function zipOf(files: ZipFile[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const data = Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data, 'utf8');
    const body = f.stored ? data : deflateRawSync(data);
    const name = Buffer.from(f.name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0); head.writeUInt16LE(20, 4); head.writeUInt16LE(0x800, 6); head.writeUInt16LE(f.stored ? 0 : 8, 8);
    head.writeUInt32LE(crc32(data), 14); head.writeUInt32LE(body.length, 18); head.writeUInt32LE(data.length, 22); head.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6); dir.writeUInt16LE(0x800, 8); dir.writeUInt16LE(f.stored ? 0 : 8, 10);
    dir.writeUInt32LE(crc32(data), 16); dir.writeUInt32LE(body.length, 20); dir.writeUInt32LE(data.length, 24); dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(head, name, body);
    central.push(dir, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const letters = (i: number): string => (i >= 26 ? letters(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));

export interface WorkbookOptions {
  /** Cells written raw into the sheet instead, by reference ("C5" -> '<c r="C5" .../>'). */
  rawCells?: Record<string, string>;
  /** The styles part (default: none). */
  styles?: string;
  /** Prepended to the sheet part (a DOCTYPE, say). */
  sheetPrefix?: string;
  /** Files left out or added. */
  omit?: string[]; extra?: ZipFile[];
  /** Sheets placed before the report's (a cover page), their cells inline strings. */
  sheetsBefore?: { name: string; rows: string[][] }[];
  /** The workbook counts serial dates from 1904 (workbookPr date1904). */
  date1904?: boolean;
}

/** A sheet part whose cells are all inline strings. */
const inlineSheet = (rows: string[][]) => '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
  + rows.map((cells, r) => `<row r="${r + 1}">${cells.map((v, c) => (v === '' ? '' : `<c r="${letters(c)}${r + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`)).join('')}</row>`).join('')
  + '</sheetData></worksheet>';

/** The parts of a workbook holding `rows` (the first one the header) in its one sheet, named "Liberaciones". */
export function workbookFiles(rows: string[][], o: WorkbookOptions = {}): ZipFile[] {
  const header = rows[0] ?? [];
  const strings: string[] = [];
  const index = new Map<string, number>();
  const shared = (s: string) => { if (!index.has(s)) { index.set(s, strings.length); strings.push(s); } return index.get(s)!; };
  const sheetRows = rows.map((cells, r) => {
    const xml = cells.map((v, c) => {
      const ref = `${letters(c)}${r + 1}`;
      if (o.rawCells?.[ref]) return o.rawCells[ref];
      if (v === '') return '';
      const col = header[c] ?? '';
      if (r > 0 && /_AMOUNT$/.test(col) && /^-?\d+(\.\d+)?$/.test(v)) return `<c r="${ref}"><v>${String(Number(v))}</v></c>`;
      if (r > 0 && col === 'EXTERNAL_REFERENCE') return `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
      return `<c r="${ref}" t="s"><v>${shared(v)}</v></c>`;
    }).join('');
    return `<row r="${r + 1}">${xml}</row>`;
  });
  const before = o.sheetsBefore ?? [];
  const sheetList = [...before.map((b, i) => `<sheet name="${esc(b.name)}" sheetId="${i + 2}" r:id="rIdB${i}"/>`), '<sheet name="Liberaciones" sheetId="1" r:id="rId1"/>'].join('');
  const beforeRels = before.map((_, i) => `<Relationship Id="rIdB${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/cover${i + 1}.xml"/>`).join('');
  const si = strings.map((s) => (s.length > 3 ? `<si><r><t>${esc(s.slice(0, 2))}</t></r><r><rPr><b/></rPr><t xml:space="preserve">${esc(s.slice(2))}</t></r></si>` : `<si><t>${esc(s)}</t></si>`));
  const files: ZipFile[] = [
    { name: '[Content_Types].xml', data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    { name: 'xl/workbook.xml', data: '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      + `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${o.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${sheetList}</sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
      + `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>${beforeRels}</Relationships>` },
    { name: 'xl/sharedStrings.xml', data: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}">${si.join('')}</sst>` },
    { name: 'xl/worksheets/sheet1.xml', data: `${o.sheetPrefix ?? '<?xml version="1.0" encoding="UTF-8"?>'}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows.join('')}</sheetData></worksheet>` },
    ...before.map((b, i) => ({ name: `xl/worksheets/cover${i + 1}.xml`, data: inlineSheet(b.rows) })),
    ...(o.styles ? [{ name: 'xl/styles.xml', data: o.styles }] : []),
    ...(o.extra ?? []),
  ];
  return files.filter((f) => !o.omit?.includes(f.name));
}

/** A styles part whose cell style 1 shows a date and time (built-in format 22), for serial date cells (s="1"). */
export const DATETIME_STYLES = '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
  + '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22"/></cellXfs></styleSheet>';

/** The spreadsheet serial (1900 date system) of an instant's wall-clock time at `offsetHours` from UTC. */
export const serialAt = (instant: Date, offsetHours: number) => (instant.getTime() + offsetHours * 3_600_000 - Date.UTC(1899, 11, 30)) / 86_400_000;

export const workbookOf = (rows: string[][], o: WorkbookOptions = {}) => zipOf(workbookFiles(rows, o));

/** An archive whose one entry inflates to `bytes` zeros (a zip bomb, declared honestly). */
export const zipBomb = (bytes: number) => zipOf([{ name: 'xl/workbook.xml', data: Buffer.alloc(bytes) }]);
