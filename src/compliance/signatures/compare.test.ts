// Constant-time comparison helpers used by every webhook scheme.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { anyEqual, safeEqual } from './compare.ts';

describe('safeEqual', () => {
  it('says equal strings are equal', () => assert.equal(safeEqual('abc', 'abc'), true));
  it('says strings of other lengths differ without throwing', () => assert.equal(safeEqual('abc', 'abcd'), false));
  it('says strings that differ in one character differ', () => assert.equal(safeEqual('abc', 'abd'), false));
  it('finds a match among rotating secrets', () => assert.equal(anyEqual(['x', 'y'], 'y'), true));
  it('finds none in an empty list', () => assert.equal(anyEqual([], 'y'), false));
});
