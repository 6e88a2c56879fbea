// A session on an IMAP mailbox through imapflow: log in, open the folder (its UIDVALIDITY), list the unseen messages
// after a UID with their sizes, fetch one, mark it \Seen or move it. Errors come back as values with a code and the
// server's words, never with the password; every wait is bounded by the timeout.
import { ImapFlow, type ImapFlowOptions } from 'imapflow';

export interface ImapConfig {
  host: string;
  port: number;
  /** TLS from the first byte (993); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
  timeoutMs: number;
  /** The largest message fetched; the client refuses literals much past it. */
  maxMessageBytes: number;
  afterRead: 'seen' | 'move';
  moveTo?: string;
}

export interface ImapError { code: 'IMAP_AUTH_FAILED' | 'IMAP_TIMEOUT' | 'IMAP_UNREACHABLE' | 'IMAP_NO_MAILBOX' | 'IMAP_ERROR'; message: string }

export interface MailboxSession {
  uidValidity: string;
  uidNext: number;
  /** Unseen messages with a UID above `afterUid`, oldest first, with their sizes (RFC822.SIZE). */
  unseenAfter(afterUid: number): Promise<{ uid: number; size: number }[]>;
  source(uid: number): Promise<Buffer | null>;
  /** Marks the message \Seen, or moves it to the configured folder. */
  markRead(uid: number): Promise<void>;
  close(): Promise<void>;
}

type ImapFailure = Error & { code?: string; authenticationFailed?: boolean; responseText?: string; serverResponseCode?: string; responseStatus?: string };

/** The error as cobro records it: a code, what happened, the server's own words; the password never in it. */
export function imapError(e: unknown, cfg: Pick<ImapConfig, 'host' | 'port' | 'user' | 'mailbox' | 'password'>): ImapError {
  const err = (e ?? {}) as ImapFailure;
  const said = err.responseText ? `: ${err.responseText}` : '';
  const where = `${cfg.host}:${cfg.port}`;
  let out: ImapError;
  if (err.authenticationFailed) out = { code: 'IMAP_AUTH_FAILED', message: `${where} refused the login of ${cfg.user}${said || ' (wrong user or password)'}` };
  else if (err.code && /TIMEOUT/i.test(err.code)) out = { code: 'IMAP_TIMEOUT', message: `${where} did not answer in time (${err.code})` };
  else if (err.code && /^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EAI_AGAIN|NoConnection|EConnectionClosed)$/.test(err.code)) {
    out = { code: 'IMAP_UNREACHABLE', message: `${where} could not be reached (${err.code})` };
  } else if (err.serverResponseCode === 'NONEXISTENT' || /mailbox|folder/i.test(err.responseText ?? '')) {
    out = { code: 'IMAP_NO_MAILBOX', message: `${where} has no folder ${cfg.mailbox}${said}` };
  } else out = { code: 'IMAP_ERROR', message: `${where}: ${err.message ?? String(e)}${said}` };
  const message = cfg.password ? out.message.split(cfg.password).join('[password]') : out.message;
  return { code: out.code, message: message.slice(0, 1000) };
}

function clientOptions(cfg: ImapConfig): ImapFlowOptions {
  return {
    host: cfg.host, port: cfg.port, secure: cfg.secure, auth: { user: cfg.user, pass: cfg.password },
    // no log of the session: its lines would carry addresses and the LOGIN command
    logger: false, disableAutoIdle: true, disableCompression: true,
    connectionTimeout: cfg.timeoutMs, greetingTimeout: cfg.timeoutMs, socketTimeout: cfg.timeoutMs,
    maxLiteralSize: Math.max(cfg.maxMessageBytes * 2, 1_000_000), maxResponseSize: Math.max(cfg.maxMessageBytes * 2, 1_000_000) + 1_000_000,
  };
}

/** Logs in and opens the folder read-write; an error value when either fails (the connection is closed then). */
export async function openMailbox(cfg: ImapConfig): Promise<{ ok: true; session: MailboxSession } | { ok: false; error: ImapError }> {
  const client = new ImapFlow(clientOptions(cfg));
  let failure: unknown;
  // imapflow emits connection errors as events: kept for the answer instead of crashing the process
  client.on('error', (e: unknown) => { failure ??= e; });
  try {
    await client.connect();
    const box = await client.mailboxOpen(cfg.mailbox);
    const session: MailboxSession = {
      uidValidity: box.uidValidity.toString(), uidNext: box.uidNext,
      async unseenAfter(afterUid) {
        const found = await client.search({ uid: `${afterUid + 1}:*`, seen: false }, { uid: true });
        const uids = (Array.isArray(found) ? found : []).filter((u) => u > afterUid).sort((a, b) => a - b);
        if (uids.length === 0) return [];
        const sized = await client.fetchAll(uids.join(','), { uid: true, size: true }, { uid: true });
        return sized.filter((m) => uids.includes(m.uid)).map((m) => ({ uid: m.uid, size: m.size ?? 0 })).sort((a, b) => a.uid - b.uid);
      },
      async source(uid) {
        const m = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        return m && m.source ? m.source : null;
      },
      async markRead(uid) {
        if (cfg.afterRead === 'move' && cfg.moveTo) {
          if ((await client.messageMove(String(uid), cfg.moveTo, { uid: true })) === false) throw new Error(`could not move UID ${uid} to ${cfg.moveTo}: the server refused (does the folder exist?)`);
        } else if (!(await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true }))) throw new Error(`could not flag UID ${uid} \\Seen`);
      },
      async close() {
        await client.logout().catch(() => client.close());
      },
    };
    return { ok: true, session };
  } catch (e) {
    client.close();
    return { ok: false, error: imapError(failure ?? e, cfg) };
  }
}
