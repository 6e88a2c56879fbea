// A generic signed outbound webhook (the customer's own app delivers the message): HMAC-SHA256 over "timestamp.body".
import { createHash } from 'node:crypto';
import { stripeSignature, verifyStripe, type SignatureCheck } from '../compliance/index.ts';
import { byStatus, fromTransport } from './errors.ts';
import { request, retryAfterMs } from './http.ts';
import { STRICT_EGRESS, type EgressPolicy } from './egress.ts';
import { replyWithKeyword } from './inbound.ts';
import type { ChannelAdapter, ChannelName, DeliveryState, InboundEvent, OutboundMessage, RawRequest, SendOptions, SendResult } from './types.ts';

export const SIGNATURE_HEADER = 'cobro-signature';

/** "t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + '.' + body)>": the scheme Stripe uses, so integrators know it. */
export function signPayload(secret: string, body: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${stripeSignature(secret, t, body)}`;
}

export function verifySignedPayload(req: RawRequest, secrets: readonly string[], now: Date, header = SIGNATURE_HEADER): SignatureCheck {
  return verifyStripe({ rawBody: req.body, signature: req.headers[header], secrets, now });
}

const STATES: Readonly<Record<string, DeliveryState>> = {
  'message.queued': 'queued', 'message.sent': 'sent', 'message.delivered': 'delivered', 'message.read': 'read',
  'message.failed': 'failed', 'message.bounced': 'failed',
};

/** Events in cobro's own shape: { id, type: 'message.delivered' | 'message.reply' | ..., data: { messageId, from?, text? } }. */
export function parseCobroEvents(body: Buffer, provider: string, channel: ChannelName): InboundEvent[] {
  let json: unknown;
  try { json = JSON.parse(body.toString('utf8')); } catch { return []; }
  const list = Array.isArray(json) ? json : [json];
  return list.flatMap((raw): InboundEvent[] => {
    if (typeof raw !== 'object' || raw === null) return [];
    const e = raw as { id?: unknown; type?: unknown; data?: { messageId?: unknown; from?: unknown; to?: unknown; text?: unknown } };
    const id = typeof e.id === 'string' ? e.id : '';
    const messageId = typeof e.data?.messageId === 'string' ? e.data.messageId : '';
    if (!id || !messageId || typeof e.type !== 'string') return [];
    if (e.type === 'message.reply' && typeof e.data?.text === 'string') {
      return replyWithKeyword({ type: 'reply', provider, eventId: id, channel, providerMessageId: messageId, from: String(e.data.from ?? ''), to: String(e.data.to ?? ''), text: e.data.text });
    }
    const state = STATES[e.type];
    if (!state) return [];
    const bounced = e.type === 'message.bounced';
    return [{
      type: 'delivery', provider, eventId: id, providerMessageId: messageId, state: bounced ? 'bounced' : state,
      ...(state === 'failed' ? { error: { kind: 'permanent', code: bounced ? 'HARD_BOUNCE' : 'DELIVERY_FAILED', message: e.type, ...(bounced ? { contact: 'bounced' as const } : {}) } } : {}),
    }];
  });
}

export interface WebhookConfig {
  url: string;
  /** Signing secrets: the first signs, all verify (rotation). */
  secrets: readonly string[];
  timeoutMs?: number;
  now?: () => Date;
  /** The addresses the URL may reach: public ones only unless the operator allows more (COBRO_EGRESS_ALLOW). */
  egress?: EgressPolicy;
}

export function webhookAdapter(cfg: WebhookConfig): ChannelAdapter {
  const now = cfg.now ?? (() => new Date());
  const [secret] = cfg.secrets;
  if (!secret) throw new Error('webhook adapter needs a signing secret');
  return {
    provider: 'webhook', channel: 'webhook', idempotentSends: true,
    async send(message: OutboundMessage, options: SendOptions): Promise<SendResult> {
      const id = `msg_${createHash('sha256').update(options.idempotencyKey).digest('hex').slice(0, 24)}`;
      const at = now();
      const body = JSON.stringify({ id, type: 'message.send', created: Math.floor(at.getTime() / 1000), data: { to: message.to, refs: message.refs ?? {}, message: message.rendered } });
      const outcome = await request({
        url: cfg.url, body, egress: cfg.egress ?? STRICT_EGRESS,
        headers: { 'content-type': 'application/json', 'idempotency-key': options.idempotencyKey, [SIGNATURE_HEADER]: signPayload(secret, body, at) },
        ...(cfg.timeoutMs !== undefined ? { timeoutMs: cfg.timeoutMs } : {}),
      });
      if (!outcome.ok) return { ok: false, error: fromTransport(outcome) };
      const res = outcome.response;
      if (res.status >= 200 && res.status < 300) return { ok: true, receipt: { provider: 'webhook', providerMessageId: id, state: 'sent', acceptedAt: at } };
      const kind = byStatus(res.status);
      const retry = retryAfterMs(res.headers['retry-after']);
      return { ok: false, error: { kind, code: kind === 'temporary' ? 'PROVIDER_TEMPORARY' : 'PROVIDER_REJECTED', message: `HTTP ${res.status}`, httpStatus: res.status, ...(retry !== undefined ? { retryAfterMs: retry } : {}) } };
    },
    verifyWebhook(req: RawRequest): SignatureCheck {
      return verifySignedPayload(req, cfg.secrets, now());
    },
    parseWebhook(req: RawRequest): InboundEvent[] {
      return parseCobroEvents(req.body, 'webhook', 'webhook');
    },
  };
}
