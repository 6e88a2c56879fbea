import { it } from 'node:test';
import assert from 'node:assert/strict';
import { newId, hasPrefix } from './ids.ts';

it('makes prefixed ids that are unique and sort by creation', () => {
  const ids = Array.from({ length: 20_000 }, (_, i) => newId('invoice', 1_700_000_000_000 + Math.floor(i / 100)));
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual([...ids].sort(), ids);
  assert.ok(ids.every((id) => hasPrefix(id, 'invoice') && /^inv_[0-9a-z]{22}$/.test(id)));
});
