// Stripe: the org's webhook endpoint at cobro's URL (docs.stripe.com/api/webhook_endpoints). Found among the account's
// endpoints by its URL and brought to cobro's events when it differs, else created; Stripe shows a new endpoint's signing
// secret only in the creation's answer, and cobro keeps it as the org's webhook_secret.
import { field, type HttpAnswer } from '../payments/gateways/http.ts';
import { listAll } from '../payments/gateways/stripe-pages.ts';
import { STRIPE_API } from '../payments/gateways/stripe.ts';
import { STRIPE_EVENTS, sameNames } from './events.ts';
import { failed, providerError, type Registered, type SetupCall } from './types.ts';

/** `hasSecret`: cobro holds a signing secret for the org; without one an endpoint found is made again (Stripe shows a secret only then). */
export interface StripeAccess { secretKey: string; apiBase?: string | undefined; hasSecret: boolean }

const eventsForm = (events: readonly string[]) => events.map((e) => `enabled_events[]=${encodeURIComponent(e)}`).join('&');

export async function registerStripe(s: SetupCall, a: StripeAccess, url: string): Promise<Registered> {
  const base = (a.apiBase ?? STRIPE_API).replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${a.secretKey}`, accept: 'application/json' };
  const post = (path: string, body: string) => s.call({ url: `${base}${path}`, method: 'POST', body,
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } });
  const what = `endpoint ${url}`;
  const stripeError = (status: number, body: unknown) => ({ kind: 'rejected' as const, status,
    message: providerError('Stripe', { ok: true, status, body } satisfies HttpAnswer) });
  const listed = await listAll((path) => s.call({ url: `${base}${path}`, method: 'GET', headers }), '/v1/webhook_endpoints',
    new URLSearchParams({ limit: '100' }), stripeError);
  if (!listed.ok) return { steps: [failed(what, listed.error.message)] };
  const found = listed.value.find((e) => field(e, 'url', 'string') === url);
  let remade: string | undefined;
  if (found && !a.hasSecret) {
    remade = field(found, 'id', 'string') ?? '';
    const gone = await s.call({ url: `${base}/v1/webhook_endpoints/${encodeURIComponent(remade)}`, method: 'DELETE', headers });
    if (!gone.ok || gone.status !== 200) return { steps: [failed(what, providerError('Stripe', gone))] };
  } else if (found) {
    const id = field(found, 'id', 'string') ?? '';
    const events = field(found, 'enabled_events', 'object');
    const enabled = field(found, 'status', 'string') === 'enabled';
    if (enabled && Array.isArray(events) && sameNames(events as string[], STRIPE_EVENTS)) return { steps: [{ what, outcome: 'unchanged', id }] };
    const r = await post(`/v1/webhook_endpoints/${encodeURIComponent(id)}`, `${eventsForm(STRIPE_EVENTS)}&disabled=false`);
    if (!r.ok || r.status !== 200) return { steps: [failed(what, providerError('Stripe', r))] };
    return { steps: [{ what, outcome: 'updated', id, detail: 'the signing secret stays the one stored (Stripe shows it only when an endpoint is made)' }] };
  }
  const r = await post('/v1/webhook_endpoints', `url=${encodeURIComponent(url)}&${eventsForm(STRIPE_EVENTS)}`
    + `&description=${encodeURIComponent('cobro: payments, refunds, disputes and payouts')}`);
  const id = r.ok ? field(r.body, 'id', 'string') : undefined;
  const secret = r.ok ? field(r.body, 'secret', 'string') : undefined;
  if (!r.ok || r.status !== 200 || !id) return { steps: [failed(what, providerError('Stripe', r))] };
  if (!secret) return { steps: [failed(what, `Stripe made endpoint ${id} but gave no signing secret: reveal it in the Dashboard and store it as webhook_secret`)] };
  return { steps: [{ what, outcome: 'registered', id, ...(remade ? { detail: `made again in place of ${remade}, whose signing secret cobro did not hold` } : {}) }],
    secret: { field: 'webhook_secret', value: secret } };
}
