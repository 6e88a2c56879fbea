// A lean HTTP/1.1 client for the calls made once per message (Twilio's sends): keep-alive sockets of its own, each
// request written as one string, the answer parsed here. Node's http.request costs ~0.06 ms of CPU per call on a warm
// connection (the ClientRequest and IncomingMessage streams, their listeners and ticks); this ~0.025. Same outcomes as
// request() (http.ts): statuses are answers, network failures and timeouts values marked `sent` once the body left.
import net, { type LookupFunction } from 'node:net';
import tls from 'node:tls';
import type { IncomingHttpHeaders } from 'node:http';
import { guardedLookup, refusedUrl, type EgressPolicy } from './egress.ts';
import { IDLE_SOCKET_MS, type HttpOutcome } from './http.ts';

/** Connections open at once per origin (as the agents of http.ts); further requests wait for one to be free. */
const MAX_SOCKETS = 64;
const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
/** An answer's head may not be longer than Node's own limit (16 KiB); a longer one is a broken or hostile server. */
const MAX_HEAD = 16 * 1024;

/** A header's name (RFC 9110's token). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** One request as the caller prepared it once: where it goes and its head (without the length, which varies). */
export interface Http1Target {
  url: URL;
  /** Header lines, lower-case names, no line breaks in values (checked once by http1Target). */
  head: string;
  origin: Origin;
}

interface Origin {
  secure: boolean; host: string; port: number; servername: string | undefined; lookup: LookupFunction | undefined;
  idle: Conn[]; open: number; waiting: Pending[]; session: Buffer | undefined;
}

const origins = new Map<string, Origin>();
const guardedOrigins = new WeakMap<EgressPolicy, { lookup: LookupFunction; origins: Map<string, Origin> }>();

function originOf(url: URL, egress: EgressPolicy | undefined): Origin {
  const secure = url.protocol === 'https:';
  const key = `${url.protocol}//${url.host}`;
  let pool = origins;
  let lookup: LookupFunction | undefined;
  if (egress) {
    let g = guardedOrigins.get(egress);
    if (!g) { g = { lookup: guardedLookup(egress), origins: new Map() }; guardedOrigins.set(egress, g); }
    pool = g.origins;
    lookup = g.lookup;
  }
  let o = pool.get(key);
  if (!o) {
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    o = { secure, host, port: Number(url.port) || (secure ? 443 : 80), servername: secure && !net.isIP(host) ? host : undefined, lookup,
      idle: [], open: 0, waiting: [], session: undefined };
    pool.set(key, o);
  }
  return o;
}

/** The fixed part of requests to a URL: its request line and headers (the caller keeps it, per URL and headers). */
export function http1Target(url: URL, method: 'POST' | 'GET', headers: Readonly<Record<string, string>>, egress?: EgressPolicy): Http1Target {
  let head = `${method} ${url.pathname}${url.search} HTTP/1.1\r\nhost: ${url.host}\r\nconnection: keep-alive\r\n`;
  for (const [name, value] of Object.entries(headers)) {
    // as Node refuses them: a line break in a header would let a value write headers (or a request) of its own
    if (!TOKEN.test(name) || /[\r\n\0]/.test(value)) throw new TypeError(`invalid HTTP header ${JSON.stringify(name)}`);
    head += `${name.toLowerCase()}: ${value}\r\n`;
  }
  return { url, head, origin: originOf(url, egress) };
}

/**
 * One request from the call to its outcome, settled exactly once: by its answer, its connection's failure, or its own
 * timer, which runs from the call whatever the request is doing (waiting for a connection, connecting, written, reading),
 * so none can outlive its timeout, whatever a connection's events do or fail to do.
 */
class Pending {
  conn: Conn | null = null;
  private readonly timer: NodeJS.Timeout;
  private resolve: ((o: HttpOutcome) => void) | null;

  constructor(readonly origin: Origin, readonly text: string, timeoutMs: number, resolve: (o: HttpOutcome) => void) {
    this.resolve = resolve;
    this.timer = setTimeout(() => this.expire(), timeoutMs);
  }

  settle(o: HttpOutcome): void {
    const resolve = this.resolve;
    if (!resolve) return;
    this.resolve = null;
    this.conn = null;
    clearTimeout(this.timer);
    resolve(o);
  }

