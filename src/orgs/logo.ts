// The org's logo for the debtor's statement: a PNG or JPEG of at most 512 KB and 4096 pixels a side, its type told by
// its bytes (not by what the client says), its structure walked to the end (a truncated or corrupt file is refused) and
// its pixel size read from its header; kept in the database, one per org, each change audited.
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import type { Queryable } from '../db/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { recordAudit } from '../audit/index.ts';

export const LOGO_MAX_BYTES = 512 * 1024;
export const LOGO_MAX_SIDE = 4096;

export interface OrgLogo { content_type: 'image/png' | 'image/jpeg'; width: number; height: number; data: Buffer }
export interface OrgLogoInfo { content_type: OrgLogo['content_type']; width: number; height: number; size: number; sha256: string; updated_at: string }

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
/** PNG's chunk checksum (zlib.crc32 is Node 22's). */
export function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = (CRC_TABLE[(c ^ x) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The bytes the PNG's filtered scanlines take once inflated: one filter byte per row, per Adam7 pass when interlaced. */
function pngRawSize(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number {
  const rows = (w: number, h: number) => (w > 0 && h > 0 ? h * (1 + Math.ceil((w * bitsPerPixel) / 8)) : 0);
  if (!interlaced) return rows(width, height);
  const passes = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;
  return passes.reduce((sum, [x0, y0, dx, dy]) => sum + rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)), 0);
}

type Decoded = Result<{ width: number; height: number }>;
const bad = (message: string): Decoded => fail('VALIDATION_FAILED', message, 'logo');

function decodePng(b: Buffer): Decoded {
  let pos = 8;
  let header: { width: number; height: number; bits: number; interlaced: boolean } | null = null;
  const idat: Buffer[] = [];
  for (;;) {
    if (pos + 12 > b.length) return bad('the PNG is cut short (no IEND chunk)');
    const length = b.readUInt32BE(pos);
    const type = b.toString('latin1', pos + 4, pos + 8);
    if (pos + 12 + length > b.length) return bad(`the PNG is cut short (its ${type} chunk runs past the end)`);
    const data = b.subarray(pos + 8, pos + 8 + length);
    if (crc32(b.subarray(pos + 4, pos + 8 + length)) !== b.readUInt32BE(pos + 8 + length)) return bad(`the PNG's ${type} chunk is corrupt (CRC)`);
    if (!header && type !== 'IHDR') return bad('the PNG does not start with its IHDR chunk');
    if (type === 'IHDR') {
      if (length !== 13 || header) return bad('the PNG header (IHDR) is malformed');
      const channels = PNG_CHANNELS[data[9] ?? -1];
      if (!channels || ![1, 2, 4, 8, 16].includes(data[8] ?? 0)) return bad('the PNG has an unknown colour type or bit depth');
      header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bits: channels * (data[8] ?? 0), interlaced: data[12] === 1 };
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + length;
    if (type === 'IEND') break;
  }
  if (!header || !idat.length) return bad('the PNG has no image data');
  let raw: Buffer;
  try { raw = inflateSync(Buffer.concat(idat)); } catch { return bad('the PNG\'s image data does not decode'); }
  if (raw.length !== pngRawSize(header.width, header.height, header.bits, header.interlaced)) return bad('the PNG\'s image data does not match its size (truncated or corrupt)');
  return ok({ width: header.width, height: header.height });
}

// start-of-frame markers: C0-CF but C4 (Huffman tables), C8 (reserved) and CC (arithmetic conditioning)
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function decodeJpeg(b: Buffer): Decoded {
  let pos = 2;
  let size: { width: number; height: number } | null = null;
  let scans = 0;
  while (pos < b.length) {
    if (b[pos] !== 0xff) return bad('the JPEG is malformed (a segment does not start with a marker)');
    const m = b[pos + 1] ?? -1;
    if (m === 0xff) { pos++; continue; }
    if (m === 0xd9) return size && scans ? ok(size) : bad('the JPEG has no frame or no scan');
    if (m === -1 || pos + 4 > b.length) break;
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd7)) { pos += 2; continue; }
    const length = b.readUInt16BE(pos + 2);
    if (length < 2 || pos + 2 + length > b.length) break;
    if (isSof(m)) {
      if (length < 8) return bad('the JPEG frame header is malformed');
      size = { height: b.readUInt16BE(pos + 5), width: b.readUInt16BE(pos + 7) };
    }
    pos += 2 + length;
    if (m === 0xda) {
      scans++;
      // the entropy-coded data runs to the next marker that is not a stuffed byte (FF00) nor a restart (FFD0-D7)
      while (pos + 1 < b.length && !(b[pos] === 0xff && b[pos + 1] !== 0 && !((b[pos + 1] ?? 0) >= 0xd0 && (b[pos + 1] ?? 0) <= 0xd7))) pos++;
      if (pos + 1 >= b.length) break;
    }
  }
  return bad('the JPEG is cut short (no end-of-image marker)');
}

