// The words of the agent's understanding: intents, languages, entities and the result of reading one message.
import type { CalendarDate } from '../domain/index.ts';
import type { ChannelKind, OptOutDetection } from '../compliance/index.ts';

export const INTENTS = [
  'request_link', 'already_paid', 'promise_to_pay', 'request_plan', 'request_extension', 'balance_inquiry', 'dispute',
  'wrong_person', 'opt_out', 'talk_to_human', 'hardship', 'greeting_thanks', 'other',
] as const;
export type Intent = (typeof INTENTS)[number];

export const AGENT_LANGUAGES = ['en', 'es', 'pt-BR'] as const;
export type AgentLanguage = (typeof AGENT_LANGUAGES)[number];

/** Whether a date the debtor names lies ahead (a promise) or behind (a payment they say they made). */
export type Tense = 'future' | 'past';

/**
 * A date named in the text, resolved to the debtor's calendar. `date` is the day itself, or the first day of a span
 * ("next week", "in December"); `until` is the span's last day, present only for spans.
 */
export interface DateEntity {
  text: string;
  date: CalendarDate;
  until?: CalendarDate;
}

/** An amount in integer minor units of `currency`; `currency` is null when neither the text nor the caller names one. */
export interface AmountEntity {
  text: string;
  amount: number;
  currency: string | null;
  /** The text itself names the currency (a code, R$, US$, €, "reais", "dólares"); otherwise it came from the caller. */
  explicit: boolean;
}

export type InstalmentFrequency = 'weekly' | 'biweekly' | 'monthly';

/** A number of instalments the debtor asks for or offers ("en 3 cuotas", "6x"), with their frequency when said. */
export interface InstalmentEntity {
  text: string;
  count: number;
  frequency?: InstalmentFrequency;
}

export interface Entities {
  dates: DateEntity[];
  amounts: AmountEntity[];
  instalments: InstalmentEntity[];
}

/** What the caller knows about the message: the clock and the debtor's zone are always passed in. */
export interface UnderstandOptions {
  now: Date;
  timeZone: string;
  /** The customer's language: used when the text is too short to tell. */
  language?: AgentLanguage;
  /** The case's currency: used for "$", "pesos" and amounts written without a currency. */
  currency?: string;
  /** The channel the message came on (the opt-out's scope); WhatsApp when not given. */
  channel?: ChannelKind;
  address?: string;
  /** The names the debtor is known by: "no soy X" naming someone else is a name_mismatch, not a wrong party. */
  debtorNames?: readonly string[];
}

export interface ScoredIntent {
  intent: Intent;
  confidence: number;
}

export interface LanguageGuess {
  language: AgentLanguage;
  confidence: number;
  /** 'text' when the words decided it, 'hint' when the text was too short or too mixed and the hint was used. */
  source: 'text' | 'hint';
}

export interface Understanding {
  text: string;
  language: AgentLanguage;
  languageConfidence: number;
  languageSource: LanguageGuess['source'];
  intent: Intent;
  confidence: number;
  /** The three most likely intents, best first (the first is `intent`). */
  alternatives: ScoredIntent[];
  /** 'opt_out_rule' when the compliance opt-out reading decided the intent; 'llm' when the optional LLM did; 'model' otherwise. */
  decidedBy: 'model' | 'opt_out_rule' | 'llm';
  entities: Entities;
  /** The compliance reading of the same text (scope of an opt-out, opt-in or help keyword). */
  optOut: OptOutDetection;
}
