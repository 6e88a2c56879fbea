// A fake of PayPal's Webhooks Management on loopback (developer.paypal.com/api/webhooks/v1): a client-credentials token
// (POST /v1/oauth2/token, basic auth), then with its Bearer token: list (GET /v1/notifications/webhooks: { webhooks }),
// create (POST: url and event_types [{ name }]; 201; a URL already registered is refused as PayPal does), update (PATCH
// /v1/notifications/webhooks/{id}: a JSON Patch of replace operations on /url or /event_types).
import { randomBytes } from 'node:crypto';
import { json, serve, type Running } from './http.ts';

export interface FakeWebhook { id: string; url: string; event_types: { name: string; description: string }[] }
export interface FakePayPalWebhooks extends Running { webhooks: FakeWebhook[]; writes: { method: string; path: string; body: unknown }[] }

export async function fakePayPalWebhooks(opts: { clientId: string; clientSecret: string }): Promise<FakePayPalWebhooks> {
  const webhooks: FakeWebhook[] = [];
  const writes: { method: string; path: string; body: unknown }[] = [];
  const token = `A21AA${randomBytes(12).toString('hex')}`;
  const issue = (res: Parameters<typeof json>[0], status: number, name: string, message: string) =>
    json(res, status, { name, message, debug_id: randomBytes(6).toString('hex'), details: [] });
  const types = (v: unknown) => (Array.isArray(v) && v.length > 0 && v.every((t) => t && typeof t === 'object' && typeof (t as { name?: unknown }).name === 'string')
    ? (v as { name: string }[]).map((t) => ({ name: t.name, description: `the ${t.name} event` })) : null);
  const running = await serve((req, res) => {
    if (req.method === 'POST' && req.path === '/v1/oauth2/token') {
      const basic = `Basic ${Buffer.from(`${opts.clientId}:${opts.clientSecret}`).toString('base64')}`;
      if (req.headers.authorization !== basic || req.body.toString() !== 'grant_type=client_credentials') return json(res, 401, { error: 'invalid_client', error_description: 'Client Authentication failed' });
      return json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 32400, scope: 'https://uri.paypal.com/services/applications/webhooks' });
    }
    if (req.headers.authorization !== `Bearer ${token}`) return issue(res, 401, 'AUTHENTICATION_FAILURE', 'Authentication failed due to invalid authentication credentials or a missing Authorization header.');
    const root = '/v1/notifications/webhooks';
    if (req.method === 'GET' && req.path === root) return json(res, 200, { webhooks });
    let body: unknown;
    try { body = JSON.parse(req.body.toString('utf8')); } catch { return issue(res, 400, 'INVALID_REQUEST', 'Request is not well-formed, syntactically incorrect, or violates schema.'); }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return issue(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'The server does not support the request payload\'s media type.');
    writes.push({ method: req.method, path: req.path, body });
    if (req.method === 'POST' && req.path === root) {
      const b = body as { url?: unknown; event_types?: unknown };
      const events = types(b.event_types);
      if (typeof b.url !== 'string' || !/^https:\/\//.test(b.url) || !events) return issue(res, 400, 'VALIDATION_ERROR', 'Invalid data provided');
      if (webhooks.some((w) => w.url === b.url)) return issue(res, 400, 'WEBHOOK_URL_ALREADY_EXISTS', 'Webhook URL already exists.');
      const w = { id: randomBytes(9).toString('hex').toUpperCase(), url: b.url, event_types: events };
      webhooks.push(w);
      return json(res, 201, w);
    }
    const w = webhooks.find((x) => req.path === `${root}/${x.id}`);
    if (req.method !== 'PATCH' || !w) return issue(res, 404, 'INVALID_RESOURCE_ID', 'Webhook id not found.');
    if (!Array.isArray(body) || body.length === 0) return issue(res, 400, 'VALIDATION_ERROR', 'Invalid data provided');
    const before = JSON.stringify(w);
    for (const op of body as { op?: unknown; path?: unknown; value?: unknown }[]) {
      if (op.op !== 'replace') return issue(res, 400, 'VALIDATION_ERROR', 'Only the replace operation is supported');
      if (op.path === '/url' && typeof op.value === 'string') w.url = op.value;
      else if (op.path === '/event_types' && types(op.value)) w.event_types = types(op.value)!;
      else return issue(res, 400, 'VALIDATION_ERROR', 'Invalid data provided');
    }
    if (JSON.stringify(w) === before) return issue(res, 400, 'WEBHOOK_PATCH_REQUEST_NO_CHANGE', 'No change in webhook.');
    return json(res, 200, w);
  });
  return { ...running, webhooks, writes };
}
