// The files an email reply carries, as cobro takes them: Mailgun's forwarded `attachment-N` parts (those named in its
// `content-id-map` are shown inline in the mail) and a mailbox mail's MIME parts. An inline image under 2 KB (a logo in
// the sender's signature, a spacer) is left out so that signatures do not flood the reply's files; everything else is
// kept or refused by the same rules as WhatsApp's files, at most ten a mail.
import type { Attachment } from 'mailparser';
import { formFields, formFiles } from './form.ts';
import type { EmailFile, RawRequest } from './types.ts';

/** An inline image smaller than this is a signature's logo or a spacer, not a receipt: left out. */
export const INLINE_IMAGE_SKIP_BYTES = 2048;
/** At most this many files of one mail are kept (as a WhatsApp or MMS reply's). */
export const EMAIL_FILES_MAX = 10;

/** The files worth a row: small inline images left out, the first ten of the rest. */
export function keptEmailFiles(files: readonly EmailFile[]): EmailFile[] {
  return files.filter((f) => !(f.inline && f.data.length < INLINE_IMAGE_SKIP_BYTES && (f.contentType ?? '').toLowerCase().startsWith('image/')))
    .slice(0, EMAIL_FILES_MAX);
}

function contentIdMap(raw: string | undefined): Set<string> {
  try {
    const map = JSON.parse(raw ?? '{}') as unknown;
    return new Set(typeof map === 'object' && map !== null ? Object.values(map).filter((v): v is string => typeof v === 'string') : []);
  } catch { return new Set(); }
}

/** Mailgun's forwarded files (`attachment-1` .. `attachment-N`, multipart/form-data): read only once the signature holds. */
export function mailgunFiles(req: RawRequest): EmailFile[] {
  const type = req.headers['content-type'];
  const inline = contentIdMap(formFields(req.body, type)['content-id-map']);
  return keptEmailFiles(formFiles(req.body, type).filter((f) => /^attachment-\d+$/.test(f.field)).map((f) => ({
    ...(f.filename ? { filename: f.filename.slice(0, 200) } : {}), ...(f.contentType ? { contentType: f.contentType.slice(0, 200) } : {}),
    data: f.data, inline: inline.has(f.field) })));
}

/** A mailbox mail's files as mailparser gives them (message/rfc822 parts are read as reports, not kept as files). */
export function mimeFiles(attachments: readonly Attachment[]): EmailFile[] {
  return keptEmailFiles(attachments.filter((a) => a.contentType.toLowerCase() !== 'message/rfc822').map((a) => ({
    ...(a.filename ? { filename: a.filename.slice(0, 200) } : {}), contentType: a.contentType.slice(0, 200), data: a.content,
    inline: a.contentDisposition === 'inline' || a.related === true || Boolean(a.cid) })));
}

/**
 * A mail read from a mailbox as the inbox keeps it when its files were kept apart: its header block, and a line saying
 * where the rest went (the words are in the stored event, the files in inbound_attachments, sealed when the org says so).
 */
export function mailWithoutFiles(source: Buffer, files: number): Buffer {
  const crlf = source.indexOf('\r\n\r\n');
  const lf = source.indexOf('\n\n');
  const end = crlf !== -1 && (lf === -1 || crlf < lf) ? crlf : lf;
  const headers = end === -1 ? source : source.subarray(0, end);
  return Buffer.concat([headers, Buffer.from(`\r\n\r\n[the body and its ${files} ${files === 1 ? 'file' : 'files'} are kept apart: the words in the event, the files with the reply]\r\n`)]);
}
