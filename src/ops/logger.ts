// Structured logs (pino): one JSON line per event with the process's role, the request id and, where known, the org and
// case ids. Secrets never reach a line: credential headers, cookies, tokens, keys and passwords are redacted by path,
// tokens in addresses (/p/{token}, /u/{token}, ?token=) are masked, and API keys or bearer values in a message are cut.
import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/** Keys whose values are secret wherever they sit (top level, or one or two objects down). */
const SECRET_KEYS = ['authorization', 'cookie', 'password', 'passwd', 'secret', 'secrets', 'token', 'apiKey', 'api_key', 'secretKey', 'secret_key',
  'accessToken', 'access_token', 'authToken', 'auth_token', 'refreshToken', 'refresh_token', 'credentials', 'privateKey', 'private_key',
  'webhookSecret', 'webhook_secret', 'signingSecret', 'signing_secret', 'csrf_token', 'databaseUrl', 'DATABASE_URL',
  'fieldKey', 'fieldKeyPrevious'];
const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'x-portal-token', 'x-cobro-csrf', 'x-api-key', 'x-twilio-signature',
  'x-hub-signature-256', 'stripe-signature', 'x-signature', 'cobro-signature', 'proxy-authorization'];

const prop = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `["${k}"]`);

export const REDACT_PATHS: string[] = [
  ...SECRET_KEYS.flatMap((k) => [k, `*${prop(k)}`, `*.*${prop(k)}`]),
  ...SECRET_HEADERS.flatMap((h) => [`headers${prop(h)}`, `*.headers${prop(h)}`, `*.*.headers${prop(h)}`]),
].map((p) => p.replace(/^\./, ''));

const TOKEN_PATH = /^(\/(?:p|u)\/)[^/?#]+/;
const TOKEN_QUERY = /([?&](?:[\w.]*token|key|signature|sig|secret|password|code)=)[^&#]*/gi;

/** The address as it may be logged: path tokens and secret query values replaced. */
export function safeUrl(url: string): string {
  return url.replace(TOKEN_PATH, '$1[REDACTED]').replace(TOKEN_QUERY, '$1[REDACTED]');
}

const IN_TEXT = [/cobro_sk_[A-Za-z0-9_-]+/g, /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi];

/** A message with API keys and bearer or basic credentials masked. */
export function safeText(s: string): string {
  return IN_TEXT.reduce((t, re) => t.replace(re, (m) => `${m.startsWith('cobro_sk_') ? 'cobro_sk_' : `${m.split(/\s+/)[0]} `}[REDACTED]`), s);
}

/** pino's error serializer, with credentials masked in the message and the stack. */
function safeError(e: Error) {
  const s = pino.stdSerializers.err(e);
  return { ...s, message: safeText(s.message ?? ''), ...(s.stack ? { stack: safeText(s.stack) } : {}) };
}

interface RequestLike { method?: string; url?: string; ip?: string; socket?: { remoteAddress?: string }; routeOptions?: { url?: string } }

export interface LogOptions {
  level: string;
  /** Which loops this process runs: api, worker or all; on every line. */
  role?: string;
}

export function loggerOptions(o: LogOptions): LoggerOptions {
  return {
    level: o.level,
    base: { service: 'cobro', ...(o.role ? { role: o.role } : {}), pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    serializers: {
      req: (req: RequestLike) => ({ method: req.method, url: safeUrl(req.url ?? ''), route: req.routeOptions?.url, remote_address: req.ip ?? req.socket?.remoteAddress }),
      res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
      err: safeError,
    },
    hooks: {
      // the message text is free: mask what looks like a credential in it
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? safeText(a) : a)) as Parameters<typeof method>;
        return method.apply(this, masked);
      },
    },
  };
}

export function createLogger(o: LogOptions, destination?: DestinationStream): Logger {
  return destination ? pino(loggerOptions(o), destination) : pino(loggerOptions(o));
}

/** The request's id: the caller's X-Request-Id when it is a plain short token, a new UUID otherwise. */
export function requestId(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && /^[A-Za-z0-9._:-]{1,100}$/.test(given) ? given : randomUUID();
}
