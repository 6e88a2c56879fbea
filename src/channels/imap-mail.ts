// One email read from a mailbox, as cobro takes it: a delivery status notification (about a message cobro sent; also one
// forwarded inside a message/rfc822 attachment), an automatic reply (kept, not answered), or a reply from the debtor (the new words only); parsed with mailparser.
import { simpleParser, type AddressObject, type HeaderValue, type ParsedMail } from 'mailparser';
import { bracketed } from './mailgun.ts';
import { messageIds, readDeliveryReport, reportOutcome, type ReportOutcome } from './dsn.ts';
import { stripQuotedText } from './email-quotes.ts';
import { replyWithKeyword } from './inbound.ts';
import { mimeFiles } from './email-files.ts';
import { automaticBy } from './automatic.ts';
import type { EmailFile, InboundEvent } from './types.ts';

/** Where the mail sits: the id when it has no Message-ID. */
export interface MailboxRef { mailbox: string; uidValidity: string; uid: number }

export type MailRead =
  | { kind: 'report'; eventId: string; at?: Date; outcome: ReportOutcome; recipient?: string; refs: { messageIds: string[]; actionId?: string } }
  | { kind: 'reply' | 'automatic'; eventId: string; at?: Date; from: string; to: string; text: string; refs: { messageIds: string[] }; why?: string;
      /** The first Message-ID of its In-Reply-To. */ inReplyTo?: string;
      /** A reply's files (an automatic reply's are not kept). */ files?: EmailFile[] }
  | { kind: 'unreadable'; eventId: string; note: string };

function header(mail: ParsedMail, name: string): string | undefined {
  const v: HeaderValue | undefined = mail.headers.get(name);
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'value' in v && typeof v.value === 'string') return v.value;
  return mail.headers.has(name) ? '' : undefined;
}

function structured(v: HeaderValue | undefined): { value: string; params: Record<string, string> } | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v) || !('value' in v) || typeof v.value !== 'string' || !('params' in v)) return undefined;
  return { value: v.value, params: v.params as Record<string, string> };
}

function firstAddress(a: AddressObject | AddressObject[] | undefined): string {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  return (list.flatMap((x) => x.value).find((v) => v.address)?.address ?? '').trim().toLowerCase();
}

/** Why a mail is automatic (src/channels/automatic.ts), or undefined. */
export function automaticBecause(mail: ParsedMail): string | undefined {
  return automaticBy((name) => header(mail, name), mail.subject);
}

function refsOf(mail: ParsedMail): string[] {
  const refs = Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [];
  return [...new Set([...messageIds(mail.inReplyTo), ...refs.flatMap((r) => messageIds(r))].reverse())];
}

/** The delivery status notification a mail is (multipart/report; report-type=delivery-status), or null. */
function reportIn(mail: ParsedMail, source: Buffer, eventId: string, at: { at?: Date }): MailRead | null {
  const ct = structured(mail.headers.get('content-type'));
  if (ct?.value.toLowerCase() !== 'multipart/report' || (ct.params['report-type'] ?? '').toLowerCase() !== 'delivery-status' || !ct.params['boundary']) return null;
  const report = readDeliveryReport(source.toString('utf8'), ct.params['boundary']);
  if (!report) return null;
  const failed = report.recipients.find((r) => r.action === 'failed') ?? report.recipients[0];
  return { kind: 'report', eventId, ...at, outcome: reportOutcome(report), ...(failed?.recipient ? { recipient: failed.recipient } : {}),
    refs: { messageIds: [...new Set([...report.original.messageIds, ...refsOf(mail)])], ...(report.original.actionId ? { actionId: report.original.actionId } : {}) } };
}

/**
 * Reads a fetched email. `limitBytes` bounds the HTML converted to text. `ref` names it when it has no Message-ID: where
 * it sits in the mailbox, or an id its poster gives it (SendGrid's raw Inbound Parse: the hash of the post).
 */
export async function readMail(source: Buffer, ref: MailboxRef | { fallbackId: string }, limitBytes: number): Promise<MailRead> {
  const fallbackId = 'fallbackId' in ref ? ref.fallbackId : `imap:${ref.mailbox}:${ref.uidValidity}:${ref.uid}`;
  let mail: ParsedMail;
  try {
    mail = await simpleParser(source, { maxHtmlLengthToParse: limitBytes, skipImageLinks: true });
  } catch (e) {
    return { kind: 'unreadable', eventId: fallbackId, note: `not a readable email: ${(e as Error).message}`.slice(0, 500) };
  }
  const eventId = mail.messageId ? bracketed(mail.messageId) : fallbackId;
  const at = mail.date && !Number.isNaN(mail.date.getTime()) ? { at: mail.date } : {};
  const own = reportIn(mail, source, eventId, at);
  if (own) return own;
  // a report forwarded as an attachment (message/rfc822, e.g. by the relay's bounce box or a person): read as one, under
  // its own Message-ID so that the same report come directly is kept once
  for (const part of mail.attachments.filter((a) => a.contentType.toLowerCase() === 'message/rfc822').slice(0, 3)) {
    const inner = await simpleParser(part.content, { maxHtmlLengthToParse: limitBytes, skipImageLinks: true }).catch(() => null);
    const innerAt = inner?.date && !Number.isNaN(inner.date.getTime()) ? { at: inner.date } : at;
    const forwarded = inner ? reportIn(inner, part.content, inner.messageId ? bracketed(inner.messageId) : eventId, innerAt) : null;
    if (forwarded) return forwarded;
  }
  const from = firstAddress(mail.from);
  const text = stripQuotedText(mail.text ?? '').slice(0, 10_000);
  if (!from) return { kind: 'unreadable', eventId, note: 'no sender address' };
  const why = automaticBecause(mail);
  const files = why ? [] : mimeFiles(mail.attachments);
  const inReplyTo = messageIds(mail.inReplyTo)[0];
  return { kind: why ? 'automatic' : 'reply', eventId, ...at, from, to: firstAddress(mail.to), text, refs: { messageIds: refsOf(mail) }, ...(why ? { why } : {}),
    ...(inReplyTo ? { inReplyTo } : {}), ...(files.length ? { files } : {}) };
}

/**
 * The inbound events of a read mail, given the provider message id of cobro's email it is about (found by the caller
 * among the mail's references). A report of no known message, or one that changes nothing, gives none.
 */
export function mailEvents(read: MailRead, answered: string | undefined): InboundEvent[] {
  if (read.kind === 'unreadable') return [];
  const at = read.at ? { at: read.at } : {};
  if (read.kind === 'report') {
    const o = read.outcome;
    if (!answered || o.state === null) return [];
    const base = { type: 'delivery' as const, provider: 'imap', eventId: read.eventId, providerMessageId: answered, ...at };
    if (o.state === 'delivered') return [{ ...base, state: 'delivered' }];
    return [{ ...base, state: o.state, error: { kind: o.permanent ? 'permanent' : 'temporary', code: o.code, message: o.message,
      ...(o.permanent ? { contact: 'bounced' as const } : {}) } }];
  }
  if (!read.text && !read.files?.length) return [];
  const reply = { type: 'reply' as const, provider: 'imap', eventId: read.eventId, channel: 'email' as const, providerMessageId: read.eventId,
    from: read.from, to: read.to, text: read.text, ...(answered ? { inReplyTo: answered } : {}), ...at, ...(read.files?.length ? { files: read.files } : {}),
    ...(read.kind === 'automatic' ? { automatic: read.why ?? 'an automatic reply' } : {}) };
  return replyWithKeyword(reply);
}
