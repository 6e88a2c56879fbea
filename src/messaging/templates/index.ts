// The shipped template catalogue: language packs and the lookup of one text by id, channel, tone and language.
import type { Channel, Language, Tone } from '../types.ts';
import { EN } from './en.ts';
import { ES } from './es.ts';
import { PT_BR } from './pt-br.ts';
import type { ChannelTexts, EmailText, LanguagePack, TemplateTag } from './types.ts';

export type { LanguagePack, TemplateEntry, TemplateTag, ChannelTexts, EmailText } from './types.ts';

export const PACKS: Readonly<Record<Language, LanguagePack>> = { en: EN, es: ES, 'pt-BR': PT_BR };

export function packFor(language: Language): LanguagePack {
  return PACKS[language];
}

type TextChannel = keyof ChannelTexts;

function channelKey(channel: Channel): TextChannel {
  return channel;
}

/** Inlines the tone's greeting and closing, which are template text rather than values. */
function inlineTone(source: string, pack: LanguagePack, tone: Tone): string {
  return source.replaceAll('{{greeting}}', pack.greeting[tone]).replaceAll('{{closing}}', pack.closing[tone]);
}

export type FoundText = { kind: 'email'; text: EmailText } | { kind: 'plain'; text: string };

/** The text of a template on a channel in a tone, or null when the pack does not ship it. Voice falls back to the pack's script. */
export function findText(pack: LanguagePack, templateId: string, channel: Channel, tone: Tone): FoundText | null {
  const entry = pack.templates[templateId];
  if (!entry) return null;
  const key = channelKey(channel);
  const toned = entry.tones?.[tone]?.[key] ?? entry[key];
  if (key === 'email') {
    const email = (entry.tones?.[tone]?.email ?? entry.email);
    return email ? { kind: 'email', text: { subject: inlineTone(email.subject, pack, tone), body: inlineTone(email.body, pack, tone) } } : null;
  }
  if (key === 'voice' && toned === undefined) return { kind: 'plain', text: pack.voice.fallback };
  return typeof toned === 'string' ? { kind: 'plain', text: inlineTone(toned, pack, tone) } : null;
}

/** The channels a template ships on in a language (voice always, through the fallback script). */
export function channelsOf(pack: LanguagePack, templateId: string): Channel[] {
  const entry = pack.templates[templateId];
  if (!entry) return [];
  const texts: Channel[] = (['email', 'sms', 'whatsapp'] as const).filter((c) => entry[c] !== undefined);
  return [...texts, 'voice'];
}

export function templateIds(language: Language = 'en'): string[] {
  return Object.keys(PACKS[language].templates);
}

/** What a shipped template is, for the gate (legal-threat, cease-allowed ...): the tags any of its languages carries. */
export function templateTags(templateId: string): TemplateTag[] {
  return [...new Set(Object.values(PACKS).flatMap((p) => p.templates[templateId]?.tags ?? []))];
}
