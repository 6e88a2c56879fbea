// What an open portal chat stream sends and whether it may stay open: the chat's lines after the last one the page has
// (all of them again when the page's last is unknown here), and the link and second-factor session still good, read
// without extending the session (an open page is not the debtor's activity).
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/index.ts';
import { chatConversation, type ChatLine } from '../agent/index.ts';
import type { PortalAccess } from './links.ts';
import { getPortalSettings } from './settings.ts';

export interface ChatUpdate {
  /** The lines after the cursor, newest last; with `reset`, the whole chat (the last 100) to show instead. */
  lines: ChatLine[];
  reset: boolean;
  agent: boolean;
  with_person: boolean;
  pending: boolean;
  /** The id of the newest line: the event's id, which the page sends back as Last-Event-ID. */
  last: string | null;
}

/** The chat since `cursor` (a line id the page has), or null when nothing changed, flags included, since `before`. */
export async function portalChatSince(q: Queryable, a: PortalAccess, cursor: string | null, before?: Omit<ChatUpdate, 'lines' | 'reset'>): Promise<ChatUpdate | null> {
  const view = await chatConversation(q, a.orgId, a.customerId);
  const at = cursor ? view.data.findIndex((l) => l.id === cursor) : -1;
  const known = at >= 0 || (cursor === null && view.data.length === 0);
  const lines = known ? view.data.slice(at + 1) : view.data;
  const last = view.data.at(-1)?.id ?? null;
  const flags = { agent: view.agent, with_person: view.with_person, pending: view.pending, last };
  const same = before && before.agent === flags.agent && before.with_person === flags.with_person && before.pending === flags.pending;
  if (known && lines.length === 0 && (same || !before)) return null;
  return { lines, reset: !known, ...flags };
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
