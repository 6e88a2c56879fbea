// The built-in sandbox provider for every channel: stores what would have been sent, behind a store a database can implement.
import { createHash } from 'node:crypto';
import type { SignatureCheck } from '../compliance/index.ts';
import type { RenderedMessage } from '../messaging/index.ts';
import type { ChannelAdapter, ChannelName, InboundEvent, OutboundMessage, RawRequest, SendOptions, SendResult } from './types.ts';
import { parseCobroEvents, verifySignedPayload } from './webhook.ts';

export interface SandboxEntry {
  id: string;
  idempotencyKey: string;
  channel: ChannelName;
  to: string;
  from?: string;
  rendered: RenderedMessage;
  refs?: OutboundMessage['refs'];
  at: Date;
}

export interface SandboxFilter {
  channel?: ChannelName;
  to?: string;
  limit?: number;
}

/** Where sandboxed messages go. A later DB-backed store implements the same two calls. */
export interface SandboxStore {
  /** Stores the entry unless one with the same idempotency key exists; returns the stored one either way. */
  save(entry: SandboxEntry): Promise<SandboxEntry>;
  /** Newest first. */
  list(filter?: SandboxFilter): Promise<SandboxEntry[]>;
}

export class MemorySandboxStore implements SandboxStore {
  private readonly byKey = new Map<string, SandboxEntry>();

  async save(entry: SandboxEntry): Promise<SandboxEntry> {
    const existing = this.byKey.get(entry.idempotencyKey);
    if (existing) return existing;
    this.byKey.set(entry.idempotencyKey, entry);
    return entry;
  }

  async list(filter: SandboxFilter = {}): Promise<SandboxEntry[]> {
    const all = [...this.byKey.values()].reverse()
      .filter((e) => (filter.channel === undefined || e.channel === filter.channel) && (filter.to === undefined || e.to === filter.to));
    return filter.limit === undefined ? all : all.slice(0, filter.limit);
  }
}

export interface SandboxConfig {
  channel: ChannelName;
  store: SandboxStore;
  /** Signs simulated inbound events (replies, delivery states) posted to the sandbox's webhook. */
  webhookSecrets?: readonly string[];
  now?: () => Date;
}

export const SANDBOX_SIGNATURE_HEADER = 'cobro-sandbox-signature';

export function sandboxAdapter(cfg: SandboxConfig): ChannelAdapter {
  const now = cfg.now ?? (() => new Date());
  return {
    provider: 'sandbox', channel: cfg.channel, idempotentSends: true,
    async send(message: OutboundMessage, options: SendOptions): Promise<SendResult> {
      const id = `sbx_${createHash('sha256').update(`${cfg.channel}:${options.idempotencyKey}`).digest('hex').slice(0, 24)}`;
      const stored = await cfg.store.save({
        id, idempotencyKey: options.idempotencyKey, channel: cfg.channel, to: message.to, rendered: message.rendered, at: now(),
        ...(message.from ? { from: message.from } : {}), ...(message.refs ? { refs: message.refs } : {}),
      });
      return { ok: true, receipt: { provider: 'sandbox', providerMessageId: stored.id, state: 'delivered', acceptedAt: stored.at } };
    },
    verifyWebhook(req: RawRequest): SignatureCheck {
      return verifySignedPayload(req, cfg.webhookSecrets ?? [], now(), SANDBOX_SIGNATURE_HEADER);
    },
    parseWebhook(req: RawRequest): InboundEvent[] {
      return parseCobroEvents(req.body, 'sandbox', cfg.channel);
    },
  };
}
