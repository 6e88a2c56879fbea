// Which channel confirms an arrangement to the debtor: WhatsApp when they prefer it and opted in to it, a call when they
// prefer calls and the org has a voice provider, else email (HTML and plain text) unless they prefer SMS or have no email;
// never one they stopped while another reaches them (a call when it alone still does). Pure: the customer, their live
// stops, whether they opted in to WhatsApp and whether the org can call are passed in.

export type ConfirmationChannel = 'email' | 'sms' | 'whatsapp' | 'voice';

export interface Reachable {
  email: string | null;
  phone: string | null;
  whatsapp?: string | null;
  preferred_channel: string | null;
}

/** What else the choice weighs: a live WhatsApp opt-in, and a voice provider the org connected (the sandbox calls no one). */
export interface ChannelChoice { whatsappOptIn?: boolean; calls?: boolean }

/** The written channel that reaches the customer: email or SMS (SMS first when preferred), one not stopped if any. */
function written(c: Reachable, stopped: (channel: ConfirmationChannel) => boolean): { open: ConfirmationChannel | null; first: ConfirmationChannel | null } {
  const order: ConfirmationChannel[] = c.preferred_channel === 'sms' ? ['sms', 'email'] : ['email', 'sms'];
  const reaching = order.filter((ch) => (ch === 'email' ? c.email : c.phone));
  return { open: reaching.find((ch) => !stopped(ch)) ?? null, first: reaching[0] ?? null };
}

/**
 * The channel, or null when neither email nor a phone reaches the customer. When every channel that reaches them is
 * stopped, the first is still chosen: the compliance gate blocks it at send time and the block is recorded on the message.
 * WhatsApp needs the debtor's opt-in (the gate would block it without one), so without it the email or SMS goes instead.
 * A call goes when the debtor prefers calls, or when every written channel is stopped and calls are not.
 */
export function confirmationChannel(c: Reachable, stopped: (channel: ConfirmationChannel) => boolean, choice: ChannelChoice = {}): ConfirmationChannel | null {
  if (c.preferred_channel === 'whatsapp' && choice.whatsappOptIn && (c.whatsapp ?? c.phone) && !stopped('whatsapp')) return 'whatsapp';
  const callable = Boolean(choice.calls && c.phone && !stopped('voice'));
  if (c.preferred_channel === 'voice' && callable) return 'voice';
  const w = written(c, stopped);
  return w.open ?? (callable ? 'voice' : w.first);
}

/** The written channel a call's confirmation falls back to when the gate blocks the call (no consent for calls) or it fails for good. */
export function writtenFallback(c: Reachable, stopped: (channel: ConfirmationChannel) => boolean): ConfirmationChannel | null {
  return written(c, stopped).open;
}
