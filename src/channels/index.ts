// The channels capability's public API: one adapter per provider behind one interface, and the sandbox.
export type {
  ChannelAdapter, ChannelName, OutboundMessage, SendOptions, SendResult, ProviderReceipt, ProviderError, ContactVerdict,
  DeliveryState, RawRequest, InboundEvent, MediaRef, EmailFile,
} from './types.ts';
export { smtpAdapter, messageIdFor, classifySmtpError, type SmtpAdapter, type SmtpConfig } from './smtp.ts';
export { mailgunSendAdapter, mailgunForm, MAILGUN_API, type MailgunSendConfig } from './mailgun-send.ts';
export { sendGridAdapter, sendGridBody, SENDGRID_API, type SendGridConfig } from './sendgrid.ts';
export { parseSendGridEvents, verifySendGridEvents, sendGridMessageId, SENDGRID_SIGNATURE, SENDGRID_TIMESTAMP } from './sendgrid-events.ts';
export { parseSendGridInbound, parseSendGridRaw, sendGridRawMail } from './sendgrid-inbound.ts';
export { mailWithoutFiles } from './email-files.ts';
export { twilioSmsAdapter, type TwilioSmsConfig } from './twilio-sms.ts';
export { twilioWhatsAppAdapter, type TwilioWhatsAppConfig } from './twilio-whatsapp.ts';
export { parseDialOutcome, parseIncomingCall, twilioVoiceAdapter, type TwilioVoiceConfig } from './twilio-voice.ts';
export type { TwilioConfig } from './twilio-common.ts';
export { metaWhatsAppAdapter, metaPayload, type MetaWhatsAppConfig } from './meta-whatsapp.ts';
export { webhookAdapter, signPayload, verifySignedPayload, parseCobroEvents, SIGNATURE_HEADER, type WebhookConfig } from './webhook.ts';
export { sandboxAdapter, MemorySandboxStore, SANDBOX_SIGNATURE_HEADER, type SandboxStore, type SandboxEntry, type SandboxFilter, type SandboxConfig } from './sandbox.ts';
export { TWILIO_CODES, META_CODES } from './errors.ts';
export { retryAfterMs, request, type HttpOutcome } from './http.ts';
export { STRICT_EGRESS, parseEgressAllow, refusedAddress, refusedUrl, type EgressPolicy } from './egress.ts';
export { checkUrlHost, SAVE_RESOLVE_MS, type HostCheck } from './egress-host.ts';
export { parseTwilioMessaging } from './twilio-common.ts';
export { chargeMicros, fetchTwilioPrice, type TwilioPriceFetch, type TwilioPricedResource } from './twilio-price.ts';
export { fetchMailgunStored, fetchMailgunMessage, mailgunStoredUrlRefused, type MailgunStoredConfig, type StoredMessageFetch } from './mailgun-stored.ts';
export { automaticNote } from './automatic.ts';
export { mailgunSignatureParts, verifyMailgunRequest, parseMailgunEvents, parseMailgunInbound, bracketed } from './mailgun.ts';
export { formFields, formFiles, replaceFormField, withoutFiles, type FormFields, type FormFile } from './form.ts';
export { redactCardNumbers, luhnValid, CARD_REDACTION } from './redact.ts';
export { reserveSlots, DEFAULT_RATES, type RateLimit, type SlotGrant } from './rate.ts';
export { fetchMetaMedia, fetchTwilioMedia, type MediaFetch, type MediaLimits, type MetaMediaConfig, type TwilioMediaConfig } from './media-fetch.ts';
export { MEDIA_MAX_BYTES, PROOF_MEDIA_TYPES, allowedMediaType, sniffMediaType, checkMediaBytes, type MediaCheck } from './media-types.ts';
