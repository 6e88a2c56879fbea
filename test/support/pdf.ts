// Reads a PDF as the tests need it: checks its structure (header, every xref offset, startxref, trailer, %%EOF) and
// recovers its pages, paper size, fonts' encodings and text (streams inflated with zlib, WinAnsi strings decoded).
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';

const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ',
  0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›',
  0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

const winAnsi = (bytes: Buffer) => [...bytes].map((b) => WIN_ANSI_HIGH[b] ?? String.fromCharCode(b)).join('');

export interface ReadPdf { pages: number; mediaBoxes: string[]; encodings: string[]; text: string }

/** Checks the cross-reference table against the bytes: each in-use entry points at its own `n 0 obj`. */
function checkXref(buf: Buffer, raw: string): void {
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
  }
  const trailer = /trailer\s*<<([^]*?)>>\s*startxref/.exec(raw.slice(pos));
  assert.ok(trailer, 'a trailer follows the xref table');
  assert.match(trailer[1] ?? '', new RegExp(`/Size ${size}\\b`), 'the trailer gives the xref size');
  assert.match(trailer[1] ?? '', /\/Root \d+ 0 R/, 'the trailer names the catalog');
}

/** Every stream's bytes, inflated when FlateDecode. */
function streams(buf: Buffer, raw: string): Buffer[] {
  const out: Buffer[] = [];
  const re = /<<([^]*?)>>\s*stream\r?\n/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const length = /\/Length (\d+)(?! \d+ R)/.exec(m[1] ?? '');
    assert.ok(length, 'each stream has a direct /Length');
    const start = m.index + m[0].length;
    const data = buf.subarray(start, start + Number(length[1]));
    assert.match(raw.slice(start + data.length, start + data.length + 12), /^\s*endstream/, 'a stream ends where its /Length says');
    out.push((m[1] ?? '').includes('/FlateDecode') ? inflateSync(data) : data);
  }
  return out;
}

/** The text shown by the content streams: each TJ or Tj as one line, its pieces joined (kerning between them dropped). */
function textOf(content: Buffer): string[] {
  const s = content.toString('latin1');
  const lines: string[] = [];
  const re = /\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const pieces = m[1] !== undefined ? [...m[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1] ?? '') : [m[2] ?? ''];
    lines.push(pieces.map((h) => winAnsi(Buffer.from(h, 'hex'))).join(''));
  }
  return lines;
}

export function readPdf(buf: Buffer): ReadPdf {
  const raw = buf.toString('latin1');
  assert.equal(raw.slice(0, 5), '%PDF-', 'starts with %PDF-');
  checkXref(buf, raw);
  const count = /\/Type \/Pages\s+\/Count (\d+)/.exec(raw);
  assert.ok(count, 'a page tree with its count');
  const pages = raw.match(/\/Type \/Page\s/g)?.length ?? 0;
  assert.equal(Number(count[1]), pages, 'the page tree counts every page');
  const text = streams(buf, raw).flatMap(textOf).join('\n');
  return { pages, mediaBoxes: [...raw.matchAll(/\/MediaBox \[([^\]]+)\]/g)].map((m) => m[1] ?? ''),
    encodings: [...raw.matchAll(/\/Encoding \/(\w+)/g)].map((m) => m[1] ?? ''), text };
}
