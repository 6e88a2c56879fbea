// A session on an IMAP mailbox through imapflow: log in (LOGIN with a password, or AUTHENTICATE XOAUTH2 with an OAuth2
// access token), open the folder (its UIDVALIDITY), list the unseen messages after a UID with their sizes, fetch one,
// mark it \Seen or move it, and wait in IDLE (RFC 2177) for new mail where the server has it. Errors come back as values
// with a code and the server's words, never with the password or a token; every wait is bounded by the timeout.
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { EgressRefused, guardedLookup, type EgressPolicy } from './egress.ts';
import { refusedLiteral } from './egress-host.ts';

export interface ImapConfig {
  host: string;
  port: number;
  /** TLS from the first byte (993); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  /** LOGIN with the password, or AUTHENTICATE XOAUTH2 (OAUTHBEARER where the server prefers it) with the access token. */
  password?: string;
  accessToken?: string;
  mailbox: string;
  timeoutMs: number;
  /** The largest message fetched; the client refuses literals much past it. */
  maxMessageBytes: number;
  afterRead: 'seen' | 'move';
  moveTo?: string;
  /** A session kept open to IDLE: IDLE is issued again after this long (its quiet is then no timeout; each command has its own). */
  idleMs?: number;
  /**
   * The operator's egress policy for the host an org set: the connection only reaches an address it allows (a name is
   * resolved and checked by the socket's lookup, which connects to the address it checked; TLS is verified against the
   * name); none: unchecked (test fixtures).
   */
  egress?: EgressPolicy;
  /** CA certificates (PEM) trusted besides the system's: an internal server's own CA. */
  ca?: string;
}

export interface ImapError { code: 'EGRESS_REFUSED' | 'IMAP_AUTH_FAILED' | 'IMAP_OAUTH_FAILED' | 'IMAP_TIMEOUT' | 'IMAP_UNREACHABLE' | 'IMAP_NO_MAILBOX' | 'IMAP_ERROR'; message: string }

export interface MailboxSession {
  uidValidity: string;
  uidNext: number;
  /** Unseen messages with a UID above `afterUid`, oldest first, with their sizes (RFC822.SIZE). */
  unseenAfter(afterUid: number): Promise<{ uid: number; size: number }[]>;
  source(uid: number): Promise<Buffer | null>;
  /** Marks the message \Seen, or moves it to the configured folder. */
  markRead(uid: number): Promise<void>;
  /** The server announced IDLE in its capabilities (after login). */
  canIdle: boolean;
  /**
   * Waits in IDLE until the server announces new mail (EXISTS; at once when it came since the last listing), `ms` pass,
   * or `signal` aborts. Throws when the connection closes or the server refuses IDLE.
   */
  waitForMail(ms: number, signal: AbortSignal): Promise<'exists' | 'timeout' | 'stopped' | 'ended'>;
  close(): Promise<void>;
}

type ImapFailure = Error & { code?: string; authenticationFailed?: boolean; responseText?: string; serverResponseCode?: string; responseStatus?: string };

/** The error as cobro records it: a code, what happened, the server's own words; the password and token never in it. */
export function imapError(e: unknown, cfg: Pick<ImapConfig, 'host' | 'port' | 'user' | 'mailbox' | 'password' | 'accessToken'>): ImapError {
  const err = (e ?? {}) as ImapFailure;
  const said = err.responseText ? `: ${err.responseText}` : '';
  const where = `${cfg.host}:${cfg.port}`;
  let out: ImapError;
  if (err.code === 'EGRESS_REFUSED') out = { code: 'EGRESS_REFUSED', message: `${where}: ${err.message}` };
  else if (err.authenticationFailed && cfg.accessToken) {
    out = { code: 'IMAP_AUTH_FAILED', message: `${where} refused the XOAUTH2 login of ${cfg.user}${said} (the access token is expired, revoked, or lacks the mailbox scope)` };
  } else if (err.authenticationFailed) out = { code: 'IMAP_AUTH_FAILED', message: `${where} refused the login of ${cfg.user}${said || ' (wrong user or password)'}` };
  else if (cfg.accessToken && /Unsupported authentication mechanism/.test(err.message ?? '')) {
    out = { code: 'IMAP_AUTH_FAILED', message: `${where} offers no OAuth2 login (no AUTH=XOAUTH2 or AUTH=OAUTHBEARER among its capabilities)` };
  }
  else if (err.code && /TIMEOUT/i.test(err.code)) out = { code: 'IMAP_TIMEOUT', message: `${where} did not answer in time (${err.code})` };
  else if (err.code && /^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EAI_AGAIN|NoConnection|EConnectionClosed)$/.test(err.code)) {
    out = { code: 'IMAP_UNREACHABLE', message: `${where} could not be reached (${err.code})` };
  } else if (err.serverResponseCode === 'NONEXISTENT' || /mailbox|folder/i.test(err.responseText ?? '')) {
    out = { code: 'IMAP_NO_MAILBOX', message: `${where} has no folder ${cfg.mailbox}${said}` };
  } else out = { code: 'IMAP_ERROR', message: `${where}: ${err.message ?? String(e)}${said}` };
  let message = out.message;
  if (cfg.password) message = message.split(cfg.password).join('[password]');
  if (cfg.accessToken) message = message.split(cfg.accessToken).join('[token]');
  return { code: out.code, message: message.slice(0, 1000) };
}

