// Reading a TrueType file: the cmap in format 4 and in format 12 give the same glyphs, the widths come from hmtx.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readTrueType } from './truetype.ts';

const file = (name: string) => readFileSync(createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`));

describe('reading a TrueType font', () => {
  it('finds the same glyph for every character of the Basic Multilingual Plane in the format 4 and format 12 cmaps', () => {
    const bytes = file('DejaVuSans');
    const [four, twelve] = [readTrueType(bytes, [4]), readTrueType(bytes, [12])];
    let shown = 0;
    for (let c = 0; c < 0xffff; c++) {
      assert.equal(four.glyphOf(c), twelve.glyphOf(c), `U+${c.toString(16)}`);
      if (four.glyphOf(c)) shown += 1;
    }
    assert.ok(shown > 5000, `${shown} characters have a glyph`);
    for (const ch of 'AzŁżДиΣφ€') assert.notEqual(twelve.glyphOf(ch.codePointAt(0) ?? 0), 0, ch);
    assert.equal(twelve.glyphOf('東'.codePointAt(0) ?? 0), 0, 'no CJK');
  });

  it('gives each glyph its advance width in units of the em', () => {
    const [regular, bold] = [readTrueType(file('DejaVuSans')), readTrueType(file('DejaVuSans-Bold'))];
    assert.equal(regular.unitsPerEm, 2048);
    const width = (f: typeof regular, ch: string) => f.advance(f.glyphOf(ch.codePointAt(0) ?? 0));
    // digits share one width (tabular), a bold letter is wider, an i narrower than an m, a space narrower than a letter
    assert.deepEqual(new Set([...'0123456789'].map((d) => width(regular, d))).size, 1);
    assert.ok(width(bold, 'Д') > width(regular, 'Д'));
    assert.ok(width(regular, 'i') < width(regular, 'm') && width(regular, ' ') < width(regular, 'a'));
    // past hhea's numberOfHMetrics every glyph has the last width
    assert.equal(regular.advance(1_000_000), regular.advance(65_535));
  });
});
