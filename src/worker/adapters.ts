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
