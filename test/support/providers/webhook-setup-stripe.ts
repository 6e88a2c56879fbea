// A fake of Stripe's Webhook Endpoints on loopback (docs.stripe.com/api/webhook_endpoints): list (limit 1..100, pages
// with starting_after), create (url and enabled_events[] required; the secret in the answer only), update (enabled_events[],
// disabled), delete; Bearer secret key; errors as Stripe writes them.
import { randomBytes } from 'node:crypto';
import { json, serve, type Running } from './http.ts';

export interface FakeEndpoint { id: string; object: 'webhook_endpoint'; url: string; enabled_events: string[]; status: 'enabled' | 'disabled'; description: string | null; secret: string }
export interface FakeStripeEndpoints extends Running { endpoints: FakeEndpoint[]; writes: { path: string; form: [string, string][] }[]; add(url: string, events: string[]): FakeEndpoint }

const EVENT = /^[a-z_]+(\.[a-z_]+)+$/;

export async function fakeStripeEndpoints(opts: { secretKey: string }): Promise<FakeStripeEndpoints> {
  const endpoints: FakeEndpoint[] = [];
  const writes: { path: string; form: [string, string][] }[] = [];
  const add = (url: string, events: string[]): FakeEndpoint => {
    const e: FakeEndpoint = { id: `we_${randomBytes(12).toString('hex')}`, object: 'webhook_endpoint', url, enabled_events: events, status: 'enabled', description: null,
      secret: `whsec_${randomBytes(16).toString('hex')}` };
    endpoints.push(e);
    return e;
  };
  const shown = ({ secret: _secret, ...e }: FakeEndpoint) => e;
  const invalid = (res: Parameters<typeof json>[0], message: string, param?: string) =>
    json(res, 400, { error: { type: 'invalid_request_error', message, ...(param ? { param } : {}) } });
  const running = await serve((req, res) => {
    if (req.headers.authorization !== `Bearer ${opts.secretKey}`) return json(res, 401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_****' } });
    const url = new URL(req.path, 'http://fake');
    if (req.method === 'GET' && url.pathname === '/v1/webhook_endpoints') {
      const limit = Number(url.searchParams.get('limit') ?? '10');
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) return invalid(res, 'Invalid integer: limit', 'limit');
      const after = url.searchParams.get('starting_after');
      const from = after ? endpoints.findIndex((e) => e.id === after) + 1 : 0;
      const page = endpoints.slice(from, from + limit);
      return json(res, 200, { object: 'list', url: '/v1/webhook_endpoints', has_more: from + limit < endpoints.length, data: page.map(shown) });
    }
    if (req.method === 'DELETE') {
      const i = endpoints.findIndex((e) => url.pathname === `/v1/webhook_endpoints/${e.id}`);
      if (i < 0) return invalid(res, 'No such webhook endpoint', 'id');
      writes.push({ path: `DELETE ${url.pathname}`, form: [] });
      const [gone] = endpoints.splice(i, 1);
      return json(res, 200, { id: gone!.id, object: 'webhook_endpoint', deleted: true });
    }
    if (req.method !== 'POST' || !url.pathname.startsWith('/v1/webhook_endpoints')) return json(res, 404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${url.pathname})` } });
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return invalid(res, 'form-encoded body required');
    const form = [...new URLSearchParams(req.body.toString('utf8'))];
    writes.push({ path: url.pathname, form });
    const events = form.filter(([k]) => k === 'enabled_events[]').map(([, v]) => v);
    const bad = events.find((e) => !EVENT.test(e) && e !== '*');
    if (bad) return invalid(res, `Invalid enabled_events: ${bad}`, 'enabled_events');
    const known = new Set(['url', 'enabled_events[]', 'description', 'disabled']);
    const unknown = form.find(([k]) => !known.has(k));
    if (unknown) return invalid(res, `Received unknown parameter: ${unknown[0]}`, unknown[0]);
    const one = (k: string) => form.find(([n]) => n === k)?.[1];
    if (url.pathname === '/v1/webhook_endpoints') {
      const target = one('url');
      if (!target || !/^https:\/\//.test(target)) return invalid(res, 'Missing required param: url (an https URL).', 'url');
      if (events.length === 0) return invalid(res, 'Missing required param: enabled_events.', 'enabled_events');
      const e = add(target, events);
      e.description = one('description') ?? null;
      return json(res, 200, e);
    }
    const e = endpoints.find((x) => url.pathname === `/v1/webhook_endpoints/${x.id}`);
    if (!e) return invalid(res, 'No such webhook endpoint', 'id');
    if (events.length > 0) e.enabled_events = events;
    const disabled = one('disabled');
    if (disabled !== undefined) e.status = disabled === 'true' ? 'disabled' : 'enabled';
    return json(res, 200, shown(e));
  });
  return { ...running, endpoints, writes, add };
}
