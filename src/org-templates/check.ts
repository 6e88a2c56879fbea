// Whether an org's text may be saved: a shipped template, the channel's fields, known placeholders, and the contact-law
// lints in every place the debtor may be (PCI-1, US-4, US-8, US-9, BR-1, WA-3), with the SMS segment warning.
import { describeFinding, lintPack, PLACES, placeContext, type LintFinding } from '../compliance/index.ts';
import { fail, ok, type Result } from '../domain/index.ts';
import {
  OWN_TEMPLATE, PACKS, PLACEHOLDERS, isOwnTemplateId, orgPack, parseTemplate, renderMessage, templateIds,
  type Channel, type Language, type OrgText, type OrgTone, type SmsFold, type Tone,
} from '../messaging/index.ts';
import { ToneSchema } from '../strategy/index.ts';

/** The tone is one of the tones, or 'any': the text of every tone the org wrote no text of its own for. */
export interface OrgTemplateKey { template: string; channel: Channel; tone: OrgTone; language: Language }

/** The tones a text is sent in: its own, or every tone for an 'any' text. */
export const tonesOf = (tone: OrgTone): readonly Tone[] => (tone === 'any' ? ToneSchema.options : [tone]);

/** Placeholders a text may use: the values every message has, and the tone's greeting and closing. */
const KNOWN = new Set<string>([...PLACEHOLDERS, 'greeting', 'closing']);
/** Meta's rule for template names: lower-case letters, digits and underscores. */
const WHATSAPP_NAME = /^[a-z0-9_]{1,512}$/;

function fieldProblems(field: 'subject' | 'body', source: string, channel: Channel): Result<true> {
  let keys: Set<string>;
  try {
    keys = parseTemplate(source).keys;
  } catch (e) {
    return fail('VALIDATION_FAILED', `${field}: ${(e as Error).message}`, field);
  }
  const unknown = [...keys].filter((k) => !KNOWN.has(k));
  if (unknown.length > 0) return fail('VALIDATION_FAILED', `${field} names unknown placeholders: ${unknown.join(', ')}`, field);
  if (channel === 'whatsapp' && /\{\{\s*[#^/]/.test(source)) {
    return fail('VALIDATION_FAILED', `${field}: a WhatsApp template has ordered parameters only, no {{#section}}`, field);
  }
  return ok(true);
}

function shape(key: OrgTemplateKey, text: OrgText): Result<true> {
  if (isOwnTemplateId(key.template) ? !OWN_TEMPLATE.test(key.template) : !templateIds(key.language).includes(key.template)) {
    return fail('VALIDATION_FAILED', `no shipped template ${key.template}: an org writes its own wording of one (${templateIds(key.language).join(', ')}), `
      + 'or a template of its own whose id starts with org- (lower-case letters, digits, - and _, at most 64)', 'template');
  }
  if (key.channel === 'email' && !text.subject?.trim()) return fail('VALIDATION_FAILED', 'an email needs a subject', 'subject');
  if (key.channel !== 'email' && text.subject !== undefined) return fail('VALIDATION_FAILED', `only an email has a subject, not ${key.channel}`, 'subject');
  if (key.channel === 'whatsapp' && !WHATSAPP_NAME.test(text.whatsappName ?? '')) {
    return fail('VALIDATION_FAILED', 'a WhatsApp text goes out as the template Meta approved: give its name (lower-case letters, digits, _)', 'whatsapp_name');
  }
  if (key.channel !== 'whatsapp' && text.whatsappName !== undefined) return fail('VALIDATION_FAILED', 'only a WhatsApp text has an approved template name', 'whatsapp_name');
  if (text.subject !== undefined) {
    const s = fieldProblems('subject', text.subject, key.channel);
    if (!s.ok) return s;
  }
  return fieldProblems('body', text.body, key.channel);
}

/** The lint findings of the text on its channel and tone (each tone for an 'any' text), in every place. */
export function lintOrgText(key: OrgTemplateKey, text: OrgText): LintFinding[] {
  const pack = orgPack(PACKS[key.language], key.template, key.channel, text);
  const tones: readonly string[] = tonesOf(key.tone);
  return lintPack(pack, [key.template]).filter((f) => f.channel === key.channel && tones.includes(f.tone));
}

/** SMS over three segments, in the place whose notices make it longest, as the org's `sms_fold` sends them. */
function smsWarnings(key: OrgTemplateKey, text: OrgText, fold: SmsFold): string[] {
  if (key.channel !== 'sms') return [];
  const pack = orgPack(PACKS[key.language], key.template, key.channel, text);
  const warnings = tonesOf(key.tone).flatMap((tone) => PLACES.flatMap((place) => {
    const r = renderMessage({ pack, templateId: key.template, channel: 'sms', tone, context: { ...placeContext(place, key.language), smsFold: fold } });
    return r.ok && r.value.channel === 'sms' ? r.value.warnings.map((w) => `debtor in ${place === 'other' ? 'another country' : place}: ${w}`) : [];
  }));
  return [...new Set(warnings)];
}

/**
 * May the text be saved? A failure names the field (template, subject, body, whatsapp_name) and every finding;
 * otherwise the warnings to show (an SMS over three segments is sent, but costs more).
 */
export function checkOrgTemplate(key: OrgTemplateKey, text: OrgText, fold: SmsFold = 'auto'): Result<{ warnings: string[] }> {
  const s = shape(key, text);
  if (!s.ok) return s;
  const findings = lintOrgText(key, text);
  if (findings.length > 0) {
    // an email's finding is the subject's when the same body under a plain subject passes
    const field = key.channel === 'email' && lintOrgText(key, { ...text, subject: 'Invoice' }).length === 0 ? 'subject' : 'body';
    return fail('VALIDATION_FAILED', `${field}: the template lints refuse it: ${findings.map(describeFinding).join('; ')}`, field, { findings });
  }
  return ok({ warnings: smsWarnings(key, text, fold) });
}
