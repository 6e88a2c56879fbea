// A fake of Mailgun's domain webhooks on loopback (documentation.mailgun.com, Domain Webhooks): basic auth api : key;
// GET /v3/domains/{domain}/webhooks ({ webhooks: { type: { urls } } }), POST (form id and url: a type made once),
// PUT /v3/domains/{domain}/webhooks/{type} (its URLs replaced by the url fields, 3 at most).
import { json, serve, type Running } from './http.ts';

const TYPES = ['accepted', 'clicked', 'opened', 'unsubscribed', 'delivered', 'permanent_fail', 'temporary_fail', 'complained'];

export interface FakeMailgunWebhooks extends Running { hooks: Record<string, string[]>; writes: { method: string; path: string; form: [string, string][] }[] }

export async function fakeMailgunWebhooks(opts: { apiKey: string; domain: string }): Promise<FakeMailgunWebhooks> {
  const hooks: Record<string, string[]> = {};
  const writes: { method: string; path: string; form: [string, string][] }[] = [];
  const running = await serve((req, res) => {
    if (req.headers.authorization !== `Basic ${Buffer.from(`api:${opts.apiKey}`).toString('base64')}`) return json(res, 401, { message: 'Invalid private key' });
    const root = `/v3/domains/${opts.domain}/webhooks`;
    if (req.method === 'GET' && req.path === root) return json(res, 200, { webhooks: Object.fromEntries(Object.entries(hooks).map(([k, urls]) => [k, { urls }])) });
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return json(res, 400, { Reason: 'form body required' });
    const form = [...new URLSearchParams(req.body.toString('utf8'))];
    writes.push({ method: req.method, path: req.path, form });
    const urls = form.filter(([k]) => k === 'url').map(([, v]) => v);
    if (urls.length === 0 || urls.length > 3) return json(res, 400, { Reason: 'url: 1 to 3 URLs' });
    if (req.method === 'POST' && req.path === root) {
      const id = form.find(([k]) => k === 'id')?.[1] ?? '';
      if (!TYPES.includes(id)) return json(res, 400, { Reason: `id: unknown webhook type ${id}` });
      if (hooks[id]) return json(res, 400, { message: 'Webhook already exists' });
      hooks[id] = urls;
      return json(res, 200, { message: 'Webhook has been created', webhook: { urls } });
    }
    const type = req.path.startsWith(`${root}/`) ? req.path.slice(root.length + 1) : '';
    if (req.method === 'PUT' && hooks[type]) {
      hooks[type] = urls;
      return json(res, 200, { message: 'Webhook has been updated', webhook: { urls } });
    }
    return json(res, 404, { message: 'Webhook not found' });
  });
  return { ...running, hooks, writes };
}
