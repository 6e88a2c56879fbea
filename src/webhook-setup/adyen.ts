// Adyen: a Standard webhook (JSON) of the merchant account at cobro's URL, through the Management API (docs.adyen.com/
// api-explorer/Management/3: merchants/{merchantId}/webhooks). An existing one with cobro's URL is made active and JSON when
// it is not; a new one gets an HMAC key generated (generateHmac), kept as the org's hmac_key. The API key needs the
// "Management API—Webhooks read and write" role.
import { field } from '../payments/gateways/http.ts';
import { failed, providerError, type Registered, type SetupCall } from './types.ts';

export interface AdyenAccess {
  apiKey: string; merchantAccount: string; environment: 'test' | 'live'; apiBase?: string | undefined;
  basicAuth?: { username: string; password: string } | undefined;
  /** cobro holds an HMAC key for the org; without one a webhook found gets a new key generated. */
  hasKey: boolean;
}

export const ADYEN_MANAGEMENT = { test: 'https://management-test.adyen.com', live: 'https://management-live.adyen.com' } as const;

export async function registerAdyen(s: SetupCall, a: AdyenAccess, url: string): Promise<Registered> {
  const what = `webhook ${url}`;
  const base = `${(a.apiBase ?? ADYEN_MANAGEMENT[a.environment]).replace(/\/+$/, '')}/v3/merchants/${encodeURIComponent(a.merchantAccount)}/webhooks`;
  const headers = { 'x-api-key': a.apiKey, 'content-type': 'application/json', accept: 'application/json' };
  const list = await s.call({ url: `${base}?pageSize=100`, method: 'GET', headers });
  if (!list.ok || list.status !== 200) return { steps: [failed(what, providerError('Adyen', list))] };
  const data = field(list.body, 'data', 'object');
  const found = Array.isArray(data) ? data.find((w) => field(w, 'url', 'string') === url) : undefined;
  const auth = a.basicAuth ? { username: a.basicAuth.username, password: a.basicAuth.password } : {};
  if (found) {
    const id = field(found, 'id', 'string') ?? '';
    const right = field(found, 'active', 'boolean') === true && field(found, 'communicationFormat', 'string') === 'json' && field(found, 'type', 'string') === 'standard';
    if (right && a.hasKey) return { steps: [{ what, outcome: 'unchanged', id }] };
    if (right) return withKey(s, base, headers, what, id, 'updated');
    const r = await s.call({ url: `${base}/${encodeURIComponent(id)}`, method: 'PATCH', headers, body: JSON.stringify({ active: true, communicationFormat: 'json', ...auth }) });
    if (!r.ok || r.status !== 200) return { steps: [failed(what, providerError('Adyen', r))] };
    return { steps: [{ what, outcome: 'updated', id, detail: 'the HMAC key stays the one stored as hmac_key' }] };
  }
  const made = await s.call({ url: base, method: 'POST', headers,
    body: JSON.stringify({ type: 'standard', url, active: true, communicationFormat: 'json', description: 'cobro: payments, refunds, disputes and reports', ...auth }) });
  const id = made.ok ? field(made.body, 'id', 'string') : undefined;
  if (!made.ok || (made.status !== 200 && made.status !== 201) || !id) return { steps: [failed(what, providerError('Adyen', made))] };
  return withKey(s, base, headers, what, id, 'registered');
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
