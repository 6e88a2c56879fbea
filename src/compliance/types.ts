// Input types of the compliance gate: the debtor, the debt, the channel, the purpose and the contact history.
import type { CalendarDate } from '../domain/dates.ts';
import type { Money } from '../domain/money.ts';

export type ChannelKind = 'call' | 'sms' | 'whatsapp' | 'email' | 'letter' | 'visit';

/** Where an opt-out reaches: everything, one medium, or one address or number on a medium. */
export type OptOutScope =
  | { kind: 'all' }
  | { kind: 'channel'; channel: ChannelKind }
  | { kind: 'address'; channel: ChannelKind; address: string };

export interface Suppression {
  scope: OptOutScope;
  at: Date;
  /** Set when the person opted back in (START, UNSTOP). */
  liftedAt?: Date;
}

export type ConsentKind =
  /** The debtor authorised contact on this channel (Colombia accepts only authorised channels). */
  | 'channel'
  /** TCPA prior express consent for autodialed, prerecorded or artificial (AI) voice calls. */
  | 'automated_calls'
  /** WhatsApp opt-in naming the business and WhatsApp. */
  | 'whatsapp_opt_in'
  /** Reg F consent to email an employer-provided address (§1006.6(d)(4)). */
  | 'employer_email';

export interface Consent {
  kind: ConsentKind;
  /** Limits the consent to one channel; absent means any. */
  channel?: ChannelKind;
  /** Limits the consent to one address or number; absent means any. */
  address?: string;
  grantedAt: Date;
  revokedAt?: Date;
}

/** A span of local time the consumer said is inconvenient (US-1), e.g. weekdays 09:00-17:00. */
export interface InconvenientTime {
  /** ISO weekdays (1 = Monday); absent means every day. */
  weekdays?: readonly number[];
  from: string;
  to: string;
  /** The media the debtor said it of ("don't text me before 9": SMS and WhatsApp); absent means every channel. */
  channels?: readonly ChannelKind[];
}

export type LawfulBasis = 'contract' | 'legitimate_interest' | 'legal_obligation' | 'consent';

export interface Debtor {
  id: string;
  /** ISO 3166-1 alpha-2 country of residence, e.g. 'US', 'BR'. */
  country: string;
  /** Subdivision code without the country prefix, e.g. 'SP' for São Paulo, 'MA' for Massachusetts. */
  region?: string;
  /** IANA time zone of the debtor's location. */
  timeZone: string;
  /** Other zones the debtor may be in (address and area code disagree): every one must allow (US-1). */
  otherTimeZones?: readonly string[];
  consents: readonly Consent[];
  suppressions: readonly Suppression[];
  /** A written cease request or refusal to pay (US-5). */
  ceaseRequestedAt?: Date;
  inconvenientTimes?: readonly InconvenientTime[];
  /** GDPR lawful basis recorded for collection (EU-1). */
  lawfulBasis?: LawfulBasis;
  /** Erasure was asked while a debt is live: the data is kept for the claim, and processing is restricted (EU-3). */
  restrictedAt?: Date;
}

export interface Debt {
  id: string;
  /** A consumer debt (false for business-to-business). */
  consumer: boolean;
  balance: Money;
  /** A payment is in flight (paid link, OXXO, boleto, PIX not yet settled). */
  paymentPending?: boolean;
  /** The statute of limitations expires on this date (US-9). */
  limitationsExpiresAt?: CalendarDate;
  /** A dispute stops collection until verification is sent (US-7). */
  dispute?: { openedAt: Date; verifiedAt?: Date };
  /** An active promise to pay by this local date pauses reminders. */
  promisedBy?: CalendarDate;
}

export type CallDialing = 'manual' | 'autodialed' | 'prerecorded' | 'ai_voice';

export type RecipientRole = 'debtor' | 'guarantor' | 'co_debtor' | 'reference' | 'other';

export interface ChannelTarget {
  kind: ChannelKind;
  /** Phone number, email address or postal address. */
  address: string;
  recipient?: RecipientRole;
  /** For calls and SMS; unknown is treated as mobile. */
  lineType?: 'mobile' | 'landline' | 'unknown';
  /** How a call is placed; required to tell TCPA-regulated calls apart. */
  dialing?: CallDialing;
  /** An email address known to be provided by the debtor's employer (US-6). */
  employerProvided?: boolean;
  /** The debtor gave this address or number themselves (Mexico allows no other). */
  givenByDebtor?: boolean;
}

/**
 * Tags on the template or action: 'legal-threat' (US-9), 'cease-allowed' (US-5), 'dispute-allowed'
 * (answers a dispute), 'promise-reminder', 'validation-notice', 'demand'.
 */
export type PurposeTag =
  | 'legal-threat' | 'cease-allowed' | 'dispute-allowed' | 'promise-reminder' | 'validation-notice' | 'demand';

export interface Purpose {
  /** collection: reminders and demands; reply: answers the debtor's own message; confirmation: receipts. */
  kind: 'collection' | 'reply' | 'confirmation' | 'legal_escalation';
  tags: readonly PurposeTag[];
  /** WhatsApp: an approved template, or free-form text (only inside the 24 h window). */
  whatsappFormat?: 'template' | 'free_form';
  /** Written or spoken by the AI agent. */
  aiAgent?: boolean;
  /** The content says it comes from an AI (EU-5, US-11). */
  disclosesAi?: boolean;
  /** The content offers a way to opt out (US-11 for AI voice). */
  offersOptOut?: boolean;
  /** Where the text tells the debtor to pay (Mexico: only the creditor's accounts). */
  payee?: 'creditor' | 'agency';
  /** A legal escalation reviewed by a person (EU-4). */
  humanReviewed?: boolean;
}

export interface ContactEvent {
  at: Date;
  channel: ChannelKind;
  direction: 'outbound' | 'inbound';
  /**
   * failed: never reached the number or address; unanswered: a call rang or reached voicemail;
   * delivered: a message was delivered; conversation: the person was spoken or written with.
   */
  outcome: 'failed' | 'unanswered' | 'delivered' | 'conversation';
  address?: string;
  /** The debt the contact was about; absent counts against every debt. */
  debtId?: string;
  /** Placed with the consumer's direct prior consent (excluded from the US-2 count). */
  priorConsent?: boolean;
  /** Answered a message of the debtor (not unsolicited). */
  solicited?: boolean;
}

export interface ContactHistory {
  events: readonly ContactEvent[];
}
