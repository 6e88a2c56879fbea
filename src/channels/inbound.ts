// A reply, and the STOP/START keyword event it carries when detectOptOut reads one (SMS-1, US-12).
import { detectOptOut, type ChannelKind } from '../compliance/index.ts';
import type { ChannelName, InboundEvent } from './types.ts';

export type ReplyEvent = Extract<InboundEvent, { type: 'reply' }>;

const KINDS: Partial<Record<ChannelName, ChannelKind>> = { sms: 'sms', whatsapp: 'whatsapp', email: 'email', voice: 'call' };

/** The reply, followed by an opt_out or opt_in event (its own event id) when the text is one. */
export function replyWithKeyword(reply: ReplyEvent): InboundEvent[] {
  const kind = KINDS[reply.channel];
  // an automatic reply is never read for STOP: its words are the responder's
  if (!kind || reply.automatic) return [reply];
  const d = detectOptOut(reply.text, { channel: kind, address: reply.from });
  if (d.kind !== 'opt_out' && d.kind !== 'opt_in') return [reply];
  return [reply, {
    type: d.kind, provider: reply.provider, eventId: `${reply.eventId}:${d.kind}`, channel: reply.channel, from: reply.from,
    keyword: d.matched, replyEventId: reply.eventId, ...(reply.at ? { at: reply.at } : {}),
  }];
}
