// SendGrid: the Event Webhook at cobro's URL, signed (twilio.com/docs/sendgrid/api-reference/webhooks: the account's
// several Event Webhooks, /v3/user/webhooks/event/settings/all, one made with POST and changed by id with PATCH; signature
// verification turned on by id at .../settings/signed/{id}, whose answer is the verification key). The key SendGrid signs
// with is kept as the org's webhook_public_key, the key it replaces as previous_webhook_public_key.
import { createPublicKey } from 'node:crypto';
import { SENDGRID_API } from '../channels/sendgrid.ts';
import { field } from '../payments/gateways/http.ts';
import { SENDGRID_EVENTS, SENDGRID_EVENTS_OFF } from './events.ts';
import { failed, providerError, type Registered, type SetupCall, type Step } from './types.ts';

/** `publicKey`: the verification key cobro holds now (settings.webhook_public_key), if any. */
export interface SendGridAccess { apiKey: string; apiBase?: string | undefined; publicKey?: string | undefined }

/** The event settings cobro wants: its events on, the others off. */
export const wantedEvents = (): Record<string, boolean> => ({
  ...Object.fromEntries(Object.keys(SENDGRID_EVENTS).map((k) => [k, true])), ...Object.fromEntries(SENDGRID_EVENTS_OFF.map((k) => [k, false])),
});

export const isEcKey = (k: string): boolean => {
  try { return createPublicKey({ key: Buffer.from(k, 'base64'), format: 'der', type: 'spki' }).asymmetricKeyType === 'ec'; } catch { return false; }
};

export async function registerSendGrid(s: SetupCall, a: SendGridAccess, url: string): Promise<Registered> {
  const what = `event webhook ${url}`;
  const base = `${(a.apiBase ?? SENDGRID_API).replace(/\/+$/, '')}/v3/user/webhooks/event/settings`;
  const headers = { authorization: `Bearer ${a.apiKey}`, accept: 'application/json', 'content-type': 'application/json' };
  const list = await s.call({ url: `${base}/all`, method: 'GET', headers });
  if (!list.ok || list.status !== 200) return { steps: [failed(what, providerError('SendGrid', list))] };
  const hooks = field(list.body, 'webhooks', 'object');
  const found = Array.isArray(hooks) ? hooks.find((h) => field(h, 'url', 'string') === url) : undefined;
  const events = wantedEvents();
  let hook: Step;
  let id = field(found, 'id', 'string');
  if (found && id) {
    const right = field(found, 'enabled', 'boolean') === true && Object.entries(events).every(([k, on]) => (field(found, k, 'boolean') ?? false) === on);
    if (right) hook = { what, outcome: 'unchanged', id };
    else {
      const r = await s.call({ url: `${base}/${encodeURIComponent(id)}`, method: 'PATCH', headers, body: JSON.stringify({ enabled: true, url, ...events }) });
      if (!r.ok || r.status !== 200) return { steps: [failed(what, providerError('SendGrid', r))] };
      hook = { what, outcome: 'updated', id };
    }
  } else {
    const r = await s.call({ url: base, method: 'POST', headers, body: JSON.stringify({ enabled: true, url, friendly_name: 'cobro', ...events }) });
    id = r.ok ? field(r.body, 'id', 'string') : undefined;
    if (!r.ok || (r.status !== 201 && r.status !== 200) || !id) return { steps: [failed(what, providerError('SendGrid', r))] };
    hook = { what, outcome: 'registered', id };
  }
  const signed = await verificationKey(s, base, headers, id, field(found, 'public_key', 'string'));
  if ('failure' in signed) return { steps: [hook, failed('verification key', signed.failure)] };
  if (signed.key === a.publicKey) return { steps: [hook, { what: 'verification key', outcome: 'unchanged', id }] };
  return {
    steps: [hook, { what: 'verification key', outcome: a.publicKey ? 'updated' : 'registered', id,
      detail: a.publicKey ? 'kept as webhook_public_key; the key it replaces stays accepted as previous_webhook_public_key' : 'kept as webhook_public_key' }],
    settings: { values: { webhook_public_key: signed.key, ...(a.publicKey ? { previous_webhook_public_key: a.publicKey } : {}) },
      when: { field: 'webhook_public_key', is: a.publicKey } },
  };
}

/** The key the webhook is signed with: the one listed when signing is on already, else signing turned on and its key read. */
async function verificationKey(s: SetupCall, base: string, headers: Record<string, string>, id: string, listed: string | undefined): Promise<{ key: string } | { failure: string }> {
  let key = listed;
  if (!key) {
    const r = await s.call({ url: `${base}/signed/${encodeURIComponent(id)}`, method: 'PATCH', headers, body: JSON.stringify({ enabled: true }) });
    if (!r.ok || r.status !== 200) return { failure: providerError('SendGrid', r) };
    key = field(r.body, 'public_key', 'string');
  }
  if (!key || !isEcKey(key)) return { failure: `SendGrid gave no verification key for webhook ${id} (an elliptic-curve public key): copy it from Mail Settings into webhook_public_key` };
  return { key };
}
