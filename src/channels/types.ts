// The one small interface every channel adapter implements, and the receipts, errors and inbound events it speaks.
import type { SignatureCheck } from '../compliance/index.ts';
import type { RenderedMessage } from '../messaging/index.ts';
import type { RateLimit } from './rate.ts';

export type ChannelName = 'email' | 'sms' | 'whatsapp' | 'voice' | 'webhook';

/** What the dispatcher hands an adapter: the rendered message and where it goes. */
export interface OutboundMessage {
  /** Email address, E.164 number, or (webhook) the recipient's id in the customer's app. */
  to: string;
  /** Sender override; the adapter's configured sender otherwise. */
  from?: string;
  rendered: RenderedMessage;
  /** cobro's ids, echoed to providers that carry metadata back (never personal data). */
  refs?: { orgId?: string; caseId?: string; actionId?: string };
}

export interface SendOptions {
  /** Stable across retries of the same action; providers that accept one get it, the rest get ids derived from it. */
  idempotencyKey: string;
}

export type DeliveryState = 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'bounced';

export interface ProviderReceipt {
  provider: string;
  /** The provider's id for the message or call (Twilio SID, Meta wamid, SMTP Message-ID). */
  providerMessageId: string;
  state: DeliveryState;
  acceptedAt: Date;
}

/** What the contact is known to be after a permanent failure, so the dispatcher can mark it. */
export type ContactVerdict = 'invalid' | 'opted_out' | 'bounced' | 'unreachable';

export interface ProviderError {
  /** temporary: retry with backoff (after retryAfterMs when given); permanent: stop and fire the fallback. */
  kind: 'temporary' | 'permanent';
  code: string;
  message: string;
  httpStatus?: number;
  providerCode?: string;
  retryAfterMs?: number;
  contact?: ContactVerdict;
  /** True when the request may have reached the provider (a timeout after sending): the send is uncertain. */
  uncertain?: boolean;
}

export type SendResult = { ok: true; receipt: ProviderReceipt } | { ok: false; error: ProviderError };

/** An inbound HTTP request exactly as received: full public URL (query included), headers in lower case, raw body. */
export interface RawRequest {
  method: string;
  url: string;
  headers: Readonly<Record<string, string | undefined>>;
  body: Buffer;
}

/** A file a reply carries, as the provider names it: Meta's media id, or Twilio's MediaUrlN (its last segment the id). */
export interface MediaRef {
  id: string;
  /** The type the provider says (Meta's mime_type, Twilio's MediaContentTypeN); the bytes are checked when fetched. */
  contentType?: string;
  /** Twilio's MediaUrlN. */
  url?: string;
  /** A WhatsApp document's file name. */
  filename?: string;
}

/** A file that came inside an email reply (Mailgun's attachment-N, a MIME part read from a mailbox): kept when the reply is stored. */
export interface EmailFile {
  filename?: string;
  /** The type the mail says; the bytes are checked when kept. */
  contentType?: string;
  data: Buffer;
  /** Shown in the mail's body (Content-Disposition inline or a Content-ID) rather than attached. */
  inline: boolean;
}

interface EventBase {
  provider: string;
  /** Unique per provider: the inbox stores raw events keyed on (provider, eventId). */
  eventId: string;
  at?: Date;
}

export type InboundEvent =
  | (EventBase & { type: 'delivery'; /** The provider's id of the message ('' when it gave none). */ providerMessageId: string; state: DeliveryState; error?: ProviderError;
      /** cobro's action the provider hands back (Mailgun's user-variables): its message is found by it before the provider's id. */
      sentAction?: string;
      /** A call's length in seconds (Twilio's CallDuration on its completed callback): the call is priced by the minute from it. */
      duration?: number })
  | (EventBase & { type: 'reply'; channel: ChannelName; providerMessageId: string; from: string; to: string; text: string;
      /** The provider's id of the message this answers, when the provider says (email In-Reply-To). */
      inReplyTo?: string;
      /** Speech on a call: how sure the provider's recognition is of `text`, 0 to 1. */
      confidence?: number;
      /** Files sent with it (WhatsApp, MMS): what the worker fetches later (src/worker/inbound/attachment-fetch.ts). */
      media?: MediaRef[];
      /** Files that came inside the email itself: kept when it is stored (src/worker/inbound/email-files.ts), then named in `media`. */
      files?: EmailFile[];
      /** An automatic reply (an out-of-office), with why: kept, not answered, not read for STOP or intent. */
      automatic?: string;
      /** Mailgun store(): the stored message's URL, read by the worker before the reply is applied (src/worker/inbound/mailgun-message.ts). */
      storedMessage?: string;
      /** What the worker did with it before applying it (the stored message read, or why the posted fields were used). */
      note?: string })
  | (EventBase & { type: 'opt_out' | 'opt_in'; channel: ChannelName; from: string; keyword: string; replyEventId: string })
  | (EventBase & { type: 'keypress'; providerMessageId: string; digits: string; /** The debtor's number (called, or calling in). */ debtor: string })
  | (EventBase & { type: 'incoming_call'; /** The call's id. */ providerMessageId: string; /** The caller's number, as the network gave it. */ from: string; to: string })
  | (EventBase & { type: 'dial_ended'; /** The call put through (the caller's). */ providerMessageId: string;
      /** Twilio's DialCallStatus: completed, answered, busy, no-answer, failed, canceled. */ status: string; /** DialCallDuration, seconds. */ duration?: number;
      /** The dialled leg (DialCallSid), whose screening says whether a person took the call. */ leg?: string })
  | (EventBase & { type: 'dial_screen'; /** The call put through (the caller's: ParentCallSid). */ providerMessageId: string;
      /** The dialled leg that answered (its CallSid). */ leg: string; /** The person pressed 1 to take the call (a voicemail cannot). */ accepted: boolean })
  | (EventBase & { type: 'dial_amd'; /** The call put through when Twilio says (ParentCallSid), else the leg. */ providerMessageId: string;
      /** The dialled leg listened to (its CallSid). */ leg: string;
      /** Twilio's AnsweredBy: human, machine_start, machine_end_beep, machine_end_silence, machine_end_other, fax or unknown. */ answeredBy: string });

export interface ChannelAdapter {
  readonly provider: string;
  readonly channel: ChannelName;
  /** True when the provider deduplicates on our key, so a retry after a crash cannot send twice. */
  readonly idempotentSends: boolean;
  send(message: OutboundMessage, options: SendOptions): Promise<SendResult>;
  /** Checks the signature over the raw request, before anything is parsed. */
  verifyWebhook(request: RawRequest): SignatureCheck;
  /** Normalised events of a verified request. Unknown shapes give []. */
  parseWebhook(request: RawRequest): InboundEvent[];
  /** Messages per second the provider account takes; absent means no limit (the sandbox). */
  readonly rate?: RateLimit;
}
