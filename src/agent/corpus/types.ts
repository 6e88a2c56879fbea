// The shape of a corpus language file: slot fillers and, per intent, the templates written for it.
import type { AgentLanguage, Intent } from '../types.ts';

export interface CorpusLanguage {
  language: AgentLanguage;
  /** Fillers for {slot} in templates; '' makes a slot optional. */
  slots: Readonly<Record<string, readonly string[]>>;
  /** Templates per intent: [a|b|c] picks one alternative, {slot} one filler. */
  intents: Readonly<Record<Intent, readonly string[]>>;
}

export interface CorpusExample {
  text: string;
  language: AgentLanguage;
  intent: Intent;
  /** The template it came from: variants of one template stay on the same side of a held-out split. */
  group: string;
}
