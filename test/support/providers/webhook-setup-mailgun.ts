// A fake of Mailgun's domain webhooks on loopback (documentation.mailgun.com, Domain Webhooks): basic auth api : key;
// GET /v3/domains/{domain}/webhooks ({ webhooks: { type: { urls } } }), POST (form id and url: a type made once),
// PUT /v3/domains/{domain}/webhooks/{type} (its URLs replaced by the url fields, 3 at most); and the account's routes
// (Routes API): GET /v3/routes (limit, skip: { total_count, items }), POST /v3/routes and PUT /v3/routes/{id} (form
// priority, description, expression, action; an expression and an action required to make one).
import { randomBytes } from 'node:crypto';
import { json, serve, type Running, type Received } from './http.ts';

const TYPES = ['accepted', 'clicked', 'opened', 'unsubscribed', 'delivered', 'permanent_fail', 'temporary_fail', 'complained'];

export interface FakeRoute { id: string; priority: number; description: string; expression: string; actions: string[]; created_at: string }
export interface FakeMailgunWebhooks extends Running {
  hooks: Record<string, string[]>; routes: FakeRoute[]; writes: { method: string; path: string; form: [string, string][] }[];
}

export async function fakeMailgunWebhooks(opts: { apiKey: string; domain: string }): Promise<FakeMailgunWebhooks> {
  const hooks: Record<string, string[]> = {};
  const routes: FakeRoute[] = [];
  const writes: { method: string; path: string; form: [string, string][] }[] = [];
  const running = await serve((req, res) => {
    if (req.headers.authorization !== `Basic ${Buffer.from(`api:${opts.apiKey}`).toString('base64')}`) return json(res, 401, { message: 'Invalid private key' });
    if (req.path.startsWith('/v3/routes')) return routesApi(req, res, routes, writes);
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
  return { ...running, hooks, routes, writes };
}

const ROUTE_FIELDS = ['priority', 'description', 'expression', 'action'];

function routesApi(req: Received, res: Parameters<typeof json>[0], routes: FakeRoute[], writes: FakeMailgunWebhooks['writes']): void {
  const url = new URL(req.path, 'http://fake');
  if (req.method === 'GET' && url.pathname === '/v3/routes') {
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const skip = Number(url.searchParams.get('skip') ?? 0);
    if (!(limit >= 1 && limit <= 1000)) return json(res, 400, { message: 'The \'limit\' parameter can\'t be larger than 1000' });
    return json(res, 200, { total_count: routes.length, items: routes.slice(skip, skip + limit) });
  }
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return json(res, 400, { message: 'form body required' });
  const form = [...new URLSearchParams(req.body.toString('utf8'))];
  writes.push({ method: req.method, path: url.pathname, form });
  const unknown = form.find(([k]) => !ROUTE_FIELDS.includes(k));
  if (unknown) return json(res, 400, { message: `unknown parameter ${unknown[0]}` });
  const one = (k: string) => form.find(([f]) => f === k)?.[1];
  const actions = form.filter(([k]) => k === 'action').map(([, v]) => v);
  if (actions.some((a) => !/^(forward\("[^"]+"\)|store\(.*\)|stop\(\))$/.test(a))) return json(res, 400, { message: 'action: not a valid action' });
  const priority = one('priority');
  if (priority !== undefined && !/^\d+$/.test(priority)) return json(res, 400, { message: 'priority: an integer' });
  if (req.method === 'POST' && url.pathname === '/v3/routes') {
    const expression = one('expression');
    if (!expression || actions.length === 0) return json(res, 400, { message: 'expression and action are required' });
    const route: FakeRoute = { id: randomBytes(12).toString('hex'), priority: Number(priority ?? 0), description: one('description') ?? '', expression, actions,
      created_at: new Date().toUTCString() };
    routes.push(route);
    return json(res, 200, { message: 'Route has been created', route });
  }
  const route = routes.find((r) => url.pathname === `/v3/routes/${r.id}`);
  if (req.method === 'PUT' && route) {
    if (priority !== undefined) route.priority = Number(priority);
    route.description = one('description') ?? route.description;
    route.expression = one('expression') ?? route.expression;
    if (actions.length) route.actions = actions;
    return json(res, 200, { message: 'Route has been updated', ...route });
  }
  return json(res, 404, { message: 'Route not found' });
}
