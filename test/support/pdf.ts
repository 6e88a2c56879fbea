// Reads a PDF as the tests need it: checks its structure (header, every xref offset, startxref, trailer, %%EOF) and
// recovers its pages, paper size, fonts' encodings and text (streams inflated with zlib, WinAnsi strings decoded, an
// embedded Type0 font's glyph ids read through its ToUnicode map), and each shown string's place, font and widths.
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';

const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ',
  0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›',
  0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

const winAnsi = (bytes: Buffer) => [...bytes].map((b) => WIN_ANSI_HIGH[b] ?? String.fromCharCode(b)).join('');

/** An embedded Type0 font: what each glyph id stands for (its ToUnicode map) and how wide it is (its /W array, per 1000 em). */
export interface Type0 { baseFont: string; unicode: Map<number, string>; widths: Map<number, number> }

/** One TJ or Tj: where its text starts, in which font and size, its glyph codes and the TJ adjustments (per 1000 em). */
export interface Run { x: number; y: number; font: string; size: number; text: string; codes: number[]; adjust: number }

export interface ReadPdf { pages: number; mediaBoxes: string[]; encodings: string[]; text: string; runs: Run[]; type0: Map<string, Type0> }

/** Checks the cross-reference table against the bytes: each in-use entry points at its own `n 0 obj`; gives each object's offset. */
function checkXref(buf: Buffer, raw: string): Map<number, number> {
  const offsets = new Map<number, number>();
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(raw);
  assert.ok(start, 'ends with startxref and %%EOF');
  const at = Number(start[1]);
  assert.equal(raw.slice(at, at + 4), 'xref', 'startxref points at the xref table');
  const head = /^xref\s+0 (\d+)\s+/.exec(raw.slice(at));
  assert.ok(head, 'the xref table starts at object 0');
  const size = Number(head[1]);
  let pos = at + head[0].length;
  for (let n = 0; n < size; n++, pos += 20) {
    const entry = buf.subarray(pos, pos + 20).toString('latin1');
    assert.match(entry, /^\d{10} \d{5} [nf][ \r]?[\r\n]$/, `xref entry ${n} is 20 bytes`);
    if (entry[17] !== 'n') continue;
    const offset = Number(entry.slice(0, 10));
    assert.equal(raw.slice(offset, offset + `${n} 0 obj`.length), `${n} 0 obj`, `xref entry ${n} points at its object`);
    offsets.set(n, offset);
  }
  const trailer = /trailer\s*<<([^]*?)>>\s*startxref/.exec(raw.slice(pos));
  assert.ok(trailer, 'a trailer follows the xref table');
  assert.match(trailer[1] ?? '', new RegExp(`/Size ${size}\\b`), 'the trailer gives the xref size');
  assert.match(trailer[1] ?? '', /\/Root \d+ 0 R/, 'the trailer names the catalog');
  return offsets;
}

/** Every object's dictionary text and stream bytes (inflated when FlateDecode), checking each stream's /Length. */
function objects(buf: Buffer, raw: string, offsets: Map<number, number>): Map<number, { dict: string; stream: Buffer | null }> {
  const out = new Map<number, { dict: string; stream: Buffer | null }>();
  // in file order
  for (const [n, offset] of [...offsets].sort(([, a], [, b]) => a - b)) {
    const end = raw.indexOf('endobj', offset);
    const body = raw.slice(offset, end);
    const head = /\bstream\r?\n/.exec(body);
    const dict = head ? body.slice(0, head.index) : body;
    if (!head) { out.set(n, { dict, stream: null }); continue; }
    const length = /\/Length (\d+)(?! \d+ R)/.exec(dict);
    assert.ok(length, 'each stream has a direct /Length');
    const start = offset + head.index + head[0].length;
    const data = buf.subarray(start, start + Number(length[1]));
    assert.match(raw.slice(start + data.length, start + data.length + 12), /^\s*endstream/, 'a stream ends where its /Length says');
    out.set(n, { dict, stream: dict.includes('/FlateDecode') ? inflateSync(data) : data });
  }
  return out;
}

const hexCodes = (h: string) => Array.from({ length: h.length / 4 }, (_, i) => parseInt(h.slice(4 * i, 4 * i + 4), 16));
const utf16 = (h: string) => String.fromCharCode(...hexCodes(h));

/** A ToUnicode CMap's bfchar and bfrange entries (a range's destinations as one start or as an array). */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfrange([^]*?)endbfrange/g)) {
    for (const r of (block[1] ?? '').matchAll(/<(\w+)>\s*<(\w+)>\s*(?:\[([^\]]*)\]|<(\w+)>)/g)) {
      const [lo, hi] = [parseInt(r[1] ?? '', 16), parseInt(r[2] ?? '', 16)];
      const list = r[3] !== undefined ? [...r[3].matchAll(/<([\w ]*)>/g)].map((x) => utf16((x[1] ?? '').replace(/ /g, ''))) : null;
      for (let c = lo; c <= hi; c++) map.set(c, list ? list[c - lo] ?? '' : String.fromCharCode(parseInt(r[4] ?? '', 16) + c - lo));
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([^]*?)endbfchar/g)) {
    for (const r of (block[1] ?? '').matchAll(/<(\w+)>\s*<(\w+)>/g)) map.set(parseInt(r[1] ?? '', 16), utf16(r[2] ?? ''));
  }
  return map;
}

