// Email rendering: a responsive HTML part, a plain-text part, and the RFC 8058 one-click unsubscribe headers.
import { escapeHtml, fill, type Values } from './render-text.ts';
import type { EmailText, LanguagePack } from './templates/types.ts';
import type { EmailMessage, MessageContext, Tone } from './types.ts';

export interface EmailParts {
  subject: string;
  text: string;
  html: string;
  unknown: string[];
}

/** Fills in HTML mode, then splits into paragraphs; template text is escaped, so a chunk opening with <table is cobro's own. */
function htmlBlocks(source: string, values: Values, unknown: Set<string>): string {
  const f = fill(source, values, 'html');
  f.unknown.forEach((u) => unknown.add(u));
  return f.text.split(/\n{2,}/).map((p) => p.trim()).filter((p) => p !== '')
    .map((p) => (p.startsWith('<table') ? p : `<p style="margin:0 0 16px;line-height:1.5">${p.replace(/\n/g, '<br>')}</p>`)).join('\n');
}

function button(url: string, label: string): string {
  return `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 24px"><tr><td style="border-radius:6px;background:#1a56db">` +
    `<a href="${escapeHtml(url)}" style="display:inline-block;padding:12px 24px;color:#ffffff;text-decoration:none;font-weight:bold">${escapeHtml(label)}</a>` +
    `</td></tr></table>`;
}

/**
 * Subject, text and HTML from a template's email text; every value is escaped in the HTML part. `header` (the org's logo,
 * already HTML) opens the HTML part; the text part has nothing of it.
 */
export function emailParts(t: EmailText, values: Values, pack: LanguagePack, tone: Tone, paymentUrl: string | undefined, header = ''): EmailParts {
  const unknown = new Set<string>();
  const text = (s: string) => {
    const f = fill(s, values, 'text');
    f.unknown.forEach((u) => unknown.add(u));
    return f.text;
  };
  const subject = text(t.subject).replace(/\s+/g, ' ').trim();
  const textPart = [text(pack.greeting[tone]), text(t.body), text(pack.closing[tone]), '--', text(pack.emailFooter)].join('\n\n').replace(/\n{3,}/g, '\n\n');
  const body = htmlBlocks(`${pack.greeting[tone]}\n\n${t.body}`, values, unknown);
  const pay = paymentUrl && /^https?:\/\//i.test(paymentUrl) ? button(paymentUrl, pack.payButton) : '';
  const closing = htmlBlocks(pack.closing[tone], values, unknown);
  const footer = `<div style="font-size:12px;line-height:1.4;color:#6b7280">${htmlBlocks(pack.emailFooter, values, unknown)}</div>`;
  const html = `<!DOCTYPE html>
<html lang="${escapeHtml(pack.language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
<style>@media only screen and (max-width:620px){.container{width:100% !important;padding:16px !important}}</style></head>
<body style="margin:0;padding:0;background:#f3f4f6">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6"><tr><td align="center" style="padding:24px 8px">
<table role="presentation" class="container" width="600" cellpadding="0" cellspacing="0" style="width:600px;max-width:100%;background:#ffffff;border-radius:8px;padding:32px;font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#111827">
<tr><td>
${header ? `${header}\n` : ''}${body}
${pay}
${closing}
<hr style="border:none;border-top:1px solid #e5e7eb;margin:24px 0 16px">
${footer}
</td></tr></table>
</td></tr></table>
</body></html>`;
  return { subject, text: textPart, html, unknown: [...unknown] };
}

/** List-Unsubscribe (HTTPS one-click, plus mailto when given) and List-Unsubscribe-Post, per RFC 8058 (EM-1). */
export function unsubscribeHeaders(ctx: MessageContext): Record<string, string> | null {
  const url = ctx.links.unsubscribe;
  if (!url || !/^https:\/\//i.test(url)) return null;
  const targets = [`<${url}>`];
  if (ctx.links.unsubscribeMailto) targets.push(`<${ctx.links.unsubscribeMailto}>`);
  return { 'List-Unsubscribe': targets.join(', '), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

export function emailMessage(parts: EmailParts, pack: LanguagePack, headers: Record<string, string>): EmailMessage {
  return { channel: 'email', language: pack.language, subject: parts.subject, text: parts.text, html: parts.html, headers };
}
