// A loopback SMTP sink (smtp-server) that keeps raw messages, and a small MIME reader for the tests that inspect them.
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface SmtpSink {
  port: number;
  messages: { from: string; to: string[]; raw: string }[];
  close(): Promise<void>;
}

/** Recipients in `reject` get the SMTP reply code given (550 hard bounce, 451 try later); `headersOnly` keeps only the header block. */
export async function smtpSink(reject: Record<string, number> = {}, opts: { headersOnly?: boolean } = {}): Promise<SmtpSink> {
  const messages: SmtpSink['messages'] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    // close() waits this long for clients still connected (an adapter's pooled connection) before ending their sessions
    // (smtp-server's default is 30 s, which a test file then spent idle at its end)
    closeTimeout: 500,
    onRcptTo(address, _session, cb) {
      const code = reject[address.address];
      if (code) return cb(Object.assign(new Error(code >= 500 ? '5.1.1 User unknown' : '4.7.1 Try again later'), { responseCode: code }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        const raw = Buffer.concat(chunks).toString('utf8');
        messages.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: opts.headersOnly ? raw.slice(0, raw.indexOf('\r\n\r\n') + 4) : raw });
        cb();
      });
    },
  });
  // a client killed mid-session (the crash test) resets its connection: a real server notes it and goes on serving
  server.on('error', (err: NodeJS.ErrnoException) => { if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') throw err; });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function unfold(head: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split(/\r\n/)) {
    const i = line.indexOf(':');
    if (i > 0) out.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  return out;
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= and =?UTF-8?B?...?=). */
export function decodeWords(s: string): string {
  return s.replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
}

function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    return Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  }
  return body;
}

export interface Mail {
  headers: Map<string, string>;
  text: string;
  html: string;
}

/** Reads the top headers and the text/plain and text/html parts of a multipart/alternative message. */
export function readMail(raw: string): Mail {
  const split = raw.indexOf('\r\n\r\n');
  const headers = unfold(raw.slice(0, split));
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1];
  const mail: Mail = { headers, text: '', html: '' };
  if (!boundary) return mail;
  for (const part of raw.slice(split + 4).split(`--${boundary}`)) {
    const i = part.indexOf('\r\n\r\n');
    if (i < 0) continue;
    const h = unfold(part.slice(0, i).replace(/^\r\n/, ''));
    const body = decodeBody(part.slice(i + 4).replace(/\r\n$/, ''), h.get('content-transfer-encoding')?.toLowerCase());
    const type = h.get('content-type') ?? '';
    if (type.startsWith('text/plain')) mail.text = body;
    if (type.startsWith('text/html')) mail.html = body;
  }
  return mail;
}
