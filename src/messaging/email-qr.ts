// The payment QR code in an email, where the portal would show one: the EPC QR of a SEPA account in euros, the PIX BR
// Code of a key in reais, for the amount the message is about. The HTML names each code's image by its Content-ID (an
// inline PNG part; clients block SVG and data: URIs), with alt text; a PIX code's copia e cola text goes under it and in
// the text part, for a debtor reading on the phone the code is shown on.
import { accountQrPayload, pngSide, qrKey, qrMatrix, qrPng, type QrFormat, type TransferView } from '../payments/transfer/index.ts';
import { escapeHtml } from './render-text.ts';
import type { EmailImage, Language, MessageContext } from './types.ts';

/** One account's code in a message: what it carries and the Content-ID and name of its image. */
export interface MessageQr { accountId: string; format: QrFormat; payload: string; cid: string; filename: string }

const QR_TEXTS: Record<Language, { alt: Record<QrFormat, string>; scan: string; copyPaste: string }> = {
  en: {
    alt: { epc: 'QR code to pay by SEPA transfer: scan it with your banking app', pix: 'PIX QR code: scan it with your bank\'s app to pay' },
    scan: 'Scan with your banking app to pay', copyPaste: 'PIX copia e cola (paste it in your bank\'s app)',
  },
  es: {
    alt: { epc: 'Código QR para pagar por transferencia SEPA: escanéalo con la app de tu banco', pix: 'Código QR de PIX: escanéalo con la app de tu banco para pagar' },
    scan: 'Escanéalo con la app de tu banco para pagar', copyPaste: 'PIX copia e cola (pégalo en la app de tu banco)',
  },
  'pt-BR': {
    alt: { epc: 'QR Code para pagar por transferência SEPA: leia com o app do seu banco', pix: 'QR Code Pix: leia com o app do seu banco para pagar' },
    scan: 'Leia com o app do seu banco para pagar', copyPaste: 'Pix copia e cola (cole no app do seu banco)',
  },
};

/** The image's side as the HTML sets it (CSS pixels); the PNG has at least twice as many, for sharp high-density screens. */
export const QR_DISPLAY_PX = 220;

/**
 * The codes for the message's accounts in `view` (its invoices' currency): the amount is what the message's invoices
 * still owe, the reference each account's; [] when nothing is owed or no account is one a QR standard covers.
 */
export function messageQrs(ctx: MessageContext, view: TransferView): MessageQr[] {
  const t = ctx.bankTransfer;
  const amount = ctx.invoices.reduce((sum, i) => sum + (i.balance.currency === view.currency ? i.balance.amount : 0), 0);
  if (!t || amount <= 0) return [];
  const key = qrKey(t.settings, ctx.invoices.map((i) => i.number), t.customerReference ?? null);
  return view.accounts.flatMap((a) => {
    const account = t.settings.accounts.find((x) => x.id === a.id);
    const p = account ? accountQrPayload(account, amount, a.reference, key) : null;
    if (!p) return [];
    const name = `${p.format}-qr-${a.id.replace(/[^A-Za-z0-9_-]/g, '')}`;
    return [{ accountId: a.id, ...p, cid: `${name}@cobro`, filename: `${name}.png` }];
  });
}

/** The code under an account's details: its image by Content-ID, and a PIX code's copia e cola text under it. */
export function qrHtml(q: MessageQr, language: Language): string {
  const t = QR_TEXTS[language];
  const img = `<img src="cid:${escapeHtml(q.cid)}" alt="${escapeHtml(t.alt[q.format])}" width="${QR_DISPLAY_PX}" height="${QR_DISPLAY_PX}" `
    + `style="display:block;width:${QR_DISPLAY_PX}px;height:${QR_DISPLAY_PX}px;border:0">`;
  const copy = q.format === 'pix'
    ? `<tr><td style="padding:8px 0 0;font-size:13px">${escapeHtml(t.copyPaste)}:<br><code style="word-break:break-all;font-size:12px">${escapeHtml(q.payload)}</code></td></tr>` : '';
  return `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 16px;font-size:14px">`
    + `<tr><td>${img}</td></tr><tr><td style="padding:4px 0 0;color:#6b7280;font-size:13px">${escapeHtml(t.scan)}</td></tr>${copy}</table>`;
}

/** The text part's line for a code: a PIX code's copia e cola text; nothing for an EPC code, which only an image carries. */
export function qrText(q: MessageQr, language: Language): string {
  return q.format === 'pix' ? `${QR_TEXTS[language].copyPaste}: ${q.payload}` : '';
}

/** A QR code's text drawn as the email's PNG: at least twice the displayed side in pixels. */
export function qrCodePng(code: string): Buffer {
  const m = qrMatrix(code);
  return qrPng(m, Math.max(2, Math.ceil((2 * QR_DISPLAY_PX) / pngSide(m, 1))));
}

/** The code as an inline PNG part, with the text it draws (what the outbox keeps of it). */
export function qrImage(q: MessageQr, language: Language): EmailImage {
  const png = qrCodePng(q.payload);
  return { cid: q.cid, filename: q.filename, contentType: 'image/png', alt: QR_TEXTS[language].alt[q.format], size: png.length, content: png.toString('base64'),
    code: q.payload };
}

/**
 * An inline image of a sent email as its outbox content keeps it, by Content-ID: a PNG drawn again from the code's text
 * the outbox kept; null for a Content-ID the email does not have, an image that is not a PNG, or one kept without its text
 * (sent before the text was kept).
 */
export function keptInlineImage(content: Record<string, unknown>, cid: string): { png: Buffer; filename: string } | null {
  const images = Array.isArray(content['images']) ? content['images'] as Partial<EmailImage>[] : [];
  const image = images.find((i) => i && typeof i === 'object' && i.cid === cid);
  if (!image || image.contentType !== 'image/png' || typeof image.code !== 'string' || image.code === '' || image.code.length > 2000) return null;
  const filename = typeof image.filename === 'string' && /^[\w.-]{1,100}$/.test(image.filename) ? image.filename : 'image.png';
  return { png: qrCodePng(image.code), filename };
}
