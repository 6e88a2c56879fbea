// The fake Stripe's dispute evidence endpoints, as Stripe documents them: POST /v1/files (multipart/form-data, `purpose`
// dispute_evidence and a `file` part with its name and type; PDF, JPEG or PNG; answers a File object, file_...) and
// POST /v1/disputes/{id} (form-encoded evidence[...] fields of the evidence object, file fields naming an uploaded file,
// `submit` true or false; Idempotency-Key replayed like Stripe). A submission moves the dispute to under_review (or
// warning_under_review) and counts in evidence_details.submission_count; after it, Stripe refuses further evidence.
import { randomBytes } from 'node:crypto';
import { json, type Received } from './http.ts';
import type { FakeStripe, StripeObject } from './stripe.ts';

const FILE_FIELDS = new Set(['receipt', 'customer_communication', 'service_documentation', 'shipping_documentation', 'refund_policy', 'cancellation_policy',
  'customer_signature', 'duplicate_charge_documentation', 'uncategorized_file']);
const TEXT_FIELDS = new Set(['customer_name', 'customer_email_address', 'billing_address', 'product_description', 'service_date', 'shipping_date',
  'shipping_address', 'shipping_carrier', 'shipping_tracking_number', 'refund_policy_disclosure', 'refund_refusal_explanation', 'cancellation_policy_disclosure',
  'cancellation_rebuttal', 'duplicate_charge_explanation', 'duplicate_charge_id', 'access_activity_log', 'customer_purchase_ip', 'uncategorized_text']);
const TYPES: Record<string, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

export interface StripeUpload { id: string; purpose: string; filename: string; type: string; data: Buffer }
export interface StripeEvidenceFake {
  files: Map<string, StripeUpload>;
  /** Every dispute update accepted: the dispute, its parameters, the Idempotency-Key. */
  updates: { dispute: string; form: Record<string, string>; key: string | undefined }[];
  /** Answer the next N dispute updates with a 500 (nothing changed). */
  failUpdates: number;
}

interface Part { name: string; filename?: string; type?: string; data: Buffer }

/** The parts of a multipart/form-data body; null when it is not one. */
export function multipartParts(body: Buffer, contentType: string): Part[] | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!contentType.startsWith('multipart/form-data') || !boundary) return null;
  const sep = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: Part[] = [];
  let at = body.indexOf(sep);
  while (at !== -1) {
    const start = at + sep.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(sep, start);
    if (next === -1) return null;
    const chunk = body.subarray(start + 2, next - 2);
    const headEnd = chunk.indexOf('\r\n\r\n');
    if (headEnd === -1) return null;
    const head = chunk.subarray(0, headEnd).toString('utf8');
    const name = /name="([^"]*)"/.exec(head)?.[1];
    if (!name) return null;
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim();
    parts.push({ name, ...(filename !== undefined ? { filename } : {}), ...(type ? { type } : {}), data: chunk.subarray(headEnd + 4) });
    at = next;
  }
  return parts;
}