/** A CIDFont's /W array: `c [w1 w2 ...]` and `c1 c2 w` entries. */
function widths(dict: string): Map<number, number> {
  const map = new Map<number, number>();
  const w = /\/W \[((?:[^\[\]]|\[[^\]]*\])*)\]/.exec(dict)?.[1] ?? '';
  for (const e of w.matchAll(/(\d+)\s*\[([^\]]*)\]|(\d+)\s+(\d+)\s+([\d.]+)/g)) {
    if (e[1] !== undefined) (e[2] ?? '').trim().split(/\s+/).forEach((v, i) => map.set(Number(e[1]) + i, Number(v)));
    else for (let c = Number(e[3]); c <= Number(e[4]); c++) map.set(c, Number(e[5]));
  }
  return map;
}

/** The Type0 fonts by their resource name, each with its ToUnicode map and its descendant's widths. */
function type0Fonts(raw: string, objs: Map<number, { dict: string; stream: Buffer | null }>): Map<string, Type0> {
  const out = new Map<string, Type0>();
  for (const res of raw.matchAll(/\/Font <<([^>]*)>>/g)) {
    for (const [, name, ref] of (res[1] ?? '').matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const dict = objs.get(Number(ref))?.dict ?? '';
      if (!dict.includes('/Subtype /Type0') || out.has(name ?? '')) continue;
      const cmap = objs.get(Number(/\/ToUnicode (\d+) 0 R/.exec(dict)?.[1]))?.stream;
      assert.ok(cmap, `Type0 font ${name} has a ToUnicode map`);
      const descendant = objs.get(Number(/\/DescendantFonts \[(\d+) 0 R\]/.exec(dict)?.[1]))?.dict ?? '';
      out.set(name ?? '', { baseFont: /\/BaseFont \/(\S+)/.exec(dict)?.[1] ?? '', unicode: toUnicode(cmap.toString('latin1')), widths: widths(descendant) });
    }
  }
  return out;
}

/** The strings shown by a content stream, each TJ or Tj as one run (kerning between its pieces kept apart in `adjust`). */
function runsOf(content: Buffer, type0: Map<string, Type0>): Run[] {
  const s = content.toString('latin1');
  const runs: Run[] = [];
  let [font, size, x, y] = ['', 0, 0, 0];
  const re = /\/(\w+) ([\d.]+) Tf|([-\d.]+) [-\d.]+ [-\d.]+ [-\d.]+ ([-\d.]+) ([-\d.]+) Tm|\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[1] !== undefined) { [font, size] = [m[1], Number(m[2])]; continue; }
    if (m[3] !== undefined) { [x, y] = [Number(m[4]), Number(m[5])]; continue; }
    const pieces = m[6] !== undefined ? [...m[6].matchAll(/<([0-9a-fA-F]*)>/g)].map((p) => p[1] ?? '') : [m[7] ?? ''];
    const adjust = m[6] !== undefined ? [...m[6].replace(/<[0-9a-fA-F]*>/g, ' ').matchAll(/-?[\d.]+/g)].reduce((a, n) => a + Number(n[0]), 0) : 0;
    const f = type0.get(font);
    const codes = f ? pieces.flatMap(hexCodes) : [...Buffer.from(pieces.join(''), 'hex')];
    const text = f ? codes.map((c) => f.unicode.get(c) ?? '\ufffd').join('') : winAnsi(Buffer.from(codes));
    runs.push({ x, y, font, size, text, codes, adjust });
  }
  return runs;
}

export function readPdf(buf: Buffer): ReadPdf {
  const raw = buf.toString('latin1');
  assert.equal(raw.slice(0, 5), '%PDF-', 'starts with %PDF-');
  const objs = objects(buf, raw, checkXref(buf, raw));
  const count = /\/Type \/Pages\s+\/Count (\d+)/.exec(raw);
  assert.ok(count, 'a page tree with its count');
  const pages = raw.match(/\/Type \/Page\s/g)?.length ?? 0;
  assert.equal(Number(count[1]), pages, 'the page tree counts every page');
  const type0 = type0Fonts(raw, objs);
  const contents = new Set([...raw.matchAll(/\/Contents (\d+) 0 R/g)].map((m) => Number(m[1])));
  const runs = [...objs].filter(([n, o]) => contents.has(n) && o.stream).flatMap(([, o]) => runsOf(o.stream ?? Buffer.alloc(0), type0));
  return { pages, mediaBoxes: [...raw.matchAll(/\/MediaBox \[([^\]]+)\]/g)].map((m) => m[1] ?? ''),
    encodings: [...raw.matchAll(/\/Encoding \/([\w-]+)/g)].map((m) => m[1] ?? ''), text: runs.map((r) => r.text).join('\n'), runs, type0 };
}
