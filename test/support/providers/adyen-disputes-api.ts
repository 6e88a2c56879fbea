// The fake Adyen's Disputes API (DisputeService v30, under /ca/services/DisputeService/v30 as on ca-test.adyen.com): X-API-Key
// (checked by the fake before any route), JSON bodies as Adyen documents them. retrieveApplicableDefenseReasons answers
// the reasons set for a dispute, each document type `available` once supplied; supplyDefenseDocument takes
// defenseDocuments [{ content base64, contentType, defenseDocumentTypeCode }], refusing a type no reason of the dispute
// has; defendDispute takes the defenseReasonCode, refusing a reason not offered, one whose Required documents are missing,
// or a dispute defended already ("Dispute is not defendable."). Every answer carries disputeServiceResult.
import { json } from './http.ts';
import type { FakeAdyen } from './adyen.ts';

export interface FakeDocumentType { code: string; requirement: 'Required' | 'OneOrMore' | 'Optional' | 'AlternativeRequired' }
export interface FakeDefenseReason { code: string; types: FakeDocumentType[] }
export interface SuppliedDocument { dispute: string; typeCode: string; contentType: string; data: Buffer }

export interface AdyenDisputesFake {
  /** The reasons each dispute (by its pspReference) may be defended with. */
  reasons: Map<string, FakeDefenseReason[]>;
  supplied: SuppliedDocument[];
  defended: { dispute: string; reason: string }[];
  /** Every call that passed the checks: its operation and body. */
  calls: { operation: string; body: Record<string, unknown> }[];
}

export const DISPUTES_PATH = '/ca/services/DisputeService/v30/';

export function withDisputesApi(adyen: FakeAdyen, merchantAccount: string): AdyenDisputesFake {
  const state: AdyenDisputesFake = { reasons: new Map(), supplied: [], defended: [], calls: [] };
  const result = (res: Parameters<typeof json>[0], extra: Record<string, unknown>, error?: string) =>
    json(res, 200, { ...extra, disputeServiceResult: error ? { success: false, errorMessage: error } : { success: true } });
  const has = (dispute: string, code: string) => state.supplied.some((s) => s.dispute === dispute && s.typeCode === code);
  adyen.routes.push((req, url, res) => {
    if (req.method !== 'POST' || !url.pathname.startsWith(DISPUTES_PATH)) return false;
    const operation = url.pathname.slice(DISPUTES_PATH.length);
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) { json(res, 415, { status: 415, errorCode: '000', message: 'a JSON body is required' }); return true; }
    let body: Record<string, unknown>;
    try { body = JSON.parse(req.body.toString('utf8')) as Record<string, unknown>; } catch { json(res, 400, { status: 400, errorCode: '702', message: 'the body is not JSON' }); return true; }
    const dispute = String(body.disputePspReference ?? '');
    if (!dispute || body.merchantAccountCode !== merchantAccount) { json(res, 422, { status: 422, errorCode: '702', message: 'disputePspReference and merchantAccountCode are required' }); return true; }
    const reasons = state.reasons.get(dispute);
    if (!reasons) { result(res, {}, 'Error retrieving dispute.'); return true; }
    const done = state.defended.some((x) => x.dispute === dispute);
    if (operation === 'retrieveApplicableDefenseReasons') {
      state.calls.push({ operation, body });
      result(res, { defenseReasons: reasons.map((r) => ({ defenseReasonCode: r.code, satisfied: r.types.every((t) => t.requirement !== 'Required' || has(dispute, t.code)),
        defenseDocumentTypes: r.types.map((t) => ({ defenseDocumentTypeCode: t.code, requirementLevel: t.requirement, available: has(dispute, t.code) })) })) });
      return true;
    }
    if (done) { result(res, {}, 'Dispute is not defendable.'); return true; }
    if (operation === 'supplyDefenseDocument') {
      const docs = body.defenseDocuments;
      if (!Array.isArray(docs) || docs.length === 0) { json(res, 422, { status: 422, errorCode: '702', message: 'defenseDocuments is required' }); return true; }
      const known = new Set(reasons.flatMap((r) => r.types.map((t) => t.code)));
      for (const d of docs as Record<string, unknown>[]) {
        const code = String(d.defenseDocumentTypeCode ?? '');
        if (!known.has(code)) { result(res, {}, `Invalid defense document type: ${code}`); return true; }
        if (!['application/pdf', 'image/jpeg', 'image/tiff'].includes(String(d.contentType))) { result(res, {}, `Invalid content type: ${String(d.contentType)}`); return true; }
        if (typeof d.content !== 'string' || !/^[A-Za-z0-9+/]+=*$/.test(d.content)) { result(res, {}, 'content must be base64'); return true; }
      }
      state.calls.push({ operation, body });
      for (const d of docs as Record<string, unknown>[]) {
        state.supplied.push({ dispute, typeCode: String(d.defenseDocumentTypeCode), contentType: String(d.contentType), data: Buffer.from(String(d.content), 'base64') });
      }
      result(res, {});
      return true;
    }
    if (operation === 'defendDispute') {
      const reason = reasons.find((r) => r.code === body.defenseReasonCode);
      if (!reason) { result(res, {}, `Invalid defense reason: ${String(body.defenseReasonCode)}`); return true; }
      const missing = reason.types.find((t) => t.requirement === 'Required' && !has(dispute, t.code));
      if (missing) { result(res, {}, `Required document missing: ${missing.code}`); return true; }
      state.calls.push({ operation, body });
      state.defended.push({ dispute, reason: reason.code });
      result(res, {});
      return true;
    }
    return false;
  });
  return state;
}
