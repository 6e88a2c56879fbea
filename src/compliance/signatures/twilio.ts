// Twilio X-Twilio-Signature (WH-1): Base64 HMAC-SHA1 of the URL and the sorted POST parameters, plus bodySHA256 for JSON.
import { createHash } from 'node:crypto';
import { VALID, anyEqual, hmac, invalid, safeEqual, type SignatureCheck } from './compare.ts';

export type TwilioParams = Readonly<Record<string, string | readonly string[]>>;

/** The signature Twilio sends for a URL and its form parameters, sorted by name as name+value. */
export function twilioSignature(authToken: string, url: string, params: TwilioParams = {}): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    const values = typeof value === 'string' ? [value] : [...(value ?? [])].sort();
    for (const v of values) data += name + v;
  }
  return hmac('sha1', authToken, data, 'base64');
}

/** Twilio may sign with or without the default port, so both spellings of the URL are tried (as twilio-node does). */
function urlVariants(url: string): string[] {
  const m = /^(https?):\/\/([^/:?#]+)(?::(\d+))?(.*)$/s.exec(url);
  if (!m) return [url];
  const [, scheme = '', host = '', port, rest = ''] = m;
  const standard = scheme === 'https' ? '443' : '80';
  if (port !== undefined && port !== standard) return [url];
  return [`${scheme}://${host}${rest}`, `${scheme}://${host}:${standard}${rest}`];
}

export interface TwilioRequest {
  /** The full URL exactly as Twilio called it, query included. */
  url: string;
  /** Form-encoded POST parameters; leave empty for JSON requests. */
  params?: TwilioParams;
  /** The raw body, needed for JSON requests whose URL carries bodySHA256. */
  rawBody?: string | Buffer;
  signature: string | undefined;
  /** Auth tokens in force (two during rotation). */
  authTokens: readonly string[];
}

export function verifyTwilio(req: TwilioRequest): SignatureCheck {
  if (!req.signature) return invalid('SIGNATURE_MISSING');
  if (req.authTokens.length === 0) return invalid('NO_SECRET');
  const bodyHash = new URL(req.url).searchParams.get('bodySHA256');
  const params = bodyHash === null ? (req.params ?? {}) : {};
  const candidates = req.authTokens.flatMap((token) => urlVariants(req.url).map((u) => twilioSignature(token, u, params)));
  if (!anyEqual(candidates, req.signature)) return invalid('SIGNATURE_MISMATCH');
  if (bodyHash !== null) {
    const actual = createHash('sha256').update(req.rawBody ?? '').digest('hex');
    if (req.rawBody === undefined || !safeEqual(actual, bodyHash.toLowerCase())) return invalid('BODY_HASH_MISMATCH');
  }
  return VALID;
}
