// The ledger's channel names (email, sms, whatsapp, voice) and the gate's (email, sms, whatsapp, call).
import type { ChannelKind } from '../types.ts';

export type LedgerChannel = 'email' | 'sms' | 'whatsapp' | 'voice';

export function toGateChannel(c: LedgerChannel): ChannelKind {
  return c === 'voice' ? 'call' : c;
}

export function toLedgerChannel(c: ChannelKind): LedgerChannel | null {
  if (c === 'call') return 'voice';
  return c === 'email' || c === 'sms' || c === 'whatsapp' ? c : null;
}
