// The statement the debtor downloads, as a PDF: the same content as the HTML one (open invoices with what makes up each
// balance, totals per currency, recent payments, the note that it is not a tax invoice) in the debtor's language, money
// and dates in their locale, on A4 or Letter by the org's country, with the heading and the table's columns on every page;
// each transfer account's payment QR code drawn as filled squares (vector, sharp at any zoom). The heading names the
// creditor with its address and tax id when set, and carries the org's logo (embedded once, drawn on every page) when given.
// Helvetica while every text fits WinAnsi; DejaVu Sans, embedded, once a name or address holds a letter outside it.
import PDFDocument from 'pdfkit';
import type { PortalAccount, PortalInvoice } from './account.ts';
import type { OrgLogo } from '../orgs/index.ts';
import { creditorLines, day, money, TEXTS, type StatementTexts } from './statement.ts';
import { darkRuns, qrMatrix, QUIET_ZONE, TRANSFER_TEXTS, type TransferQr } from '../payments/transfer/index.ts';
import { DEJAVU, keepParsed, NeedsDejaVu, pdfText, registerFonts, STANDARD, type Fonts } from './statement-fonts.ts';

export { pdfText };

/** Countries whose offices print on US Letter; everywhere else (and with no country) A4. */
const LETTER = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'GT', 'SV', 'HN', 'NI', 'CR', 'PA', 'DO', 'PR']);
export const paperFor = (country: string | null): 'A4' | 'LETTER' => (country && LETTER.has(country.toUpperCase()) ? 'LETTER' : 'A4');

const MARGIN = 48;
const FOOTER = 44;
const INK = '#1c2430';
const MUTED = '#4a5563';
// share of the width per column: number, issued, due, days overdue, amount, balance (the last three right-aligned)
const COLUMNS = [0.24, 0.145, 0.145, 0.14, 0.165, 0.165] as const;

interface Page {
  doc: PDFKit.PDFDocument; fonts: Fonts; t: StatementTexts; locale: string; account: PortalAccount; heading: string;
  width: number; bottom: number; y: number;
  /** The logo once opened by pdfkit (so every page refers to the one image object). */
  logo: PDFKit.Mixins.ImageSrc | null;
}

// pdfkit opens an image once and embeds it on first use; its types leave openImage out
const openImage = (doc: PDFKit.PDFDocument, data: Buffer) => (doc as unknown as { openImage(d: Buffer): PDFKit.Mixins.ImageSrc }).openImage(data);

// the box the logo is fitted into at the heading's top right, its aspect kept
const LOGO_BOX: [number, number] = [140, 56];

/** Writes one line at (x, y) cut to `w` points, right-aligned when asked; never wraps nor adds a page. */
function cell(p: Page, text: string, x: number, w: number, right = false): void {
  let s = p.fonts.show(text);
  if (p.doc.widthOfString(s) > w) {
    while (s.length > 1 && p.doc.widthOfString(`${s}…`) > w) s = s.slice(0, -1);
    s = `${s}…`;
  }
  p.doc.text(s, x, p.y, { width: w, align: right ? 'right' : 'left', lineBreak: false });
}

function columnX(p: Page, i: number): [number, number] {
  const x = MARGIN + COLUMNS.slice(0, i).reduce((a, b) => a + b, 0) * p.width;
  return [x, (COLUMNS[i] ?? 0) * p.width - 6];
}

function pageHeading(p: Page): void {
  const { doc, t, account, locale } = p;
  p.y = MARGIN;
  // the text keeps clear of the logo's box
  const clear = p.logo ? LOGO_BOX[0] + 12 : 0;
  if (p.logo) doc.image(p.logo, MARGIN + p.width - LOGO_BOX[0], MARGIN, { fit: LOGO_BOX, align: 'right' });
  doc.font(p.fonts.bold).fontSize(16).fillColor(INK);
  cell(p, p.heading, MARGIN, p.width - clear);
  p.y += 24;
  doc.fontSize(10);
  const lines: (readonly [string, string, boolean])[] = [[t.from, account.org.name, true], ...creditorLines(account, t).map(([l, v]) => [l, v, false] as const),
    [t.for, account.customer.name, true], [t.date, day(account.today, locale), true]];
  for (const [label, value, bold] of lines) {
    doc.font(p.fonts.regular).fillColor(MUTED);
    cell(p, `${label}:`, MARGIN, 60);
    doc.font(bold ? p.fonts.bold : p.fonts.regular).fillColor(INK);
    const w = p.width - 62 - clear;
    // an address may take two lines; anything longer ends in an ellipsis
    const text = p.fonts.show(value);
    const h = Math.min(doc.heightOfString(text, { width: w }), 24);
    doc.text(text, MARGIN + 62, p.y, { width: w, height: h + 1, ellipsis: true });
    p.y += Math.max(14, h + 2);
  }
  p.y = Math.max(p.y, p.logo ? MARGIN + LOGO_BOX[1] : 0) + 10;
}

