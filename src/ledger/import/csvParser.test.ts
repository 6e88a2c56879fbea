import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsvParser, CsvError, type ParsedRecord } from './csvParser.ts';

function parseAll(chunks: string[], delimiter = ','): ParsedRecord[] {
  const p = new CsvParser(delimiter);
  const out: ParsedRecord[] = [];
  for (const c of chunks) p.feed(c, out);
  p.end(out);
  return out;
}

describe('the CSV parser', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks inside', () => {
    const out = parseAll(['a,"b, c","say ""hi""","two\nlines"\nx,y,z,w\n']);
    assert.deepEqual(out, [{ line: 1, cells: ['a', 'b, c', 'say "hi"', 'two\nlines'] }, { line: 3, cells: ['x', 'y', 'z', 'w'] }]);
  });

  it('gives the same records whatever the chunking', () => {
    const text = '\uFEFFh1;h2\r\n"q;1";2\r\n\r\n3;"4"\r\n5;6';
    const whole = parseAll([text], ';');
    for (let cut = 1; cut < text.length; cut++) assert.deepEqual(parseAll([text.slice(0, cut), text.slice(cut)], ';'), whole, `cut at ${cut}`);
    assert.deepEqual(whole.map((r) => [r.line, ...r.cells]), [[1, 'h1', 'h2'], [2, 'q;1', '2'], [4, '3', '4'], [5, '5', '6']]);
  });

  it('names the line of an unclosed quote', () => {
    assert.throws(() => parseAll(['a,b\nc,"open\n']), (e: unknown) => e instanceof CsvError && e.line === 2);
  });
});