/** The logo's type by its magic bytes, and its pixel size, once its whole structure has been read; the failure names the field `logo`. */
export function checkLogo(data: Buffer): Result<{ content_type: OrgLogo['content_type']; width: number; height: number }> {
  if (data.length === 0) return fail('VALIDATION_FAILED', 'the logo is empty', 'logo');
  if (data.length > LOGO_MAX_BYTES) return fail('VALIDATION_FAILED', `the logo is over ${LOGO_MAX_BYTES / 1024} KB (${data.length} bytes)`, 'logo');
  const png = data.subarray(0, 8).equals(PNG_SIGNATURE);
  const jpeg = data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
  if (!png && !jpeg) return fail('VALIDATION_FAILED', 'the logo must be a PNG or JPEG image', 'logo');
  const decoded = png ? decodePng(data) : decodeJpeg(data);
  if (!decoded.ok) return decoded;
  const { width, height } = decoded.value;
  if (width < 1 || height < 1 || width > LOGO_MAX_SIDE || height > LOGO_MAX_SIDE) {
    return fail('VALIDATION_FAILED', `the logo is ${width}×${height} pixels: each side must be 1 to ${LOGO_MAX_SIDE}`, 'logo');
  }
  return ok({ content_type: png ? 'image/png' : 'image/jpeg', width, height });
}

interface Row { content_type: OrgLogo['content_type']; width: number; height: number; size: number; sha256: string; updated_at: Date | string; data: Uint8Array }

const info = (r: Row): OrgLogoInfo => ({ content_type: r.content_type, width: Number(r.width), height: Number(r.height), size: Number(r.size), sha256: r.sha256,
  updated_at: new Date(r.updated_at).toISOString() });

/** The org's logo with its bytes, or null. */
export async function getOrgLogo(q: Queryable, orgId: string): Promise<OrgLogo | null> {
  const [r] = await q.query<Row>('SELECT content_type, width, height, data FROM org_logos WHERE org_id = $1', [orgId]);
  return r ? { content_type: r.content_type, width: Number(r.width), height: Number(r.height), data: Buffer.from(r.data) } : null;
}

/** The logos of several orgs in one statement (a send batch's), by org id, each with its size and hash; an org without one is absent. */
export async function getOrgLogos(q: Queryable, orgIds: readonly string[]): Promise<Map<string, OrgLogo & { size: number; sha256: string }>> {
  if (orgIds.length === 0) return new Map();
  const rows = await q.query<Row & { org_id: string }>('SELECT org_id, content_type, width, height, size, sha256, data FROM org_logos WHERE org_id = ANY($1::text[])',
    [[...new Set(orgIds)]]);
  return new Map(rows.map((r) => [r.org_id, { content_type: r.content_type, width: Number(r.width), height: Number(r.height), data: Buffer.from(r.data),
    size: Number(r.size), sha256: r.sha256 }]));
}

/** What the org's logo is (type, pixel size, bytes, hash), without its bytes; null when it has none. */
export async function getOrgLogoInfo(q: Queryable, orgId: string): Promise<OrgLogoInfo | null> {
  const [r] = await q.query<Row>('SELECT content_type, width, height, size, sha256, updated_at FROM org_logos WHERE org_id = $1', [orgId]);
  return r ? info(r) : null;
}

/** Sets (or replaces) the org's logo once checked. */
export async function setOrgLogo(q: Queryable, orgId: string, actor: string, data: Buffer, now: Date): Promise<Result<OrgLogoInfo>> {
  const checked = checkLogo(data);
  if (!checked.ok) return checked;
  const { content_type, width, height } = checked.value;
  const sha256 = createHash('sha256').update(data).digest('hex');
  await q.query(
    `INSERT INTO org_logos (org_id, content_type, width, height, size, sha256, data, updated_at, updated_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
     ON CONFLICT (org_id) DO UPDATE SET content_type = EXCLUDED.content_type, width = EXCLUDED.width, height = EXCLUDED.height, size = EXCLUDED.size,
       sha256 = EXCLUDED.sha256, data = EXCLUDED.data, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [orgId, content_type, width, height, data.length, sha256, data, now, actor]);
  await recordAudit(q, { orgId, actor, action: 'org.logo_set', entity: 'org', entityId: orgId, data: { content_type, width, height, size: data.length, sha256 } }, now);
  return ok({ content_type, width, height, size: data.length, sha256, updated_at: now.toISOString() });
}

/** Removes the org's logo; false when there was none. */
export async function removeOrgLogo(q: Queryable, orgId: string, actor: string, now: Date): Promise<boolean> {
  const gone = await q.query<{ org_id: string }>('DELETE FROM org_logos WHERE org_id = $1 RETURNING org_id', [orgId]);
  if (gone.length) await recordAudit(q, { orgId, actor, action: 'org.logo_removed', entity: 'org', entityId: orgId, data: {} }, now);
  return gone.length > 0;
}
