// Reads QR codes back the way a phone would, with jsQR: from a module matrix (drawn to pixels with its quiet zone),
// from RGBA pixels (a browser's canvas), from a grayscale PNG, and from the filled rectangles a PDF's content streams draw.
import { crc32, inflateSync } from 'node:zlib';
import jsqr from 'jsqr';

// jsqr is CommonJS with its function as exports.default: Node's ESM hands over module.exports, tsx may unwrap it
type Reader = typeof jsqr.default;
const jsQR: Reader = (jsqr as unknown as { default?: Reader }).default ?? (jsqr as unknown as Reader);

/** Decodes RGBA pixels; the payload as UTF-8 from the code's bytes, or null when no QR code is found. */
export function readPixels(rgba: Uint8ClampedArray, width: number, height: number): string | null {
  const found = jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' });
  return found ? Buffer.from(found.binaryData).toString('utf8') : null;
}

/** Draws the modules (true dark) at `scale` pixels each with a four-module white margin, and decodes them. */
export function readModules(dark: boolean[][], scale = 4): string | null {
  const size = dark.length;
  const side = (size + 8) * scale;
  const px = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const r = Math.floor(y / scale) - 4;
      const c = Math.floor(x / scale) - 4;
      if (dark[r]?.[c]) px.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
    }
  }
  return readPixels(px, side, side);
}

/**
 * A grayscale PNG (bit depth 1 or 8, rows filtered with None) as RGBA pixels, its chunks' CRC-32 checked; throws on
 * anything else, so a test fails on an image a mail client could not show.
 */
export function pngPixels(png: Buffer): { rgba: Uint8ClampedArray; width: number; height: number } {
  if (!png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG signature');
  let header: Buffer | null = null;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (crc32(png.subarray(at + 4, at + 8 + length)) !== png.readUInt32BE(at + 8 + length)) throw new Error(`${type} chunk fails its CRC-32`);
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
    if (type === 'IEND') break;
  }
  if (!header) throw new Error('no IHDR chunk');
  const [width, height, depth, colour] = [header.readUInt32BE(0), header.readUInt32BE(4), header[8]!, header[9]!];
  if (colour !== 0 || (depth !== 1 && depth !== 8) || header[12] !== 0) throw new Error(`grayscale 1 or 8 bits, not interlaced, only (colour ${colour}, depth ${depth})`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = Math.ceil((width * depth) / 8);
  if (raw.length !== (stride + 1) * height) throw new Error(`${raw.length} bytes of image data for ${width}x${height}`);
  const rgba = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    if (raw[row] !== 0) throw new Error(`row ${y} uses filter ${raw[row]}`);
    for (let x = 0; x < width; x++) {
      const grey = depth === 8 ? raw[row + 1 + x]! : (raw[row + 1 + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
      rgba.fill(grey, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
  }
  return { rgba, width, height };
}

/** Decodes a grayscale PNG (see pngPixels). */
export function readPng(png: Buffer): string | null {
  const { rgba, width, height } = pngPixels(png);
  return readPixels(rgba, width, height);
}

/** The rectangles (`x y w h re`) in a PDF's content streams, in the page's drawing coordinates. */
export function pdfRectangles(pdf: Buffer): [x: number, y: number, w: number, h: number][] {
  const raw = pdf.toString('latin1');
  const out: [number, number, number, number][] = [];
  const re = /<<([^]*?)>>\s*stream\r?\n/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const length = /\/Length (\d+)/.exec(m[1] ?? '');
    if (!length) continue;
    const start = m.index + m[0].length;
    const data = pdf.subarray(start, start + Number(length[1]));
    let text: string;
    try { text = ((m[1] ?? '').includes('/FlateDecode') ? inflateSync(data) : data).toString('latin1'); } catch { continue; }
    for (const r of text.matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re/g)) out.push([Number(r[1]), Number(r[2]), Number(r[3]), Number(r[4])]);
  }
  return out;
}

/** Rebuilds a module matrix from rectangles of whole modules (runs one module high) drawn from `origin`, `module` wide each. */
export function modulesFromRectangles(rects: [number, number, number, number][], origin: [number, number], module: number, size: number): boolean[][] {
  const dark = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [x, y, w, h] of rects) {
    const c0 = Math.round((x - origin[0]) / module);
    const r0 = Math.round((y - origin[1]) / module);
    for (let r = r0; r < r0 + Math.round(h / module); r++) {
      for (let c = c0; c < c0 + Math.round(w / module); c++) if (dark[r] && c >= 0 && c < size) dark[r]![c] = true;
    }
  }
  return dark;
}

/** Decodes an SVG drawn by qrSvg: its path's runs (`M x y h n v1 h-n z`) inside a four-module quiet zone. */
export function readSvg(svg: string): string | null {
  const side = Number(/viewBox="0 0 (\d+)/.exec(svg)?.[1] ?? 8) - 8;
  const dark = Array.from({ length: side }, () => Array<boolean>(side).fill(false));
  for (const [, x, y, n] of svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let c = 0; c < Number(n); c++) dark[Number(y) - 4]![Number(x) - 4 + c] = true;
  }
  return readModules(dark);
}