function tableHeading(p: Page): void {
  const { doc, t } = p;
  doc.font(p.fonts.bold).fontSize(9).fillColor(MUTED);
  // a label wider than its column takes two lines rather than being cut
  const heights = [t.number, t.issued, t.due, t.overdue, t.amount, t.balance].map((label, i) => {
    const [x, w] = columnX(p, i);
    doc.text(p.fonts.show(label), x, p.y, { width: w, align: i >= 3 ? 'right' : 'left' });
    return doc.heightOfString(p.fonts.show(label), { width: w });
  });
  p.y += Math.max(...heights) + 2;
  doc.moveTo(MARGIN, p.y - 3).lineTo(MARGIN + p.width, p.y - 3).lineWidth(0.8).strokeColor(MUTED).stroke();
  p.y += 2;
}

/** A new page with the heading (and the table's columns while invoices are being listed) when `height` does not fit. */
function room(p: Page, height: number, table: boolean): void {
  if (p.y + height <= p.bottom) return;
  p.doc.addPage();
  pageHeading(p);
  if (table) tableHeading(p);
}

const rowHeight = (i: PortalInvoice) => 15 + 10 * (i.adjustments.length + (i.disputed ? 1 : 0));

function invoiceRow(p: Page, i: PortalInvoice): void {
  const { doc, t, locale } = p;
  room(p, rowHeight(i), true);
  const top = p.y;
  doc.font(p.fonts.regular).fontSize(9).fillColor(INK);
  const values = [i.number, day(i.issue_date, locale), day(i.due_date, locale), String(i.days_overdue), money(i.amount, i.currency, locale), money(i.balance, i.currency, locale)];
  values.forEach((v, n) => cell(p, v, ...columnX(p, n), n >= 3));
  doc.fontSize(8).fillColor(MUTED);
  const [x] = columnX(p, 0);
  const notes = [...(i.disputed ? [`(${t.disputed})`] : []),
    ...i.adjustments.map((j) => `${t.kinds[j.kind as keyof typeof t.kinds] ?? j.kind} ${day(j.date, locale)}: ${money(j.amount, i.currency, locale)}`)];
  for (const note of notes) {
    p.y += 10;
    cell(p, note, x + 8, p.width * 0.6);
  }
  p.y = top + rowHeight(i);
  doc.moveTo(MARGIN, p.y - 3).lineTo(MARGIN + p.width, p.y - 3).lineWidth(0.4).strokeColor('#ccccdd').stroke();
}

function totalsAndPayments(p: Page): void {
  const { doc, t, account, locale } = p;
  p.y += 8;
  for (const x of account.totals) {
    room(p, 16, false);
    doc.font(p.fonts.bold).fontSize(11).fillColor(INK);
    const overdue = x.overdue > 0 && x.overdue !== x.balance ? ` (${t.overdueOf}: ${money(x.overdue, x.currency, locale)})` : '';
    cell(p, `${t.total}: ${money(x.balance, x.currency, locale)}${overdue}`, MARGIN, p.width, true);
    p.y += 16;
  }
  if (account.payments.length === 0) return;
  room(p, 34, false);
  p.y += 10;
  doc.font(p.fonts.bold).fontSize(12).fillColor(INK);
  cell(p, t.payments, MARGIN, p.width);
  p.y += 18;
  doc.font(p.fonts.regular).fontSize(9);
  for (const pay of account.payments) {
    room(p, 13, false);
    cell(p, `${day(pay.date, locale)}: ${money(pay.amount, pay.currency, locale)}`, MARGIN, p.width);
    p.y += 13;
  }
}

/** How to pay by bank transfer, per currency owed: each account's lines, then the reference to quote in bold. */
function transferDetails(p: Page): void {
  const { doc, account } = p;
  const t = TRANSFER_TEXTS[account.language];
  for (const v of account.bank_transfer ?? []) {
    for (const a of v.accounts) {
      const rows = [...a.lines.map((l) => [l.label, l.value] as const), [t.reference, a.reference] as const];
      room(p, 34 + 13 * rows.length, false);
      p.y += 10;
      doc.font(p.fonts.bold).fontSize(12).fillColor(INK);
      cell(p, `${t.heading} (${v.currency})${a.label ? `: ${a.label}` : ''}`, MARGIN, p.width);
      p.y += 18;
      rows.forEach(([label, value], n) => {
        doc.font(p.fonts.regular).fontSize(9).fillColor(MUTED);
        cell(p, `${label}:`, MARGIN, 130);
        doc.font(n === rows.length - 1 ? p.fonts.bold : p.fonts.regular).fillColor(INK);
        cell(p, value, MARGIN + 134, p.width - 134);
        p.y += 13;
      });
      if (a.qr) paymentQr(p, a.qr, t);
    }
  }
}

