// Turning statement bytes into text: BOMs, UTF-8 or a guessed legacy code page, line endings.
import iconv from 'iconv-lite';

const LEGACY_CANDIDATES = ['windows-1252', 'cp852', 'windows-1250', 'cp866', 'windows-1251'] as const;

/**
 * Decodes statement bytes. An explicit encoding wins; then a BOM; then strict UTF-8; otherwise the
 * legacy code page whose decoding yields the most letters among the non-ASCII characters.
 */
export function decodeBytes(bytes: Buffer, encoding?: string): string {
  if (encoding && iconv.encodingExists(encoding)) return stripBom(iconv.decode(bytes, encoding));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), 'utf-16be');
  try {
    return stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return guessLegacy(bytes);
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function guessLegacy(bytes: Buffer): string {
  let best = '';
  let bestScore = -Infinity;
  for (const cp of LEGACY_CANDIDATES) {
    const text = iconv.decode(bytes, cp);
    const score = letterScore(text);
    if (score > bestScore) { best = text; bestScore = score; }
  }
  return best;
}

/** Letters count for a code page, anything else (box drawing, C1 controls, typographic marks) against it. */
function letterScore(text: string): number {
  let score = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) continue;
    score += /\p{L}/u.test(ch) ? 1 : -2;
  }
  return score;
}

/** Normalises CRLF and lone CR to LF and drops control bytes other than tab and newline (SOH, ETX, NUL). */
export function normaliseLines(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Collapses runs of whitespace and trims; empty text becomes null. */
export function clean(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const s = text.replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
}
