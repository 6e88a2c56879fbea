// Names as the matcher compares them: the one-pass reading of a name's words gives what the regular expressions gave.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dice, keyShape, keySimilarity, nameWords, normaliseName, shapeSimilarity } from './names.ts';
import { withoutAccents } from './text.ts';

const LEGAL_FORMS = new Set(['gmbh', 'bv', 'nv', 'ltd', 'llc', 'inc', 'sa', 'sl', 'sas', 'srl', 'ag', 'co', 'corp', 'cv',
  'de', 'ltda', 'spa', 'plc', 'kg', 'oy', 'ab', 'as', 'sarl', 'limited', 'company', 'the', 'mr', 'mrs', 'hr', 'fr']);

/** The words of a name as the regular expressions read them (the reading before the one-pass loop). */
function byExpressions(name: string): string[] {
  const words = withoutAccents(name).toLowerCase()
    .replace(/\b([a-z])\.(?=[a-z]\.)/g, '$1').replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  const kept = words.filter((w) => !LEGAL_FORMS.has(w));
  return (kept.length ? kept : words).sort();
}

/** A small deterministic generator (the same names on every run). */
function* names(count: number, seed = 7): Generator<string> {
  const pieces = ['a', 'b', 's', 'x', 'A', 'S', '.', '.', '_', ' ', '  ', '-', '0', '7', 'é', 'Ö', 'İ', 'ß', ',', 'sa', 'GmbH', 'de', 'the', '&'];
  let x = seed;
  for (let n = 0; n < count; n++) {
    let s = '';
    const length = n % 14;
    for (let i = 0; i < length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      s += pieces[(x >>> 8) % pieces.length];
    }
    yield s;
  }
}

describe('a name\'s words', () => {
  it('are those the regular expressions give, initials joined (s.a.), legal forms left out, sorted', () => {
    for (const [name, words] of [['S.A. Farms Falferez', ['falferez', 'farms']], ['A.B.C. Trading', ['abc', 'trading']],
      ['x_a.b. Co', ['a', 'b', 'x']], ['J.R.R. Tolkien Ltd', ['jrr', 'tolkien']], ['Müller & Söhne GmbH', ['muller', 'sohne']],
      ['a.b', ['a', 'b']], ['GmbH', ['gmbh']], ['...', []]] as const) {
      assert.deepEqual(nameWords(name), words, name);
      assert.deepEqual(byExpressions(name), words, name);
    }
  });

  it('match the regular expressions\' reading on 20,000 generated names', () => {
    let differ = 0;
    for (const name of names(20_000)) {
      if (JSON.stringify(nameWords(name)) !== JSON.stringify(byExpressions(name))) {
        differ += 1;
        assert.deepEqual(nameWords(name), byExpressions(name), JSON.stringify(name));
      }
    }
    assert.equal(differ, 0);
    assert.equal(normaliseName('S.A. Farms  Falferez'), 'falferez farms');
  });
});

/** How alike two normalised names are, by the definition: the better of the whole names' and the words' bigram likeness. */
function likenessByDefinition(a: string, b: string): number {
  const [wa, wb] = [a.split(' '), b.split(' ')];
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  let sum = 0;
  for (const w of short) sum += Math.max(...long.map((x) => dice(w, x)));
  return Math.max(dice(a, b), sum / long.length);
}

describe('two names\' likeness', () => {
  it('is the better of the whole names\' and the words\' bigram likeness, from each name\'s bigrams worked out once', () => {
    const keys = [...new Set([...names(3_000, 11)].map((n) => normaliseName(n)).filter((k): k is string => Boolean(k)))];
    keys.push('acme industrial', 'industrial acme', 'acme industries', 'a', 'ab ab', 'zz9 zz9 zz9');
    let compared = 0;
    for (let i = 0; i < keys.length; i++) {
      for (let j = i; j < keys.length; j += 7) {
        const [a, b] = [keys[i]!, keys[j]!];
        assert.equal(keySimilarity(a, b), likenessByDefinition(a, b), `${a} / ${b}`);
        assert.equal(shapeSimilarity(a, keyShape(a), b, keyShape(b)), likenessByDefinition(a, b));
        compared += 1;
      }
    }
    assert.ok(compared > 10_000);
    assert.equal(keySimilarity('acme industrial', 'industrial acme'), 1);
  });
});
