// Adyen: a Standard webhook (JSON) at cobro's URL, through the Management API (docs.adyen.com/api-explorer/Management/3):
// of the merchant account (merchants/{merchantId}/webhooks), or, when the org names its company account, of the company
// account as Adyen recommends (companies/{companyId}/webhooks), filtered to include the org's merchant account. An
// existing one with cobro's URL is made active and JSON (and to include the merchant account) when it is not; a new one
// gets an HMAC key generated (generateHmac), kept as the org's hmac_key. The API key needs the "Management API—Webhooks
// read and write" role.
import { field } from '../payments/gateways/http.ts';
import { failed, providerError, type Registered, type SetupCall } from './types.ts';

export interface AdyenAccess {
  apiKey: string; merchantAccount: string; environment: 'test' | 'live'; apiBase?: string | undefined;
  /** The company account the webhook is set at (settings.company_account); the merchant account's own webhook without it. */
  companyAccount?: string | undefined;
  basicAuth?: { username: string; password: string } | undefined;
  /** cobro holds an HMAC key for the org; without one a webhook found gets a new key generated. */
  hasKey: boolean;
}

export const ADYEN_MANAGEMENT = { test: 'https://management-test.adyen.com', live: 'https://management-live.adyen.com' } as const;

export async function registerAdyen(s: SetupCall, a: AdyenAccess, url: string): Promise<Registered> {
  const what = a.companyAccount ? `company webhook ${url}` : `webhook ${url}`;
  const level = a.companyAccount ? `companies/${encodeURIComponent(a.companyAccount)}` : `merchants/${encodeURIComponent(a.merchantAccount)}`;
  const base = `${(a.apiBase ?? ADYEN_MANAGEMENT[a.environment]).replace(/\/+$/, '')}/v3/${level}/webhooks`;
  const headers = { 'x-api-key': a.apiKey, 'content-type': 'application/json', accept: 'application/json' };
  const list = await s.call({ url: `${base}?pageSize=100`, method: 'GET', headers });
  if (!list.ok || list.status !== 200) return { steps: [failed(what, providerError('Adyen', list))] };
  const data = field(list.body, 'data', 'object');
  const found = Array.isArray(data) ? data.find((w) => field(w, 'url', 'string') === url) : undefined;
  const auth = a.basicAuth ? { username: a.basicAuth.username, password: a.basicAuth.password } : {};
  if (found) {
    const id = field(found, 'id', 'string') ?? '';
    const filter = a.companyAccount ? merchantFilter(found, a.merchantAccount) : undefined;
    const right = field(found, 'active', 'boolean') === true && field(found, 'communicationFormat', 'string') === 'json' && field(found, 'type', 'string') === 'standard'
      && !filter;
    if (right && a.hasKey) return { steps: [{ what, outcome: 'unchanged', id }] };
    if (right) return withKey(s, base, headers, what, id, 'updated');
    const r = await s.call({ url: `${base}/${encodeURIComponent(id)}`, method: 'PATCH', headers, body: JSON.stringify({ active: true, communicationFormat: 'json', ...auth, ...filter }) });
    if (!r.ok || r.status !== 200) return { steps: [failed(what, providerError('Adyen', r))] };
    return { steps: [{ what, outcome: 'updated', id, detail: 'the HMAC key stays the one stored as hmac_key' }] };
  }
  const made = await s.call({ url: base, method: 'POST', headers,
    body: JSON.stringify({ type: 'standard', url, active: true, communicationFormat: 'json', description: 'cobro: payments, refunds, disputes and reports', ...auth,
      ...(a.companyAccount ? { filterMerchantAccountType: 'includeAccounts', filterMerchantAccounts: [a.merchantAccount] } : {}) }) });
  const id = made.ok ? field(made.body, 'id', 'string') : undefined;
  if (!made.ok || (made.status !== 200 && made.status !== 201) || !id) return { steps: [failed(what, providerError('Adyen', made))] };
  return withKey(s, base, headers, what, id, 'registered');
}

/** A company webhook's merchant account filter brought to include the org's merchant account, or undefined when it does. */
function merchantFilter(w: unknown, merchant: string): { filterMerchantAccountType: string; filterMerchantAccounts: string[] } | undefined {
  const type = field(w, 'filterMerchantAccountType', 'string');
  const listed = field(w, 'filterMerchantAccounts', 'object');
  const accounts = Array.isArray(listed) ? listed.filter((m): m is string => typeof m === 'string') : [];
  if (type === 'allAccounts' || (type === 'includeAccounts' && accounts.includes(merchant)) || (type === 'excludeAccounts' && !accounts.includes(merchant))) return undefined;
  if (type === 'excludeAccounts') return { filterMerchantAccountType: 'excludeAccounts', filterMerchantAccounts: accounts.filter((m) => m !== merchant) };
  return { filterMerchantAccountType: 'includeAccounts', filterMerchantAccounts: [...(type === 'includeAccounts' ? accounts : []), merchant] };
}

/** The webhook's HMAC key generated and handed over to be kept as hmac_key. */
async function withKey(s: SetupCall, base: string, headers: Record<string, string>, what: string, id: string, outcome: 'registered' | 'updated'): Promise<Registered> {
  const hmac = await s.call({ url: `${base}/${encodeURIComponent(id)}/generateHmac`, method: 'POST', headers });
  const key = hmac.ok ? field(hmac.body, 'hmacKey', 'string') : undefined;
  if (!hmac.ok || hmac.status !== 200 || !key) {
    return { steps: [failed(what, `webhook ${id} was made but its HMAC key was not: ${providerError('Adyen', hmac)}; generate one in the Customer Area and store it as hmac_key`)] };
  }
  return { steps: [{ what, outcome, id }], secret: { field: 'hmac_key', value: key } };
}
