// The shape of a language pack: texts per template id and channel, tone wording, and the fixed phrases around them.
import type { Channel, Language, Tone } from '../types.ts';

export interface EmailText {
  subject: string;
  /** Paragraphs separated by blank lines; a line holding only {{invoice_list}} becomes the invoice table. */
  body: string;
}

/** Texts of one template on each channel it ships for. WhatsApp texts use plain placeholders only (no sections). */
export interface ChannelTexts {
  email?: EmailText;
  sms?: string;
  whatsapp?: string;
  voice?: string;
}

/**
 * What a template is, for the compliance gate: 'legal-threat' (never on a time-barred debt, US-9), 'cease-allowed'
 * (a notice the law allows after a cease request, US-5), 'dispute-allowed', 'promise-reminder', 'validation-notice', 'demand'.
 */
export type TemplateTag = 'legal-threat' | 'cease-allowed' | 'dispute-allowed' | 'promise-reminder' | 'validation-notice' | 'demand';

/** A template: its texts, and per-tone replacements where the wording itself changes with the tone. */
export interface TemplateEntry extends ChannelTexts {
  tones?: Partial<Record<Tone, ChannelTexts>>;
  tags?: readonly TemplateTag[];
  /** A receipt of what the debtor did (a portal confirmation): the gate weighs it as a confirmation, not a collection message. */
  purpose?: 'confirmation';
}

/** Texts the law adds to messages in some places, inlined by the renderer (src/messaging/disclosures.ts). */
export interface Disclosures {
  /** US-8 mini-Miranda, on every message about a consumer debt in the US: it is from a debt collector, an attempt to collect a debt. */
  usCollector: string;
  /** BR-1 (CDC art. 42-A): the supplier's name, address and CPF/CNPJ on every collection document sent in Brazil. */
  brSupplier: string;
}

export interface LanguagePack {
  language: Language;
  /** Meta's template language code. */
  metaLanguage: string;
  /** Twilio <Say> language. */
  sayLanguage: string;
  /** Opening per tone; may use placeholders. Inlined where a template writes {{greeting}}. */
  greeting: Record<Tone, string>;
  /** Sign-off per tone for email; inlined where a template writes {{closing}}. */
  closing: Record<Tone, string>;
  /** Appended to every SMS, and to WhatsApp messages where the law asks for an opt-out (US-4). */
  smsOptOut: string;
  disclosures: Disclosures;
  /** Email footer: company details, legal footer and the unsubscribe link. */
  emailFooter: string;
  invoiceTable: { number: string; dueDate: string; balance: string; total: string };
  /** One invoice in text form; placeholders number, due_date, balance. */
  invoiceLine: string;
  payButton: string;
  voice: {
    /** Used for templates that ship no voice text. */
    fallback: string;
    menu: string;
    noInput: string;
    linkSent: string;
    transfer: string;
    invalid: string;
    /** The menu of a call confirming an arrangement: 1 sends the confirmation's details by SMS, 2 a person. */
    detailsMenu: string;
    /** Said when 1 is pressed on a confirmation's call. */
    detailsSent: string;
  };
  templates: Readonly<Record<string, TemplateEntry>>;
}

export const TEXT_CHANNELS: readonly Channel[] = ['email', 'sms', 'whatsapp', 'voice'];
