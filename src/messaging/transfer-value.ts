// The {{bank_transfer}} placeholder: the org's transfer details for the message's currency, with the reference to quote,
// in the debtor's language: labelled lines in text, a small table in an email's HTML, one short line in an SMS.
import { transferView, TRANSFER_TEXTS, type TransferView } from '../payments/transfer/index.ts';
import { escapeHtml, type Value, type Values } from './render-text.ts';
import { accountSmsLines } from './transfer-sms.ts';
import { messageQrs, qrHtml, qrImage, qrText, type MessageQr } from './email-qr.ts';
import type { EmailMessage, Language, MessageContext } from './types.ts';

/** The details for the message's invoices (one currency), or null when the org has no account in it. */
export function messageTransfer(ctx: MessageContext, language: Language): TransferView | null {
  const t = ctx.bankTransfer;
  const currency = ctx.invoices[0]?.balance.currency;
  if (!t || !currency || !t.settings.accounts.some((a) => a.currency === currency)) return null;
  return transferView(t.settings, currency, ctx.invoices.map((i) => i.number), t.customerReference ?? null, language);
}

const qrOf = (qrs: readonly MessageQr[], accountId: string) => qrs.find((q) => q.accountId === accountId);

function text(view: TransferView, language: Language, qrs: readonly MessageQr[]): string {
  const t = TRANSFER_TEXTS[language];
  return view.accounts.map((a) => {
    const qr = qrOf(qrs, a.id);
    return [`${t.heading} (${view.currency})${a.label ? ` - ${a.label}` : ''}:`, ...a.lines.map((l) => `${l.label}: ${l.value}`),
      `${t.reference}: ${a.reference}`, ...(qr && qrText(qr, language) ? [qrText(qr, language)] : [])].join('\n');
  }).join('\n\n');
}

function html(view: TransferView, language: Language, qrs: readonly MessageQr[]): string {
  const t = TRANSFER_TEXTS[language];
  const td = 'style="padding:4px 8px;border-bottom:1px solid #e5e7eb"';
  const row = (label: string, value: string, strong = false) =>
    `<tr><td ${td}>${escapeHtml(label)}</td><td ${td}>${strong ? `<strong>${escapeHtml(value)}</strong>` : escapeHtml(value)}</td></tr>`;
  return view.accounts.map((a) => `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;font-size:14px;margin:8px 0 16px">`
    + `<caption style="text-align:left;font-weight:bold;padding:4px 0">${escapeHtml(`${t.heading} (${view.currency})${a.label ? ` - ${a.label}` : ''}`)}</caption>`
    + `<tbody>${a.lines.map((l) => row(l.label, l.value)).join('')}${row(t.reference, a.reference, true)}</tbody></table>`
    + (qrOf(qrs, a.id) ? qrHtml(qrOf(qrs, a.id)!, language) : '')).join('');
}

/**
 * An English SMS's short form: the first account's main number and the reference ("Transfer: Account number 0001..., ref
 * F-1"); an ACH account's routing number first, without which its account number cannot be paid.
 */
function short(view: TransferView, language: Language): string {
  const t = TRANSFER_TEXTS[language];
  const first = view.accounts[0]!;
  const routing = first.kind === 'us_ach' ? first.lines.find((l) => l.label === t.routing) : undefined;
  return `${t.short}: ${routing ? `${routing.label} ${routing.copy}, ` : ''}${first.main.label} ${first.main.copy}, ${t.ref} ${first.reference}`;
}

/**
 * The SMS lines for the message's first account in its currency, longest first ([] without one): English has one;
 * Spanish and Portuguese a natural line, then a compact one (see transfer-sms.ts). The renderer keeps the first that
 * leaves the SMS within three segments, else none.
 */
export function smsTransferLines(ctx: MessageContext, language: Language): string[] {
  const view = messageTransfer(ctx, language);
  if (!view) return [];
  if (language === 'en') return [short(view, language)];
  const first = view.accounts[0]!;
  const account = ctx.bankTransfer!.settings.accounts.find((a) => a.id === first.id);
  return account ? accountSmsLines(account, first.reference, language) : [short(view, language)];
}

/**
 * The placeholder's value: '' without details (so {{#bank_transfer}} sections hide), else made when a template reads it;
 * with `qr` (an email's) each account's payment QR code too, under its details.
 */
export function transferValue(ctx: MessageContext, language: Language, sms: boolean, qr = false): Value {
  if (sms) return smsTransferLines(ctx, language)[0] ?? '';
  const view = messageTransfer(ctx, language);
  if (!view) return '';
  let made: { text: string; html: string } | undefined;
  const make = () => {
    if (made) return made;
    const qrs = qr ? messageQrs(ctx, view) : [];
    return (made = { text: text(view, language, qrs), html: html(view, language, qrs) });
  };
  return { get text() { return make().text; }, get html() { return make().html; } };
}

/** An email's values: {{bank_transfer}} with the payment QR codes (the other channels' carry none). */
export function emailValues(values: Values, ctx: MessageContext, language: Language): Values {
  return ctx.bankTransfer && values['bank_transfer'] ? { ...values, bank_transfer: transferValue(ctx, language, false, true) } : values;
}

/**
 * The email with the images of the payment QR codes its HTML shows (an org's own text without {{bank_transfer}} shows
 * none, and gets none); the email as it is when the debtor's currency has no account a QR standard covers.
 */
export function withQrImages(message: EmailMessage, ctx: MessageContext, language: Language): EmailMessage {
  const view = ctx.bankTransfer ? messageTransfer(ctx, language) : null;
  const shown = view ? messageQrs(ctx, view).filter((q) => message.html.includes(`cid:${q.cid}"`)) : [];
  return shown.length ? { ...message, images: shown.map((q) => qrImage(q, language)) } : message;
}
