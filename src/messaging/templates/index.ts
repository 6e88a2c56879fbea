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

// the shipped packs' texts as found (tones inlined), per pack, by template, channel and tone: found once, not per message
const foundShipped = new Map<LanguagePack, Map<string, FoundText | null>>(Object.values(PACKS).map((p) => [p, new Map()]));

/** The text of a template on a channel in a tone, or null when the pack does not ship it. Voice falls back to the pack's script. */
export function findText(pack: LanguagePack, templateId: string, channel: Channel, tone: Tone): FoundText | null {
  const shipped = foundShipped.get(pack);
  if (!shipped) return find(pack, templateId, channel, tone);
  const key = `${templateId}\u0000${channel}\u0000${tone}`;
  let found = shipped.get(key);
  if (found === undefined) {
    found = find(pack, templateId, channel, tone);
    // (ids are the catalogue's, or an org's own template id asked of a shipped pack: bounded either way, but kept so)
    if (shipped.size < 10_000) shipped.set(key, found);
  }
  return found;
}

function find(pack: LanguagePack, templateId: string, channel: Channel, tone: Tone): FoundText | null {
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
const tagsOf = new Map<string, readonly TemplateTag[]>();

/** The tags of a template in any shipped language (none for an id the catalogue does not hold); worked out once per id. */
export function templateTags(templateId: string): readonly TemplateTag[] {
  let tags = tagsOf.get(templateId);
  if (!tags) {
    tags = Object.freeze([...new Set(Object.values(PACKS).flatMap((p) => p.templates[templateId]?.tags ?? []))]);
    if (tagsOf.size < 10_000) tagsOf.set(templateId, tags);
  }
  return tags;
}

const confirmations = new Set(Object.values(PACKS).flatMap((p) => Object.entries(p.templates).filter(([, t]) => t.purpose === 'confirmation').map(([id]) => id)));

/** Whether a shipped template is a receipt of what the debtor did (weighed by the gate as a confirmation). */
export function isConfirmationTemplate(templateId: string | null): boolean {
  return templateId !== null && confirmations.has(templateId);
}
