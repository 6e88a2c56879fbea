// Email through Mailgun's messages API (POST /v3/{domain}/messages, multipart/form-data, basic auth api:KEY): text and
// HTML, cobro's headers as h:, the action as a v: variable, each inline image as an `inline` file named by its Content-ID
// (Mailgun takes the file name as the Content-ID). Mailgun answers the Message-ID it set, which its event webhooks name.
import type { SignatureCheck } from '../compliance/index.ts';
import { cobroHeaders, emailOf, rejected, sendOutcome } from './email-api.ts';
import type { EgressPolicy } from './egress.ts';
import { basicAuth, request } from './http.ts';
import type { ChannelAdapter, InboundEvent, OutboundMessage, RawRequest, SendOptions, SendResult } from './types.ts';

export const MAILGUN_API = { us: 'https://api.mailgun.net', eu: 'https://api.eu.mailgun.net' } as const;

export interface MailgunSendConfig {
  /** The sending domain as Mailgun knows it (mg.company.example). */
  domain: string;
  apiKey: string;
  /** "Company <billing@mg.company.example>" */
  from: string;
  /** Which of Mailgun's regions the domain lives in: us (api.mailgun.net, the default) or eu (api.eu.mailgun.net). */
  region?: keyof typeof MAILGUN_API;
  /** Replaces the region's API (a test's fake); then checked against `egress`. */
  baseUrl?: string;
  egress?: EgressPolicy;
  /** The `o:tag` every message carries (Mailgun's reports group by it): "cobro". */
  tag?: string;
  timeoutMs?: number;
}

/** The form Mailgun's messages API takes for one email. */
export function mailgunForm(message: OutboundMessage, cfg: Pick<MailgunSendConfig, 'from' | 'tag'>): FormData {
  const email = emailOf(message, 'mailgun');
  const form = new FormData();
  form.append('from', message.from ?? cfg.from);
  form.append('to', message.to);
  form.append('subject', email.subject);
  form.append('text', email.text);
  form.append('html', email.html);
  for (const [name, value] of Object.entries(cobroHeaders(message, email))) form.append(`h:${name}`, value);
  if (message.refs?.actionId) form.append('v:cobro_action_id', message.refs.actionId);
  if (message.refs?.caseId) form.append('v:cobro_case_id', message.refs.caseId);
  form.append('o:tag', cfg.tag ?? 'cobro');
  for (const i of email.images ?? []) form.append('inline', new Blob([Buffer.from(i.content, 'base64')], { type: i.contentType }), i.cid);
  return form;
}

/** The form as bytes with its content type (a boundary of its own), as the HTTP client sends a body. */
async function encoded(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const r = new Response(form);
  return { body: Buffer.from(await r.arrayBuffer()), contentType: r.headers.get('content-type') ?? 'multipart/form-data' };
}

function answer(body: string): { id?: string; message?: string } {
  try {
    const v = JSON.parse(body) as unknown;
    if (typeof v !== 'object' || v === null) return {};
    const o = v as Record<string, unknown>;
    return { ...(typeof o['id'] === 'string' ? { id: o['id'] } : {}), ...(typeof o['message'] === 'string' ? { message: o['message'] } : {}) };
  } catch { return {}; }
}

export function mailgunSendAdapter(cfg: MailgunSendConfig): ChannelAdapter {
  const url = new URL(`${(cfg.baseUrl ?? MAILGUN_API[cfg.region ?? 'us']).replace(/\/$/, '')}/v3/${encodeURIComponent(cfg.domain)}/messages`);
  const auth = basicAuth('api', cfg.apiKey);
  return {
    provider: 'mailgun', channel: 'email',
    // no idempotency key: a send whose answer is lost stays uncertain, never sent again
    idempotentSends: false,
    async send(message: OutboundMessage, _options: SendOptions): Promise<SendResult> {
      const { body, contentType } = await encoded(mailgunForm(message, cfg));
      const outcome = await request({ url, headers: { authorization: auth, 'content-type': contentType, accept: 'application/json' }, body,
        ...(cfg.egress ? { egress: cfg.egress } : {}), ...(cfg.timeoutMs ? { timeoutMs: cfg.timeoutMs } : {}) });
      return sendOutcome('mailgun', outcome, (res) => {
        const a = answer(res.body);
        if (res.status >= 200 && res.status < 300 && a.id) return a.id;
        if (res.status >= 200 && res.status < 300) return { kind: 'temporary', code: 'PROVIDER_TEMPORARY', message: 'mailgun accepted the message without an id', httpStatus: res.status, uncertain: true };
        return rejected('mailgun', res, a.message);
      });
    },
    // Mailgun's event and route webhooks are read by src/channels/mailgun.ts with the org's webhook signing key
    verifyWebhook(_request: RawRequest): SignatureCheck {
      return { ok: false, code: 'NO_SECRET' };
    },
    parseWebhook(_request: RawRequest): InboundEvent[] {
      return [];
    },
  };
}