  private expire(): void {
    if (this.conn) return this.conn.fail(TIMEOUT);
    const at = this.origin.waiting.indexOf(this);
    if (at !== -1) this.origin.waiting.splice(at, 1);
    this.settle({ ok: false, reason: 'timeout', sent: false, message: 'timeout' });
  }
}

const TIMEOUT = new Error('timeout');

/** What is known of the answer being read. */
interface Answer {
  status: number; headers: IncomingHttpHeaders; keepAlive: boolean;
  /** 'length': `remaining` bytes to come; 'chunked': in chunks; 'close': until the server closes. */
  framing: 'length' | 'chunked' | 'close'; remaining: number; body: Buffer[];
}

/** A socket of the pool, with at most one request on it at a time. */
class Conn {
  readonly socket: net.Socket;
  private buf: Buffer | null = null;
  private req: Pending | null = null;
  private written = false;
  private answer: Answer | null = null;
  /** How long it may sit idle in the pool: the agents' timeout, or less as the server's Keep-Alive hint says. */
  private idleMs = IDLE_SOCKET_MS;
  /** Out of the pool for good (its socket destroyed): never handed a request again. */
  gone = false;

  constructor(readonly origin: Origin) {
    const o = origin;
    const options = { host: o.host, port: o.port, ...(o.lookup ? { lookup: o.lookup } : {}) };
    this.socket = o.secure
      ? tls.connect({ ...options, ...(o.servername ? { servername: o.servername } : {}), ...(o.session ? { session: o.session } : {}) })
      : net.connect(options);
    o.open++;
    // as Node's agents set their sockets
    this.socket.setNoDelay(true);
    this.socket.setKeepAlive(true, 1000);
    // the idle limit in the pool (in use, the request's own timer bounds it: an idle timeout then is ignored)
    this.socket.setTimeout(this.idleMs);
    if (o.secure) this.socket.on('session', (s: Buffer) => { o.session = s; });
    this.socket.on('data', (d: Buffer) => this.onData(d));
    this.socket.on('error', (e: Error & { code?: string }) => this.fail(e));
    this.socket.on('close', () => this.fail(null));
    this.socket.on('end', () => { if (!this.req) this.fail(null); });
    this.socket.on('timeout', () => { if (!this.req) this.fail(null); });
  }

  /** Whether it can take a request: not gone, and its socket neither destroyed nor ended by the server. */
  get usable(): boolean {
    return !this.gone && !this.socket.destroyed && !this.socket.readableEnded;
  }

  send(req: Pending): void {
    this.req = req;
    req.conn = this;
    this.written = false;
    this.answer = null;
    // in use it holds the process open; idle in the pool it does not (as Node's agents ref and unref theirs)
    this.socket.ref();
    this.socket.write(req.text, 'utf8', (e) => { if (!e && this.req === req) this.written = true; });
  }

  /** Gone for good (see discard), then the origin's waiting requests handed connections. */
  fail(e: (Error & { code?: string }) | null): void {
    this.discard(e);
    next(this.origin);
  }

  /**
   * Out of the pool for good, its socket destroyed, a request on it answered with the failure (`null`: the connection
   * ended or closed; for an answer framed by the connection's end, that end completes it).
   */
  discard(e: (Error & { code?: string }) | null): void {
    const req = this.req;
    this.req = null;
    if (!this.gone) {
      this.gone = true;
      const o = this.origin;
      o.open--;
      const at = o.idle.indexOf(this);
      if (at !== -1) o.idle.splice(at, 1);
      this.socket.destroy();
    }
    if (!req) return;
    const a = this.answer;
    if (!e && a?.framing === 'close') return req.settle(done(a));
    if (e?.code === 'EGRESS_REFUSED') return req.settle({ ok: false, reason: 'refused', sent: false, message: e.message });
    const message = e?.message ?? (a ? 'aborted' : 'socket hang up');
    req.settle({ ok: false, reason: e === TIMEOUT ? 'timeout' : 'network', sent: this.written || a !== null, message });
  }

  private onData(d: Buffer): void {
    if (!this.req) { this.fail(null); return; } // nothing was asked: a server talking out of turn
    this.buf = this.buf ? Buffer.concat([this.buf, d]) : d;
    try {
      this.parse();
    } catch (e) {
      this.fail(e as Error);
    }
  }

