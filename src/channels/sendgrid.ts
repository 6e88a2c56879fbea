// Email through SendGrid's v3 Mail Send API (POST /v3/mail/send, JSON, Bearer key): text then HTML content, cobro's
// headers, the action as custom_args (echoed in SendGrid's events), each inline image an attachment with disposition
// inline and its content_id. SendGrid answers 202 with the message's id in X-Message-Id.
import type { SignatureCheck } from '../compliance/index.ts';
import { cobroHeaders, emailOf, rejected, sendOutcome, splitAddress } from './email-api.ts';
import type { EgressPolicy } from './egress.ts';
import { request } from './http.ts';
import type { ChannelAdapter, InboundEvent, OutboundMessage, RawRequest, SendOptions, SendResult } from './types.ts';

export const SENDGRID_API = 'https://api.sendgrid.com';

export interface SendGridConfig {
  apiKey: string;
  /** "Company <billing@company.example>" (a verified sender or domain at SendGrid). */
  from: string;
  /** Replaces SendGrid's API (EU data residency's api.eu.sendgrid.com, a test's fake); then checked against `egress`. */
  baseUrl?: string;
  egress?: EgressPolicy;
  timeoutMs?: number;
}

/** The Mail Send body for one email. */
export function sendGridBody(message: OutboundMessage, cfg: Pick<SendGridConfig, 'from'>): Record<string, unknown> {
  const email = emailOf(message, 'sendgrid');
  const args = { ...(message.refs?.actionId ? { cobro_action_id: message.refs.actionId } : {}), ...(message.refs?.caseId ? { cobro_case_id: message.refs.caseId } : {}) };
  return {
    personalizations: [{ to: [{ email: message.to }] }],
    from: splitAddress(message.from ?? cfg.from),
    subject: email.subject,
    // SendGrid wants text/plain first, then text/html
    content: [{ type: 'text/plain', value: email.text }, { type: 'text/html', value: email.html }],
    headers: cobroHeaders(message, email),
    ...(Object.keys(args).length ? { custom_args: args } : {}),
    categories: ['cobro'],
    ...(email.images?.length ? { attachments: email.images.map((i) => ({ content: i.content, type: i.contentType, filename: i.filename,
      disposition: 'inline', content_id: i.cid })) } : {}),
  };
}

/** SendGrid's error words: { errors: [{ message, field }] }. */
function errorWords(body: string): string | undefined {
  try {
    const errors = (JSON.parse(body) as { errors?: { message?: unknown; field?: unknown }[] }).errors;
    if (!Array.isArray(errors)) return undefined;
    return errors.map((e) => `${typeof e.message === 'string' ? e.message : 'error'}${typeof e.field === 'string' && e.field ? ` (${e.field})` : ''}`).join('; ');
  } catch { return undefined; }
}

export function sendGridAdapter(cfg: SendGridConfig): ChannelAdapter {
  const url = new URL(`${(cfg.baseUrl ?? SENDGRID_API).replace(/\/$/, '')}/v3/mail/send`);
  const auth = `Bearer ${cfg.apiKey}`;
  return {
    provider: 'sendgrid', channel: 'email',
    // no idempotency key: a send whose answer is lost stays uncertain, never sent again
    idempotentSends: false,
    async send(message: OutboundMessage, _options: SendOptions): Promise<SendResult> {
      const outcome = await request({ url, headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(sendGridBody(message, cfg)),
        ...(cfg.egress ? { egress: cfg.egress } : {}), ...(cfg.timeoutMs ? { timeoutMs: cfg.timeoutMs } : {}) });
      return sendOutcome('sendgrid', outcome, (res) => {
        const id = res.headers['x-message-id'];
        const messageId = Array.isArray(id) ? id[0] : id;
        if (res.status >= 200 && res.status < 300 && messageId) return messageId;
        if (res.status >= 200 && res.status < 300) return { kind: 'temporary', code: 'PROVIDER_TEMPORARY', message: 'sendgrid accepted the message without an X-Message-Id', httpStatus: res.status, uncertain: true };
        return rejected('sendgrid', res, errorWords(res.body));
      });
    },
    // SendGrid's signed event webhook is read by src/channels/sendgrid-events.ts with the org's verification key
    verifyWebhook(_request: RawRequest): SignatureCheck {
      return { ok: false, code: 'NO_SECRET' };
    },
    parseWebhook(_request: RawRequest): InboundEvent[] {
      return [];
    },
  };
}