/** Adds the evidence endpoints to a fake Stripe. */
export function withEvidence(stripe: FakeStripe): StripeEvidenceFake {
  const state: StripeEvidenceFake = { files: new Map(), updates: [], failUpdates: 0 };
  const seen = new Map<string, { body: string; status: number; answer: unknown }>();
  const refuse = (res: Parameters<typeof json>[0], status: number, message: string) => {
    stripe.rejected.push({ status, message });
    json(res, status, { error: { type: 'invalid_request_error', message } });
  };
  const upload = (req: Received, res: Parameters<typeof json>[0]) => {
    const parts = multipartParts(req.body, String(req.headers['content-type'] ?? ''));
    if (!parts) return refuse(res, 400, 'the file upload must be multipart/form-data');
    const purpose = parts.find((p) => p.name === 'purpose')?.data.toString('utf8');
    const file = parts.find((p) => p.name === 'file');
    const unknown = parts.find((p) => !['purpose', 'file', 'file_link_data[create]', 'expand[]'].includes(p.name));
    if (unknown) return refuse(res, 400, `Received unknown parameter: ${unknown.name}`);
    if (purpose !== 'dispute_evidence') return refuse(res, 400, `purpose must be dispute_evidence here (got ${String(purpose)})`);
    if (!file?.filename || !file.type) return refuse(res, 400, 'file must be a file part with a filename and a content type');
    if (!TYPES[file.type]) return refuse(res, 400, `dispute evidence files are PDF, JPEG or PNG (got ${file.type})`);
    if (file.type === 'application/pdf' && file.data.subarray(0, 5).toString('latin1') !== '%PDF-') return refuse(res, 400, 'the file is not a PDF');
    const id = `file_${randomBytes(12).toString('hex')}`;
    state.files.set(id, { id, purpose, filename: file.filename, type: file.type, data: file.data });
    return json(res, 200, { id, object: 'file', purpose, filename: file.filename, size: file.data.length, type: TYPES[file.type], created: Math.floor(Date.now() / 1000) });
  };
  const update = (req: Received, id: string, res: Parameters<typeof json>[0]) => {
    if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return refuse(res, 400, 'form-encoded body required');
    const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : undefined;
    const body = req.body.toString('utf8');
    const replay = key ? seen.get(key) : undefined;
    if (replay) {
      if (replay.body !== body) return refuse(res, 400, 'Keys for idempotent requests can only be used with the same parameters they were first used with.');
      return json(res, replay.status, replay.answer, { 'idempotent-replayed': 'true' });
    }
    const d = stripe.disputes.get(id);
    if (!d) return refuse(res, 404, `No such dispute: '${id}'`);
    if (state.failUpdates > 0) { state.failUpdates--; return json(res, 500, { error: { type: 'api_error', message: 'An unknown error occurred' } }); }
    const form = Object.fromEntries(new URLSearchParams(body));
    for (const [k, v] of Object.entries(form)) {
      const ev = /^evidence\[([a-z_]+)\]$/.exec(k);
      if (k === 'submit') { if (v !== 'true' && v !== 'false') return refuse(res, 400, 'submit must be true or false'); continue; }
      if (k.startsWith('metadata[') || k === 'expand[]') continue;
      if (!ev) return refuse(res, 400, `Received unknown parameter: ${k}`);
      const field = ev[1]!;
      if (!FILE_FIELDS.has(field) && !TEXT_FIELDS.has(field)) return refuse(res, 400, `Received unknown parameter: evidence[${field}]`);
      if (FILE_FIELDS.has(field) && state.files.get(v)?.purpose !== 'dispute_evidence') return refuse(res, 400, `evidence[${field}]: no such file upload with purpose dispute_evidence: ${v}`);
      if ((field === 'service_date' || field === 'shipping_date') && !v) return refuse(res, 400, `evidence[${field}] is empty`);
    }
    const text = Object.entries(form).filter(([k]) => /^evidence\[/.test(k) && TEXT_FIELDS.has(k.slice(9, -1))).reduce((n, [, v]) => n + v.length, 0);
    if (text > 150_000) return refuse(res, 400, 'the evidence text fields are limited to 150,000 characters together');
    const status = String(d.status);
    if (!['needs_response', 'warning_needs_response'].includes(status)) return refuse(res, 400, `This dispute is ${status} and cannot take evidence any more.`);
    const details = d.evidence_details as StripeObject;
    const evidence = { ...(d.evidence as StripeObject | undefined) };
    for (const [k, v] of Object.entries(form)) if (k.startsWith('evidence[')) evidence[k.slice(9, -1)] = v;
    const submit = form.submit !== 'false';
    const next = { ...d, evidence, status: submit ? (status === 'needs_response' ? 'under_review' : 'warning_under_review') : status,
      evidence_details: { ...details, has_evidence: true, submission_count: Number(details.submission_count ?? 0) + (submit ? 1 : 0) } };
    stripe.disputes.set(id, next);
    state.updates.push({ dispute: id, form, key });
    if (key) seen.set(key, { body, status: 200, answer: next });
    return json(res, 200, next);
  };
  stripe.routes.push((req, url, res) => {
    if (req.method === 'POST' && url.pathname === '/v1/files') { upload(req, res); return true; }
    const one = /^\/v1\/disputes\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'POST' && one) { update(req, decodeURIComponent(one[1]!), res); return true; }
    return false;
  });
  return state;
}