const QR_SIDE = 108;

/** The account's payment QR code as filled squares (each row's dark runs), the caption beside it, PIX's copia e cola code under it. */
function paymentQr(p: Page, qr: TransferQr, t: (typeof TRANSFER_TEXTS)[keyof typeof TRANSFER_TEXTS]): void {
  const { doc } = p;
  const m = qrMatrix(qr.payload);
  const module = QR_SIDE / (m.size + 2 * QUIET_ZONE);
  const code = qr.format === 'pix' ? pdfText(qr.payload) : '';
  doc.font('Courier').fontSize(8);
  const codeHeight = code ? doc.heightOfString(code, { width: p.width }) + 16 : 0;
  room(p, QR_SIDE + 8 + codeHeight, false);
  const top = p.y + 4;
  doc.save().fillColor('#000000');
  for (const [r, c, n] of darkRuns(m)) doc.rect(MARGIN + (c + QUIET_ZONE) * module, top + (r + QUIET_ZONE) * module, n * module, module);
  doc.fill().restore();
  doc.font(p.fonts.regular).fontSize(9).fillColor(MUTED);
  doc.text(p.fonts.show(t.qr), MARGIN + QR_SIDE + 12, top + QR_SIDE / 2 - 6, { width: p.width - QR_SIDE - 12 });
  p.y = top + QR_SIDE + 4;
  if (!code) return;
  doc.font(p.fonts.regular).fontSize(9).fillColor(MUTED);
  cell(p, `${t.pixCode}:`, MARGIN, p.width);
  p.y += 12;
  doc.font('Courier').fontSize(8).fillColor(INK);
  doc.text(code, MARGIN, p.y, { width: p.width, lineBreak: true });
  p.y += doc.heightOfString(code, { width: p.width }) + 4;
}

/** The legal note and "page n of m" at the foot of every page, written once the number of pages is known. */
function footers(p: Page): void {
  const { doc, t } = p;
  const range = doc.bufferedPageRange();
  for (let n = range.start; n < range.start + range.count; n++) {
    doc.switchToPage(n);
    doc.font(p.fonts.regular).fontSize(8).fillColor(MUTED);
    const y = doc.page.height - FOOTER + 6;
    doc.text(p.fonts.show(p.t.note), MARGIN, y, { width: p.width * 0.78, lineGap: 1 });
    doc.text(p.fonts.show(t.page.replace('{n}', String(n + 1)).replace('{m}', String(range.count))), MARGIN + p.width * 0.8, y,
      { width: p.width * 0.2, align: 'right', lineBreak: false });
  }
}

/** The statement of the open invoices, or of the one invoice given, as PDF bytes; `now` is the document's creation time; `logo` heads every page. */
export function statementPdf(account: PortalAccount, now: Date, only?: PortalInvoice, logo?: OrgLogo | null): Promise<Buffer> {
  // the standard fonts first; a text they would lose a letter of starts the statement again in DejaVu Sans
  try {
    return draw(account, now, STANDARD, only, logo);
  } catch (e) {
    if (!(e instanceof NeedsDejaVu)) throw e;
    return draw(account, now, DEJAVU, only, logo);
  }
}

function draw(account: PortalAccount, now: Date, fonts: Fonts, only?: PortalInvoice, logo?: OrgLogo | null): Promise<Buffer> {
  const t = TEXTS[account.language];
  const heading = only ? `${t.invoice} ${only.number}` : t.title;
  const doc = new PDFDocument({ size: paperFor(account.org.country), margin: 0, bufferPages: true, lang: account.language,
    info: { Title: fonts.show(`${heading} · ${account.org.name}`), Author: fonts.show(account.org.name), Subject: fonts.show(account.customer.name), CreationDate: now } });
  registerFonts(doc, fonts);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => { doc.on('end', () => resolve(Buffer.concat(chunks))); doc.on('error', reject); });
  const p: Page = { doc, fonts, t, locale: account.locale, account, heading, width: doc.page.width - 2 * MARGIN, bottom: doc.page.height - FOOTER - 8, y: MARGIN,
    logo: logo ? openImage(doc, logo.data) : null };
  pageHeading(p);
  const list = only ? [only] : account.invoices;
  if (list.length === 0) {
    doc.font(p.fonts.regular).fontSize(11).fillColor(INK);
    cell(p, t.none, MARGIN, p.width);
    p.y += 18;
  } else {
    tableHeading(p);
    for (const i of list) invoiceRow(p, i);
  }
  if (!only) { totalsAndPayments(p); transferDetails(p); }
  footers(p);
  keepParsed(doc, fonts);
  doc.end();
  return done;
}
