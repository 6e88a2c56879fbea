// The local providers of a fault run, each behind a front the driver can break: an SMTP sink behind a TCP proxy (refused
// connections, a 4xx storm) and the fake Twilio behind an HTTP front (refused, 5xx storm, 429 with Retry-After, slow
// answers past the client's timeout). Every message a provider accepted is kept with the round it arrived in; Twilio's
// callbacks and replies land on a recorder standing for cobro's public URL, so the driver can replay them out of order.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { fakeTwilio, type FakeTwilio } from '../support/providers/twilio.ts';
import { readBody } from '../support/providers/http.ts';

export type SmtpMode = 'ok' | 'refuse' | 'storm';
export type TwilioMode = 'ok' | 'refuse' | '5xx' | '429' | 'slow';

export interface Receipt { round: number; channel: 'email' | 'sms'; key: string; address: string }
export interface Callback { path: string; headers: Record<string, string>; body: Buffer }

export const TWILIO_SID = `AC${'fa'.repeat(16)}`;
export const TWILIO_TOKEN = 'fault-suite-twilio-token-0001';
export const SMS_FROM = '+15005550006';

export interface Providers {
  smtpPort: number;
  twilioUrl: string;
  publicUrl: string;
  twilio: FakeTwilio;
  receipts: Receipt[];
  callbacks: Callback[];
  /** The round stamped on what arrives now. */
  round: number;
  setSmtp(mode: SmtpMode): Promise<void>;
  setTwilio(mode: TwilioMode, retryAfterS?: number): Promise<void>;
  /** How long a slow answer waits (longer than the worker's timeout). */
  slowMs: number;
  close(): Promise<void>;
}

const listen = (s: net.Server | http.Server, port = 0) => new Promise<number>((resolve, reject) => {
  s.once('error', reject);
  s.listen(port, '127.0.0.1', () => { s.off('error', reject); resolve((s.address() as AddressInfo).port); });
});
const stop = (s: net.Server | http.Server) => new Promise<void>((resolve) => { if (!s.listening) { resolve(); return; } s.close(() => resolve()); });

/** A listener that can be closed (connection refused) and opened again on the same port; open sockets are cut when it closes. */
function breakable(make: () => net.Server | http.Server) {
  const server = make();
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  let port = 0;
  return {
    server,
    async open() { if (!server.listening) port = await listen(server, port); return port; },
    async refuse() { const closing = stop(server); for (const s of sockets) s.destroy(); await closing; },
  };
}

export async function startProviders(): Promise<Providers> {
  const receipts: Receipt[] = [];
  const callbacks: Callback[] = [];
  const state = { round: 0, smtp: 'ok' as SmtpMode, twilio: 'ok' as TwilioMode, retryAfterS: 1, slowMs: 800 };

  // the SMTP sink: keeps the Message-ID of each message it accepted
  const sink = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onMailFrom(_address, _session, cb) {
      if (state.smtp === 'storm') return cb(Object.assign(new Error('4.3.2 Service busy, try later'), { responseCode: 451 }));
      cb();
    },
    onData(stream, session, cb) {
      const round = state.round;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const head = Buffer.concat(chunks).toString('utf8').split('\r\n\r\n')[0] ?? '';
        const id = /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? '';
        for (const r of session.envelope.rcptTo) receipts.push({ round, channel: 'email', key: id, address: r.address });
        cb();
      });
    },
  });
  sink.on('error', () => { /* clients cut by the proxy or killed */ });
  const sinkPort = await listen(sink.server as net.Server);
  const smtpFront = breakable(() => net.createServer((client) => {
    const upstream = net.connect(sinkPort, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    const cut = () => { client.destroy(); upstream.destroy(); };
    client.on('error', cut); upstream.on('error', cut); client.on('close', cut); upstream.on('close', cut);
  }));
  const smtpPort = await smtpFront.open();

  // cobro's public URL as Twilio sees it: callbacks and replies are kept, not applied (the driver replays them)
  const recorder = http.createServer((req, res) => {
    void readBody(req).then((body) => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v ?? '']));
      callbacks.push({ path: req.url ?? '/', headers, body });
      res.writeHead(200, { 'content-type': 'text/xml' }).end('<Response/>');
    });
  });
  const publicUrl = `http://127.0.0.1:${await listen(recorder)}`;

  const twilio = await fakeTwilio({ accountSid: TWILIO_SID, authToken: TWILIO_TOKEN });
  const twilioFront = breakable(() => http.createServer((req, res) => {
    const round = state.round;
    void readBody(req).then(async (body) => {
      if (state.twilio === '5xx') { res.writeHead(503, { 'content-type': 'text/html' }).end('<html>Service Unavailable</html>'); return; }
      if (state.twilio === '429') {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(state.retryAfterS) })
          .end(JSON.stringify({ code: 20429, message: 'Too Many Requests', status: 429 }));
        return;
      }
      const slow = state.twilio === 'slow';
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'connection' && k !== 'content-length') headers[k] = v;
      const r = await fetch(`${twilio.url}${req.url ?? '/'}`, { method: req.method ?? 'POST', headers, body: body.toString('utf8') });
      const text = await r.text();
      if (r.status === 201) {
        const j = JSON.parse(text) as { sid: string; to: string };
        receipts.push({ round, channel: 'sms', key: j.sid, address: j.to });
      }
      if (slow) await new Promise((resolve) => setTimeout(resolve, state.slowMs));
      if (!res.destroyed) res.writeHead(r.status, { 'content-type': 'application/json' }).end(text);
    }).catch(() => { if (!res.destroyed) res.writeHead(502).end(); });
  }));
  const twilioPort = await twilioFront.open();

  return {
    smtpPort, twilioUrl: `http://127.0.0.1:${twilioPort}`, publicUrl, twilio, receipts, callbacks,
    get round() { return state.round; },
    set round(r: number) { state.round = r; },
    get slowMs() { return state.slowMs; },
    set slowMs(ms: number) { state.slowMs = ms; },
    async setSmtp(mode) {
      state.smtp = mode;
      if (mode === 'refuse') await smtpFront.refuse(); else await smtpFront.open();
    },
    async setTwilio(mode, retryAfterS = 1) {
      state.twilio = mode;
      state.retryAfterS = retryAfterS;
      if (mode === 'refuse') await twilioFront.refuse(); else await twilioFront.open();
    },
    async close() {
      await smtpFront.refuse();
      await twilioFront.refuse();
      recorder.closeAllConnections();
      await stop(recorder);
      await new Promise<void>((resolve) => sink.close(() => resolve()));
      await twilio.close();
    },
  };
}
