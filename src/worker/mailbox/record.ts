// Keeping a mailbox's mail in the inbox (inbox_events, provider 'email', one row per Message-ID or mailbox+UIDVALIDITY+UID):
// what the webhook path applies is stored as received for the inbound round; an automatic reply, an oversize or
// unreadable mail, or a report that changes nothing is kept settled, with the reason, and is never applied.
import type { Db } from '../../db/index.ts';
import { newId } from '../../domain/ids.ts';
import { redactCardNumbers, type InboundEvent, type RawRequest } from '../../channels/index.ts';
import { storeInbound } from '../inbound/store.ts';

/** The inbox provider mailbox mail is kept under: the email path's, whose events name messages sent through SMTP. */
export const MAILBOX_PROVIDER = 'email' as const;

export interface Kept { stored: number; duplicates: number }

/** Events the inbound round applies, exactly as a webhook's are; STOP read from a reply is left to the reply (it applies it). */
export async function keepForRound(db: Db, orgId: string, raw: RawRequest, events: readonly InboundEvent[], now: Date): Promise<Kept> {
  const replies = new Set(events.filter((e) => e.type === 'reply').map((e) => e.eventId));
  const applied = events.filter((e) => !((e.type === 'opt_out' || e.type === 'opt_in') && replies.has(e.replyEventId)));
  const r = await storeInbound(db, orgId, MAILBOX_PROVIDER, raw, applied, undefined, now);
  if (!r.ok) throw new Error(r.message);
  return { stored: r.stored, duplicates: r.duplicates };
}

/** A mail kept but not applied: settled as processed (an automatic reply) or failed (too big, unreadable), with why. */
export async function keepSettled(db: Db, orgId: string, eventId: string, body: string, event: InboundEvent | undefined,
  status: 'processed' | 'failed', note: string, now: Date): Promise<Kept> {
  const stored = event ? { ...event, ...(event.at ? { at: event.at.toISOString() } : {}), ...(event.type === 'reply' ? { text: redactCardNumbers(event.text) } : {}) } : null;
  const rows = await db.query(
    `INSERT INTO inbox_events (id, org_id, provider, event_id, received_at, body, status, error, attempts, next_attempt_at, event)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, NULL, $9) ON CONFLICT (provider, event_id) DO NOTHING RETURNING id`,
    [newId('inboxEvent', now.getTime()), orgId, MAILBOX_PROVIDER, `${orgId}/${eventId}`, now, redactCardNumbers(body), status, note.slice(0, 2000),
      stored ? JSON.stringify(stored) : null]);
  return { stored: rows.length, duplicates: 1 - rows.length };
}