  private parse(): void {
    for (;;) {
      const buf = this.buf;
      if (!buf) return;
      let a = this.answer;
      if (!a) {
        const end = buf.indexOf(HEAD_END);
        if (end === -1) {
          if (buf.length > MAX_HEAD) throw new Error('the answer\'s head is too long');
          return;
        }
        const head = parseHead(buf.toString('latin1', 0, end));
        this.buf = end + 4 < buf.length ? buf.subarray(end + 4) : null;
        // 1xx: an interim answer (100 Continue, 103 Early Hints), the final one follows
        if (head.status < 200) continue;
        a = this.answer = head;
        if (a.framing === 'length' && a.remaining === 0) return this.complete(a);
        continue;
      }
      if (a.framing === 'close') { a.body.push(buf); this.buf = null; return; }
      if (a.framing === 'length') {
        const take = Math.min(a.remaining, buf.length);
        a.body.push(take === buf.length ? buf : buf.subarray(0, take));
        a.remaining -= take;
        this.buf = take < buf.length ? buf.subarray(take) : null;
        if (a.remaining === 0) return this.complete(a);
        return;
      }
      // chunked: `remaining` is what is left of the current chunk's data (then its line break); -1 between chunks
      if (a.remaining > 0) {
        const take = Math.min(a.remaining, buf.length);
        a.body.push(buf.subarray(0, take));
        a.remaining -= take;
        this.buf = take < buf.length ? buf.subarray(take) : null;
        if (a.remaining === 0) a.remaining = -2;
        continue;
      }
      const line = buf.indexOf(CRLF);
      if (line === -1) {
        if (buf.length > MAX_HEAD) throw new Error('a chunk line is too long');
        return;
      }
      const text = buf.toString('latin1', 0, line);
      this.buf = line + 2 < buf.length ? buf.subarray(line + 2) : null;
      if (a.remaining === -2) {
        // the line break after a chunk's data
        if (text !== '') throw new Error('a chunk is longer than it said');
        a.remaining = -1;
      } else if (a.remaining === -3) {
        // trailers after the last chunk, until an empty line
        if (text === '') return this.complete(a);
      } else {
        const size = /^([0-9A-Fa-f]{1,12})[ \t]*(?:;.*)?$/.exec(text);
        if (!size) throw new Error('a chunk\'s size is not hexadecimal');
        const n = parseInt(size[1]!, 16);
        a.remaining = n === 0 ? -3 : n;
      }
    }
  }

  private complete(a: Answer): void {
    const req = this.req!;
    this.req = null;
    this.answer = null;
    // anything after the answer (a second answer to one request) makes the connection unusable
    const keep = a.keepAlive && this.buf === null && this.keepAliveFor(a);
    req.settle(done(a));
    // (no request on it now: its end settles nothing more)
    if (!keep) return this.fail(null);
    if (this.socket.timeout !== this.idleMs) this.socket.setTimeout(this.idleMs);
    this.socket.unref();
    this.origin.idle.push(this);
    next(this.origin);
  }

  /**
   * As Node's agent keeps a socket alive: for the agents' timeout, or for a second less than the server's announced
   * `Keep-Alive: timeout=N` when that is shorter (a server announcing under a second is not written to again).
   */
  private keepAliveFor(a: Answer): boolean {
    const hint = /^timeout=(\d+)/.exec(String(a.headers['keep-alive'] ?? ''));
    this.idleMs = IDLE_SOCKET_MS;
    if (hint) {
      const ms = Number(hint[1]) * 1000 - 1000;
      // (0 would turn the socket's idle timeout off)
      if (ms <= 0) return false;
      if (ms < this.idleMs) this.idleMs = ms;
    }
    return true;
  }
}

function done(a: Answer): HttpOutcome {
  const body = a.body.length === 1 ? a.body[0]!.toString('utf8') : Buffer.concat(a.body).toString('utf8');
  return { ok: true, response: { status: a.status, headers: a.headers, body } };
}

