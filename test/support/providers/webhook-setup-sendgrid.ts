// A fake of SendGrid's Event Webhook settings on loopback (twilio.com/docs/sendgrid/api-reference/webhooks): Bearer API
// key; GET /v3/user/webhooks/event/settings/all ({ max_allowed, webhooks }), POST /v3/user/webhooks/event/settings (url
// required; enabled, friendly_name and the event booleans; one webhook a URL), PATCH .../settings/{id}, and PATCH
// .../settings/signed/{id} ({ enabled } only: { id, public_key }, a P-256 key pair made when signing is turned on). It
// signs events as SendGrid does: ECDSA SHA-256 over the timestamp then the body, in base64. Inbound Parse too
// (.../api-reference/settings-inbound-parse, .../parsing-email/securing-your-parse-webhooks): GET /v3/user/webhooks/parse/
// settings ({ result }), POST it (url and hostname required, the hostname one of the account's authenticated domains and
// not taken; spam_check and send_raw booleans), PATCH .../parse/settings/{hostname} (security_policy the id of a policy
// of the account); security policies: POST /v3/user/webhooks/security/policies (name, and signature or oauth: { policy:
// { id, name, signature: { public_key } } }), GET and PATCH .../policies/{id}, DELETE it (200 { policy: null }; refused while a
// parse setting uses it); a Parse post signed with its policy's key.
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { json, serve, type Received, type Running } from './http.ts';

const EVENTS = ['bounce', 'click', 'deferred', 'delivered', 'dropped', 'group_resubscribe', 'group_unsubscribe', 'open', 'processed', 'spam_report', 'unsubscribe'];
const FIELDS = new Set(['enabled', 'url', 'friendly_name', 'oauth_client_id', 'oauth_client_secret', 'oauth_token_url', ...EVENTS]);

export interface FakeSendGridWebhook extends Record<string, unknown> { id: string; url: string; enabled: boolean; public_key?: string }
export interface FakeSendGridWebhooks extends Running {
  webhooks: FakeSendGridWebhook[];
  writes: { method: string; path: string; body: unknown }[];
  /** The signature header SendGrid sends for `body` at `timestamp` from webhook `id` (signing on). */
  sign(id: string, timestamp: string, body: string): string;
  /** Signing turned off in SendGrid's console: the key pair dropped. */
  unsign(id: string): void;
}

export interface FakeParseSetting { url: string; hostname: string; spam_check: boolean; send_raw: boolean; security_policy?: string }
export interface FakePolicy { id: string; name: string; oauth?: Record<string, unknown>; signature?: { public_key: string } }
export interface FakeSendGridParse {
  parse: FakeParseSetting[]; policies: FakePolicy[]; signParse(hostname: string, timestamp: string, body: Buffer): string;
  /** Deleting a policy answered 500 with `message` (a SendGrid outage), until called again without one. */
  refuseDeletes(message?: string): void;
}

type Res = Parameters<typeof json>[0];
const error = (res: Res, status: number, message: string, field: string | null = null) => json(res, status, { errors: [{ field, message }] });

/** Inbound Parse settings and their security policies; true when the request was one of theirs. */
function parseRoutes(req: Received, res: Res, body: Record<string, unknown> | undefined, f: FakeSendGridParse, domains: readonly string[],
  keys: Map<string, KeyObject>, refusing: { message?: string | undefined }): boolean {
  const settings = '/v3/user/webhooks/parse/settings';
  const policies = '/v3/user/webhooks/security/policies';
  if (!req.path.startsWith(settings) && !req.path.startsWith(policies)) return false;
  const signing = (p: FakePolicy) => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    keys.set(p.id, pair.privateKey);
    p.signature = { public_key: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };
  };
  const policy = f.policies.find((p) => req.path === `${policies}/${p.id}`);
  const setting = f.parse.find((p) => req.path === `${settings}/${encodeURIComponent(p.hostname)}`);
  const wrong = body && Object.entries(body).find(([k, v]) => !['url', 'hostname', 'spam_check', 'send_raw', 'security_policy'].includes(k)
    || (k === 'spam_check' || k === 'send_raw' ? typeof v !== 'boolean' : typeof v !== 'string'));
  if (req.method === 'GET' && req.path === settings) json(res, 200, { result: f.parse });
  else if (req.method === 'POST' && req.path === settings && body) {
    if (wrong) error(res, 400, `${wrong[0]}: not a field of a parse setting, or not of its type`, wrong[0]);
    else if (typeof body['url'] !== 'string' || typeof body['hostname'] !== 'string') error(res, 400, 'url and hostname are required');
    else if (!domains.some((d) => body['hostname'] === d || String(body['hostname']).endsWith(`.${d}`))) error(res, 400, 'hostname: not an authenticated domain', 'hostname');
    else if (f.parse.some((p) => p.hostname === body['hostname'])) error(res, 400, 'hostname: a parse setting already uses it', 'hostname');
    else {
      const made: FakeParseSetting = { spam_check: false, send_raw: false, ...(body as { url: string; hostname: string }) };
      f.parse.push(made);
      json(res, 201, made);
    }
  } else if (req.method === 'PATCH' && setting && body) {
    if (wrong || 'hostname' in body) error(res, 400, 'not a field of a parse setting, or not of its type');
    else if (body['security_policy'] !== undefined && !f.policies.some((p) => p.id === body['security_policy'])) error(res, 400, 'security_policy: no such policy', 'security_policy');
    else json(res, 200, Object.assign(setting, body));
  } else if (req.method === 'POST' && req.path === policies && body) {
    const sig = body['signature'] as { enabled?: unknown } | undefined;
    if (typeof body['name'] !== 'string' || (!sig && !body['oauth'])) error(res, 400, 'one of signature or oauth must be given', 'signature');
    else {
      const p: FakePolicy = { id: randomUUID(), name: body['name'], ...(body['oauth'] ? { oauth: body['oauth'] as Record<string, unknown> } : {}) };
      if (sig?.enabled === true) signing(p);
      f.policies.push(p);
      json(res, 201, { policy: p });
    }
  } else if (req.method === 'GET' && policy) json(res, 200, { policy });
  else if (req.method === 'DELETE' && policy) {
    if (refusing.message) error(res, 500, refusing.message);
    else if (f.parse.some((p) => p.security_policy === policy.id)) error(res, 400, 'the policy is in use by a parse setting');
    else { f.policies.splice(f.policies.indexOf(policy), 1); keys.delete(policy.id); json(res, 200, { policy: null }); }
  }
  else if (req.method === 'PATCH' && policy && body) {
    const sig = body['signature'] as { enabled?: unknown } | undefined;
    if (sig?.enabled === true && !policy.signature) signing(policy);
    if (sig?.enabled === false) { delete policy.signature; keys.delete(policy.id); }
    json(res, 200, { policy });
  } else error(res, 404, 'not found');
  return true;
}

