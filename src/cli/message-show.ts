// `cobro message ID`: one message as it was sent, and the wording it was built from (the org's kept version, or cobro's own).
import type { MessageDetail } from '../worker/index.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** What the debtor got: the email's subject and text, the SMS or WhatsApp text (as read), the voice script. */
function asSent(c: Record<string, unknown>): string[] {
  const subject = str(c.subject);
  const text = str(c.text) ?? str(c.preview) ?? str(c.script) ?? '';
  const images = Array.isArray(c.images) ? c.images as { filename?: unknown; size?: unknown; cid?: unknown; alt?: unknown }[] : [];
  const shown = images.map((i) => `inline image ${String(i.filename)} (${String(i.size)} bytes, cid:${String(i.cid)}): ${String(i.alt)}`);
  return subject !== undefined ? [`subject: ${subject}`, ...shown, text] : [text];
}

/** Whose wording the message was built from, and that wording as it was saved. */
function builtFrom(m: MessageDetail): string[] {
  const t = m.org_template_text;
  if (t) {
    return [`--- built from the org's text, version ${t.version} (${t.channel}, tone ${t.tone}, ${t.language}), saved ${t.saved_at} by ${t.saved_by} ---`,
      `version id ${t.id}, sha256 ${t.sha256}`, ...(t.subject !== null ? [`subject: ${t.subject}`] : []),
      ...(t.whatsapp_name !== null ? [`whatsapp name: ${t.whatsapp_name}`] : []), t.body];
  }
  if (m.org_template_version !== null) {
    return [`--- built from the org's text, version ${m.org_template_version} (tone ${m.org_template_tone}, ${m.template_language}): `
      + 'sent before wordings were kept, and that version is no longer the text\'s own, so its wording is not known ---'];
  }
  return m.template_language ? [`--- built from cobro's shipped text (${m.template_language}) ---`] : ['--- not sent yet ---'];
}

export function describeMessage(m: MessageDetail): string {
  return [`message ${m.id}: ${m.channel} to ${m.address ?? '-'}, ${m.status}${m.sent_at ? ` at ${m.sent_at}` : ''}${m.reason ? ` (${m.reason})` : ''}`,
    `template ${m.template ?? '-'}, tone ${m.tone ?? '-'}`,
    ...(m.sent_at ? ['--- as sent ---', ...asSent(m.content)] : []), ...builtFrom(m)].join('\n');
}
