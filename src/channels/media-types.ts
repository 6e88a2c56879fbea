// The files a debtor may send as proof of a payment (a photo of the transfer receipt, a PDF): JPEG, PNG, WebP, HEIC (an
// iPhone's photos) and PDF, each known by its first bytes rather than by the type a provider or the file name says.
const starts = (d: Buffer, ...bytes: number[]) => bytes.every((b, i) => d[i] === b);
const ascii = (d: Buffer, from: number, to: number) => d.subarray(from, to).toString('latin1');

/** HEIF brands an image may carry in its `ftyp` box (HEIC from a phone's camera, and its sequences). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

const CHECKS: Readonly<Record<string, (d: Buffer) => boolean>> = {
  'image/jpeg': (d) => starts(d, 0xff, 0xd8, 0xff),
  'image/png': (d) => starts(d, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
  'image/webp': (d) => ascii(d, 0, 4) === 'RIFF' && ascii(d, 8, 12) === 'WEBP',
  'image/heic': (d) => ascii(d, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(d, 8, 12)),
  'application/pdf': (d) => ascii(d, 0, 5) === '%PDF-',
};

/** The types kept; anything else is refused without being stored. */
export const PROOF_MEDIA_TYPES: readonly string[] = Object.keys(CHECKS);

/** Other names providers give the same types. */
const ALIASES: Readonly<Record<string, string>> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg', 'image/heif': 'image/heic' };

/** A declared type as kept (lower case, no parameters, aliases folded), or null when it is not one of the types kept. */
export function allowedMediaType(declared: string | undefined | null): string | null {
  const t = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  const type = ALIASES[t] ?? t;
  return CHECKS[type] ? type : null;
}

/** The type the bytes are, among those kept (null: none of them). */
export function sniffMediaType(data: Buffer): string | null {
  for (const [type, check] of Object.entries(CHECKS)) if (check(data)) return type;
  return null;
}

/** At most this many bytes are fetched for one file (WhatsApp's images are at most 5 MB, its documents larger). */
export const MEDIA_MAX_BYTES = 10 * 1024 * 1024;

export type MediaCheck = { ok: true; contentType: string } | { ok: false; code: 'TOO_LARGE' | 'TYPE_NOT_ALLOWED' | 'TYPE_MISMATCH'; message: string };

/**
 * Whether a file is kept: at most `maxBytes`, one of the types kept by its first bytes, and (when a type is declared) the
 * type its bytes are. The one rule for files fetched from a provider and files that came inside an email.
 */
export function checkMediaBytes(data: Buffer, declared: string | null, maxBytes: number): MediaCheck {
  if (data.length > maxBytes) return { ok: false, code: 'TOO_LARGE', message: `the file is ${data.length} bytes; at most ${maxBytes} are kept` };
  const sniffed = sniffMediaType(data);
  if (!sniffed) return { ok: false, code: 'TYPE_NOT_ALLOWED', message: 'the file is not a JPEG, PNG, WebP, HEIC or PDF' };
  if (declared && declared !== sniffed) return { ok: false, code: 'TYPE_MISMATCH', message: `the file says ${declared} but its bytes are ${sniffed}` };
  return { ok: true, contentType: sniffed };
}
