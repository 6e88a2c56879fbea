// Mercado Pago chargebacks (the Chargebacks API: GET /v1/chargebacks/{id}; POST /v1/chargebacks/{id}/documentation, multipart
// with one `files[]` part a file, JPG, PNG or PDF, at most 10 MB in all, answered 200 and the chargeback's
// documentation_status then review_pending). A chargeback's id can be past 2^53 (the notification's example carries
// 233000061680860000 as a JSON number), so a notification's body is read with such ids kept as text.
import { randomBytes } from 'node:crypto';
import { request } from '../../channels/index.ts';
import { apiUrl, field } from './http.ts';
import type { MercadoPagoConfig } from './mercadopago.ts';
import type { GatewayResult, PaymentFacts } from './types.ts';

/** The config's API base, else Mercado Pago's (MERCADOPAGO_API, not imported: mercadopago.ts imports this file). */
const baseOf = (c: MercadoPagoConfig): string => c.apiBase ?? 'https://api.mercadopago.com';

/** The notification types of the chargebacks topic (Webhooks: `topic_chargebacks_wh`; IPN: `chargebacks`). */
export const CHARGEBACK_TOPICS = new Set(['topic_chargebacks_wh', 'chargebacks']);
/** What Mercado Pago takes: JPG, PNG or PDF, at most 10 MB in all (its chargebacks guide). */
export const MP_DOCUMENTATION_TYPES: Record<string, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };
export const MP_DOCUMENTATION_MAX = 10 * 1024 * 1024;
/** The one evidence slot at Mercado Pago, which takes files without types. */
export const MP_SLOT = 'documentation';
/** documentation_status once documentation was received (or can no longer be): nothing more is sent then. */
export const MP_DOCUMENTATION_DONE = new Set(['review_pending', 'valid', 'invalid', 'not_supplied', 'not_applicable']);

/** JSON with integers of 16 digits or more kept as strings, so an id past 2^53 is not rounded. */
export function parseWithBigIds(text: string): unknown {
  return JSON.parse(text.replace(/(?<!\\)("(?:[A-Za-z_]*id)"\s*:\s*)(-?\d{16,})(?=\s*[,}\]])/g, '$1"$2"'));
}

export interface MercadoPagoChargeback {
  id: string; paymentRefs: string[]; currency: string | null; amount: number | null;
  documentationStatus: string | null; documentationRequired: boolean | null; deadline: string | null;
}

const idText = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);

/** A chargeback as GET /v1/chargebacks/{id} returns it. */
export function chargebackOf(body: unknown): MercadoPagoChargeback | null {
  const id = idText(field(body, 'id', 'string') ?? field(body, 'id', 'number'));
  if (!id) return null;
  const payments = field(body, 'payments', 'object');
  const deadline = field(body, 'date_documentation_deadline', 'string');
  const at = deadline ? Date.parse(deadline) : NaN;
  return {
    id, paymentRefs: (Array.isArray(payments) ? payments : []).map(idText).filter((x): x is string => Boolean(x)),
    currency: field(body, 'currency', 'string') ?? null, amount: field(body, 'amount', 'number') ?? null,
    documentationStatus: field(body, 'documentation_status', 'string') ?? null,
    documentationRequired: field(body, 'documentation_required', 'boolean') ?? null,
    deadline: Number.isNaN(at) ? null : new Date(at).toISOString(),
  };
}

const mpFailure = (status: number, body: unknown): { ok: false; error: { kind: 'rejected' | 'uncertain'; status: number; message: string } } => ({
  ok: false, error: { kind: status >= 500 || status === 429 ? 'uncertain' : 'rejected', status,
    message: `Mercado Pago answered ${status}: ${field(body, 'message', 'string') ?? field(body, 'error', 'string') ?? 'no message'}` } });

/** The chargeback as Mercado Pago has it now; null when it knows none by that id. */
export async function readMercadoPagoChargeback(c: MercadoPagoConfig, id: string): Promise<GatewayResult<MercadoPagoChargeback | null>> {
  const r = await request({ url: apiUrl(baseOf(c), `/v1/chargebacks/${encodeURIComponent(id)}`), method: 'GET', timeoutMs: 10_000,
    headers: { authorization: `Bearer ${c.accessToken}`, accept: 'application/json' }, ...(c.egress && c.apiBase ? { egress: c.egress } : {}) });
  if (!r.ok) return { ok: false, error: { kind: r.reason === 'refused' ? 'rejected' : 'uncertain', message: `no answer from Mercado Pago's chargebacks: ${r.message}` } };
  let body: unknown = null;
  try { body = parseWithBigIds(r.response.body); } catch { /* read as no chargeback */ }
  if (r.response.status === 404) return { ok: true, value: null };
  if (r.response.status !== 200) return mpFailure(r.response.status, body);
  const cb = chargebackOf(body);
  return cb ? { ok: true, value: cb } : { ok: false, error: { kind: 'rejected', message: `Mercado Pago's chargeback ${id} could not be read` } };
}

