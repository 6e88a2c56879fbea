// Fakes of Mailgun's messages API and SendGrid's v3 Mail Send on loopback, each refusing any request not shaped as the
// provider documents it (auth, content type, required fields, the unsubscribe headers, both parts, an inline part for
// every cid: the HTML names) and answering as the provider does. `next` makes the next answer a failure instead.
import { serve, json, type Received, type Running } from './http.ts';

export interface InlineFile { name: string; type: string; bytes: Buffer }
export interface MailgunSent { domain: string; fields: Record<string, string[]>; inline: InlineFile[]; id: string }
export interface SendGridSent { body: Record<string, unknown>; id: string }
export interface Failure { status: number; body: string; headers?: Record<string, string> }

export interface FakeEmailApi<T> extends Running {
  sent: T[];
  /** Requests refused as not shaped as documented, with why. */
  refused: string[];
  /** The answers the next requests get instead of an acceptance, in order. */
  next: Failure[];
}

const cidsOf = (html: string): string[] => [...html.matchAll(/src="cid:([^"]+)"/g)].map((m) => m[1]!);

/** A message Mailgun stored (a route's store()): its MIME and the files its attachments' URLs serve. */
export interface StoredMail { mime: string; files?: { type: string; bytes: Buffer }[] }
export interface StoredAsk { path: string; auth: string | undefined; accept: string | undefined }

export interface FakeMailgun extends FakeEmailApi<MailgunSent> {
  /** Stored messages by their storage key, served at /v3/domains/{domain}/messages/{key}. */
  stored: Map<string, StoredMail>;
  /** Each GET of a stored message or file, as asked. */
  asked: StoredAsk[];
}

export async function fakeMailgun(opts: { apiKey: string; domain: string }): Promise<FakeMailgun> {
  const sent: MailgunSent[] = [];
  const refused: string[] = [];
  const next: Failure[] = [];
  const stored = new Map<string, StoredMail>();
  const asked: StoredAsk[] = [];
  let n = 0;
  const auth = `Basic ${Buffer.from(`api:${opts.apiKey}`).toString('base64')}`;
  // GET of a stored message: JSON, its MIME in `body-mime` when asked with Accept: message/rfc2822; a file's bytes at /attachments/{n}
  const storedGet = (req: Received, key: string, file: string | undefined): { status: number; body: string | Buffer; headers?: Record<string, string> } => {
    const accept = req.headers.accept;
    asked.push({ path: req.path, auth: req.headers.authorization, accept });
    if (req.headers.authorization !== auth) return { status: 401, body: 'Forbidden' };
    const failure = next.shift();
    if (failure) return failure;
    const m = stored.get(key);
    if (!m) return { status: 404, body: JSON.stringify({ message: 'Message not found' }) };
    if (file !== undefined) {
      const f = m.files?.[Number(file)];
      return f ? { status: 200, body: f.bytes, headers: { 'content-type': f.type } } : { status: 404, body: JSON.stringify({ message: 'Attachment not found' }) };
    }
    const subject = /^Subject: (.*)$/im.exec(m.mime)?.[1] ?? '';
    return { status: 200, body: JSON.stringify(accept === 'message/rfc2822' ? { 'body-mime': m.mime, subject } : { subject, 'body-plain': m.mime.split(/\r?\n\r?\n/)[1] ?? '' }) };
  };
  const handle = async (req: Received): Promise<{ status: number; body: string | Buffer; headers?: Record<string, string> }> => {
    const refuse = (status: number, why: string, body = JSON.stringify({ message: why })) => { refused.push(why); return { status, body }; };
    const storage = /^\/v3\/domains\/([^/]+)\/messages\/([^/]+)(?:\/attachments\/(\d+))?$/.exec(req.path);
    if (req.method === 'GET' && storage && storage[1] === opts.domain) return storedGet(req, storage[2]!, storage[3]);
    const path = /^\/v3\/([^/]+)\/messages$/.exec(req.path);
    if (req.method !== 'POST' || !path) return refuse(404, `${req.method} ${req.path}`, '404 page not found');
    if (req.headers.authorization !== auth) return refuse(401, 'auth', 'Forbidden');
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('multipart/form-data; boundary=')) return refuse(400, `content type ${type}`);
    const form = await new Request('http://mailgun.invalid/', { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(req.body) }).formData();
    const fields: Record<string, string[]> = {};
    const inline: InlineFile[] = [];
    for (const [k, v] of form.entries()) {
      if (typeof v === 'string') (fields[k] ??= []).push(v);
      else if (k === 'inline') inline.push({ name: v.name, type: v.type, bytes: Buffer.from(await v.arrayBuffer()) });
      else return refuse(400, `a file in ${k}`);
    }
    const one = (k: string) => (fields[k]?.length === 1 ? fields[k]![0]! : undefined);
    for (const k of ['from', 'to', 'subject', 'text', 'html', 'h:List-Unsubscribe', 'h:List-Unsubscribe-Post']) if (!one(k)) return refuse(400, `'${k}' parameter is missing`);
    if (one('h:List-Unsubscribe-Post') !== 'List-Unsubscribe=One-Click' || !/^<https:\/\//.test(one('h:List-Unsubscribe')!)) return refuse(400, 'unsubscribe headers');
    for (const cid of cidsOf(one('html')!)) if (!inline.some((f) => f.name === cid)) return refuse(400, `no inline file named ${cid}`);
    if (path[1] !== opts.domain) return refuse(404, `Domain not found: ${path[1]}`);
    const failure = next.shift();
    if (failure) return failure;
    const id = `<20260310150000.${++n}.abcdef@${opts.domain}>`;
    sent.push({ domain: path[1]!, fields, inline, id });
    return { status: 200, body: JSON.stringify({ id, message: 'Queued. Thank you.' }) };
  };
  const running = await serve(async (req, res) => {
    const a = await handle(req);
    res.writeHead(a.status, { 'content-type': typeof a.body === 'string' && a.body.startsWith('{') ? 'application/json' : 'text/plain', ...a.headers });
    res.end(a.body);
  });
  return Object.assign(running, { sent, refused, next, stored, asked });
}

