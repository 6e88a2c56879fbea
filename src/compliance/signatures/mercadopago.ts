// Mercado Pago x-signature (WH-4): ts and v1, the HMAC-SHA256 of a manifest of data.id, x-request-id and ts.
import { VALID, anyEqual, hmac, invalid, type SignatureCheck } from './compare.ts';

export interface ManifestParts {
  /** data.id from the notification URL's query. */
  dataId?: string | undefined;
  /** The x-request-id header. */
  requestId?: string | undefined;
  /** ts from the x-signature header (milliseconds). */
  ts?: string | undefined;
}

/** 'id:…;request-id:…;ts:…;', the id lowered when alphanumeric, and any missing part left out. */
export function mercadoPagoManifest(parts: ManifestParts): string {
  const id = parts.dataId && /^[a-z0-9]+$/i.test(parts.dataId) ? parts.dataId.toLowerCase() : parts.dataId;
  let manifest = '';
  if (id) manifest += `id:${id};`;
  if (parts.requestId) manifest += `request-id:${parts.requestId};`;
  if (parts.ts) manifest += `ts:${parts.ts};`;
  return manifest;
}

export function mercadoPagoSignature(secret: string, parts: ManifestParts): string {
  return hmac('sha256', secret, mercadoPagoManifest(parts), 'hex');
}

export function parseMercadoPagoHeader(header: string): { ts: string; v1: string } | null {
  const fields = new Map(header.split(',').map((p) => {
    const eq = p.indexOf('=');
    return [p.slice(0, eq).trim(), p.slice(eq + 1).trim()] as const;
  }));
  const ts = fields.get('ts');
  const v1 = fields.get('v1');
  return ts && v1 ? { ts, v1 } : null;
}

export interface MercadoPagoRequest {
  /** The x-signature header. */
  signature: string | undefined;
  requestId: string | undefined;
  dataId: string | undefined;
  secrets: readonly string[];
  /** Mercado Pago documents no tolerance; set one (with the clock) to enforce it. */
  tolerance?: { now: Date; milliseconds: number };
}

export function verifyMercadoPago(req: MercadoPagoRequest): SignatureCheck {
  if (!req.signature) return invalid('SIGNATURE_MISSING');
  const header = parseMercadoPagoHeader(req.signature);
  if (!header) return invalid('MALFORMED_HEADER');
  if (req.secrets.length === 0) return invalid('NO_SECRET');
  const parts = { dataId: req.dataId, requestId: req.requestId, ts: header.ts };
  const expected = req.secrets.map((s) => mercadoPagoSignature(s, parts));
  if (!anyEqual(expected, header.v1.toLowerCase())) return invalid('SIGNATURE_MISMATCH');
  if (req.tolerance && Math.abs(req.tolerance.now.getTime() - Number(header.ts)) > req.tolerance.milliseconds) {
    return invalid('TIMESTAMP_OUT_OF_TOLERANCE');
  }
  return VALID;
}
