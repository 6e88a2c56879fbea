// A Bloom filter of strings: says "maybe" for every string added and "no" for nearly all others, in about 10 bits a string.
const HASHES = 7;
const BITS_PER_ITEM = 10;

/** Two independent 32-bit hashes of a string (FNV-1a and a multiplicative one), combined for the k probes. */
function hashes(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, (b | 1) >>> 0];
}

export class BloomFilter {
  private readonly bits: Uint32Array;
  private readonly size: number;
  /** Strings added (counting repeats). */
  added = 0;

  /** Sized for `capacity` strings at about 1% false positives. */
  constructor(readonly capacity: number) {
    this.size = Math.max(1024, Math.ceil(capacity * BITS_PER_ITEM / 32) * 32);
    this.bits = new Uint32Array(this.size / 32);
  }

  add(s: string): void {
    const [a, b] = hashes(s);
    for (let i = 0; i < HASHES; i++) {
      const bit = (a + Math.imul(i, b)) >>> 0;
      const at = bit % this.size;
      this.bits[at >>> 5]! |= 1 << (at & 31);
    }
    this.added += 1;
  }

  /** False only for a string never added. */
  has(s: string): boolean {
    const [a, b] = hashes(s);
    for (let i = 0; i < HASHES; i++) {
      const bit = (a + Math.imul(i, b)) >>> 0;
      const at = bit % this.size;
      if (!(this.bits[at >>> 5]! & (1 << (at & 31)))) return false;
    }
    return true;
  }
}