/** The `v:` variables a message was sent with, as Mailgun hands them back in its events' `user-variables`. */
export function userVariablesOf(sent: MailgunSent): Record<string, string> {
  return Object.fromEntries(Object.entries(sent.fields).filter(([k, v]) => k.startsWith('v:') && v.length === 1).map(([k, v]) => [k.slice(2), v[0]!]));
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a Mail Send body is not as documented, or null. */
function sendGridProblem(b: Json): string | null {
  const p = b['personalizations'];
  if (!Array.isArray(p) || !isObj(p[0]) || !Array.isArray(p[0]['to']) || !isObj(p[0]['to'][0]) || typeof p[0]['to'][0]['email'] !== 'string') return 'personalizations.0.to';
  if (!isObj(b['from']) || typeof b['from']['email'] !== 'string' || b['from']['email'].includes('<')) return 'from.email';
  if (typeof b['subject'] !== 'string' || !b['subject']) return 'subject';
  const c = b['content'];
  if (!Array.isArray(c) || c.length !== 2 || !isObj(c[0]) || c[0]['type'] !== 'text/plain' || !isObj(c[1]) || c[1]['type'] !== 'text/html') return 'content: text/plain then text/html';
  const h = b['headers'];
  if (!isObj(h) || h['List-Unsubscribe-Post'] !== 'List-Unsubscribe=One-Click' || !/^<https:\/\//.test(String(h['List-Unsubscribe']))) return 'headers: unsubscribe';
  if (Object.values(h).some((v) => typeof v !== 'string')) return 'headers: strings only';
  const args = b['custom_args'];
  if (args !== undefined && (!isObj(args) || Object.values(args).some((v) => typeof v !== 'string'))) return 'custom_args: strings only';
  const files = Array.isArray(b['attachments']) ? (b['attachments'] as unknown[]).filter(isObj) : [];
  for (const f of files) {
    if (typeof f['content'] !== 'string' || !/^[A-Za-z0-9+/]+=*$/.test(f['content']) || typeof f['filename'] !== 'string') return 'attachments: content (base64) and filename';
    if (f['disposition'] === 'inline' && typeof f['content_id'] !== 'string') return 'attachments: content_id with disposition inline';
  }
  for (const cid of cidsOf(String((c[1] as Json)['value']))) {
    if (!files.some((f) => f['content_id'] === cid && f['disposition'] === 'inline')) return `attachments: no inline content_id ${cid}`;
  }
  return null;
}

export async function fakeSendGrid(opts: { apiKey: string }): Promise<FakeEmailApi<SendGridSent>> {
  const sent: SendGridSent[] = [];
  const refused: string[] = [];
  const next: Failure[] = [];
  let n = 0;
  const running = await serve((req, res) => {
    const refuse = (status: number, why: string, field: string | null = null) => { refused.push(why); json(res, status, { errors: [{ message: why, field, help: null }] }); };
    if (req.method !== 'POST' || req.path !== '/v3/mail/send') return refuse(404, `${req.method} ${req.path}`);
    if (req.headers.authorization !== `Bearer ${opts.apiKey}`) return refuse(401, 'The provided authorization grant is invalid, expired, or revoked');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(415, 'Content-Type should be application/json.');
    let body: unknown;
    try { body = JSON.parse(req.body.toString('utf8')); } catch { return refuse(400, 'Bad Request'); }
    const problem = isObj(body) ? sendGridProblem(body) : 'body';
    if (problem) return refuse(400, problem, problem.split(':')[0]!);
    const failure = next.shift();
    if (failure) { res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers }); res.end(failure.body); return; }
    const id = `${(++n).toString().padStart(4, '0')}Z2XL9bDjQ2WvTMFl3G_s`;
    sent.push({ body: body as Json, id });
    res.writeHead(202, { 'x-message-id': id }); res.end();
  });
  return Object.assign(running, { sent, refused, next });
}
