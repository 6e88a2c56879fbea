// A ZIP archive read from its central directory (enough for an .xlsx workbook): stored and deflated entries, each
// checked against its declared size and CRC-32. Hostile archives are refused before anything large is inflated: ZIP64
// and encrypted entries, more than `maxEntries` entries, declared sizes summing past `maxTotal`, an entry inflating past
// its declared size (it is never inflated further), or a compression ratio beyond `maxRatio` on an entry of over 1 MB.
import { crc32, inflateRawSync } from 'node:zlib';

export class ZipError extends Error {}

export interface ZipLimits { maxEntries: number; maxTotal: number; maxRatio: number }
export const ZIP_LIMITS: ZipLimits = { maxEntries: 1_000, maxTotal: 50 * 1024 * 1024, maxRatio: 200 };

interface Entry { name: string; method: number; crc: number; compressed: number; size: number; local: number }
export interface Zip { names: string[]; has(name: string): boolean; read(name: string): Buffer | null }

/** The archive starts with a local file header (PK\x03\x04): how an .xlsx is told from a CSV. */
export const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

function endRecord(b: Buffer): number {
  for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 65_535; i--) if (b.readUInt32LE(i) === 0x06054b50) return i;
  throw new ZipError('not a ZIP archive: no end of central directory');
}

export function openZip(b: Buffer, limits: ZipLimits = ZIP_LIMITS): Zip {
  const end = endRecord(b);
  if (end >= 20 && b.readUInt32LE(end - 20) === 0x07064b50) throw new ZipError('ZIP64 archives are not read');
  const count = b.readUInt16LE(end + 10);
  const cdSize = b.readUInt32LE(end + 12);
  const cdAt = b.readUInt32LE(end + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdAt === 0xffffffff) throw new ZipError('ZIP64 archives are not read');
  if (count > limits.maxEntries) throw new ZipError(`the archive holds ${count} entries, more than ${limits.maxEntries}`);
  if (cdAt + cdSize > end) throw new ZipError('the central directory lies outside the archive');
  const entries = new Map<string, Entry>();
  let total = 0;
  for (let i = 0, p = cdAt; i < count; i++) {
    if (p + 46 > end || b.readUInt32LE(p) !== 0x02014b50) throw new ZipError(`central directory entry ${i + 1} is broken`);
    const flags = b.readUInt16LE(p + 8);
    const e: Entry = { method: b.readUInt16LE(p + 10), crc: b.readUInt32LE(p + 16), compressed: b.readUInt32LE(p + 20), size: b.readUInt32LE(p + 24),
      local: b.readUInt32LE(p + 42), name: '' };
    const nameLen = b.readUInt16LE(p + 28);
    e.name = b.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    if (flags & 0x41) throw new ZipError(`${e.name} is encrypted`);
    if (e.compressed === 0xffffffff || e.size === 0xffffffff || e.local === 0xffffffff) throw new ZipError('ZIP64 archives are not read');
    total += e.size;
    if (total > limits.maxTotal) throw new ZipError(`the archive would inflate past ${limits.maxTotal} bytes`);
    if (e.size > 1024 * 1024 && e.size > e.compressed * limits.maxRatio) throw new ZipError(`${e.name} inflates more than ${limits.maxRatio} times`);
    entries.set(e.name, e);
    p += 46 + nameLen + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  return {
    names: [...entries.keys()],
    has: (name) => entries.has(name),
    read(name) {
      const e = entries.get(name);
      if (!e) return null;
      if (e.local + 30 > b.length || b.readUInt32LE(e.local) !== 0x04034b50) throw new ZipError(`${name}: its local header is missing`);
      const start = e.local + 30 + b.readUInt16LE(e.local + 26) + b.readUInt16LE(e.local + 28);
      if (start + e.compressed > b.length) throw new ZipError(`${name} runs past the end of the archive`);
      const raw = b.subarray(start, start + e.compressed);
      let data: Buffer;
      if (e.method === 0) data = raw;
      else if (e.method === 8) {
        try { data = inflateRawSync(raw, { maxOutputLength: Math.max(e.size, 1) }); } catch (err) {
          throw new ZipError(`${name} does not inflate to its declared ${e.size} bytes (${(err as Error).message})`);
        }
      } else throw new ZipError(`${name} uses compression method ${e.method}, not stored or deflate`);
      if (data.length !== e.size) throw new ZipError(`${name} holds ${data.length} bytes, not the ${e.size} its header declares`);
      if (crc32(data) !== e.crc) throw new ZipError(`${name} fails its CRC-32 check`);
      return data;
    },
  };
}
