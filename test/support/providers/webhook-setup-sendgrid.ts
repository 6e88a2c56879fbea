// A fake of SendGrid's Event Webhook settings on loopback (twilio.com/docs/sendgrid/api-reference/webhooks): Bearer API
// key; GET /v3/user/webhooks/event/settings/all ({ max_allowed, webhooks }), POST /v3/user/webhooks/event/settings (url
// required; enabled, friendly_name and the event booleans; one webhook a URL), PATCH .../settings/{id}, and PATCH
// .../settings/signed/{id} ({ enabled } only: { id, public_key }, a P-256 key pair made when signing is turned on). It
// signs events as SendGrid does: ECDSA SHA-256 over the timestamp then the body, in base64.
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { json, serve, type Running } from './http.ts';

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

export async function fakeSendGridWebhooks(opts: { apiKey: string }): Promise<FakeSendGridWebhooks> {
  const webhooks: FakeSendGridWebhook[] = [];
  const keys = new Map<string, KeyObject>();
  const writes: FakeSendGridWebhooks['writes'] = [];
  const error = (res: Parameters<typeof json>[0], status: number, message: string, field: string | null = null) => json(res, status, { errors: [{ field, message }] });
  const root = '/v3/user/webhooks/event/settings';
  const running = await serve((req, res) => {
    if (req.headers.authorization !== `Bearer ${opts.apiKey}`) return error(res, 401, 'The provided authorization grant is invalid, expired, or revoked');
    if (req.method === 'GET' && req.path === `${root}/all`) return json(res, 200, { max_allowed: 5, webhooks });
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return error(res, 415, 'content-type must be application/json');
    let body: Record<string, unknown>;
    try { body = JSON.parse(req.body.toString('utf8')) as Record<string, unknown>; } catch { return error(res, 400, 'invalid JSON'); }
    writes.push({ method: req.method, path: req.path, body });
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
  return { ...running, webhooks, writes, sign: signWith, unsign };
}