// headers Node keeps the first of when repeated (its IncomingMessage's rule); set-cookie is a list; others are joined
const FIRST_ONLY = new Set(['age', 'authorization', 'content-length', 'content-type', 'etag', 'expires', 'from', 'host', 'if-modified-since',
  'if-unmodified-since', 'last-modified', 'location', 'max-forwards', 'proxy-authorization', 'referer', 'retry-after', 'server', 'user-agent']);

const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: [^\r\n]*)?$/;

// (an answer written out whole: spreading a shared part into each of parseHead's answers cost ~5 µs an answer, most of
// the head's parsing)
function answerOf(status: number, headers: IncomingHttpHeaders, keepAlive: boolean, framing: Answer['framing'], remaining: number): Answer {
  return { status, headers, keepAlive, framing, remaining, body: [] };
}

function parseHead(text: string): Answer {
  let eol = text.indexOf('\r\n');
  if (eol === -1) eol = text.length;
  const status = STATUS_LINE.exec(text.slice(0, eol));
  if (!status) throw new Error('the answer is not HTTP/1.x');
  const headers: IncomingHttpHeaders = {};
  const h = headers as Record<string, string | string[] | undefined>;
  while (eol < text.length) {
    const start = eol + 2;
    eol = text.indexOf('\r\n', start);
    if (eol === -1) eol = text.length;
    const colon = text.indexOf(':', start);
    if (colon <= start || colon > eol) throw new Error('a header line has no name');
    const name = text.slice(start, colon).toLowerCase();
    if (!TOKEN.test(name)) throw new Error('a header\'s name is not a token');
    const value = text.slice(colon + 1, eol).trim();
    const prev = h[name];
    if (prev === undefined) h[name] = name === 'set-cookie' ? [value] : value;
    else if (name === 'set-cookie') (prev as string[]).push(value);
    else if (!FIRST_ONLY.has(name)) h[name] = `${prev as string}${name === 'cookie' ? '; ' : ', '}${value}`;
  }
  const code = Number(status[2]);
  const connection = String(h['connection'] ?? '').toLowerCase();
  const keepAlive = status[1] === '1' ? !/\bclose\b/.test(connection) : /\bkeep-alive\b/.test(connection);
  if (code < 200 || code === 204 || code === 304) return answerOf(code, headers, keepAlive, 'length', 0);
  const coding = String(h['transfer-encoding'] ?? '').toLowerCase();
  if (coding) {
    if (!/(?:^|,)\s*chunked\s*$/.test(coding)) return answerOf(code, headers, false, 'close', 0);
    return answerOf(code, headers, keepAlive, 'chunked', -1);
  }
  const length = h['content-length'];
  if (length !== undefined) {
    if (!/^\d{1,15}$/.test(String(length))) throw new Error('the answer\'s content-length is not a number');
    return answerOf(code, headers, keepAlive, 'length', Number(length));
  }
  return answerOf(code, headers, false, 'close', 0);
}

/** A free connection of the origin (a new one if it has room), or none; connections the server ended meanwhile are dropped. */
function take(o: Origin): Conn | undefined {
  for (let c = o.idle.pop(); c; c = o.idle.pop()) {
    if (c.usable) return c;
    c.discard(null);
  }
  return o.open < MAX_SOCKETS ? new Conn(o) : undefined;
}

/** Hands the origin's free connections (or new ones, up to MAX_SOCKETS) to the requests waiting, first come first. */
function next(o: Origin): void {
  while (o.waiting.length > 0) {
    const c = take(o);
    if (!c) return;
    c.send(o.waiting.shift()!);
  }
}

/**
 * Sends one request with a string body; network failures and timeouts come back as values (as request() in http.ts).
 * `timeoutMs` bounds the whole call, from here to the answer's end, the wait for a free connection included.
 */
export function http1Request(t: Http1Target, body: string, timeoutMs = 15_000, egress?: EgressPolicy): Promise<HttpOutcome> {
  // a literal address is not looked up, so it is checked here
  const literal = egress ? refusedUrl(t.url, egress) : null;
  if (literal) return Promise.resolve({ ok: false, reason: 'refused', sent: false, message: `egress refused: ${literal}` });
  const text = `${t.head}content-length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
  return new Promise<HttpOutcome>((resolve) => {
    const o = t.origin;
    const req = new Pending(o, text, timeoutMs, resolve);
    o.waiting.push(req);
    next(o);
  });
}
