// Stripe dispute evidence (docs.stripe.com/api/disputes/update, /api/files/create): each file uploaded to
// https://files.stripe.com/v1/files as multipart/form-data with purpose=dispute_evidence (its answer's id, file_..., is
// what an evidence field taking a file holds), then POST /v1/disputes/{id} with evidence[...] fields, form-encoded, and
// submit=true to send it to the bank (false stages it). The dispute answered carries evidence_details: due_by (epoch
// seconds; 0 or null when the bank allows no answer), has_evidence, past_due and submission_count.
import { randomBytes } from 'node:crypto';
import { request } from '../../channels/index.ts';
import { apiUrl, callGateway, field } from './http.ts';
import { STRIPE_API, type StripeConfig } from './stripe.ts';
import type { GatewayResult } from './types.ts';

export const STRIPE_FILES_API = 'https://files.stripe.com';

/** Evidence fields that take the id of an uploaded file; the others take text (at most 150,000 characters together). */
export const STRIPE_FILE_FIELDS = ['receipt', 'customer_communication', 'service_documentation', 'shipping_documentation', 'refund_policy',
  'cancellation_policy', 'customer_signature', 'duplicate_charge_documentation', 'uncategorized_file'] as const;
export const STRIPE_TEXT_FIELDS = ['customer_name', 'customer_email_address', 'billing_address', 'product_description', 'service_date',
  'shipping_date', 'shipping_address', 'shipping_carrier', 'shipping_tracking_number', 'refund_policy_disclosure', 'refund_refusal_explanation',
  'cancellation_policy_disclosure', 'cancellation_rebuttal', 'duplicate_charge_explanation', 'duplicate_charge_id', 'access_activity_log',
  'customer_purchase_ip', 'uncategorized_text'] as const;
export type StripeFileField = (typeof STRIPE_FILE_FIELDS)[number];
export type StripeTextField = (typeof STRIPE_TEXT_FIELDS)[number];

/** What Stripe says of the evidence on a dispute. */
export interface StripeEvidenceDetails { due_by: string | null; has_evidence: boolean; past_due: boolean; submission_count: number }

function stripeFailure(status: number, body: unknown): { ok: false; error: { kind: 'rejected' | 'uncertain'; message: string; status: number; code?: string } } {
  const e = field(body, 'error', 'object');
  const code = field(e, 'code', 'string') ?? field(e, 'type', 'string');
  // a 5xx or 429 left the outcome unknown: the same request may be tried again
  const kind = status >= 500 || status === 429 ? 'uncertain' : 'rejected';
  return { ok: false, error: { kind, status, message: `Stripe answered ${status}: ${field(e, 'message', 'string') ?? 'no message'}`, ...(code ? { code } : {}) } };
}

/** The multipart body of one file upload: purpose, then the file part with its name and type. */
export function fileUploadBody(file: { filename: string; contentType: string; data: Buffer }, boundary: string): Buffer {
  const name = file.filename.replace(/["\r\n\\]/g, '_');
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\ndispute_evidence\r\n`, 'utf8'),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${file.contentType}\r\n\r\n`, 'utf8'),
    file.data, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
  ]);
}

/** Uploads one file for dispute evidence: Stripe's file id. The org's api_base (a test server) takes files too. */
export async function uploadStripeEvidenceFile(c: StripeConfig, file: { filename: string; contentType: string; data: Buffer }): Promise<GatewayResult<string>> {
  const boundary = `cobro${randomBytes(12).toString('hex')}`;
  const r = await request({ url: apiUrl(c.apiBase ?? STRIPE_FILES_API, '/v1/files'), method: 'POST', timeoutMs: 30_000,
    headers: { authorization: `Bearer ${c.secretKey}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: fileUploadBody(file, boundary), ...(c.egress && c.apiBase ? { egress: c.egress } : {}) });
  if (!r.ok) return { ok: false, error: { kind: r.reason === 'refused' ? 'rejected' : 'uncertain', message: `no answer from Stripe's file upload: ${r.message}` } };
  let body: unknown = null;
  try { body = JSON.parse(r.response.body); } catch { /* not JSON: read as no id */ }
  if (r.response.status !== 200) return stripeFailure(r.response.status, body);
  const id = field(body, 'id', 'string');
  return id ? { ok: true, value: id } : { ok: false, error: { kind: 'uncertain', message: 'Stripe\'s file upload answered without an id' } };
}

/** Stripe's evidence_details read into cobro's form (due_by as an ISO instant). */
export function evidenceDetails(dispute: unknown): StripeEvidenceDetails {
  const d = field(dispute, 'evidence_details', 'object');
  const due = field(d, 'due_by', 'number');
  return { due_by: due ? new Date(due * 1000).toISOString() : null, has_evidence: field(d, 'has_evidence', 'boolean') ?? false,
    past_due: field(d, 'past_due', 'boolean') ?? false, submission_count: field(d, 'submission_count', 'number') ?? 0 };
}

/** The form of a dispute update: each evidence field given (text, or a file's id), and whether to submit it now. */
export function disputeUpdateForm(evidence: Record<string, string>, submit: boolean): URLSearchParams {
  const f = new URLSearchParams();
  for (const [k, v] of Object.entries(evidence)) if (v !== '') f.set(`evidence[${k}]`, v);
  f.set('submit', submit ? 'true' : 'false');
  return f;
}

/**
 * Stages (submit false) or submits the evidence on the dispute, with an Idempotency-Key so that a request tried again after
 * no answer is not a second submission; the dispute's status and evidence_details as Stripe answers them.
 */
export async function updateStripeDispute(c: StripeConfig, disputeId: string, evidence: Record<string, string>, submit: boolean, idempotencyKey: string):
  Promise<GatewayResult<{ status: string; details: StripeEvidenceDetails }>> {
  const r = await callGateway({ url: apiUrl(c.apiBase ?? STRIPE_API, `/v1/disputes/${encodeURIComponent(disputeId)}`), method: 'POST',
    headers: { authorization: `Bearer ${c.secretKey}`, 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': idempotencyKey },
    body: disputeUpdateForm(evidence, submit).toString(), timeoutMs: 30_000, ...(c.apiBase && c.egress ? { egress: c.egress } : {}) });
  if (!r.ok) return r;
  if (r.status !== 200) return stripeFailure(r.status, r.body);
  return { ok: true, value: { status: field(r.body, 'status', 'string') ?? '', details: evidenceDetails(r.body) } };
}

/** Reads the dispute's evidence_details now (GET /v1/disputes/{id}). */
export async function stripeEvidenceDetails(c: StripeConfig, disputeId: string): Promise<GatewayResult<{ status: string; details: StripeEvidenceDetails }>> {
  const r = await callGateway({ url: apiUrl(c.apiBase ?? STRIPE_API, `/v1/disputes/${encodeURIComponent(disputeId)}`), method: 'GET',
    headers: { authorization: `Bearer ${c.secretKey}` }, ...(c.apiBase && c.egress ? { egress: c.egress } : {}) });
  if (!r.ok) return r;
  if (r.status !== 200) return stripeFailure(r.status, r.body);
  return { ok: true, value: { status: field(r.body, 'status', 'string') ?? '', details: evidenceDetails(r.body) } };
}
