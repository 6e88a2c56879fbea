// Which adapter sends each channel: the built-in sandbox unless a provider is configured.
import { MemorySandboxStore, sandboxAdapter, type ChannelAdapter } from '../channels/index.ts';

export type MessageChannel = 'email' | 'sms' | 'whatsapp' | 'voice';
export type AdapterSet = Record<MessageChannel, ChannelAdapter>;

/** Sandbox adapters for every channel: the message is rendered and recorded, and reaches nobody. */
export function sandboxAdapters(): AdapterSet {
  const store = new MemorySandboxStore();
  return {
    email: sandboxAdapter({ channel: 'email', store }),
    sms: sandboxAdapter({ channel: 'sms', store }),
    whatsapp: sandboxAdapter({ channel: 'whatsapp', store }),
    voice: sandboxAdapter({ channel: 'voice', store }),
  };
}

/** Adapters chosen per org (its own providers from the vault), as the worker and the API use them. */
export interface AdapterSource {
  readonly kind: 'source';
  forOrg(orgId: string): Promise<AdapterSet>;
  /** Forgets an org's adapters (its credentials changed); every org's without an id. */
  invalidate(orgId?: string): void;
}

/** One set for every org (tests, the CLI's sandbox) or a source that picks per org. */
export type Adapters = AdapterSet | AdapterSource;

export function isAdapterSource(a: Adapters): a is AdapterSource {
  return (a as Partial<AdapterSource>).kind === 'source';
}

export async function adaptersFor(a: Adapters, orgId: string): Promise<AdapterSet> {
  return isAdapterSource(a) ? a.forOrg(orgId) : a;
}
