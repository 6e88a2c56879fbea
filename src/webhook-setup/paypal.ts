// PayPal: the app's webhook at cobro's URL (developer.paypal.com/api/webhooks/v1): found among the app's webhooks by its
// URL and its event types replaced when they differ (a JSON Patch), else created; its id, which PayPal's signature check
// needs, is kept as the org's webhook_id.
import { field } from '../payments/gateways/http.ts';
import { paypalToken, type PayPalClient } from '../payments/gateways/paypal-token.ts';
import { PAYPAL_EVENTS, sameNames } from './events.ts';
import { failed, providerError, type Registered, type SetupCall } from './types.ts';

const names = (types: unknown): string[] => (Array.isArray(types) ? types.map((t) => field(t, 'name', 'string') ?? '') : []);

export async function registerPayPal(s: SetupCall, client: PayPalClient, storedId: string | undefined, url: string): Promise<Registered> {
  const what = `webhook ${url}`;
  const token = await paypalToken(client, s.now);
  if (!token.ok) return { steps: [failed(what, token.error.message)] };
  const headers = { authorization: `Bearer ${token.value}`, 'content-type': 'application/json', accept: 'application/json' };
  const at = (path: string) => `${client.base}/v1/notifications/webhooks${path}`;
  const list = await s.call({ url: at(''), method: 'GET', headers });
  if (!list.ok || list.status !== 200) return { steps: [failed(what, providerError('PayPal', list))] };
  const hooks = field(list.body, 'webhooks', 'object');
  const found = Array.isArray(hooks) ? hooks.find((h) => field(h, 'url', 'string') === url) : undefined;
  const wanted = PAYPAL_EVENTS.map((name) => ({ name }));
  const keep = (id: string) => (id === storedId ? {} : { setting: { field: 'webhook_id', value: id } });
  if (found) {
    const id = field(found, 'id', 'string') ?? '';
    const stored = id === storedId ? undefined : 'the webhook id is now the one stored as webhook_id';
    if (sameNames(names(field(found, 'event_types', 'object')), PAYPAL_EVENTS)) {
      return { steps: [{ what, outcome: stored ? 'updated' : 'unchanged', id, ...(stored ? { detail: stored } : {}) }], ...keep(id) };
    }
    const r = await s.call({ url: at(`/${encodeURIComponent(id)}`), method: 'PATCH', headers,
      body: JSON.stringify([{ op: 'replace', path: '/event_types', value: wanted }]) });
    if (!r.ok || r.status !== 200) return { steps: [failed(what, providerError('PayPal', r))] };
    return { steps: [{ what, outcome: 'updated', id }], ...keep(id) };
  }
  const r = await s.call({ url: at(''), method: 'POST', headers, body: JSON.stringify({ url, event_types: wanted }) });
  const id = r.ok ? field(r.body, 'id', 'string') : undefined;
  if (!r.ok || r.status !== 201 || !id) return { steps: [failed(what, providerError('PayPal', r))] };
  return { steps: [{ what, outcome: 'registered', id }], ...keep(id) };
}
