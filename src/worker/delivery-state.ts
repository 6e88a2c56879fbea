// How a provider's delivery report moves a message's state: only forward, failures final; reports may come in any order. Pure.
import type { DeliveryState } from '../channels/index.ts';

const RANK: Readonly<Record<string, number>> = { uncertain: -1, queued: 0, sent: 1, delivered: 2, read: 3 };

/**
 * The message's next state, or null when the report changes nothing: a late "sent" after "delivered", a report about a
 * message never handed to the provider, anything after a failure. An "uncertain" message that the provider reports on
 * was sent after all. A bounce may follow "delivered" for email (the receiving server accepted, then bounced).
 */
export function nextDeliveryState(current: string, reported: DeliveryState, channel: string): DeliveryState | null {
  const now = RANK[current];
  if (now === undefined) return null; // failed, bounced, blocked, cancelled, deferred, sending
  if (reported === 'failed' || reported === 'bounced') {
    if (now <= 1) return reported;
    return reported === 'bounced' && channel === 'email' && current === 'delivered' ? 'bounced' : null;
  }
  return (RANK[reported] ?? -2) > now ? reported : null;
}
