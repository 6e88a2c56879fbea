// WhatsApp through Meta's Cloud API: JSON POST /{version}/{phone-number-id}/messages with a bearer token; signed webhooks back.
import { verifyMeta, type SignatureCheck } from '../compliance/index.ts';
import { META_CODES, fromCode, fromResponse, fromTransport } from './errors.ts';
import type { EgressPolicy } from './egress.ts';
import { request } from './http.ts';
import { replyWithKeyword } from './inbound.ts';
import type { ChannelAdapter, DeliveryState, InboundEvent, MediaRef, OutboundMessage, RawRequest, SendOptions, SendResult } from './types.ts';

export interface MetaWhatsAppConfig {
  phoneNumberId: string;
  accessToken: string;
  /** App secrets that sign webhooks (two during rotation). */
  appSecrets: readonly string[];
  /** Graph API version, e.g. 'v21.0'. */
  apiVersion?: string;
  /** https://graph.facebook.com unless a test points elsewhere. */
  baseUrl?: string;
  /** The addresses an org-chosen `baseUrl` may reach (checked on the address connected to); none: unchecked. */
  egress?: EgressPolicy;
  timeoutMs?: number;
}

type Json = Record<string, unknown>;

function obj(v: unknown): Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function metaPayload(message: OutboundMessage, idempotencyKey: string): Json {
  const m = message.rendered;
  if (m.channel !== 'whatsapp') throw new Error(`meta whatsapp adapter got a ${m.channel} message`);
  // biz_opaque_callback_data comes back on every status webhook, tying it to our action.
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: message.to.replace(/^whatsapp:/, ''), biz_opaque_callback_data: idempotencyKey };
  if (m.mode === 'text') return { ...base, type: 'text', text: { preview_url: true, body: m.text } };
  return {
    ...base, type: 'template',
    template: {
      name: m.template.name, language: { code: m.template.language },
      components: [{ type: 'body', parameters: m.template.parameters.map((text) => ({ type: 'text', text })) }],
    },
  };
}

const STATES: Readonly<Record<string, DeliveryState>> = { sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed' };

function statusEvents(value: Json): InboundEvent[] {
  return arr(value['statuses']).flatMap((s): InboundEvent[] => {
    const st = obj(s);
    const id = str(st['id']);
    const status = str(st['status']) ?? '';
    const state = STATES[status];
    if (!id || !state) return [];
    const err = obj(arr(st['errors'])[0]);
    const code = str(err['code']);
    const ts = str(st['timestamp']);
    return [{
      type: 'delivery', provider: 'meta', eventId: `${id}:${status}`, providerMessageId: id, state,
      ...(ts ? { at: new Date(Number(ts) * 1000) } : {}),
      ...(code ? { error: fromCode(code, str(err['title']) ?? str(err['message']) ?? `Meta error ${code}`, META_CODES) } : {}),
    }];
  });
}

/** An image or document message's file (its media id, the type and name Meta gives) and caption; other types carry none. */
function metaMedia(m: Json): { ref: MediaRef; caption?: string } | undefined {
  const type = str(m['type']);
  if (type !== 'image' && type !== 'document') return undefined;
  const f = obj(m[type]);
  const id = str(f['id']);
  if (!id) return undefined;
  const contentType = str(f['mime_type']);
  const filename = str(f['filename']);
  const caption = str(f['caption']);
  return { ref: { id, ...(contentType ? { contentType } : {}), ...(filename ? { filename } : {}) }, ...(caption !== undefined ? { caption } : {}) };
}

function messageEvents(value: Json): InboundEvent[] {
  const to = str(obj(value['metadata'])['display_phone_number']) ?? '';
  return arr(value['messages']).flatMap((raw): InboundEvent[] => {
    const m = obj(raw);
    const id = str(m['id']);
    const from = str(m['from']);
    const file = metaMedia(m);
    const text = str(obj(m['text'])['body']) ?? str(obj(m['button'])['text']) ?? (file ? file.caption ?? '' : undefined);
    if (!id || !from || text === undefined) return [];
    const ts = str(m['timestamp']);
    const at = ts ? { at: new Date(Number(ts) * 1000) } : {};
    return replyWithKeyword({ type: 'reply', provider: 'meta', eventId: id, channel: 'whatsapp', providerMessageId: id, from, to, text, ...at,
      ...(file ? { media: [file.ref] } : {}) });
  });
}

export function metaWhatsAppAdapter(cfg: MetaWhatsAppConfig): ChannelAdapter {
  const base = (cfg.baseUrl ?? 'https://graph.facebook.com').replace(/\/$/, '');
  const url = `${base}/${cfg.apiVersion ?? 'v21.0'}/${encodeURIComponent(cfg.phoneNumberId)}/messages`;
  return {
    provider: 'meta', channel: 'whatsapp', idempotentSends: false,
    async send(message: OutboundMessage, options: SendOptions): Promise<SendResult> {
      const outcome = await request({
        url, headers: { authorization: `Bearer ${cfg.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(metaPayload(message, options.idempotencyKey)),
        ...(cfg.timeoutMs !== undefined ? { timeoutMs: cfg.timeoutMs } : {}), ...(cfg.egress ? { egress: cfg.egress } : {}),
      });
      if (!outcome.ok) return { ok: false, error: fromTransport(outcome) };
      const res = outcome.response;
      let json: Json = {};
      try { json = obj(JSON.parse(res.body)); } catch { /* not JSON */ }
      if (res.status < 200 || res.status >= 300) {
        const e = obj(json['error']);
        return { ok: false, error: fromResponse(res, str(e['code']), str(e['message']) ?? `HTTP ${res.status}`, META_CODES) };
      }
      const id = str(obj(arr(json['messages'])[0])['id']);
      if (!id) return { ok: false, error: { kind: 'temporary', code: 'BAD_RESPONSE', message: 'Meta answered without a message id', uncertain: true } };
      return { ok: true, receipt: { provider: 'meta', providerMessageId: id, state: 'queued', acceptedAt: new Date() } };
    },
    verifyWebhook(req: RawRequest): SignatureCheck {
      return verifyMeta({ rawBody: req.body, signature: req.headers['x-hub-signature-256'], appSecrets: cfg.appSecrets });
    },
    parseWebhook(req: RawRequest): InboundEvent[] {
      let payload: Json;
      try { payload = obj(JSON.parse(req.body.toString('utf8'))); } catch { return []; }
      if (payload['object'] !== 'whatsapp_business_account') return [];
      return arr(payload['entry']).flatMap((e) => arr(obj(e)['changes'])).flatMap((c) => {
        const change = obj(c);
        if (change['field'] !== 'messages') return [];
        const value = obj(change['value']);
        return [...statusEvents(value), ...messageEvents(value)];
      });
    },
  };
}