function clientOptions(cfg: ImapConfig): ImapFlowOptions {
  return {
    host: cfg.host, port: cfg.port, secure: cfg.secure,
    ...(cfg.egress || cfg.ca ? { tls: { ...(cfg.egress ? { lookup: guardedLookup(cfg.egress) } : {}), ...(cfg.ca ? { ca: cfg.ca } : {}) } } : {}),
    auth: cfg.accessToken ? { user: cfg.user, accessToken: cfg.accessToken } : { user: cfg.user, pass: cfg.password ?? '' },
    // no log of the session: its lines would carry addresses and the LOGIN command
    logger: false, disableAutoIdle: true, disableCompression: true,
    connectionTimeout: cfg.timeoutMs, greetingTimeout: cfg.timeoutMs, socketTimeout: cfg.timeoutMs + (cfg.idleMs ?? 0),
    maxLiteralSize: Math.max(cfg.maxMessageBytes * 2, 1_000_000), maxResponseSize: Math.max(cfg.maxMessageBytes * 2, 1_000_000) + 1_000_000,
  };
}

/** A command of an IDLE session bounded by its own deadline (the socket's is long there): past it the connection is closed. */
function bounded<T>(client: ImapFlow, ms: number | undefined, p: Promise<T>): Promise<T> {
  if (ms === undefined) return p;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => { client.close(); reject(Object.assign(new Error(`no answer in ${ms} ms`), { code: 'ETIMEOUT' })); }, ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Logs in and opens the folder read-write; an error value when either fails (the connection is closed then). */
export async function openMailbox(cfg: ImapConfig): Promise<{ ok: true; session: MailboxSession } | { ok: false; error: ImapError }> {
  // a literal address is not looked up: checked here, before anything connects
  const literal = cfg.egress ? refusedLiteral(cfg.host, cfg.egress) : null;
  if (literal) return { ok: false, error: imapError(new EgressRefused(literal), cfg) };
  const client = new ImapFlow(clientOptions(cfg));
  let failure: unknown;
  // imapflow emits connection errors as events: kept for the answer instead of crashing the process
  client.on('error', (e: unknown) => { failure ??= e; });
  // new mail announced since the last listing (during IDLE, or in the answer to another command)
  let arrived = false;
  client.on('exists', () => { arrived = true; });
  const limit = cfg.idleMs === undefined ? undefined : cfg.timeoutMs * 2;
  const run = <T>(p: Promise<T>) => bounded(client, limit, p);
  try {
    await client.connect();
    // the folder is opened under a lock: while it is held, a quiet socket (cobro busy with the database between two
    // commands, or waiting in IDLE) is probed with NOOP instead of being taken for a dead server
    const lock = await client.getMailboxLock(cfg.mailbox);
    const box = client.mailbox;
    if (!box) throw new Error(`${cfg.mailbox} could not be opened`);
    const session: MailboxSession = {
      uidValidity: box.uidValidity.toString(), uidNext: box.uidNext, canIdle: client.capabilities.has('IDLE'),
      async unseenAfter(afterUid) {
        arrived = false;
        const found = await run(client.search({ uid: `${afterUid + 1}:*`, seen: false }, { uid: true }));
        const uids = (Array.isArray(found) ? found : []).filter((u) => u > afterUid).sort((a, b) => a - b);
        if (uids.length === 0) return [];
        const sized = await run(client.fetchAll(uids.join(','), { uid: true, size: true }, { uid: true }));
        return sized.filter((m) => uids.includes(m.uid)).map((m) => ({ uid: m.uid, size: m.size ?? 0 })).sort((a, b) => a.uid - b.uid);
      },
      async source(uid) {
        const m = await run(client.fetchOne(String(uid), { uid: true, source: true }, { uid: true }));
        return m && m.source ? m.source : null;
      },
      async markRead(uid) {
        if (cfg.afterRead === 'move' && cfg.moveTo) {
          if ((await run(client.messageMove(String(uid), cfg.moveTo, { uid: true }))) === false) throw new Error(`could not move UID ${uid} to ${cfg.moveTo}: the server refused (does the folder exist?)`);
        } else if (!(await run(client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true })))) throw new Error(`could not flag UID ${uid} \\Seen`);
      },
      async waitForMail(ms, signal) {
        if (signal.aborted) return 'stopped';
        if (arrived) return 'exists';
        let wake: (w: 'exists' | 'timeout' | 'stopped' | 'closed') => void = () => undefined;
        const woke = new Promise<'exists' | 'timeout' | 'stopped' | 'closed'>((resolve) => { wake = resolve; });
        const onExists = () => wake('exists');
        const onClose = () => wake('closed');
        const onAbort = () => wake('stopped');
        client.on('exists', onExists);
        client.on('close', onClose);
        signal.addEventListener('abort', onAbort);
        const timer = setTimeout(() => wake('timeout'), ms);
        try {
          // idle() settles when IDLE ends: false when the server refused it or the connection failed
          const idling = client.idle().then((r) => (r === false ? 'failed' as const : 'ended' as const), () => 'failed' as const);
          const why = await Promise.race([woke, idling]);
          if (why === 'closed' || why === 'failed' || (why === 'ended' && !client.usable)) {
            throw Object.assign(new Error(why === 'failed' ? 'IDLE failed (refused, or the connection broke)' : 'the connection closed while idling'), { code: 'NoConnection' });
          }
          return why;
        } finally {
          clearTimeout(timer);
          client.off('exists', onExists);
          client.off('close', onClose);
          signal.removeEventListener('abort', onAbort);
        }
      },
      async close() {
        lock.release();
        await bounded(client, cfg.timeoutMs, client.logout()).catch(() => client.close());
      },
    };
    return { ok: true, session };
  } catch (e) {
    client.close();
    return { ok: false, error: imapError(failure ?? e, cfg) };
  }
}
