// Small loopback HTTP helpers for provider fakes and webhook receivers: read raw bodies, answer JSON, post signed callbacks.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChannelAdapter, InboundEvent, RawRequest } from '../../../src/channels/index.ts';

export interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type Handler = (req: Received, res: http.ServerResponse) => void | Promise<void>;

export interface Running {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function serve(handler: Handler): Promise<Running> {
  const server = http.createServer((req, res) => {
    readBody(req).then((body) => handler({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body }, res))
      .catch((e: unknown) => { res.statusCode = 500; res.end(String(e)); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`, port,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Posts a callback on a connection of its own (no keep-alive): a pooled connection can be closed as idle by the receiver
 * just as the next callback is written on it (read ECONNRESET under load), which a provider's own sender would retry.
 */
export function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent: false, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A webhook endpoint in front of an adapter: verify on the raw body, 403 when it fails, else parse and keep the events. */
export async function webhookReceiver(adapter: ChannelAdapter): Promise<Running & { events: InboundEvent[]; rejected(): number; waitFor(n: number): Promise<InboundEvent[]> }> {
  const events: InboundEvent[] = [];
  const state = { rejected: 0 };
  const waiters: (() => void)[] = [];
  const running = await serve((req, res) => {
    const raw: RawRequest = {
      method: req.method, url: `http://127.0.0.1:${running.port}${req.path}`, body: req.body,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v])),
    };
    if (!adapter.verifyWebhook(raw).ok) { state.rejected++; res.writeHead(403).end(); return; }
    events.push(...adapter.parseWebhook(raw));
    waiters.splice(0).forEach((w) => w());
    res.writeHead(200, { 'content-type': 'text/xml' }).end('<Response/>');
  });
  return {
    ...running, events,
    rejected: () => state.rejected,
    async waitFor(n: number): Promise<InboundEvent[]> {
      const deadline = Date.now() + 5000;
      while (events.length < n && Date.now() < deadline) await new Promise<void>((r) => { waiters.push(r); setTimeout(r, 50); });
      return events;
    },
  };
}
