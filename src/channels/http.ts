// HTTP to providers through keep-alive agents (much faster here than global fetch), with a timeout and no throwing on statuses.
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { urlToHttpOptions } from 'node:url';
import { guardedLookup, refusedUrl, type EgressPolicy } from './egress.ts';

/**
 * How long a connection may sit idle in the pool before the client closes it. A server closes idle connections on its
 * own clock (Node's after 5 s), and a request written to a connection at the moment the server closes it fails with
 * "socket hang up" after its body left: a send that must then be counted uncertain. Node's agent closes idle sockets a
 * second before the server's announced `Keep-Alive: timeout=N` only when the agent has a timeout of its own (with none,
 * the hint is ignored and idle sockets are kept for ever), so the agents get one, under the usual server's 5 s; a
 * server announcing less wins.
 */
export const IDLE_SOCKET_MS = 4_000;

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: IDLE_SOCKET_MS });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64, timeout: IDLE_SOCKET_MS });

/** Guarded requests get agents of their own, one pair per policy, so none reuses a socket opened without its checks. */
interface Guarded { http: http.Agent; https: https.Agent; lookup: LookupFunction }
const guarded = new WeakMap<EgressPolicy, Guarded>();
function agentsFor(policy: EgressPolicy): Guarded {
  let a = guarded.get(policy);
  if (!a) {
    a = { http: new http.Agent({ keepAlive: true, maxSockets: 64, timeout: IDLE_SOCKET_MS }),
      https: new https.Agent({ keepAlive: true, maxSockets: 64, timeout: IDLE_SOCKET_MS }), lookup: guardedLookup(policy) };
    guarded.set(policy, a);
  }
  return a;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body's bytes, when the request asked for them (`binary`). */
  bytes?: Buffer;
}

/** `refused`: the egress policy refused the host or an address it resolves to; nothing was sent. */
export type HttpOutcome = { ok: true; response: HttpResponse } | { ok: false; reason: 'timeout' | 'network' | 'refused'; sent: boolean; message: string };

export interface HttpRequest {
  /** A URL parsed once can be passed as is (an adapter calling the same endpoint again and again). */
  url: string | URL;
  method?: 'POST' | 'GET' | 'PUT' | 'PATCH' | 'DELETE';
  headers: Record<string, string>;
  /** A string, or bytes (a multipart form carrying a file). */
  body?: string | Buffer;
  timeoutMs?: number;
  /** For URLs an org supplied: the addresses that may be reached (checked on the address connected to). */
  egress?: EgressPolicy;
  /** Keep the answer's bytes too (a file that is not text). */
  binary?: boolean;
}

/**
 * The parts of a URL a request is made of (host, port, path, auth), as Node's http.request works them out of a URL
 * object on every call: kept per URL object, since an adapter sends every message to the same parsed URL (and worked
 * out again should that URL have been changed since).
 */
const targets = new WeakMap<URL, { href: string; options: http.RequestOptions }>();
function targetOf(url: URL): http.RequestOptions {
  const href = url.href;
  let t = targets.get(url);
  if (t?.href !== href) {
    t = { href, options: urlToHttpOptions(url) };
    targets.set(url, t);
  }
  return t.options;
}

/**
 * Sends one request; network failures and timeouts come back as values, marked `sent` when the body may have left. A GET
 * written on a kept-alive connection the server had just closed as idle (reset before any answer) is sent again once on
 * a new one: it changes nothing at the server, and the reset says the server never read it.
 */
export async function request(req: HttpRequest): Promise<HttpOutcome> {
  const first = await requestOnce(req);
  return first.stale && (req.method ?? 'POST') === 'GET' ? (await requestOnce(req)).outcome : first.outcome;
}

function requestOnce(req: HttpRequest): Promise<{ outcome: HttpOutcome; stale?: boolean }> {
  const url = typeof req.url === 'string' ? new URL(req.url) : req.url;
  const lib = url.protocol === 'https:' ? https : http;
  const guard = req.egress ? agentsFor(req.egress) : null;
  const agent = url.protocol === 'https:' ? guard?.https ?? httpsAgent : guard?.http ?? httpAgent;
  // a literal address is not looked up, so it is checked here
  const literal = req.egress ? refusedUrl(url, req.egress) : null;
  if (literal) return Promise.resolve({ outcome: { ok: false, reason: 'refused', sent: false, message: `egress refused: ${literal}` } });
  // a string body is best: Node writes the head and a string body as one chunk (a Buffer goes as a second one)
  const body = req.body;
  return new Promise((resolve) => {
    let written = false;
    const r = lib.request({
      ...(typeof req.url === 'string' ? urlToHttpOptions(url) : targetOf(url)), method: req.method ?? 'POST', agent, ...(guard ? { lookup: guard.lookup } : {}),
      headers: { ...req.headers, ...(body !== undefined ? { 'content-length': String(typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length) } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const all = Buffer.concat(chunks);
        resolve({ outcome: { ok: true, response: { status: res.statusCode ?? 0, headers: res.headers, body: all.toString('utf8'), ...(req.binary ? { bytes: all } : {}) } } });
      });
      res.on('error', (e) => resolve({ outcome: { ok: false, reason: 'network', sent: true, message: e.message } }));
    });
    r.setTimeout(req.timeoutMs ?? 15_000, () => r.destroy(new Error('timeout')));
    r.on('error', (e: Error & { code?: string }) => resolve(e.code === 'EGRESS_REFUSED' ? { outcome: { ok: false, reason: 'refused', sent: false, message: e.message } }
      : { outcome: { ok: false, reason: e.message === 'timeout' ? 'timeout' : 'network', sent: written, message: e.message },
        stale: r.reusedSocket && (e.code === 'ECONNRESET' || e.code === 'EPIPE') }));
    r.end(body, () => { written = true; });
  });
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from now. */
export function retryAfterMs(header: string | string[] | undefined, now: Date = new Date()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
