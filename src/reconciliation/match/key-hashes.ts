// Hashes of reference keys kept as bits: a text's keys are hashed as they are read, piece by piece, and only a key whose
// hash is among those of the stored keys is made into a string and looked up (most keys of a text name no invoice).

/** FNV-1a over a string's UTF-16 units, going on from `h` (`hashOn(hashOn(HASH_START, a), b)` is the hash of `a + b`). */
export function hashOn(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** The hash of one more character code. */
export const hashChar = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193);

export const HASH_START = 0x811c9dc5;

/** 32-bit hashes as bits, two per hash: "no" for a hash never added, "maybe" for about 1.4% of others at 16 bits a hash. */
export class HashBits {
  private readonly bits: Uint32Array;
  private readonly shift: number;
  /** Hashes added (counting repeats). */
  added = 0;

  /** Room for `capacity` hashes at 16 bits each (a power of two of bits, at least 2^16). */
  constructor(readonly capacity: number) {
    const log = Math.max(16, Math.ceil(Math.log2(Math.max(1, capacity) * 16)));
    this.bits = new Uint32Array(2 ** (log - 5));
    this.shift = 32 - log;
  }

  add(h: number): void {
    const a = Math.imul(h, 0x9e3779b1) >>> this.shift;
    const b = Math.imul(h ^ (h >>> 15), 0x85ebca6b) >>> this.shift;
    this.bits[a >>> 5]! |= 1 << (a & 31);
    this.bits[b >>> 5]! |= 1 << (b & 31);
    this.added += 1;
  }

  has(h: number): boolean {
    const a = Math.imul(h, 0x9e3779b1) >>> this.shift;
    if (!(this.bits[a >>> 5]! & (1 << (a & 31)))) return false;
    const b = Math.imul(h ^ (h >>> 15), 0x85ebca6b) >>> this.shift;
    return (this.bits[b >>> 5]! & (1 << (b & 31))) !== 0;
  }
}
