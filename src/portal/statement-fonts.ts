// The statement PDF's fonts. While every text fits WinAnsi, the standard Helvetica (no font file in the PDF, the bytes as
// before); once a text holds a letter outside it that DejaVu Sans has (Ł, Cyrillic, Greek), DejaVu Sans and its bold from
// the dejavu-fonts-ttf package, which pdfkit embeds as subset Type0 fonts (Identity-H, a /W array, a ToUnicode map).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readTrueType, type TrueType } from './truetype.ts';

// the standard 14 fonts write WinAnsi: Latin-1 plus these in 0x80-0x9F
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const inWinAnsi = (ch: string) => { const c = ch.codePointAt(0) ?? 0; return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || WIN_ANSI_EXTRA.has(ch); };

// letters NFD does not take apart
const STROKED: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i', Ħ: 'H', ħ: 'h' };

/** Each character the font shows as itself; else whitespace is a space, a letter loses its accent if that helps, others are '?'. */
function shown(s: string, shows: (ch: string) => boolean): string {
  let out = '';
  for (const ch of s) {
    if (shows(ch)) { out += ch; continue; }
    const base = (STROKED[ch] ?? ch).normalize('NFD').replace(/\p{M}/gu, '');
    out += /\s/.test(ch) ? ' ' : base && [...base].every(shows) ? base : '?';
  }
  return out;
}

/** Text the standard fonts can show: a letter outside WinAnsi loses its accent (ő is o, ł is l), whitespace is a space, others '?'. */
export const pdfText = (s: string): string => shown(s, inWinAnsi);

interface Face { name: string; bytes: Buffer; font: TrueType }
let faces: [Face, Face] | undefined;

/** DejaVu Sans and DejaVu Sans Bold, read once. */
function dejaVu(): [Face, Face] {
  const require = createRequire(import.meta.url);
  const face = (name: string): Face => {
    const bytes = readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`));
    return { name, bytes, font: readTrueType(bytes) };
  };
  faces ??= [face('DejaVuSans'), face('DejaVuSans-Bold')];
  return faces;
}

const inDejaVu = (ch: string) => {
  const c = ch.codePointAt(0) ?? 0;
  return c >= 0x20 && !/\s/.test(ch) && dejaVu().every((f) => f.font.glyphOf(c) !== 0);
};

/** Thrown while drawing with the standard fonts when a text would lose a letter DejaVu Sans has: the statement is drawn again with it. */
export class NeedsDejaVu extends Error {}

export interface Fonts {
  regular: string;
  bold: string;
  /** The text as the fonts show it. */
  show(s: string): string;
  /** The font files to register with the document, by name. */
  files(): [string, Buffer][];
}

// pdfkit parses a font file anew for each document (about half the CPU of a short statement in DejaVu Sans); it also takes
// a font it parsed before, so the first document's, found in pdfkit's font cache, serves the next ones (the same bytes out)
const parsed = new Map<string, Buffer>();
type FontCache = Record<string, { font?: { layout?: unknown } } | undefined>;

/** Registers the fonts' files with the document, each as parsed for an earlier document when there was one. */
export function registerFonts(doc: PDFKit.PDFDocument, fonts: Fonts): void {
  for (const [name, bytes] of fonts.files()) doc.registerFont(name, parsed.get(name) ?? bytes);
}

/** Keeps the fonts pdfkit parsed for this document for the next ones. */
export function keepParsed(doc: PDFKit.PDFDocument, fonts: Fonts): void {
  const cache = (doc as unknown as { _fontFamilies?: FontCache })._fontFamilies;
  for (const [name] of fonts.files()) {
    const font = cache?.[name]?.font;
    // pdfkit's source type leaves out the parsed fontkit font it accepts
    if (typeof font?.layout === 'function' && !parsed.has(name)) parsed.set(name, font as unknown as Buffer);
  }
}

export const STANDARD: Fonts = {
  regular: 'Helvetica', bold: 'Helvetica-Bold', files: () => [],
  show: (s) => {
    for (const ch of s) if (!inWinAnsi(ch) && !/\s/.test(ch) && inDejaVu(ch)) throw new NeedsDejaVu(ch);
    return pdfText(s);
  },
};

export const DEJAVU: Fonts = {
  regular: 'DejaVuSans', bold: 'DejaVuSans-Bold',
  files: () => dejaVu().map((f) => [f.name, f.bytes]),
  show: (s) => shown(s, (ch) => inWinAnsi(ch) || inDejaVu(ch)),
};

