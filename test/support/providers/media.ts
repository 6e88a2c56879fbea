// Fake media servers on loopback, each answering only what its provider documents and refusing anything else (recorded in
// `refused`): Meta's Graph API (GET /{version}/{media-id} with the bearer token gives the file's URL, type and size; that URL
// fetched with the same bearer token gives the bytes) and Twilio (GET of a message's MediaUrl with the account's Basic auth
// answers 307 to a second server, which serves the bytes only to a request that carries no credentials).
import { setTimeout as sleep } from 'node:timers/promises';
import { json, serve, type Received, type Running } from './http.ts';

export interface FakeFile {
  bytes: Buffer;
  type: string;
  /** What Meta's lookup says the size is (default: the real one). */
  statedSize?: number;
  /** Answer with this status instead (a 404, a 503). */
  status?: number;
  /** Answer this many times with 503 before serving it. */
  failFirst?: number;
  /** Wait this long before answering the download (a timeout). */
  delayMs?: number;
}

export interface FakeMedia extends Running {
  files: Map<string, FakeFile>;
  /** Requests answered with an error because they were not as documented (path, method or credentials). */
  refused: string[];
  /** Downloads served (the file ids). */
  served: string[];
}

function refuse(f: { refused: string[] }, req: Received, res: import('node:http').ServerResponse, why: string): void {
  f.refused.push(`${req.method} ${req.path}: ${why}`);
  json(res, why === 'auth' ? 401 : 400, { error: { message: `refused: ${why}` } });
}

async function download(f: FakeMedia, id: string, res: import('node:http').ServerResponse): Promise<void> {
  const file = f.files.get(id)!;
  if (file.delayMs) await sleep(file.delayMs);
  if (file.failFirst && file.failFirst > 0) { file.failFirst--; return json(res, 503, { error: 'busy' }); }
  f.served.push(id);
  res.writeHead(200, { 'content-type': file.type, 'content-length': String(file.bytes.length) });
  res.end(file.bytes);
}

/** Meta's Graph API media endpoints for one access token and API version. */
export async function fakeMetaMedia(opts: { accessToken: string; apiVersion: string }): Promise<FakeMedia> {
  const f = { files: new Map<string, FakeFile>(), refused: [] as string[], served: [] as string[] } as FakeMedia;
  const running = await serve(async (req, res) => {
    if (req.method !== 'GET') return refuse(f, req, res, 'method');
    if (req.headers.authorization !== `Bearer ${opts.accessToken}`) return refuse(f, req, res, 'auth');
    const url = new URL(req.path, 'http://x');
    const lookup = url.pathname.match(/^\/([^/]+)\/(\d+)$/);
    if (lookup && lookup[1] === opts.apiVersion) {
      const file = f.files.get(lookup[2]!);
      if (!file) return json(res, 404, { error: { message: 'Unsupported get request', code: 100 } });
      if (file.status && file.status !== 200) return json(res, file.status, { error: { message: 'media lookup failed' } });
      return json(res, 200, { messaging_product: 'whatsapp', url: `${f.url}/whatsapp_business/attachments/?mid=${lookup[2]}&ext=1765000000&hash=ATtest`,
        mime_type: file.type, sha256: 'c2hh', file_size: String(file.statedSize ?? file.bytes.length), id: lookup[2] });
    }
    const mid = url.pathname === '/whatsapp_business/attachments/' ? url.searchParams.get('mid') : null;
    if (mid && f.files.has(mid)) return download(f, mid, res);
    return refuse(f, req, res, 'path');
  });
  return Object.assign(f, running);
}

/** Twilio's media of one account (MediaUrl paths under its messages), with the place it redirects to. */
export async function fakeTwilioMedia(opts: { accountSid: string; authToken: string }): Promise<FakeMedia & { mediaUrl(messageSid: string, mediaSid: string): string }> {
  const f = { files: new Map<string, FakeFile>(), refused: [] as string[], served: [] as string[] } as FakeMedia;
  const auth = `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString('base64')}`;
  const cdn = await serve(async (req, res) => {
    if (req.method !== 'GET') return refuse(f, req, res, 'method');
    if (req.headers.authorization !== undefined) return refuse(f, req, res, 'credentials sent off Twilio');
    const m = new URL(req.path, 'http://x').pathname.match(/^\/media\/(ME[0-9a-f]{32})$/);
    if (!m || !f.files.has(m[1]!)) return refuse(f, req, res, 'path');
    return download(f, m[1]!, res);
  });
  const running = await serve(async (req, res) => {
    if (req.method !== 'GET') return refuse(f, req, res, 'method');
    if (req.headers.authorization !== auth) return refuse(f, req, res, 'auth');
    const m = req.path.match(/^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\/(MM[0-9a-f]{32})\/Media\/(ME[0-9a-f]{32})$/);
    if (!m || m[1] !== opts.accountSid) return refuse(f, req, res, 'path');
    const file = f.files.get(m[3]!);
    if (!file) return json(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    if (file.status && file.status !== 200) return json(res, file.status, { message: 'media failed', status: file.status });
    res.writeHead(307, { location: `${cdn.url}/media/${m[3]}?Expires=1765000000&Signature=test` });
    res.end();
  });
  return Object.assign(f, running, {
    close: async () => { await running.close(); await cdn.close(); },
    mediaUrl: (messageSid: string, mediaSid: string) => `${running.url}/2010-04-01/Accounts/${opts.accountSid}/Messages/${messageSid}/Media/${mediaSid}`,
  });
}

/** Small files of each kind, their first bytes as the format has them. */
export const SAMPLE = {
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF receipt photo')]),
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('png receipt')]),
  pdf: Buffer.from('%PDF-1.4\n% transfer receipt\n'),
  heic: Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(12)]),
  webp: Buffer.concat([Buffer.from('RIFF'), Buffer.from([20, 0, 0, 0]), Buffer.from('WEBPVP8 receipt')]),
  mp4: Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom'), Buffer.alloc(12)]),
};
