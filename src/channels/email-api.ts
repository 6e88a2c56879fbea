// What the email providers' HTTP APIs (Mailgun, SendGrid) share: the sender's address split into name and address, and an
// HTTP outcome classified as the other adapters' are (4xx permanent, 429/5xx/network temporary, a timeout after the body
// left uncertain: neither API takes an idempotency key).
import { fromResponse, fromTransport } from './errors.ts';
import type { HttpOutcome, HttpResponse } from './http.ts';
import type { OutboundMessage, ProviderError, SendResult } from './types.ts';
import type { EmailMessage } from '../messaging/index.ts';

/** "Company <billing@company.example>" as { name, email }; a bare address has no name. */
export function splitAddress(from: string): { email: string; name?: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  if (!m) return { email: from.trim() };
  const name = m[1]!.trim();
  return { email: m[2]!.trim(), ...(name ? { name } : {}) };
}

/** The rendered email of a message, or a bug: the dispatcher hands an email adapter email only. */
export function emailOf(message: OutboundMessage, provider: string): EmailMessage {
  const m = message.rendered;
  if (m.channel !== 'email') throw new Error(`${provider} adapter got a ${m.channel} message`);
  return m;
}

/** The headers cobro adds to every email besides the rendered ones (the unsubscribe pair): the action it belongs to. */
export function cobroHeaders(message: OutboundMessage, email: EmailMessage): Record<string, string> {
  return { ...email.headers, ...(message.refs?.actionId ? { 'X-Cobro-Action': message.refs.actionId } : {}) };
}

/** A non-2xx answer: 401/403 (the key), 400 (the request) and other 4xx permanent; 408, 429 and 5xx temporary. */
export function rejected(provider: string, res: HttpResponse, detail: string | undefined): ProviderError {
  const words = detail || res.body.slice(0, 300) || `HTTP ${res.status}`;
  const e = fromResponse(res, undefined, `${provider} ${res.status}: ${words}`, {});
  return res.status === 401 || res.status === 403 ? { ...e, code: 'PROVIDER_AUTH' } : e;
}

/** The outcome of a send: accepted with the provider's id, or the failure classified. */
export function sendOutcome(provider: string, outcome: HttpOutcome, accept: (res: HttpResponse) => string | ProviderError): SendResult {
  if (!outcome.ok) return { ok: false, error: fromTransport(outcome) };
  const got = accept(outcome.response);
  if (typeof got !== 'string') return { ok: false, error: got };
  return { ok: true, receipt: { provider, providerMessageId: got, state: 'sent', acceptedAt: new Date() } };
}