export interface MpDocument { filename: string; contentType: string; data: Buffer }

/** What Mercado Pago would refuse before it is sent: a file's type, the size of them all; null when none. */
export function documentationProblem(files: MpDocument[]): string | null {
  if (files.length === 0) return 'Mercado Pago takes documentation as files: there is none to send';
  for (const f of files) if (!MP_DOCUMENTATION_TYPES[f.contentType]) return `${f.filename}: Mercado Pago takes JPG, PNG or PDF`;
  const total = files.reduce((s, f) => s + f.data.length, 0);
  return total > MP_DOCUMENTATION_MAX ? `Mercado Pago takes at most 10 MB of documentation in all (${(total / 1024 / 1024).toFixed(1)} MB given)` : null;
}

/** The multipart body: one `files[]` part a file. */
export function documentationBody(files: MpDocument[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files[]"; filename="${f.filename.replace(/["\r\n\\]/g, '_')}"\r\n`
      + `Content-Type: ${f.contentType}\r\n\r\n`, 'utf8'), f.data, Buffer.from('\r\n', 'utf8'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return Buffer.concat(chunks);
}

/** Sends the documentation for the chargeback once; Mercado Pago's answer body when it took it (200). */
export async function sendMercadoPagoDocumentation(c: MercadoPagoConfig, id: string, files: MpDocument[]): Promise<GatewayResult<Record<string, unknown>>> {
  const boundary = `cobro${randomBytes(12).toString('hex')}`;
  const r = await request({ url: apiUrl(baseOf(c), `/v1/chargebacks/${encodeURIComponent(id)}/documentation`), method: 'POST', timeoutMs: 60_000,
    headers: { authorization: `Bearer ${c.accessToken}`, 'content-type': `multipart/form-data; boundary=${boundary}`, accept: 'application/json' },
    body: documentationBody(files, boundary), ...(c.egress && c.apiBase ? { egress: c.egress } : {}) });
  if (!r.ok) return { ok: false, error: { kind: r.reason === 'refused' ? 'rejected' : 'uncertain', message: `no answer from Mercado Pago's chargeback documentation: ${r.message}` } };
  let body: unknown = null;
  try { body = r.response.body ? parseWithBigIds(r.response.body) : null; } catch { /* an answer without JSON */ }
  if (r.response.status !== 200) return mpFailure(r.response.status, body);
  return { ok: true, value: body && typeof body === 'object' && !Array.isArray(body) ? body as Record<string, unknown> : {} };
}

/**
 * The chargeback's payment as facts, its dispute (its state from the payment's status) given the chargeback's id and
 * deadline; which of the payment's disputes that is, the first (`chargeback:<payment>`) or one of its own, is decided when
 * it is applied (payments/mercadopago-disputes.ts). A payment that does not show the chargeback yet is an error, so the
 * notification is tried again later; null when Mercado Pago knows no such chargeback.
 */
export async function chargebackFacts(c: MercadoPagoConfig, id: string, fetchPayment: (ref: string) => Promise<GatewayResult<PaymentFacts | null>>):
  Promise<GatewayResult<PaymentFacts | null>> {
  const read = await readMercadoPagoChargeback(c, id);
  if (!read.ok) return read;
  if (!read.value) return { ok: true, value: null };
  const cb = read.value;
  const ref = cb.paymentRefs[0];
  if (!ref) return { ok: false, error: { kind: 'rejected', message: `Mercado Pago's chargeback ${id} names no payment` } };
  const p = await fetchPayment(ref);
  if (!p.ok || !p.value) return p;
  const d = p.value.dispute;
  if (!d || d.ifHeld) return { ok: false, error: { kind: 'uncertain', message: `payment ${ref} does not show chargeback ${id} yet (its status is not a dispute's): tried again later` } };
  return { ok: true, value: { ...p.value, dispute: { ...d, caseId: cb.id, ...(cb.deadline ? { respondBy: cb.deadline } : {}) } } };
}
