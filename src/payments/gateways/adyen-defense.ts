// Adyen's Disputes API (docs.adyen.com/risk-management/disputes-api, DisputeService v30), authenticated with the API key
// in X-API-Key, JSON both ways: retrieveApplicableDefenseReasons (the reasons a dispute can be defended with, each with
// the defence document types it takes and whether each is Required, OneOrMore, Optional or AlternativeRequired),
// supplyDefenseDocument (documents base64 with their contentType and defenseDocumentTypeCode) and defendDispute (the
// reason chosen). Each answers disputeServiceResult { success, errorMessage }: a 200 with success false is a refusal.
import { apiUrl, callGateway, field } from './http.ts';
import type { AdyenConfig } from './adyen.ts';
import type { GatewayResult } from './types.ts';

export const ADYEN_DISPUTES_PATH = '/ca/services/DisputeService/v30';

export interface DefenseDocumentType { code: string; requirement: string; available: boolean }
export interface DefenseReason { code: string; satisfied: boolean; documentTypes: DefenseDocumentType[] }
export interface DefenseDocument { typeCode: string; contentType: string; data: Buffer }

/** The Disputes API's base: under the org's api_base (a test server), or Adyen's test or live Customer Area host. */
export function adyenDisputesBase(c: Pick<AdyenConfig, 'apiBase' | 'environment'>): string {
  const host = c.apiBase ?? (c.environment === 'live' ? 'https://ca-live.adyen.com' : 'https://ca-test.adyen.com');
  return apiUrl(host, ADYEN_DISPUTES_PATH);
}

async function disputeCall(c: AdyenConfig, operation: string, body: Record<string, unknown>): Promise<GatewayResult<unknown>> {
  const r = await callGateway({ url: `${adyenDisputesBase(c)}/${operation}`, method: 'POST', timeoutMs: 30_000,
    headers: { 'x-api-key': c.apiKey, 'content-type': 'application/json' }, body: JSON.stringify(body), ...(c.apiBase && c.egress ? { egress: c.egress } : {}) });
  if (!r.ok) return r;
  const result = field(r.body, 'disputeServiceResult', 'object');
  if (r.status !== 200) {
    const message = field(r.body, 'message', 'string') ?? field(result, 'errorMessage', 'string') ?? 'no message';
    return { ok: false, error: { kind: r.status >= 500 || r.status === 429 ? 'uncertain' : 'rejected', status: r.status, message: `Adyen answered ${r.status} to ${operation}: ${message}` } };
  }
  if (field(result, 'success', 'boolean') !== true) {
    return { ok: false, error: { kind: 'rejected', status: 200, message: `Adyen refused ${operation}: ${field(result, 'errorMessage', 'string') ?? 'no reason given'}` } };
  }
  return { ok: true, value: r.body };
}

/** The reasons Adyen offers to defend the dispute with, each with its document types. */
export async function applicableDefenseReasons(c: AdyenConfig, disputePsp: string): Promise<GatewayResult<DefenseReason[]>> {
  const r = await disputeCall(c, 'retrieveApplicableDefenseReasons', { disputePspReference: disputePsp, merchantAccountCode: c.merchantAccount });
  if (!r.ok) return r;
  const list = (r.value as { defenseReasons?: unknown }).defenseReasons;
  const reasons = (Array.isArray(list) ? list : []).map((x): DefenseReason => ({
    code: field(x, 'defenseReasonCode', 'string') ?? '', satisfied: field(x, 'satisfied', 'boolean') ?? false,
    documentTypes: (Array.isArray((x as { defenseDocumentTypes?: unknown }).defenseDocumentTypes) ? (x as { defenseDocumentTypes: unknown[] }).defenseDocumentTypes : [])
      .map((t) => ({ code: field(t, 'defenseDocumentTypeCode', 'string') ?? '', requirement: field(t, 'requirementLevel', 'string') ?? 'Optional',
        available: field(t, 'available', 'boolean') ?? false }))
      .filter((t) => t.code !== ''),
  })).filter((x) => x.code !== '');
  return { ok: true, value: reasons };
}

/** Supplies the documents (one request, all of them). */
export async function supplyDefenseDocuments(c: AdyenConfig, disputePsp: string, docs: DefenseDocument[]): Promise<GatewayResult<true>> {
  const r = await disputeCall(c, 'supplyDefenseDocument', { disputePspReference: disputePsp, merchantAccountCode: c.merchantAccount,
    defenseDocuments: docs.map((d) => ({ content: d.data.toString('base64'), contentType: d.contentType, defenseDocumentTypeCode: d.typeCode })) });
  return r.ok ? { ok: true, value: true } : r;
}

/** Defends the dispute with the reason chosen: the documents supplied go to the scheme. */
export async function defendDispute(c: AdyenConfig, disputePsp: string, reasonCode: string): Promise<GatewayResult<true>> {
  const r = await disputeCall(c, 'defendDispute', { defenseReasonCode: reasonCode, disputePspReference: disputePsp, merchantAccountCode: c.merchantAccount });
  return r.ok ? { ok: true, value: true } : r;
}

/**
 * What the reason still lacks given the document types to be supplied: each Required type missing, and a OneOrMore group
 * of which none is given; empty when it may be defended.
 */
export function missingDocuments(reason: DefenseReason, supplied: Set<string>): string[] {
  const has = (t: DefenseDocumentType) => t.available || supplied.has(t.code);
  const missing = reason.documentTypes.filter((t) => t.requirement === 'Required' && !has(t)).map((t) => t.code);
  const oneOrMore = reason.documentTypes.filter((t) => t.requirement === 'OneOrMore');
  if (oneOrMore.length > 0 && !oneOrMore.some(has)) missing.push(`one of ${oneOrMore.map((t) => t.code).join(', ')}`);
  return missing;
}
