// One GET for a file at a provider: at most `maxBytes` read (a larger answer is cut off and refused), a timeout over the
// whole exchange, redirects handed back rather than followed (the caller decides where its credentials may go), and the
// operator's egress policy checked on the address connected to.
import http from 'node:http';
import https from 'node:https';
import { guardedLookup, refusedUrl, type EgressPolicy } from './egress.ts';

export type MediaGet =
  | { ok: true; status: number; headers: http.IncomingHttpHeaders; body: Buffer }
  | { ok: false; reason: 'timeout' | 'network' | 'refused' | 'too_large'; message: string };

export interface MediaGetRequest {
  url: URL;
  headers: Record<string, string>;
  maxBytes: number;
  timeoutMs: number;
  egress?: EgressPolicy;
}

export function mediaGet(req: MediaGetRequest): Promise<MediaGet> {
  const literal = req.egress ? refusedUrl(req.url, req.egress) : null;
  if (literal) return Promise.resolve({ ok: false, reason: 'refused', message: `egress refused: ${literal}` });
  if (req.url.protocol !== 'https:' && req.url.protocol !== 'http:') return Promise.resolve({ ok: false, reason: 'refused', message: `not an http(s) URL: ${req.url.protocol}` });
  const lib = req.url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: MediaGet) => { if (!settled) { settled = true; clearTimeout(timer); resolve(r); } };
    const r = lib.request(req.url, { method: 'GET', agent: false, headers: req.headers, ...(req.egress ? { lookup: guardedLookup(req.egress) } : {}) }, (res) => {
      const status = res.statusCode ?? 0;
      const declared = Number(res.headers['content-length'] ?? '0');
      if (status >= 200 && status < 300 && declared > req.maxBytes) {
        r.destroy();
        return done({ ok: false, reason: 'too_large', message: `the file is ${declared} bytes; at most ${req.maxBytes} are kept` });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > req.maxBytes) {
          r.destroy();
          return done({ ok: false, reason: 'too_large', message: `the file is over ${req.maxBytes} bytes` });
        }
        chunks.push(c);
      });
      res.on('end', () => done({ ok: true, status, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', (e) => done({ ok: false, reason: 'network', message: e.message }));
    });
    // the whole exchange, not only an idle socket: a server dripping bytes cannot hold the round
    const timer = setTimeout(() => { r.destroy(); done({ ok: false, reason: 'timeout', message: `no whole answer within ${req.timeoutMs} ms` }); }, req.timeoutMs);
    r.on('error', (e: Error & { code?: string }) => done({ ok: false, reason: e.code === 'EGRESS_REFUSED' ? 'refused' : 'network', message: e.message }));
    r.end();
  });
}
