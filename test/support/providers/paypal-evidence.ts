// The fake PayPal's provide-evidence (Disputes API v1): POST /v1/customer/disputes/{id}/provide-evidence as
// multipart/form-data, an `input` part (application/json) whose `evidences` each name an evidence_type PayPal lists, notes
// of at most 2,000 characters and documents by name, and one `evidence-file` part per document so named (JPG, GIF, PNG or
// PDF whose bytes match, each under 10 MB, 50 MB at most in all). Anything else is refused with PayPal's error shape and
// nothing kept: another part, an unknown key or type, a document without its file or a file no document names, evidence
// that needs evidence_info without it. Only a dispute WAITING_FOR_SELLER_RESPONSE takes it (422 otherwise); it then moves
// to UNDER_REVIEW, so a second answer is refused. The bearer token is checked before (paypal.ts).
import type http from 'node:http';
import { json, type Received } from './http.ts';
import { multipartParts } from './stripe-evidence.ts';
import type { PayPalResource } from './paypal-disputes.ts';

type Refuse = (res: http.ServerResponse, status: number, name: string, issue: string) => void;

export interface PayPalEvidenceReceived { dispute: string; input: { evidences: PayPalResource[] }; files: { name: string; type: string; data: Buffer }[] }
export interface PayPalEvidenceFake {
  received: PayPalEvidenceReceived[];
  /** Answers a provide-evidence request; false when the path is not one. */
  route(req: Received, url: URL, res: http.ServerResponse): boolean;
}

const TYPES = new Set(['PROOF_OF_FULFILLMENT', 'PROOF_OF_REFUND', 'PROOF_OF_DELIVERY_SIGNATURE', 'PROOF_OF_RECEIPT_COPY', 'RETURN_POLICY', 'BILLING_AGREEMENT',
  'PROOF_OF_RESHIPMENT', 'ITEM_DESCRIPTION', 'POLICE_REPORT', 'AFFIDAVIT', 'PAID_WITH_OTHER_METHOD', 'COPY_OF_CONTRACT', 'TERMINAL_ATM_RECEIPT',
  'PRICE_DIFFERENCE_REASON', 'SOURCE_CONVERSION_RATE', 'BANK_STATEMENT', 'CREDIT_DUE_REASON', 'REQUEST_CREDIT_RECEIPT', 'PROOF_OF_RETURN', 'CREATE',
  'CHANGE_REASON', 'PROOF_OF_REFUND_OUTSIDE_PAYPAL', 'RECEIPT_OF_MERCHANDISE', 'CUSTOMS_DOCUMENT', 'CUSTOMS_FEE_RECEIPT', 'INFORMATION_ON_RESOLUTION',
  'ADDITIONAL_INFORMATION_OF_ITEM', 'DETAILS_OF_PURCHASE', 'PROOF_OF_SIGNIFICANT_DIFFERENCE', 'PROOF_OF_SOFTWARE_OR_SERVICE_NOT_AS_DESCRIBED',
  'PROOF_FOR_SOFTWARE_OR_SERVICE_DELIVERED', 'OTHER']);
