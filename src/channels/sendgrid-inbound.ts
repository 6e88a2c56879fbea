// Mail received by SendGrid's Inbound Parse, posted to /webhooks/sendgrid/{org}/inbound as multipart/form-data in either of
// its two forms: parsed (the default: `from`, `to`, `text`, `headers`, `attachments`, `attachment-info` and the files
// `attachment1` .. `attachmentN`) or raw ("send raw": the whole MIME message in `email`, read as a mailbox's mail is).
// Signed by the Parse webhook's security policy as the event webhook is signed (ECDSA over the timestamp header then the
// raw body, checked with verifySendGridEvents and the policy's public key) before anything here is read.
import { createHash } from 'node:crypto';
import { bracketed } from './mailgun.ts';
import { stripQuotedText } from './email-quotes.ts';
import { keptEmailFiles } from './email-files.ts';
import { formFieldBytes, formFields, formFiles } from './form.ts';
import { readMail } from './imap-mail.ts';
import { replyWithKeyword } from './inbound.ts';
import { automaticBy, headerBlock } from './automatic.ts';
import type { EmailFile, InboundEvent, RawRequest } from './types.ts';

type Json = Record<string, unknown>;

function json(raw: string | undefined): Json {
  try {
    const v = JSON.parse(raw ?? '{}') as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
  } catch { return {}; }
}

const addressOf = (v: string | undefined) => (/<([^>]+)>/.exec(v ?? '')?.[1] ?? v ?? '').trim().toLowerCase();

/** SendGrid's files: `attachment-info` names each (type, file name, content-id when shown inline). */
function sendGridFiles(req: RawRequest, f: Record<string, string>): EmailFile[] {
  const info = json(f['attachment-info']);
  const inline = new Set(Object.values(json(f['content-ids'])).filter((v): v is string => typeof v === 'string'));
  return keptEmailFiles(formFiles(req.body, req.headers['content-type']).filter((p) => /^attachment\d+$/.test(p.field)).map((p) => {
    const entry = info[p.field];
    const about = (typeof entry === 'object' && entry !== null ? entry : {}) as Json;
    const filename = typeof about['filename'] === 'string' ? about['filename'] : p.filename;
    const type = typeof about['type'] === 'string' ? about['type'] : p.contentType;
    return { ...(filename ? { filename: filename.slice(0, 200) } : {}), ...(type ? { contentType: type.slice(0, 200) } : {}), data: p.data,
      inline: inline.has(p.field) || typeof about['content-id'] === 'string' };
  }));
}

/** A reply received by Inbound Parse: the sender, its new words, the message it answers, and its files. */
export function parseSendGridInbound(req: RawRequest): InboundEvent[] {
  const f = formFields(req.body, req.headers['content-type']);
  const header = headerBlock(f['headers'] ?? '');
  const envelope = json(f['envelope']);
  const from = addressOf(f['from']) || (typeof envelope['from'] === 'string' ? envelope['from'].toLowerCase() : '');
  const own = header('Message-ID') || undefined;
  // a mail with no Message-ID is known by its body: SendGrid's retries of it are the same bytes
  const eventId = own ? bracketed(own) : `sha256:${createHash('sha256').update(req.body).digest('hex')}`;
  const answers = header('In-Reply-To') || undefined;
  const text = stripQuotedText(f['text'] ?? '').slice(0, 10_000).trim();
  const automatic = automaticBy(header, f['subject']);
  // an automatic reply's files are not kept (as a mailbox's)
  const files = automatic ? [] : sendGridFiles(req, f);
  if (!from || (!text && files.length === 0 && !automatic)) return [];
  const date = header('Date');
  const at = date && !Number.isNaN(Date.parse(date)) ? { at: new Date(Date.parse(date)) } : {};
  return replyWithKeyword({
    type: 'reply', provider: 'sendgrid', eventId, channel: 'email', providerMessageId: eventId, from, to: addressOf(f['to']), text,
    ...(answers ? { inReplyTo: bracketed(answers.split(/\s+/)[0]!) } : {}), ...at, ...(files.length ? { files } : {}), ...(automatic ? { automatic } : {}),
  });
}

/** The HTML of a raw mail converted to text up to this many bytes (as a mailbox's default `max_message_bytes`). */
const RAW_HTML_LIMIT = 2_000_000;

/** The whole MIME message of a raw ("send raw") Inbound Parse post, or undefined for the parsed form. */
export function sendGridRawMail(req: RawRequest): Buffer | undefined {
  return formFieldBytes(req.body, req.headers['content-type'], 'email');
}

/**
 * A reply posted raw: the MIME message in `email` read as the mailbox reads mail (its files, small inline images left out,
 * the quoted text removed). An automatic reply is kept as the mailbox keeps it (marked, not answered); a delivery report
 * gives nothing here: it answers no reminder.
 */
export async function parseSendGridRaw(req: RawRequest, mime: Buffer): Promise<InboundEvent[]> {
  const read = await readMail(mime, { fallbackId: `sha256:${createHash('sha256').update(req.body).digest('hex')}` }, RAW_HTML_LIMIT);
  if (read.kind !== 'reply' && read.kind !== 'automatic') return [];
  const envelope = json(formFields(req.body, req.headers['content-type'])['envelope']);
  const from = read.from || (typeof envelope['from'] === 'string' ? envelope['from'].toLowerCase() : '');
  const text = read.text.trim();
  if (!from || (!text && !read.files?.length && read.kind !== 'automatic')) return [];
  return replyWithKeyword({
    type: 'reply', provider: 'sendgrid', eventId: read.eventId, channel: 'email', providerMessageId: read.eventId, from, to: read.to, text,
    ...(read.inReplyTo ? { inReplyTo: read.inReplyTo } : {}), ...(read.at ? { at: read.at } : {}), ...(read.files?.length ? { files: read.files } : {}),
    ...(read.kind === 'automatic' ? { automatic: read.why ?? 'an automatic reply' } : {}),
  });
}
