// A dispute's attachment, checked before it is stored: size-limited, one of a few content types, and bytes that really are
// of the type declared (a file's first bytes, not its name, say what it is), with a file name safe to send back.
import { fail, ok, type Result } from '../domain/index.ts';

export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

export interface Attachment { filename: string; contentType: string; data: Buffer }

const starts = (data: Buffer, ...bytes: number[]) => bytes.every((b, i) => data[i] === b);

/** The content types accepted, each with the check its bytes must pass. */
const TYPES: Record<string, (data: Buffer) => boolean> = {
  'application/pdf': (d) => d.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (d) => starts(d, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
  'image/jpeg': (d) => starts(d, 0xff, 0xd8, 0xff),
  'image/gif': (d) => ['GIF87a', 'GIF89a'].includes(d.subarray(0, 6).toString('latin1')),
  'image/webp': (d) => d.subarray(0, 4).toString('latin1') === 'RIFF' && d.subarray(8, 12).toString('latin1') === 'WEBP',
  'text/plain': (d) => !d.includes(0) && Buffer.from(d.toString('utf8'), 'utf8').equals(d),
};

export const ATTACHMENT_TYPES = Object.keys(TYPES);

/** The name without folders or characters that would break a Content-Disposition header, at most 200 characters. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.normalize('NFC').replace(/[\u0000-\u001f\u007f"\\;]/g, '_').trim().slice(0, 200);
  return clean === '' || clean === '.' || clean === '..' ? 'attachment' : clean;
}

export function checkAttachment(a: Attachment): Result<Attachment> {
  const type = a.contentType.split(';')[0]!.trim().toLowerCase();
  const check = TYPES[type];
  if (!check) return fail('VALIDATION_FAILED', `attachments may be ${ATTACHMENT_TYPES.join(', ')}; not ${type || 'an unnamed type'}`, 'attachment.content_type');
  if (a.data.length === 0) return fail('VALIDATION_FAILED', 'the attachment is empty', 'attachment.data');
  if (a.data.length > ATTACHMENT_MAX_BYTES) {
    return fail('VALIDATION_FAILED', `the attachment is ${a.data.length} bytes; at most ${ATTACHMENT_MAX_BYTES} (5 MB)`, 'attachment.data');
  }
  if (!check(a.data)) return fail('VALIDATION_FAILED', `the attachment's bytes are not ${type}`, 'attachment.content_type');
  return ok({ filename: safeFilename(a.filename), contentType: type, data: a.data });
}
