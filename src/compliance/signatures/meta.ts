// Meta / WhatsApp X-Hub-Signature-256 (WH-2): HMAC-SHA256 of the raw body, and the subscription handshake.
import { VALID, anyEqual, hmac, invalid, type SignatureCheck } from './compare.ts';

/** 'sha256=' and the lowercase hex HMAC-SHA256 of the raw body, as Meta signs it (never re-serialised). */
export function metaSignature(appSecret: string, rawBody: string | Buffer): string {
  return `sha256=${hmac('sha256', appSecret, rawBody, 'hex')}`;
}

export interface MetaRequest {
  rawBody: string | Buffer;
  /** The X-Hub-Signature-256 header. */
  signature: string | undefined;
  /** App secrets in force (two during rotation). */
  appSecrets: readonly string[];
}

export function verifyMeta(req: MetaRequest): SignatureCheck {
  if (!req.signature) return invalid('SIGNATURE_MISSING');
  if (!req.signature.startsWith('sha256=')) return invalid('MALFORMED_HEADER');
  if (req.appSecrets.length === 0) return invalid('NO_SECRET');
  const candidates = req.appSecrets.map((s) => metaSignature(s, req.rawBody));
  return anyEqual(candidates, req.signature.toLowerCase()) ? VALID : invalid('SIGNATURE_MISMATCH');
}

export type MetaHandshake = { status: 200; body: string } | { status: 403 };

/** Answers Meta's GET: echo hub.challenge when hub.mode is subscribe and the verify token matches, else 403. */
export function answerMetaHandshake(query: Readonly<Record<string, string | undefined>>, verifyToken: string): MetaHandshake {
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (query['hub.mode'] !== 'subscribe' || token === undefined || challenge === undefined) return { status: 403 };
  return anyEqual([verifyToken], token) ? { status: 200, body: challenge } : { status: 403 };
}
