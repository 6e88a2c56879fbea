// The opt-out phrases stay cheap to compile and read exactly as their plain forms: irregexp unrolls a non-capturing
// group repeated at most three times (or made optional) into that many copies of it, which with a word list of a
// hundred alternatives cost tens of milliseconds of CPU per expression on a process's first reply (words.ts, upTo).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { corpusExamples } from '../../agent/corpus/index.ts';
import { loadEvalSets } from '../../agent/eval/sets.ts';
import { PHRASES } from './phrases.ts';
import { sentences } from './text.ts';

/** The same expression with every group non-capturing: what the phrases were written as before upTo. */
const plain = (re: RegExp) => new RegExp(re.source.replace(/(?<!\\)\((?!\?)/g, '(?:'));

/** Where a non-capturing group closes, from the index of its "(". */
function closing(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === '(') depth++;
    else if (source[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The non-capturing groups of many alternatives an expression makes optional or repeats at most three times. */
function unrolled(source: string): string[] {
  const found: string[] = [];
  for (let open = source.indexOf('(?:'); open >= 0; open = source.indexOf('(?:', open + 1)) {
    const end = closing(source, open);
    const group = source.slice(open, end + 1);
    const small = /^(?:\?|\{0,[123]\}|\{[0-3],[1-3]\})/.test(source.slice(end + 1));
    if (small && group.split('|').length > 20) found.push(`${group.slice(0, 40)}... ${source.slice(end + 1, end + 6)}`);
  }
  return found;
}

describe('the opt-out phrases as compiled', () => {
  it('repeat no big word list through a non-capturing group irregexp would unroll', () => {
    assert.deepEqual(PHRASES.flatMap((p, i) => unrolled(p.re.source).map((g) => `PHRASES[${i}]: ${g}`)), []);
    const list = Array.from({ length: 30 }, (_, i) => `w${i}`).join('|');
    assert.equal(unrolled(`\\bstop (?:(?:${list}) ){0,3}calls`).length, 1, 'the check finds one');
    assert.equal(unrolled(`\\bstop ((?:${list}) ){0,3}calls`).length, 0, 'a capturing group is a loop');
  });

  const twins = PHRASES.map((p) => plain(p.re));
  const same = (clause: string) => PHRASES.forEach((p, i) => {
    const a = p.re.exec(clause), b = twins[i]!.exec(clause);
    assert.deepEqual(a && [a.index, a[0]], b && [b.index, b[0]], `PHRASES[${i}] on "${clause}"`);
  });

  it('match where their plain forms match, on every clause of the labelled messages', () => {
    assert.ok(twins.some((t, i) => t.source !== PHRASES[i]!.re.source), 'some phrase has a capturing group');
    for (const c of [...corpusExamples(), ...loadEvalSets()]) for (const s of sentences(c.text)) for (const clause of [s.text, ...s.clauses]) same(clause);
  });

  it('match where their plain forms match, on random sequences of their own words', () => {
    const words = [...new Set(PHRASES.flatMap((p) => p.re.source.split(/[^a-z]+/)).filter((w) => w.length > 0)), 'x', 'not', 'to'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 14 }), (ws) => same(ws.join(' '))), { numRuns: 3000, seed: 12 });
  });
});
