// Mailgun: the sending domain's webhooks (documentation.mailgun.com, Domain Webhooks: /v3/domains/{domain}/webhooks), one
// per event type cobro reads, each listing cobro's events URL: added to a type's URLs when missing (PUT with the URLs it
// had and cobro's, at most 3), or the type created (POST). The inbound route (forward()) is in mailgun-route.ts.
import { basicAuth } from '../channels/http.ts';
import { MAILGUN_API } from '../channels/mailgun-send.ts';
import { field } from '../payments/gateways/http.ts';
import { MAILGUN_EVENTS } from './events.ts';
import { failed, providerError, type Registered, type SetupCall, type Step } from './types.ts';

export interface MailgunAccess { apiKey: string; domain: string; region: 'us' | 'eu'; apiBase?: string | undefined }

/** Mailgun keeps up to 3 URLs per webhook type. */
const MAX_URLS = 3;

export async function registerMailgun(s: SetupCall, a: MailgunAccess, url: string): Promise<Registered> {
  const base = `${(a.apiBase ?? MAILGUN_API[a.region]).replace(/\/+$/, '')}/v3/domains/${encodeURIComponent(a.domain)}/webhooks`;
  const headers = { authorization: basicAuth('api', a.apiKey), accept: 'application/json' };
  const form = { ...headers, 'content-type': 'application/x-www-form-urlencoded' };
  const list = await s.call({ url: base, method: 'GET', headers });
  if (!list.ok || list.status !== 200) return { steps: MAILGUN_EVENTS.map((e) => failed(`event ${e}`, providerError('Mailgun', list))) };
  const hooks = field(list.body, 'webhooks', 'object');
  const steps: Step[] = [];
  for (const type of MAILGUN_EVENTS) {
    const what = `event ${type}`;
    const had = field(field(hooks, type, 'object'), 'urls', 'object');
    const urls = Array.isArray(had) ? had.filter((u): u is string => typeof u === 'string') : undefined;
    if (urls?.includes(url)) { steps.push({ what, outcome: 'unchanged' }); continue; }
    if (urls && urls.length >= MAX_URLS) { steps.push(failed(what, `the ${type} webhook has ${MAX_URLS} URLs already (Mailgun's most): remove one in the console`)); continue; }
    const body = new URLSearchParams(urls ? [...urls, url].map((u) => ['url', u]) : [['id', type], ['url', url]]).toString();
    const r = urls
      ? await s.call({ url: `${base}/${encodeURIComponent(type)}`, method: 'PUT', headers: form, body })
      : await s.call({ url: base, method: 'POST', headers: form, body });
    if (!r.ok || r.status !== 200) { steps.push(failed(what, providerError('Mailgun', r))); continue; }
    steps.push({ what, outcome: urls ? 'updated' : 'registered' });
  }
  return { steps };
}
