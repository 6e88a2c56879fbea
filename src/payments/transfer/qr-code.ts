// A payload drawn as a QR code (qrcode-generator, byte mode, error correction M as EPC069-12 asks): the module matrix,
// its dark runs per row, and an SVG of them with the four-module quiet zone, for the portal, the statement and the API.
import qrcode from 'qrcode-generator';

/** The QR code's modules, row by row (true is dark), and its version (1 to 40). */
export interface QrMatrix { size: number; version: number; dark: boolean[][] }

/** Encodes the payload's UTF-8 bytes (passed as one character per byte: the library's default reads each as a byte). */
export function qrMatrix(payload: string): QrMatrix {
  const qr = qrcode(0, 'M');
  qr.addData(Buffer.from(payload, 'utf8').toString('latin1'), 'Byte');
  qr.make();
  const size = qr.getModuleCount();
  const dark = Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => qr.isDark(r, c)));
  return { size, version: (size - 17) / 4, dark };
}

/** Each row's dark runs as [row, first column, length]: what the SVG path and the PDF's rectangles draw. */
export function darkRuns(m: QrMatrix): [row: number, col: number, length: number][] {
  const out: [number, number, number][] = [];
  m.dark.forEach((row, r) => {
    for (let c = 0; c < m.size; c++) {
      if (!row[c]) continue;
      let end = c;
      while (row[end + 1]) end++;
      out.push([r, c, end - c + 1]);
      c = end;
    }
  });
  return out;
}

export const QUIET_ZONE = 4;

/** The QR code as a self-contained SVG (white ground, quiet zone, one path of dark runs), scalable, `label` as its title. */
export function qrSvg(m: QrMatrix, label: string): string {
  const side = m.size + 2 * QUIET_ZONE;
  const d = darkRuns(m).map(([r, c, n]) => `M${c + QUIET_ZONE} ${r + QUIET_ZONE}h${n}v1h-${n}z`).join('');
  const title = label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges" role="img">`
    + `<title>${title}</title><rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`;
}
