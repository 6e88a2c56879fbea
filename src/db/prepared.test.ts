// arrayLiteral writes flat arrays as node-postgres itself would (the same text reaches PostgreSQL), and leaves the rest to it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { arrayLiteral, statement } from './prepared.ts';

const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue: (v: unknown) => unknown };

describe('arrayLiteral', () => {
  it('gives node-postgres\'s own literal for arrays of strings, numbers and booleans', () => {
    const element = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constantFrom('', ' ', 'a,b', '{x}', 'NULL'));
    fc.assert(fc.property(fc.array(element, { maxLength: 20 }), (xs) => {
      const mine = arrayLiteral(xs);
      if (mine !== null) assert.equal(mine, prepareValue(xs), JSON.stringify(xs));
      else assert.ok(xs.some((x) => typeof x === 'string' && /["\\]/.test(x)), `refused ${JSON.stringify(xs)}`);
    }), { numRuns: 2000 });
    assert.equal(arrayLiteral([]), '{}');
    assert.equal(arrayLiteral(['msg_1', 'msg_2']), '{"msg_1","msg_2"}');
    assert.equal(arrayLiteral([3, -0, 1.5]), '{"3","0","1.5"}');
  });

  it('leaves what it does not write to node-postgres: quotes, backslashes, nulls, nested arrays, dates, objects', () => {
    for (const xs of [['a"b'], ['a\\b'], ['a', null], [['a']], [new Date(0)], [{ a: 1 }], [undefined]]) assert.equal(arrayLiteral(xs), null, JSON.stringify(xs));
    const q = statement('SELECT $1, $2, $3', [['a', 'b'], ['x"y'], 5], 'n');
    assert.deepEqual(q.values, ['{"a","b"}', ['x"y'], 5]);
    assert.equal(q.name, 'n');
  });
});
