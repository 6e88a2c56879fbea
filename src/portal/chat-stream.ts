// What an open portal chat stream sends and whether it may stay open: the chat's lines after the cursor the page has, in
// the order recorded (all of them again when the page's cursor is unknown here or a late line sorts before its own), and
// the link and second-factor session still good, read without extending the session (an open page is not activity).
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/index.ts';
import { CHAT_LINES_SHOWN, chatCursorAt, chatFlags, chatLineAt, chatLinesSince, latestChatLines, parseChatCursor, shownLine, type ChatCursor, type ChatLine,
  type OrderedLine } from '../agent/index.ts';
import type { PortalAccess } from './links.ts';
import { getPortalSettings } from './settings.ts';

export interface ChatUpdate {
  /** The lines after the cursor, in the order recorded; with `reset`, the whole chat (the last 100) to show instead. */
  lines: ChatLine[];
  reset: boolean;
  agent: boolean;
  with_person: boolean;
  pending: boolean;
  /** The id of the newest line the page has with this update. */
  last: string | null;
}

export type StreamFlags = Omit<ChatUpdate, 'lines' | 'reset'>;

/** Where a stream starts: a cursor it sent (Last-Event-ID), a line's id the page names (the lines after it), or nothing (all). */
export type StreamFrom = ChatCursor | string | null;

/** The page's Last-Event-ID or `after`, read: a cursor, else taken as a line's id (looked up in the customer's own chat only). */
export const streamFrom = (text: string | null | undefined): StreamFrom => (text ? parseChatCursor(text) ?? text : null);

/**
 * The chat since `from`: the update to send (null when nothing changed, flags included, since `before`), the cursor to
 * go on from (its text is the event's id) and the flags the page has after it: at a stream's first read with nothing to
 * send, those read now with the page's last line, so that a flag changing alone later (pending going false without an
 * answer) is sent. The whole chat instead (`reset`) when the page named no line, a line not of
 * this chat, more than the chat shows, or a line recorded late that sorts before lines the page has.
 */
export async function portalChatSince(q: Queryable, a: PortalAccess, from: StreamFrom, before?: StreamFlags): Promise<{ update: ChatUpdate | null; cursor: ChatCursor; flags: StreamFlags }> {
  const named = typeof from === 'string' ? await chatCursorAt(q, a.orgId, a.customerId, from) : from;
  const flags = await chatFlags(q, a.orgId, a.customerId);
  let read: { lines: OrderedLine[]; cursor: ChatCursor; reset: boolean } | null = null;
  if (named) {
    const since = await chatLinesSince(q, a.orgId, a.customerId, named, CHAT_LINES_SHOWN + 1);
    if (!since.late && since.lines.length <= CHAT_LINES_SHOWN) read = { ...since, reset: false };
  }
  if (!read) {
    const latest = await latestChatLines(q, a.orgId, a.customerId, CHAT_LINES_SHOWN);
    read = { ...latest, reset: from !== null || latest.lines.length > 0 };
  }
  const { lines, cursor, reset } = read;
  const last = lines.at(-1)?.id ?? (reset ? null : before?.last ?? (named && typeof from === 'string' ? from : null));
  const same = before && before.agent === flags.agent && before.with_person === flags.with_person && before.pending === flags.pending;
  if (!reset && lines.length === 0 && (same || !before)) {
    return { update: null, cursor, flags: before ?? { ...flags, last: named ? await chatLineAt(q, a.orgId, a.customerId, named) : null } };
  }
  const update = { lines: lines.map(shownLine), reset, ...flags, last };
  return { update, cursor, flags: { agent: update.agent, with_person: update.with_person, pending: update.pending, last } };
}

export type StreamEnd = 'link' | 'session';

/** Why a stream must close now (the link withdrawn or expired, the second factor's session over), or null while it may stay. */
export async function portalStreamEnd(q: Queryable, a: PortalAccess, sessionToken: string | undefined, now: Date): Promise<StreamEnd | null> {
  const link = await q.query('SELECT 1 FROM portal_links WHERE org_id = $1 AND id = $2 AND customer_id = $3 AND revoked_at IS NULL AND expires_at > $4',
    [a.orgId, a.linkId, a.customerId, now.toISOString()]);
  if (link.length === 0) return 'link';
  const settings = await getPortalSettings(q, a.orgId);
  if (settings.second_factor === 'none') return null;
  if (!sessionToken) return 'session';
  const live = await q.query(
    `SELECT 1 FROM portal_sessions WHERE token_hash = $1 AND org_id = $2 AND customer_id = $3 AND expires_at > $4
       AND created_at + make_interval(hours => $5::int) > $4`,
    [createHash('sha256').update(sessionToken).digest('hex'), a.orgId, a.customerId, now.toISOString(), settings.session_max_hours]);
  return live.length > 0 ? null : 'session';
}

/** The key open streams are counted under: the link, and the second factor's session when there is one (never the token itself). */
export function portalStreamKey(a: PortalAccess, sessionToken: string | undefined): string {
  return sessionToken ? `${a.linkId}:${createHash('sha256').update(sessionToken).digest('hex').slice(0, 16)}` : a.linkId;
}
