// An org's own text of a template on one channel, tone and language, and the language pack rendering reads it from.
import type { LanguagePack, TemplateEntry } from './templates/types.ts';
import type { Channel, Language, Tone } from './types.ts';

/** The org's wording: the email's subject and body, or the SMS, WhatsApp or voice text; for WhatsApp, the name Meta approved it under. */
export interface OrgText {
  subject?: string;
  body: string;
  whatsappName?: string;
  /** The saved text's version (set when read from the org's store): recorded on each message sent with it. */
  version?: number;
  /** Its kept wording's id (org_template_versions), set with the version: the message names the exact wording it was built from. */
  versionId?: string;
}

/**
 * An org's own template (one cobro does not ship, not a variant of a shipped one) has an id starting with `org-`, so it
 * never meets a template cobro ships later.
 */
export const OWN_TEMPLATE = /^org-[a-z0-9][a-z0-9_-]{0,59}$/;
export const isOwnTemplateId = (id: string): boolean => id.startsWith('org-');

/** The tone a text is saved for: one of the tones, or 'any' (every tone the org wrote no text of its own for). */
export type OrgTone = Tone | 'any';
export const ANY_TONE = 'any';

/** An org's texts by orgTextKey. */
export type OrgTexts = ReadonlyMap<string, OrgText>;

export function orgTextKey(template: string, channel: Channel, tone: OrgTone, language: Language): string {
  return `${template}|${channel}|${tone}|${language}`;
}

/** The org's text a message uses, and the tone it was saved for: the message's own tone's text first, else the 'any' one. */
export function orgTextFor(texts: OrgTexts, template: string, channel: Channel, tone: Tone, language: Language): { text: OrgText; tone: OrgTone } | undefined {
  const own = texts.get(orgTextKey(template, channel, tone, language));
  if (own) return { text: own, tone };
  const any = texts.get(orgTextKey(template, channel, ANY_TONE, language));
  return any ? { text: any, tone: ANY_TONE } : undefined;
}

/** The template as a pack entry on its one channel, keeping the shipped template's tags (what it is, for the gate). */
export function orgEntry(channel: Channel, text: OrgText, shipped: TemplateEntry | undefined): TemplateEntry {
  const entry: TemplateEntry = channel === 'email' ? { email: { subject: text.subject ?? '', body: text.body } } : { [channel]: text.body };
  return shipped?.tags ? { ...entry, tags: shipped.tags } : entry;
}

/**
 * The shipped pack of the language with the org's text as the template: greeting, closing, email footer (unsubscribe
 * link), SMS opt-out and the notices the law adds by place stay the shipped frame's, so a custom text carries them too.
 */
export function orgPack(pack: LanguagePack, template: string, channel: Channel, text: OrgText): LanguagePack {
  return { ...pack, templates: { [template]: orgEntry(channel, text, pack.templates[template]) } };
}
