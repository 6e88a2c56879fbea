// A sheet of an .xlsx workbook read as rows of text cells, as a CSV reader gives them: xl/workbook.xml and its
// relationships name the sheets' parts (the first is read, or the first a caller's test accepts), shared strings (rich
// text runs joined, phonetic runs left out) and inline strings are text, numbers are kept as written (at most 15
// significant digits, as a spreadsheet shows them), booleans TRUE/FALSE, and a number styled as a date (built-in
// formats 14-22 and 45-47, or a custom format with d, m, y, h or s) becomes yyyy-mm-dd or yyyy-mm-ddThh:mm:ss. Column
// letters give each cell's place; gaps are empty cells. Every error names the part, or the sheet's row and column.
import { openZip, type Zip, type ZipLimits, ZIP_LIMITS } from './zip-read.ts';
import { scanXml } from './xml-scan.ts';

export class XlsxError extends Error {}
export interface SheetRow { line: number; cells: string[] }
export interface Sheet { name: string; rows: SheetRow[] }

const MAX_COLUMNS = 16_384;
const MAX_ROWS = 1_048_576;

function part(zip: Zip, name: string, required: boolean): string | null {
  const b = zip.read(name);
  if (!b && required) throw new XlsxError(`not an .xlsx workbook: it has no ${name}`);
  return b ? b.toString('utf8').replace(/^\uFEFF/, '') : null;
}

/** "AB" -> 27 (0-based); -1 when not column letters. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return /^[A-Z]{1,3}$/.test(letters) && n <= MAX_COLUMNS ? n - 1 : -1;
}
export const columnLetters = (i: number): string => (i >= 26 ? columnLetters(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));

interface SheetPart { name: string; path: string }

/** The workbook's sheets in their order, with the parts holding them, and whether its serial dates count from 1904. */
function sheetParts(zip: Zip): { sheets: SheetPart[]; date1904: boolean } {
  const listed: { name: string; rid: string }[] = [];
  let date1904 = false;
  scanXml(part(zip, 'xl/workbook.xml', true)!, 'xl/workbook.xml', {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name === 'sheet') listed.push({ name: a.name ?? `Sheet${listed.length + 1}`, rid: Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? '' });
    },
  });
  if (!listed.length) throw new XlsxError('xl/workbook.xml names no sheet');
  const targets = new Map<string, string>();
  scanXml(part(zip, 'xl/_rels/workbook.xml.rels', true)!, 'xl/_rels/workbook.xml.rels', {
    open(name, a) { if (name === 'Relationship' && a.Id !== undefined && a.Target !== undefined) targets.set(a.Id, a.Target); },
  });
  const sheets = listed.map((s) => {
    const t = targets.get(s.rid);
    if (!t) throw new XlsxError(`xl/_rels/workbook.xml.rels has no target for sheet ${s.name}`);
    return { name: s.name, path: t.startsWith('/') ? t.slice(1) : `xl/${t}`.replace(/\/\.\//g, '/') };
  });
  return { sheets, date1904 };
}

function sharedStrings(zip: Zip): string[] {
  const xml = part(zip, 'xl/sharedStrings.xml', false);
  const out: string[] = [];
  if (xml === null) return out;
  let cur: string | null = null;
  let inT = false;
  let phonetic = 0;
  scanXml(xml, 'xl/sharedStrings.xml', {
    open(name, _a, self) { if (name === 'si') cur = ''; else if (name === 't' && !self) inT = true; else if (name === 'rPh' && !self) phonetic++; },
    close(name) { if (name === 'si') { out.push(cur ?? ''); cur = null; } else if (name === 't') inT = false; else if (name === 'rPh') phonetic--; },
    text(t) { if (inT && !phonetic && cur !== null) cur += t; },
  });
  return out;
}

const DATE_BUILTIN = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);
const TIME_ONLY = new Set([18, 19, 20, 21, 45, 46, 47]);

/** A custom format's date parts: d, m, y, h, s outside quoted text, escapes and [colour] brackets. */
function formatKind(code: string): 'date' | 'time' | 'datetime' | null {
  const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[(?!h\]|m\]|s\])[^\]]*\]/gi, '').split(';')[0]!;
  const date = /[dy]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare));
  const time = /[hs]/i.test(bare);
  return date && time ? 'datetime' : date ? 'date' : time ? 'time' : null;
}

