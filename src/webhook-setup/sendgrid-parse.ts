// SendGrid: the Inbound Parse setting of the org's parse hostname, posting replies to cobro's /inbound URL, signed by a
// security policy (twilio.com/docs/sendgrid/api-reference/settings-inbound-parse and .../parsing-email/securing-your-parse-
// webhooks). The settings are listed (GET /v3/user/webhooks/parse/settings, `result`); the hostname's is made (POST: url,
// hostname, spam_check, send_raw) or changed (PATCH .../settings/{hostname}) to cobro's URL and policy (`security_policy`).
// The policy: the one attached, read (GET /v3/user/webhooks/security/policies/{id}) and, when it only has OAuth, signing
// turned on (PATCH .../policies/{id}, signature.enabled); else one made with signing on (POST .../policies). Its public key
// (`policy.signature.public_key`) is kept as the org's parse_public_key. When SendGrid then refuses the parse setting, a
// policy made in that run is deleted again (DELETE .../policies/{id}), so the next run does not make another beside it.
import { SENDGRID_API } from '../channels/sendgrid.ts';
import { field } from '../payments/gateways/http.ts';
import { isEcKey } from './sendgrid.ts';
import { failed, providerError, type Registered, type SetupCall, type Step } from './types.ts';

/** `publicKey`: the parse_public_key cobro holds now, if any. */
export interface SendGridParseAccess { apiKey: string; apiBase?: string | undefined; publicKey?: string | undefined }

export const policyName = (orgId: string) => `cobro ${orgId}: replies`;

type Policy = { id: string; key: string; outcome: 'registered' | 'updated' | 'unchanged' } | { failure: string };

export async function registerSendGridParse(s: SetupCall, a: SendGridParseAccess, orgId: string, hostname: string, url: string): Promise<Registered> {
  const what = `inbound parse ${hostname} -> ${url}`;
  const root = `${(a.apiBase ?? SENDGRID_API).replace(/\/+$/, '')}/v3/user/webhooks`;
  const headers = { authorization: `Bearer ${a.apiKey}`, accept: 'application/json', 'content-type': 'application/json' };
  const list = await s.call({ url: `${root}/parse/settings`, method: 'GET', headers });
  if (!list.ok || list.status !== 200) return { steps: [failed(what, providerError('SendGrid', list))] };
  const all = field(list.body, 'result', 'object');
  const found = Array.isArray(all) ? all.find((x) => field(x, 'hostname', 'string')?.toLowerCase() === hostname.toLowerCase()) : undefined;
  const attached = field(found, 'security_policy', 'string') || undefined;
  const policy = await signingPolicy(s, `${root}/security/policies`, headers, orgId, attached);
  if ('failure' in policy) return { steps: [failed(what, 'not set: the security policy signing it failed'), failed('security policy', policy.failure)] };
  let setting: Step;
  if (!found) {
    const made = await s.call({ url: `${root}/parse/settings`, method: 'POST', headers, body: JSON.stringify({ url, hostname, spam_check: false, send_raw: true }) });
    if (!made.ok || (made.status !== 201 && made.status !== 200)) return { steps: [failed(what, providerError('SendGrid', made)), await unattached(s, root, a.apiKey, policy)] };
    setting = { what, outcome: 'registered', id: hostname };
  } else if (field(found, 'url', 'string') === url && attached === policy.id) {
    setting = { what, outcome: 'unchanged', id: hostname };
  } else {
    setting = { what, outcome: 'updated', id: hostname, ...(field(found, 'url', 'string') === url ? {} : { detail: 'it posted elsewhere before' }) };
  }
  if (setting.outcome !== 'unchanged') {
    // both forms are read, so a setting already there keeps its send_raw and spam_check
    const body = { url, spam_check: field(found, 'spam_check', 'boolean') ?? false, send_raw: field(found, 'send_raw', 'boolean') ?? true, security_policy: policy.id };
    const r = await s.call({ url: `${root}/parse/settings/${encodeURIComponent(hostname)}`, method: 'PATCH', headers, body: JSON.stringify(body) });
    if (!r.ok || r.status !== 200) return { steps: [failed(what, providerError('SendGrid', r)), await unattached(s, root, a.apiKey, policy)] };
  }
  const steps = [setting, policyStep(policy, a)];
  if (policy.key === a.publicKey) return { steps };
  return { steps, settings: { values: { parse_public_key: policy.key }, when: { field: 'parse_public_key', is: a.publicKey } } };
}

function policyStep(p: Extract<Policy, { id: string }>, a: SendGridParseAccess): Step {
  const changed = p.key !== a.publicKey;
  const outcome = p.outcome === 'unchanged' && changed ? 'updated' : p.outcome;
  return { what: 'security policy', outcome, id: p.id, ...(changed ? { detail: 'its public key kept as parse_public_key' } : {}) };
}

/** The policy when the parse setting was refused: one made in this run deleted again, one found left as it is. */
async function unattached(s: SetupCall, root: string, apiKey: string, p: Extract<Policy, { id: string }>): Promise<Step> {
  const kept: Step = { what: 'security policy', outcome: p.outcome, id: p.id, detail: 'not attached, its key not kept: the parse setting was refused' };
  if (p.outcome !== 'registered') return kept;
  const gone = await s.call({ url: `${root}/security/policies/${encodeURIComponent(p.id)}`, method: 'DELETE',
    headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json' } });
  if (gone.ok && (gone.status === 200 || gone.status === 204)) return { what: 'security policy', outcome: 'unchanged', id: p.id, detail: 'made and deleted again: the parse setting was refused' };
  return { ...kept, detail: `${kept.detail}; deleting it failed (${providerError('SendGrid', gone)}): delete it at SendGrid` };
}

/** The policy signing the hostname's posts: the one attached (signing turned on when it has none), else a new one signing. */
async function signingPolicy(s: SetupCall, base: string, headers: Record<string, string>, orgId: string, attached: string | undefined): Promise<Policy> {
  let outcome: 'registered' | 'updated' | 'unchanged' = 'unchanged';
  let answer;
  if (attached) {
    answer = await s.call({ url: `${base}/${encodeURIComponent(attached)}`, method: 'GET', headers });
    if (!answer.ok || answer.status !== 200) return { failure: providerError('SendGrid', answer) };
    if (!field(field(field(answer.body, 'policy', 'object'), 'signature', 'object'), 'public_key', 'string')) {
      // an OAuth-only policy: cobro checks signatures, so signing is added to it (its OAuth stays)
      answer = await s.call({ url: `${base}/${encodeURIComponent(attached)}`, method: 'PATCH', headers, body: JSON.stringify({ signature: { enabled: true } }) });
      if (!answer.ok || answer.status !== 200) return { failure: providerError('SendGrid', answer) };
      outcome = 'updated';
    }
  } else {
    answer = await s.call({ url: base, method: 'POST', headers, body: JSON.stringify({ name: policyName(orgId), signature: { enabled: true } }) });
    if (!answer.ok || (answer.status !== 201 && answer.status !== 200)) return { failure: providerError('SendGrid', answer) };
    outcome = 'registered';
  }
  const policy = field(answer.body, 'policy', 'object');
  const id = field(policy, 'id', 'string') ?? attached;
  const key = field(field(policy, 'signature', 'object'), 'public_key', 'string');
  if (!id) return { failure: 'SendGrid gave no id for the security policy' };
  if (!key || !isEcKey(key)) return { failure: `SendGrid gave no public key for security policy ${id} (an elliptic-curve public key): copy it into parse_public_key` };
  return { id, key, outcome };
}
