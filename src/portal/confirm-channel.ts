// Which channel confirms an arrangement to the debtor: WhatsApp when they prefer it and opted in to it, else email (HTML
// and plain text) unless they prefer SMS or have no email; never one they stopped while another reaches them. Pure: the
// customer, their live stops and whether they opted in to WhatsApp are passed in.

export type ConfirmationChannel = 'email' | 'sms' | 'whatsapp';

export interface Reachable {
  email: string | null;
  phone: string | null;
  whatsapp?: string | null;
  preferred_channel: string | null;
}

/**
 * The channel, or null when neither email nor a phone reaches the customer. When every channel that reaches them is
 * stopped, the first is still chosen: the compliance gate blocks it at send time and the block is recorded on the message.
 * WhatsApp needs the debtor's opt-in (the gate would block it without one), so without it the email or SMS goes instead.
 */
export function confirmationChannel(c: Reachable, stopped: (channel: ConfirmationChannel) => boolean, whatsappOptIn = false): ConfirmationChannel | null {
  if (c.preferred_channel === 'whatsapp' && whatsappOptIn && (c.whatsapp ?? c.phone) && !stopped('whatsapp')) return 'whatsapp';
  const order: ConfirmationChannel[] = c.preferred_channel === 'sms' ? ['sms', 'email'] : ['email', 'sms'];
  const reaching = order.filter((ch) => (ch === 'email' ? c.email : c.phone));
  return reaching.find((ch) => !stopped(ch)) ?? reaching[0] ?? null;
}