function dateStyles(zip: Zip): Map<number, 'date' | 'time' | 'datetime'> {
  const xml = part(zip, 'xl/styles.xml', false);
  const styles = new Map<number, 'date' | 'time' | 'datetime'>();
  if (xml === null) return styles;
  const custom = new Map<number, string>();
  let inXfs = false;
  let xf = 0;
  scanXml(xml, 'xl/styles.xml', {
    open(name, a, self) {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs' && !self) inXfs = true;
      else if (name === 'xf' && inXfs) {
        const id = Number(a.numFmtId ?? 0);
        const kind = custom.has(id) ? formatKind(custom.get(id)!) : DATE_BUILTIN.has(id) ? (TIME_ONLY.has(id) ? 'time' : id === 22 ? 'datetime' : 'date') : null;
        if (kind) styles.set(xf, kind);
        xf++;
      }
    },
    close(name) { if (name === 'cellXfs') inXfs = false; },
  });
  return styles;
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** A number as a spreadsheet shows it: as written, unless it carries more than 15 significant digits or an exponent. */
function numberText(v: string): string {
  const significant = v.split(/[eE]/)[0]!.replace(/[-.]/g, '').replace(/^0+/, '').length;
  if (!/[eE]/.test(v) && significant <= 15) return v;
  const n = Number(Number(v).toPrecision(15));
  return Math.abs(n) >= 1e-6 && Math.abs(n) < 1e21 ? String(n) : n.toFixed(20).replace(/\.?0+$/, '');
}

function serialDate(serial: number, kind: 'date' | 'time' | 'datetime', date1904: boolean): string {
  const ms = Math.round((serial + (date1904 ? 1462 : 0)) * 86_400_000) + Date.UTC(1899, 11, 30);
  const d = new Date(ms);
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return kind === 'date' ? day : kind === 'time' ? time : `${day}T${time}`;
}

/**
 * The first sheet of the workbook in `bytes`, or, given `wanted`, the first sheet in order whose rows it accepts (the
 * first sheet when none does); an XlsxError / ZipError / XmlError names what is wrong.
 */
export function readXlsx(bytes: Buffer, limits: ZipLimits = ZIP_LIMITS, wanted?: (rows: SheetRow[]) => boolean): Sheet {
  const zip = openZip(bytes, limits);
  if (!zip.has('xl/workbook.xml')) throw new XlsxError('not an .xlsx workbook: the archive has no xl/workbook.xml');
  const { sheets, date1904 } = sheetParts(zip);
  const book: Book = { zip, strings: sharedStrings(zip), styles: dateStyles(zip), date1904 };
  const first = readSheet(book, sheets[0]!);
  if (!wanted || wanted(first.rows)) return first;
  for (const s of sheets.slice(1)) {
    const sheet = readSheet(book, s);
    if (wanted(sheet.rows)) return sheet;
  }
  return first;
}

interface Book { zip: Zip; strings: string[]; styles: Map<number, 'date' | 'time' | 'datetime'>; date1904: boolean }

function readSheet({ zip, strings, styles, date1904 }: Book, { name, path }: SheetPart): Sheet {
  const xml = part(zip, path, true)!;
  const rows: SheetRow[] = [];
  let row: SheetRow | null = null;
  let cell: { col: number; type: string; style: number; ref: string } | null = null;
  let value: string | null = null;
  let inV = false;
  let inIs = 0;
  let inT = false;
  const where = (c: { ref: string }) => `row ${row!.line}, column ${c.ref}`;
  const finish = (c: NonNullable<typeof cell>) => {
    const v = value ?? '';
    let text: string;
    if (c.type === 's') {
      const i = /^\d+$/.test(v.trim()) ? Number(v) : -1;
      if (i < 0 || i >= strings.length) throw new XlsxError(`${where(c)}: shared string ${JSON.stringify(v)} does not exist`);
      text = strings[i]!;
    } else if (c.type === 'str' || c.type === 'inlineStr') text = v;
    else if (c.type === 'b') {
      if (v !== '0' && v !== '1') throw new XlsxError(`${where(c)}: ${JSON.stringify(v)} is not a boolean`);
      text = v === '1' ? 'TRUE' : 'FALSE';
    } else if (c.type === 'e') throw new XlsxError(`${where(c)}: the cell holds the error ${v || '(none given)'}`);
    else if (c.type === 'n' || c.type === '') {
      if (v === '') text = '';
      else if (!NUMBER.test(v.trim())) throw new XlsxError(`${where(c)}: ${JSON.stringify(v)} is not a number`);
      else {
        const kind = styles.get(c.style);
        text = kind ? serialDate(Number(v), kind, date1904) : numberText(v.trim());
      }
    } else throw new XlsxError(`${where(c)}: cell type ${JSON.stringify(c.type)} is not known`);
    while (row!.cells.length < c.col) row!.cells.push('');
    row!.cells[c.col] = text;
  };
  scanXml(xml, path, {
    open(tag, a, self) {
      if (tag === 'row') {
        const r = a.r === undefined ? (rows[rows.length - 1]?.line ?? 0) + 1 : /^\d+$/.test(a.r) ? Number(a.r) : 0;
        if (r < 1 || r > MAX_ROWS || r <= (rows[rows.length - 1]?.line ?? 0)) throw new XlsxError(`${path}: row number ${JSON.stringify(a.r)} is out of order or not a row`);
        row = { line: r, cells: [] };
        rows.push(row);
        if (self) row = null;
      } else if (tag === 'c') {
        if (!row) throw new XlsxError(`${path}: a cell outside a row`);
        const ref = a.r ?? `${columnLetters(row.cells.length)}${row.line}`;
        const m = /^([A-Z]{1,3})(\d+)$/.exec(ref);
        const col = m ? columnIndex(m[1]!) : -1;
        if (!m || col < 0 || Number(m[2]) !== row.line) throw new XlsxError(`row ${row.line}: ${JSON.stringify(ref)} is not a cell of this row`);
        if (col < row.cells.length) throw new XlsxError(`row ${row.line}, column ${m[1]}: the cell comes out of order`);
        cell = { col, type: a.t ?? 'n', style: Number(a.s ?? 0), ref: m[1]! };
        value = null;
        if (self) { finish(cell); cell = null; }
      } else if (tag === 'v' && cell) { inV = !self; value = ''; } else if (tag === 'is' && cell && !self) { inIs++; value = ''; } else if (tag === 't' && inIs && !self) inT = true;
    },
    close(tag) {
      if (tag === 'row') row = null;
      else if (tag === 'c' && cell) { finish(cell); cell = null; } else if (tag === 'v') inV = false; else if (tag === 'is') inIs--; else if (tag === 't') inT = false;
    },
    text(t) { if ((inV || inT) && cell) value = (value ?? '') + t; },
  });
  return { name, rows: rows.filter((r) => r.cells.some((c) => c !== '')) };
}