const NEEDS_INFO = new Set(['PROOF_OF_FULFILLMENT', 'PROOF_OF_REFUND', 'PROOF_OF_RETURN']);
const EVIDENCE_KEYS = new Set(['evidence_type', 'evidence_info', 'documents', 'notes', 'item_id']);
/** Each type PayPal takes: the extensions its name may end with and how its bytes start. */
const FILES: Record<string, { ext: RegExp; magic: Buffer }> = {
  'application/pdf': { ext: /\.pdf$/i, magic: Buffer.from('%PDF') }, 'image/png': { ext: /\.png$/i, magic: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
  'image/jpeg': { ext: /\.jpe?g$/i, magic: Buffer.from([0xff, 0xd8, 0xff]) }, 'image/gif': { ext: /\.gif$/i, magic: Buffer.from('GIF8') },
};
const FILE_MAX = 10 * 1024 * 1024;
const CALL_MAX = 50 * 1024 * 1024;

/** What is wrong with the input's evidences and the files beside them; null when PayPal would take them. */
function problem(input: unknown, files: { name: string; type: string; data: Buffer }[]): string | null {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return 'MALFORMED_REQUEST_JSON: input';
  const keys = Object.keys(input).filter((k) => k !== 'evidences' && k !== 'return_shipping_address');
  if (keys.length) return `UNKNOWN_FIELD: ${keys[0]}`;
  const evidences = (input as { evidences?: unknown }).evidences;
  if (!Array.isArray(evidences) || evidences.length === 0) return 'MISSING_REQUIRED_PARAMETER: evidences';
  const named = new Set<string>();
  for (const [i, e] of evidences.entries()) {
    if (!e || typeof e !== 'object') return `INVALID_PARAMETER_SYNTAX: evidences[${i}]`;
    const unknown = Object.keys(e).find((k) => !EVIDENCE_KEYS.has(k));
    if (unknown) return `UNKNOWN_FIELD: evidences[${i}].${unknown}`;
    const ev = e as { evidence_type?: unknown; evidence_info?: unknown; documents?: unknown; notes?: unknown };
    if (typeof ev.evidence_type !== 'string' || !TYPES.has(ev.evidence_type)) return `INVALID_PARAMETER_VALUE: evidences[${i}].evidence_type`;
    if (NEEDS_INFO.has(ev.evidence_type) && !ev.evidence_info) return `MISSING_REQUIRED_PARAMETER: evidences[${i}].evidence_info`;
    if (ev.notes !== undefined && (typeof ev.notes !== 'string' || ev.notes.length > 2000)) return `INVALID_STRING_MAX_LENGTH: evidences[${i}].notes`;
    if (ev.documents !== undefined && !Array.isArray(ev.documents)) return `INVALID_PARAMETER_SYNTAX: evidences[${i}].documents`;
    for (const d of (ev.documents ?? []) as unknown[]) {
      const name = (d as { name?: unknown })?.name;
      if (typeof name !== 'string' || !name || Object.keys(d as object).some((k) => k !== 'name' && k !== 'url')) return `INVALID_PARAMETER_SYNTAX: evidences[${i}].documents`;
      if (!files.some((f) => f.name === name)) return `MISSING_FILE: ${name}`;
      named.add(name);
    }
  }
  const stray = files.find((f) => !named.has(f.name));
  if (stray) return `UNREFERENCED_FILE: ${stray.name}`;
  let total = 0;
  for (const f of files) {
    const kind = FILES[f.type];
    if (!kind || !kind.ext.test(f.name) || !f.data.subarray(0, kind.magic.length).equals(kind.magic)) return `INVALID_FILE_TYPE: ${f.name}`;
    if (f.data.length >= FILE_MAX) return `FILE_SIZE_EXCEEDED: ${f.name}`;
    total += f.data.length;
  }
  return total > CALL_MAX ? 'TOTAL_FILE_SIZE_EXCEEDED' : null;
}

export function fakeEvidence(o: { disputes: Map<string, PayPalResource>; base: () => string; now: () => Date; refuse: Refuse }): PayPalEvidenceFake {
  const received: PayPalEvidenceReceived[] = [];
  return {
    received,
    route(req, url, res) {
      const one = /^\/v1\/customer\/disputes\/([A-Za-z0-9-]+)\/provide-evidence$/.exec(url.pathname);
      if (!one) return false;
      if (req.method !== 'POST') { o.refuse(res, 405, 'METHOD_NOT_SUPPORTED', 'provide-evidence is a POST'); return true; }
      const parts = multipartParts(req.body, String(req.headers['content-type'] ?? ''));
      if (!parts) { o.refuse(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'provide-evidence takes multipart/form-data'); return true; }
      const inputs = parts.filter((p) => p.name === 'input');
      const other = parts.find((p) => p.name !== 'input' && (p.name !== 'evidence-file' || !p.filename || !p.type));
      if (inputs.length !== 1 || inputs[0]!.type !== 'application/json' || other) {
        o.refuse(res, 400, 'INVALID_REQUEST', other ? `INVALID_PARAMETER_SYNTAX: part ${other.name}` : 'MISSING_REQUIRED_PARAMETER: input (application/json)');
        return true;
      }
      let input: unknown;
      try { input = JSON.parse(inputs[0]!.data.toString('utf8')); } catch { o.refuse(res, 400, 'INVALID_REQUEST', 'MALFORMED_REQUEST_JSON: input'); return true; }
      const files = parts.filter((p) => p.name === 'evidence-file').map((p) => ({ name: p.filename!, type: p.type!, data: Buffer.from(p.data) }));
      const wrong = problem(input, files);
      if (wrong) { o.refuse(res, 400, 'INVALID_REQUEST', wrong); return true; }
      const d = o.disputes.get(one[1]!);
      if (!d) { o.refuse(res, 404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID'); return true; }
      if (d.status !== 'WAITING_FOR_SELLER_RESPONSE') {
        o.refuse(res, 422, 'UNPROCESSABLE_ENTITY', `NOT_ELIGIBLE_TO_PROVIDE_EVIDENCE: the dispute is ${String(d.status)}`);
        return true;
      }
      received.push({ dispute: one[1]!, input: input as PayPalEvidenceReceived['input'], files });
      Object.assign(d, { status: 'UNDER_REVIEW', update_time: o.now().toISOString() });
      json(res, 200, { links: [{ href: `${o.base()}/v1/customer/disputes/${one[1]!}`, rel: 'self', method: 'GET' }] });
      return true;
    },
  };
}
