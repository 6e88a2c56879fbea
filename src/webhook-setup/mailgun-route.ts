// Mailgun: the inbound route that forwards replies to cobro (documentation.mailgun.com, Routes: /v3/routes). Routes belong
// to the account, not the domain, so cobro's is known by its description (naming the org); one whose action already
// forwards to cobro's URL (made in the console) is taken over instead of making a second. The route matches the org's
// inbound addresses (match_recipient) and its one action is forward("<cobro's /inbound URL>").
import { basicAuth } from '../channels/http.ts';
import { MAILGUN_API } from '../channels/mailgun-send.ts';
import { field } from '../payments/gateways/http.ts';
import type { MailgunAccess } from './mailgun.ts';
import { failed, providerError, type SetupCall, type Step } from './types.ts';

/** Mailgun answers at most this many routes a page (its default); more pages are read while total_count says so. */
const PAGE = 100;
const MAX_PAGES = 50;
/** Routes are evaluated lowest number first, every one of them unless a stop() ends it; 0 is Mailgun's default. */
const PRIORITY = 0;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The route's filter: a recipient expression matching exactly the addresses (a Python regular expression at Mailgun). */
export function recipientExpression(addresses: readonly string[]): string {
  const list = addresses.map((a) => escape(a.toLowerCase()));
  return `match_recipient("^${list.length === 1 ? list[0] : `(${list.join('|')})`}$")`;
}
export const forwardAction = (url: string) => `forward("${url}")`;
export const routeDescription = (orgId: string) => `cobro ${orgId}: replies`;

interface Route { id: string; priority: unknown; description: string; expression: string; actions: string[] }
const routeOf = (r: unknown): Route => {
  const actions = field(r, 'actions', 'object');
  return { id: field(r, 'id', 'string') ?? '', priority: field(r, 'priority', 'number'), description: field(r, 'description', 'string') ?? '',
    expression: field(r, 'expression', 'string') ?? '', actions: Array.isArray(actions) ? actions.filter((a): a is string => typeof a === 'string') : [] };
};

export async function registerMailgunRoute(s: SetupCall, a: MailgunAccess, orgId: string, addresses: readonly string[], url: string): Promise<Step> {
  const what = `route ${addresses.join(', ')} -> ${url}`;
  const base = `${(a.apiBase ?? MAILGUN_API[a.region]).replace(/\/+$/, '')}/v3/routes`;
  const headers = { authorization: basicAuth('api', a.apiKey), accept: 'application/json' };
  const routes: Route[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = await s.call({ url: `${base}?limit=${PAGE}&skip=${page * PAGE}`, method: 'GET', headers });
    if (!r.ok || r.status !== 200) return failed(what, providerError('Mailgun', r));
    const items = field(r.body, 'items', 'object');
    const got = Array.isArray(items) ? items.map(routeOf) : [];
    routes.push(...got);
    if (got.length < PAGE || routes.length >= (field(r.body, 'total_count', 'number') ?? 0)) break;
  }
  const wanted = { priority: PRIORITY, description: routeDescription(orgId), expression: recipientExpression(addresses), action: forwardAction(url) };
  const found = routes.find((r) => r.description === wanted.description) ?? routes.find((r) => r.actions.includes(wanted.action));
  if (found && found.priority === wanted.priority && found.description === wanted.description && found.expression === wanted.expression
    && found.actions.length === 1 && found.actions[0] === wanted.action) return { what, outcome: 'unchanged', id: found.id };
  const body = new URLSearchParams(Object.entries(wanted).map(([k, v]) => [k, String(v)])).toString();
  const form = { ...headers, 'content-type': 'application/x-www-form-urlencoded' };
  const r = found
    ? await s.call({ url: `${base}/${encodeURIComponent(found.id)}`, method: 'PUT', headers: form, body })
    : await s.call({ url: base, method: 'POST', headers: form, body });
  if (!r.ok || r.status !== 200) return failed(what, providerError('Mailgun', r));
  const id = found?.id ?? field(field(r.body, 'route', 'object'), 'id', 'string');
  return { what, outcome: found ? 'updated' : 'registered', ...(id ? { id } : {}),
    ...(found && found.actions.some((x) => x !== wanted.action) ? { detail: `its other actions (${found.actions.filter((x) => x !== wanted.action).join(', ')}) were replaced` } : {}) };
}