export async function fakeSendGridWebhooks(opts: { apiKey: string; parseDomains?: string[] }): Promise<FakeSendGridWebhooks & FakeSendGridParse> {
  const webhooks: FakeSendGridWebhook[] = [];
  const keys = new Map<string, KeyObject>();
  const writes: FakeSendGridWebhooks['writes'] = [];
  const refusing: { message?: string | undefined } = {};
  const parse: FakeSendGridParse = { parse: [], policies: [], refuseDeletes: (message) => { refusing.message = message; }, signParse: (hostname, timestamp, body) => {
    const key = keys.get(parse.parse.find((p) => p.hostname === hostname)?.security_policy ?? '');
    if (!key) throw new Error(`parse setting ${hostname} has no signing policy`);
    return sign('sha256', Buffer.concat([Buffer.from(timestamp), body]), key).toString('base64');
  } };
  const root = '/v3/user/webhooks/event/settings';
  const running = await serve((req, res) => {
    if (req.headers.authorization !== `Bearer ${opts.apiKey}`) return error(res, 401, 'The provided authorization grant is invalid, expired, or revoked');
    if (req.method === 'DELETE') writes.push({ method: req.method, path: req.path, body: undefined });
    if ((req.method === 'GET' || req.method === 'DELETE') && parseRoutes(req, res, undefined, parse, opts.parseDomains ?? [], keys, refusing)) return;
    if (req.method === 'GET' && req.path === `${root}/all`) return json(res, 200, { max_allowed: 5, webhooks });
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return error(res, 415, 'content-type must be application/json');
    let body: Record<string, unknown>;
    try { body = JSON.parse(req.body.toString('utf8')) as Record<string, unknown>; } catch { return error(res, 400, 'invalid JSON'); }
    writes.push({ method: req.method, path: req.path, body });
    if (parseRoutes(req, res, body, parse, opts.parseDomains ?? [], keys, refusing)) return;
    const signed = req.path.startsWith(`${root}/signed/`) ? webhooks.find((w) => req.path === `${root}/signed/${w.id}`) : undefined;
    if (req.method === 'PATCH' && signed) {
      if (Object.keys(body).join() !== 'enabled' || typeof body['enabled'] !== 'boolean') return error(res, 400, 'enabled: a boolean, the only field', 'enabled');
      if (body['enabled'] && !keys.has(signed.id)) {
        const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
        keys.set(signed.id, pair.privateKey);
        signed.public_key = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
      }
      if (!body['enabled']) { keys.delete(signed.id); delete signed.public_key; }
      return json(res, 200, { id: signed.id, public_key: signed.public_key ?? '' });
    }
    const bad = Object.entries(body).find(([k, v]) => !FIELDS.has(k) || (EVENTS.includes(k) || k === 'enabled' ? typeof v !== 'boolean' : typeof v !== 'string'));
    if (bad) return error(res, 400, `${bad[0]}: not a field of an Event Webhook, or not of its type`, bad[0]);
    const taken = (id?: string) => webhooks.some((w) => w.url === body['url'] && w.id !== id);
    if (req.method === 'POST' && req.path === root) {
      if (typeof body['url'] !== 'string') return error(res, 400, 'url is required', 'url');
      if (taken()) return error(res, 400, 'a webhook with this URL already exists', 'url');
      const w: FakeSendGridWebhook = { id: randomUUID(), url: body['url'], enabled: false, ...Object.fromEntries(EVENTS.map((e) => [e, false])), ...body,
        created_date: new Date().toISOString() };
      webhooks.push(w);
      return json(res, 201, w);
    }
    const w = webhooks.find((x) => req.path === `${root}/${x.id}`);
    if (req.method === 'PATCH' && w) {
      if (taken(w.id)) return error(res, 400, 'a webhook with this URL already exists', 'url');
      Object.assign(w, body, { updated_date: new Date().toISOString() });
      return json(res, 200, w);
    }
    return error(res, 404, 'webhook not found');
  });
  const signWith = (id: string, timestamp: string, body: string) => {
    const key = keys.get(id);
    if (!key) throw new Error(`webhook ${id} is not signed`);
    return sign('sha256', Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), key).toString('base64');
  };
  const unsign = (id: string) => {
    keys.delete(id);
    const w = webhooks.find((x) => x.id === id);
    if (w) delete w.public_key;
  };
  return { ...running, webhooks, writes, sign: signWith, unsign, ...parse, signParse: parse.signParse };
}
