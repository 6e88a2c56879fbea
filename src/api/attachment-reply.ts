// A stored file sent back as a download, whoever asks for it (staff or the debtor): a type from the upload list or
// application/octet-stream, never shown inline, never sniffed, never cached, under a name safe for the header.
import type { FastifyReply } from 'fastify';
import { ATTACHMENT_TYPES, safeFilename } from '../payments/index.ts';

/** RFC 5987 attr-chars kept; everything else percent-encoded as UTF-8 (encodeURIComponent leaves ' ( ) * as they are). */
const extValue = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `attachment` with a plain ASCII filename, and, when the name is not plain ASCII, filename* in UTF-8 (RFC 6266). */
export function attachmentDisposition(name: string): string {
  const safe = safeFilename(name);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_');
  return ascii === safe ? `attachment; filename="${ascii}"` : `attachment; filename="${ascii}"; filename*=UTF-8''${extValue(safe)}`;
}

/** The type to send for a stored one: itself when it is an upload type, otherwise plain bytes. */
export const safeContentType = (stored: string) => {
  const type = stored.split(';')[0]!.trim().toLowerCase();
  return ATTACHMENT_TYPES.includes(type) ? type : 'application/octet-stream';
};

export function sendAttachment(reply: FastifyReply, file: { filename: string; contentType: string; data: Buffer }) {
  return reply.type(safeContentType(file.contentType)).header('x-content-type-options', 'nosniff')
    .header('content-disposition', attachmentDisposition(file.filename)).header('cache-control', 'private, no-store').send(file.data);
}
