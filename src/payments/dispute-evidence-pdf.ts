// The documents cobro makes for a gateway dispute's evidence, as PDFs (the file type both gateways take): the customer's
// statement of account (the portal's own), the communication history (every message sent and reply received, oldest
// first, with date, channel and direction), and the account of the debt in words (summaryText) for Adyen, which takes
// documents only, in the org's language (dispute-evidence-words.ts). Made at submit from the records as they are then (the
// customer as the evidence names them, kept through an erasure); the clock is passed in.
import PDFDocument from 'pdfkit';
import type { Queryable } from '../db/index.ts';
import { getOrgLogo } from '../orgs/index.ts';
import { paperFor, pdfText, portalAccount, statementPdf } from '../portal/index.ts';
import type { AutoEvidence } from './dispute-evidence-auto.ts';
import type { GatewayDisputeRef } from './dispute-evidence-store.ts';
import { evidenceWords, type EvidenceWords } from './dispute-evidence-words.ts';

/** A plain document: a title, then paragraphs, on as many pages as they take (standard fonts, text they cannot show simplified). */
export function textPdf(title: string, paragraphs: string[], now: Date, country: string | null = null): Promise<Buffer> {
  const doc = new PDFDocument({ size: paperFor(country), margin: 48, info: { Title: pdfText(title), CreationDate: now } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => { doc.on('end', () => resolve(Buffer.concat(chunks))); doc.on('error', reject); });
  doc.font('Helvetica-Bold').fontSize(14).text(pdfText(title));
  doc.moveDown(0.6).font('Helvetica').fontSize(10);
  for (const p of paragraphs) doc.text(pdfText(p)).moveDown(0.4);
  doc.end();
  return done;
}

/** The communication history as paragraphs, one a message, in the org's language. */
export function historyParagraphs(a: AutoEvidence, w: EvidenceWords = evidenceWords('en')): string[] {
  if (a.communications.length === 0) return [w.noMessages];
  return a.communications.map((m) => `${m.at.slice(0, 16).replace('T', ' ')} UTC, ${m.channel}, ${m.direction === 'sent' ? w.sent(m.status) : w.received}`
    + `${m.subject ? ` - ${m.subject}` : ''}:\n${m.text.trim().slice(0, 4000) || w.noText}`);
}

export function historyPdf(a: AutoEvidence, d: GatewayDisputeRef, now: Date, w: EvidenceWords = evidenceWords('en')): Promise<Buffer> {
  return textPdf(w.historyTitle(a.customer.name, d.payment_ref), historyParagraphs(a, w), now);
}

/**
 * The customer's statement of account as the debtor downloads it from the portal, addressed to the customer as the
 * evidence names them (after an erasure, the copy kept with it: the records say only "Erased customer"); null when it
 * cannot be made.
 */
export async function statementOf(q: Queryable, orgId: string, customerId: string, now: Date, auto?: Pick<AutoEvidence, 'customer'>): Promise<Buffer | null> {
  const account = await portalAccount(q, { orgId, customerId, linkId: '' }, now);
  if (!account.ok) return null;
  const name = auto?.customer.name || account.value.customer.name;
  return statementPdf({ ...account.value, customer: { ...account.value.customer, name } }, now, undefined, await getOrgLogo(q, orgId));
}
