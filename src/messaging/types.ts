// What a message is rendered from (the debtor, their invoices, links, company) and what rendering returns.
import type { CalendarDate, Money } from '../domain/index.ts';
import type { Channel, Tone } from '../strategy/index.ts';
import type { LanguagePack } from './templates/types.ts';
import type { OrgTexts } from './org-text.ts';
import type { TransferSettings } from '../payments/transfer/index.ts';
import type { SmsFold } from './sms.ts';

export type { Channel, Tone };

/** Languages cobro ships templates in. */
export const LANGUAGES = ['en', 'es', 'pt-BR'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface InvoiceLine {
  number: string;
  dueDate: CalendarDate;
  /** What is still owed on it, in minor units. */
  balance: Money;
}

export interface CompanyDetails {
  name: string;
  email?: string;
  phone?: string;
  address?: string;
  /** RUT, CNPJ, RFC, EIN ... as printed on invoices. */
  taxId?: string;
  /** Legal footer required by the org's jurisdiction, in the debtor's language when the org provides one. */
  legalFooter?: Partial<Record<Language, string>>;
  /** The org's logo, shown at the top of its emails as an inline image; none without one. */
  logo?: CompanyLogo;
}

/** The org's logo as an email carries it (read once per send batch, its bytes shared by the batch's messages). */
export interface CompanyLogo {
  contentType: 'image/png' | 'image/jpeg';
  /** Pixel size, from the image's header. */
  width: number;
  height: number;
  /** The image, base64. */
  content: string;
  /** Bytes. */
  size: number;
  /** Of the bytes: what the outbox keeps, so the message view shows the logo only while it is the one sent. */
  sha256: string;
}

export interface MessageContext {
  customer: {
    name: string;
    /** The person addressed, when known ("Ana"). */
    contactName?: string;
    /** BCP 47 preferred language ("es", "pt-BR", "es-CL"). */
    language?: string;
    /** BCP 47 locale for money and dates ("es-CL"); derived from language and country when absent. */
    locale?: string;
    /** ISO 3166-1 alpha-2. */
    country?: string;
    /** A consumer debt (the default) or a business one: US consumer debts carry the debt-collector disclosure (US-8). */
    debtorType?: 'consumer' | 'business';
  };
  /** The org's default language, used when the customer's is missing or not shipped. */
  orgLanguage?: string;
  company: CompanyDetails;
  /** The invoices the case holds, oldest first or in any order; all in one currency. */
  invoices: readonly InvoiceLine[];
  links: {
    payment?: string;
    portal?: string;
    /** RFC 8058 one-click URL (HTTPS); required for email. */
    unsubscribe?: string;
    /** mailto: alternative for List-Unsubscribe. */
    unsubscribeMailto?: string;
    /** Where Twilio posts the keypress of a call. */
    voiceGather?: string;
  };
  promise?: { amount: Money; date: CalendarDate };
  instalment?: { amount: Money; dueDate: CalendarDate; number?: number };
  lateFee?: Money;
  /** The date after which the case may be escalated (final notice). */
  deadline?: CalendarDate;
  /** Today in the debtor's time zone; days overdue are counted from it. */
  today: CalendarDate;
  /** The org's bank transfer details ({{bank_transfer}} shows those of the invoices' currency) and the customer's own reference. */
  bankTransfer?: { settings: TransferSettings; customerReference?: string | null };
  /** What the debtor arranged or cancelled in the portal, as its confirmation states it (the promise itself is `promise`). */
  arrangement?: ArrangementFacts;
  /** The org's `sms_fold` setting: an SMS goes folded into GSM-7 when that saves segments (`auto`, the default) or never. */
  smsFold?: SmsFold;
}

/** The facts a portal confirmation states, frozen when the debtor acted (src/portal/confirm.ts). */
export interface ArrangementFacts {
  /** It replaced an earlier promise or plan of the debtor's. */
  changed: boolean;
  /** Staff recorded it for the debtor (after a call, through the API), rather than the debtor in the portal. */
  byStaff?: boolean;
  /** A plan's instalments in order (a down payment first), each in the plan's currency. */
  instalments?: readonly { amount: Money; dueDate: CalendarDate }[];
}

export interface RenderInput {
  templateId: string;
  channel: Channel;
  tone: Tone;
  context: MessageContext;
  /** WhatsApp: free text is allowed only while the 24-hour customer-service window is open. */
  whatsappWindowOpen?: boolean;
  /** WhatsApp: approved template names per cobro name, when the org registered them under other names. */
  whatsappTemplateNames?: Readonly<Record<string, string>>;
  /** The org's own texts (by orgTextKey): one for the template, channel, tone and the debtor's language is used instead of the shipped one. */
  orgTexts?: OrgTexts;
  /** Renders from this language pack instead of the shipped one of the debtor's language (template lints, org templates). */
  pack?: LanguagePack;
}

/** An image part of an email, shown inline where the HTML names its Content-ID (`cid:`): the org's logo, a payment QR code. */
export interface EmailImage {
  cid: string;
  filename: string;
  contentType: 'image/png' | 'image/jpeg';
  /** What the HTML's alt text says. */
  alt: string;
  /** Bytes. */
  size: number;
  /** The image, base64. */
  content: string;
  /** The QR code's text the image draws: kept in the outbox (the bytes are not), so the image can be drawn again to show it. */
  code?: string;
  /** The logo's hash: kept in the outbox, so the message view can show the org's logo while it is still the one sent. */
  sha256?: string;
}

export interface EmailMessage {
  channel: 'email';
  language: Language;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** Inline images the HTML shows by Content-ID; none without. */
  images?: EmailImage[];
}

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegments {
  encoding: SmsEncoding;
  /** Septets for GSM-7 (extension characters count two), UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

export interface SmsMessage {
  channel: 'sms';
  language: Language;
  text: string;
  segments: SmsSegments;
  warnings: string[];
}

export interface WhatsAppTemplateRef {
  /** The approved template's name. */
  name: string;
  /** Meta's language code ("en", "es", "pt_BR"). */
  language: string;
  /** Body parameters in order: {{1}}, {{2}} ... */
  parameters: string[];
}

export type WhatsAppMessage =
  | { channel: 'whatsapp'; language: Language; mode: 'template'; template: WhatsAppTemplateRef; preview: string }
  | { channel: 'whatsapp'; language: Language; mode: 'text'; text: string; preview: string };

export interface VoiceMessage {
  channel: 'voice';
  language: Language;
  /** What is spoken, for logs and previews. */
  script: string;
  twiml: string;
}

export type RenderedMessage = EmailMessage | SmsMessage | WhatsAppMessage | VoiceMessage;
