// PayPal dispute evidence (Disputes API v1, developer.paypal.com/docs/api/customer-disputes/v1/#disputes_provide-evidence):
// POST /v1/customer/disputes/{id}/provide-evidence as multipart/form-data with the OAuth bearer token: an `input` part
// (application/json) holding `evidences`, each an evidence_type with its notes (at most 2,000 characters) and the documents
// it carries by name, and one `evidence-file` part per document (JPG, GIF, PNG or PDF, each under 10 MB, at most 50 MB in
// one call). PayPal takes it while the dispute waits for the seller (WAITING_FOR_SELLER_RESPONSE) and answers 200 with
// links to the dispute. PROOF_OF_FULFILLMENT, PROOF_OF_REFUND and PROOF_OF_RETURN expect tracking or refund details
// (evidence_info) cobro does not hold, so cobro offers the evidence types that take documents and notes.
import { randomBytes } from 'node:crypto';
import { request } from '../../channels/index.ts';
import { apiUrl, field } from './http.ts';
import { paypalBase, type PayPalConfig } from './paypal.ts';
import { paypalToken } from './paypal-token.ts';
import type { GatewayResult } from './types.ts';

/** The evidence types a document and notes answer with (no tracking or refund details needed). */
export const PAYPAL_EVIDENCE_TYPES = ['OTHER', 'PROOF_OF_RECEIPT_COPY', 'COPY_OF_CONTRACT', 'BILLING_AGREEMENT', 'ITEM_DESCRIPTION',
  'DETAILS_OF_PURCHASE', 'PROOF_FOR_SOFTWARE_OR_SERVICE_DELIVERED', 'PROOF_OF_DELIVERY_SIGNATURE', 'PAID_WITH_OTHER_METHOD',
  'INFORMATION_ON_RESOLUTION', 'AFFIDAVIT'] as const;
export const PAYPAL_NOTES_MAX = 2000;
/** Under 10 MB a file, at most 50 MB a call (PayPal's supported file sizes). */
export const PAYPAL_FILE_MAX = 10 * 1024 * 1024 - 1;
export const PAYPAL_CALL_MAX = 50 * 1024 * 1024;
export const PAYPAL_FILE_TYPES: Record<string, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif' };

export interface PayPalDocument { name: string; contentType: string; data: Buffer }
export interface PayPalEvidence { evidence_type: string; notes?: string; documents: PayPalDocument[] }

/** The `input` part: each evidence's type, notes and its documents by name. */
export function evidenceInput(evidences: PayPalEvidence[]): { evidences: Record<string, unknown>[] } {
  return { evidences: evidences.map((e) => ({ evidence_type: e.evidence_type, ...(e.notes ? { notes: e.notes } : {}),
    ...(e.documents.length ? { documents: e.documents.map((d) => ({ name: d.name })) } : {}) })) };
}

/** The multipart body: `input` first, then one `evidence-file` part a document. */
export function provideEvidenceBody(evidences: PayPalEvidence[], boundary: string): Buffer {
  const chunks: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="input"\r\nContent-Type: application/json\r\n\r\n`
    + `${JSON.stringify(evidenceInput(evidences))}\r\n`, 'utf8')];
  for (const d of evidences.flatMap((e) => e.documents)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="evidence-file"; filename="${d.name.replace(/["\r\n\\]/g, '_')}"\r\n`
      + `Content-Type: ${d.contentType}\r\n\r\n`, 'utf8'), d.data, Buffer.from('\r\n', 'utf8'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return Buffer.concat(chunks);
}

/** What PayPal would refuse before it is sent: a type, notes, a file's type or size, the call's size; null when none. */
export function evidenceProblem(evidences: PayPalEvidence[]): { field: string; message: string } | null {
  let total = 0;
  const names = new Set<string>();
  for (const e of evidences) {
    if (!(PAYPAL_EVIDENCE_TYPES as readonly string[]).includes(e.evidence_type)) {
      return { field: 'documents', message: `${e.evidence_type} is not an evidence type cobro sends to PayPal (${PAYPAL_EVIDENCE_TYPES.join(', ')})` };
    }
    if ((e.notes ?? '').length > PAYPAL_NOTES_MAX) return { field: 'text.explanation', message: `PayPal takes notes of at most ${PAYPAL_NOTES_MAX} characters (${e.evidence_type} has ${e.notes!.length})` };
    for (const d of e.documents) {
      if (!PAYPAL_FILE_TYPES[d.contentType]) return { field: 'documents', message: `${d.name}: PayPal takes JPG, GIF, PNG or PDF` };
      if (d.data.length > PAYPAL_FILE_MAX) return { field: 'documents', message: `${d.name}: PayPal takes files under 10 MB` };
      if (names.has(d.name)) return { field: 'documents', message: `${d.name}: two documents of one name` };
      names.add(d.name);
      total += d.data.length;
    }
  }
  if (total > PAYPAL_CALL_MAX) return { field: 'documents', message: `PayPal takes at most 50 MB of files in one answer (${Math.ceil(total / 1024 / 1024)} MB given)` };
  return null;
}

const paypalFailure = (status: number, body: unknown): { ok: false; error: { kind: 'rejected' | 'uncertain'; status: number; message: string } } => {
  const details = field(body, 'details', 'object');
  const issue = Array.isArray(details) ? details.map((d) => `${field(d, 'issue', 'string') ?? ''} ${field(d, 'description', 'string') ?? ''}`.trim()).filter(Boolean).join('; ') : '';
  const words = [field(body, 'name', 'string'), field(body, 'message', 'string'), issue].filter(Boolean).join(': ') || 'no message';
  return { ok: false, error: { kind: status >= 500 || status === 429 ? 'uncertain' : 'rejected', status, message: `PayPal answered ${status}: ${words}` } };
};

/** Sends the evidence for the dispute; PayPal's answer (its links) when taken. */
export async function providePayPalEvidence(c: PayPalConfig, disputeId: string, evidences: PayPalEvidence[], now: Date): Promise<GatewayResult<{ links: string[] }>> {
  const base = paypalBase(c);
  const token = await paypalToken({ base, clientId: c.clientId, clientSecret: c.clientSecret, egress: c.egress }, now);
  if (!token.ok) return token;
  const boundary = `cobro${randomBytes(12).toString('hex')}`;
  const r = await request({ url: apiUrl(base, `/v1/customer/disputes/${encodeURIComponent(disputeId)}/provide-evidence`), method: 'POST', timeoutMs: 60_000,
    headers: { authorization: `Bearer ${token.value}`, 'content-type': `multipart/form-data; boundary=${boundary}`, accept: 'application/json' },
    body: provideEvidenceBody(evidences, boundary), ...(c.egress && c.apiBase ? { egress: c.egress } : {}) });
  return linksAnswer(r, 'provide-evidence');
}

/** A dispute action's answer read: PayPal's links when it answered 200, its words (or no answer) otherwise. */
export function linksAnswer(r: Awaited<ReturnType<typeof request>>, action: string): GatewayResult<{ links: string[] }> {
  if (!r.ok) return { ok: false, error: { kind: r.reason === 'refused' ? 'rejected' : 'uncertain', message: `no answer from PayPal's ${action}: ${r.message}` } };
  let body: unknown = null;
  try { body = JSON.parse(r.response.body); } catch { /* not JSON: read as no links */ }
  if (r.response.status !== 200) return paypalFailure(r.response.status, body);
  const links = field(body, 'links', 'object');
  return { ok: true, value: { links: (Array.isArray(links) ? links : []).map((l) => field(l, 'rel', 'string') ?? '').filter(Boolean) } };
}
