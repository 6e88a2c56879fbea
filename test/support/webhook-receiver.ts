// A local HTTP endpoint for integrators' webhooks: checks each request's signature as the README tells integrators to,
// keeps what it received, and can be told to fail (HTTP 500) a number of times first.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The README's verification: "t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + '.' + raw body)>", within five minutes. */
export function verifyCobroSignature(rawBody: string, header: string, secret: string, nowMs = Date.now(), toleranceSec = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowMs / 1000 - t) > toleranceSec) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface Received { path: string; eventId: string; type: string; timestamp: string; body: { id: string; type: string; created_at: string; data: Record<string, unknown> } }

export interface Receiver {
  url(path: string): string;
  /** The secret each path verifies with (set once the endpoint is made and its secret shown). */
  secrets: Map<string, string>;
  /** Answers 500 this many more times on a path before accepting. */
  failures: Map<string, number>;
  received: Received[];
  /** Requests refused because the signature did not verify. */
  refused: number;
  close(): Promise<void>;
}

export async function webhookReceiver(now: () => Date): Promise<Receiver> {
  const r: Omit<Receiver, 'url' | 'close'> = { secrets: new Map(), failures: new Map(), received: [], refused: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      const secret = r.secrets.get(path);
      const signature = String(req.headers['cobro-signature'] ?? '');
      const ts = String(req.headers['cobro-timestamp'] ?? '');
      if (req.method !== 'POST' || req.headers['content-type'] !== 'application/json' || !secret
        || !verifyCobroSignature(raw, signature, secret, now().getTime()) || !signature.startsWith(`t=${ts},`)) {
        r.refused++;
        res.writeHead(400).end('bad signature');
        return;
      }
      const left = r.failures.get(path) ?? 0;
      if (left > 0) {
        r.failures.set(path, left - 1);
        res.writeHead(500).end('try later');
        return;
      }
      const body = JSON.parse(raw) as Received['body'];
      if (body.id !== req.headers['cobro-event-id'] || body.type !== req.headers['cobro-event-type']) {
        res.writeHead(422).end('headers and body disagree');
        return;
      }
      r.received.push({ path, eventId: body.id, type: body.type, timestamp: ts, body });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    ...r,
    get refused() { return r.refused; },
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
