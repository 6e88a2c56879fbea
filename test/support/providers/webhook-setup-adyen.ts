// A fake of Adyen's Management API webhooks on loopback (docs.adyen.com/api-explorer/Management/3): X-API-Key; the
// merchant account's (/v3/merchants/{merchantId}/webhooks) and the company account's (/v3/companies/{companyId}/webhooks):
// list (GET: { data }), set up (POST: type, url, active and communicationFormat required; at company level also
// filterMerchantAccountType, and filterMerchantAccounts unless allAccounts), update (PATCH .../webhooks/{id}), generate an
// HMAC key (POST .../generateHmac: { hmacKey }).
import { randomBytes } from 'node:crypto';
import { json, serve, type Running } from './http.ts';

export interface FakeAdyenWebhook {
  id: string; type: string; url: string; active: boolean; communicationFormat: string; description?: string; hmacKey?: string;
  /** Where it is set: "merchant" or "company". */
  level: string; filterMerchantAccountType?: string; filterMerchantAccounts?: string[];
}
export interface FakeAdyenManagement extends Running { webhooks: FakeAdyenWebhook[]; writes: { method: string; path: string; body: unknown }[] }

export async function fakeAdyenManagement(opts: { apiKey: string; merchantAccount: string; companyAccount?: string }): Promise<FakeAdyenManagement> {
  const webhooks: FakeAdyenWebhook[] = [];
  const writes: { method: string; path: string; body: unknown }[] = [];
  const problem = (res: Parameters<typeof json>[0], status: number, title: string, detail: string) =>
    json(res, status, { type: 'https://docs.adyen.com/errors/general', title, status, detail, errorCode: String(status) });
  const running = await serve((req, res) => {
    if (req.headers['x-api-key'] !== opts.apiKey) return problem(res, 401, 'Unauthorized', 'Not authorized to access this service.');
    const url = new URL(req.path, 'http://fake');
    const company = opts.companyAccount && url.pathname.startsWith(`/v3/companies/${opts.companyAccount}/webhooks`);
    const level = company ? 'company' : 'merchant';
    const root = company ? `/v3/companies/${opts.companyAccount}/webhooks` : `/v3/merchants/${opts.merchantAccount}/webhooks`;
    const here = webhooks.filter((w) => w.level === level);
    if (req.method === 'GET' && url.pathname === root) return json(res, 200, { data: here.map(({ hmacKey: _k, level: _l, ...w }) => w), itemsTotal: here.length, pagesTotal: 1 });
    const body = req.body.length ? JSON.parse(req.body.toString('utf8')) as Record<string, unknown> : {};
    writes.push({ method: req.method, path: url.pathname, body });
    if (req.method === 'POST' && url.pathname === root) {
      if (body['type'] !== 'standard' || typeof body['url'] !== 'string' || typeof body['active'] !== 'boolean' || !['soap', 'http', 'json'].includes(String(body['communicationFormat']))) {
        return problem(res, 422, 'Invalid webhook', 'type, url, active and communicationFormat are required');
      }
      const filter = company ? companyFilter(body) : {};
      if (filter === null) return problem(res, 422, 'Invalid webhook', 'filterMerchantAccountType (allAccounts, includeAccounts, excludeAccounts) and filterMerchantAccounts are required');
      const w: FakeAdyenWebhook = { id: `S2-${randomBytes(8).toString('hex').toUpperCase()}`, type: 'standard', url: body['url'], active: body['active'],
        communicationFormat: String(body['communicationFormat']), ...(typeof body['description'] === 'string' ? { description: body['description'] } : {}), level, ...filter };
      webhooks.push(w);
      return json(res, 200, w);
    }
    const w = here.find((x) => url.pathname.startsWith(`${root}/${x.id}`));
    if (!w) return problem(res, 404, 'Not found', 'Webhook not found');
    if (req.method === 'POST' && url.pathname === `${root}/${w.id}/generateHmac`) {
      w.hmacKey = randomBytes(32).toString('hex').toUpperCase();
      return json(res, 200, { hmacKey: w.hmacKey });
    }
    if (req.method === 'PATCH' && url.pathname === `${root}/${w.id}`) {
      if (typeof body['active'] === 'boolean') w.active = body['active'];
      if (typeof body['communicationFormat'] === 'string') w.communicationFormat = body['communicationFormat'];
      if (company && body['filterMerchantAccountType'] !== undefined) {
        const filter = companyFilter(body);
        if (filter === null) return problem(res, 422, 'Invalid webhook', 'filterMerchantAccountType and filterMerchantAccounts');
        Object.assign(w, filter);
      }
      return json(res, 200, w);
    }
    return problem(res, 404, 'Not found', 'no such operation');
  });
  return { ...running, webhooks, writes };
}

/** A company webhook's merchant account filter as documented, or null when it is not one. */
function companyFilter(body: Record<string, unknown>): { filterMerchantAccountType: string; filterMerchantAccounts: string[] } | null {
  const type = body['filterMerchantAccountType'];
  const accounts = body['filterMerchantAccounts'];
  if (type === 'allAccounts') return { filterMerchantAccountType: type, filterMerchantAccounts: [] };
  if ((type !== 'includeAccounts' && type !== 'excludeAccounts') || !Array.isArray(accounts) || !accounts.every((a) => typeof a === 'string')) return null;
  return { filterMerchantAccountType: type, filterMerchantAccounts: accounts as string[] };
}
