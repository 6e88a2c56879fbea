// Which channel confirms what the debtor did in the portal: email (HTML and plain text) unless they prefer SMS or have no
// email, never one they stopped while another reaches them. Pure: the customer and their live stops are passed in.

export type ConfirmationChannel = 'email' | 'sms';

export interface Reachable {
  email: string | null;
  phone: string | null;
  preferred_channel: string | null;
}

/**
 * The channel, or null when neither email nor a phone reaches the customer. When every channel that reaches them is
 * stopped, the first is still chosen: the compliance gate blocks it at send time and the block is recorded on the message.
 */
export function confirmationChannel(c: Reachable, stopped: (channel: ConfirmationChannel) => boolean): ConfirmationChannel | null {
  const order: ConfirmationChannel[] = c.preferred_channel === 'sms' ? ['sms', 'email'] : ['email', 'sms'];
  const reaching = order.filter((ch) => (ch === 'email' ? c.email : c.phone));
  return reaching.find((ch) => !stopped(ch)) ?? reaching[0] ?? null;
}
