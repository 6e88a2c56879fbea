// WhatsApp: approved-template references with ordered body parameters, and free text only inside the 24-hour window.
import { fill, type Value, type Values } from './render-text.ts';
import type { LanguagePack } from './templates/types.ts';
import type { Tone, WhatsAppMessage } from './types.ts';

const TOKEN = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;

/** The name cobro registers a template under with Meta: one per template id and tone, shared by every language. */
export function whatsappTemplateName(templateId: string, tone: Tone): string {
  return `cobro_${templateId.replace(/-/g, '_')}_${tone}`;
}

/** The body to submit for approval: each placeholder becomes {{1}}, {{2}} ... in order of appearance. */
export function approvedBody(source: string): string {
  let n = 0;
  return source.replace(TOKEN, () => `{{${++n}}}`);
}

/** The placeholder behind each positional parameter, in order (a placeholder used twice fills two positions). */
export function parameterKeys(source: string): string[] {
  return [...source.matchAll(TOKEN)].map((m) => m[1] ?? '');
}

/** Meta refuses parameters with new lines, tabs or more than four consecutive spaces. */
export function cleanParameter(text: string): string {
  return text.replace(/[\n\r\t]+/g, ' ').replace(/ {4,}/g, '   ').trim();
}

function textOf(v: Value | undefined): string {
  return v === undefined ? '' : typeof v === 'string' ? v : v.text;
}

export type WhatsAppBuild = { ok: true; message: WhatsAppMessage } | { ok: false; missing: string[]; unknown: string[] };

export function whatsappMessage(
  source: string, values: Values, pack: LanguagePack, name: string, windowOpen: boolean,
): WhatsAppBuild {
  const preview = fill(source, values, 'text');
  const unknown = /\{\{\s*[#^/]/.test(source) ? [...preview.unknown, '(sections are not allowed in WhatsApp templates)'] : preview.unknown;
  if (unknown.length > 0) return { ok: false, missing: [], unknown };
  if (windowOpen) return { ok: true, message: { channel: 'whatsapp', language: pack.language, mode: 'text', text: preview.text, preview: preview.text } };
  const keys = parameterKeys(source);
  const parameters = keys.map((k) => cleanParameter(textOf(values[k])));
  const missing = keys.filter((_, i) => parameters[i] === '');
  if (missing.length > 0) return { ok: false, missing, unknown: [] };
  return {
    ok: true,
    message: {
      channel: 'whatsapp', language: pack.language, mode: 'template', preview: preview.text,
      template: { name, language: pack.metaLanguage, parameters },
    },
  };
}
