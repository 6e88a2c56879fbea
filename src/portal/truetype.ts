// What the statement PDF needs to know of a TrueType font file: which glyph shows a character (cmap format 4 or 12) and
// how wide each glyph is (hmtx, counted by hhea, in units of head's unitsPerEm). pdfkit embeds and subsets the font itself.

export interface TrueType {
  unitsPerEm: number;
  /** The glyph id showing the code point, 0 (the missing glyph) when the font has none. */
  glyphOf(codePoint: number): number;
  /** The glyph's advance width in font units. */
  advance(glyph: number): number;
}

function tables(b: Buffer): Map<string, number> {
  const out = new Map<string, number>();
  const n = b.readUInt16BE(4);
  for (let i = 0; i < n; i++) out.set(b.toString('latin1', 12 + 16 * i, 16 + 16 * i), b.readUInt32BE(20 + 16 * i));
  return out;
}

function table(t: Map<string, number>, tag: string): number {
  const at = t.get(tag);
  if (at === undefined) throw new Error(`the font has no ${tag} table`);
  return at;
}

/** Format 12: groups of consecutive code points on consecutive glyphs. */
function format12(b: Buffer, at: number, map: Map<number, number>): void {
  const groups = b.readUInt32BE(at + 12);
  for (let g = 0; g < groups; g++) {
    const [start, end, glyph] = [0, 4, 8].map((o) => b.readUInt32BE(at + 16 + 12 * g + o)) as [number, number, number];
    for (let c = start; c <= end; c++) map.set(c, glyph + c - start);
  }
}

/** Format 4: segments of the Basic Multilingual Plane, by delta or through the glyph id array. */
function format4(b: Buffer, at: number, map: Map<number, number>): void {
  const segs = b.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + 2 * segs + 2;
  const deltas = starts + 2 * segs;
  const ranges = deltas + 2 * segs;
  for (let s = 0; s < segs; s++) {
    const [start, end, delta, range] = [b.readUInt16BE(starts + 2 * s), b.readUInt16BE(ends + 2 * s), b.readInt16BE(deltas + 2 * s), b.readUInt16BE(ranges + 2 * s)];
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph = range === 0 ? c : b.readUInt16BE(ranges + 2 * s + range + 2 * (c - start));
      if (range !== 0 && glyph === 0) continue;
      glyph = (glyph + delta) & 0xffff;
      if (glyph !== 0) map.set(c, glyph);
    }
  }
}

/** Reads the cmap (its first Unicode subtable in the formats given: 12, the full range, before 4, the BMP), hmtx, hhea and head. */
export function readTrueType(b: Buffer, formats: readonly (4 | 12)[] = [12, 4]): TrueType {
  const t = tables(b);
  const unitsPerEm = b.readUInt16BE(table(t, 'head') + 18);
  const metrics = b.readUInt16BE(table(t, 'hhea') + 34);
  const hmtx = table(t, 'hmtx');
  const cmap = table(t, 'cmap');
  const subtables = Array.from({ length: b.readUInt16BE(cmap + 2) }, (_, i) => {
    const r = cmap + 4 + 8 * i;
    const at = cmap + b.readUInt32BE(r + 4);
    return { platform: b.readUInt16BE(r), encoding: b.readUInt16BE(r + 2), format: b.readUInt16BE(at), at };
  });
  const unicode = (s: { platform: number; encoding: number }) => s.platform === 0 || (s.platform === 3 && (s.encoding === 1 || s.encoding === 10));
  const chosen = formats.map((f) => subtables.find((s) => unicode(s) && s.format === f)).find((s) => s !== undefined);
  if (!chosen) throw new Error('the font has no Unicode cmap of format 4 or 12');
  const map = new Map<number, number>();
  (chosen.format === 12 ? format12 : format4)(b, chosen.at, map);
  return {
    unitsPerEm,
    glyphOf: (c) => map.get(c) ?? 0,
    advance: (g) => b.readUInt16BE(hmtx + 4 * Math.min(g, metrics - 1)),
  };
}
